import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { ErrorResponse } from '@vaka/domain';

const NOT_BUILT_PAGE =
  '<!doctype html><title>Vaka</title><p>The console is not built yet: run <code>pnpm build</code>.</p>';

/**
 * Serves the built console: its files, and the single-page app's index for every other browser
 * path. NOTE: one route serves them all, so the policy table has one entry for the console.
 */
export default fp<{ consoleDir: string }>(
  async (app, { consoleDir }) => {
    const root = path.resolve(consoleDir);
    const built = existsSync(path.join(root, 'index.html'));
    if (built) await app.register(fastifyStatic, { root, serve: false });
    else app.log.warn({ consoleDir }, 'the console is not built: run `pnpm build` to serve it');

    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      const { pathname } = new URL(request.url, 'http://console');
      if (pathname.startsWith('/api/')) {
        return reply.code(404).send({
          statusCode: 404,
          error: 'Not Found',
          message: `There is no GET ${pathname}`,
        } satisfies ErrorResponse);
      }
      if (!built) return reply.type('text/html').send(NOT_BUILT_PAGE);
      const file = path.resolve(root, `.${safeDecode(pathname)}`);
      const isFile =
        file.startsWith(`${root}${path.sep}`) && existsSync(file) && statSync(file).isFile();
      return reply.sendFile(isFile ? path.relative(root, file) : 'index.html');
    });
  },
  { name: 'console', dependencies: ['errors'] },
);

/** The path decoded, or the root for a path that is not valid percent-encoding. */
function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return '/';
  }
}
