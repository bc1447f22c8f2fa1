import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/** Serves the built console, with the single-page app's index for every other browser path. */
export default fp<{ consoleDir: string }>(
  async (app, { consoleDir }) => {
    const index = path.join(consoleDir, 'index.html');
    if (!existsSync(index)) {
      app.log.warn({ consoleDir }, 'the console is not built: run `pnpm build` to serve it');
      app.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply
          .type('text/html')
          .send(
            '<!doctype html><title>Vaka</title><p>The console is not built yet: run <code>pnpm build</code>.</p>',
          ),
      );
      return;
    }
    await app.register(fastifyStatic, { root: consoleDir, wildcard: false, index: 'index.html' });
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith('/api/')) {
        return reply.code(404).send({
          statusCode: 404,
          error: 'Not Found',
          message: `There is no GET ${request.url.split('?')[0]}`,
        });
      }
      return reply.sendFile('index.html');
    });
  },
  { name: 'console', dependencies: ['errors'] },
);
