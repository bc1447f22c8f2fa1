import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponseSchema } from '@vaka/domain';
import { capFeed, messageFeed } from './atom.ts';
import { readerLanguage } from './language.ts';
import { renderPublicPage } from './page.ts';
import {
  publicCap,
  recentlyWithdrawnMessages,
  validPublicMessages,
  type PublicSetting,
} from './service.ts';

// Loose on purpose: a link shared with tracking parameters or an unknown language still shows
// the page, in the language the reader would get without it.
const LanguageQuerySchema = Type.Object({
  lang: Type.Optional(
    Type.String({ maxLength: 35, description: 'sv, fi, en or cs; otherwise Accept-Language' }),
  ),
});

const CapParamsSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'The version, from 1' }),
});

const text = (description: string, type: string) => ({
  description,
  content: { [type]: { schema: Type.String() } },
});

/** How long a browser, proxy or feed reader may keep an answer before asking again. */
const CACHE_CONTROL = 'public, max-age=30';

export interface PublicRoutesOptions {
  /** The address the public reaches Vaka at: the feeds' links and the CAP sender. */
  publicUrl: URL;
}

/**
 * What the public reads without signing in: the valid messages as a page, as an Atom feed and as
 * a feed of CAP 1.2 documents. Exercises never appear here.
 */
export const publicRoutes: FastifyPluginAsyncTypebox<PublicRoutesOptions> = async (
  app,
  { publicUrl },
) => {
  const setting: PublicSetting = {
    database: app.database,
    city: app.city,
    districts: app.districts,
    publicUrl,
  };
  const languageOf = (request: FastifyRequest, asked: string | undefined) =>
    readerLanguage(app.city, asked, request.headers['accept-language']);

  app.get(
    '/public',
    {
      schema: {
        tags: ['public'],
        summary:
          'The valid public messages as a page, newest first, in the language of ?lang=, else of Accept-Language, else the city’s first',
        querystring: LanguageQuerySchema,
        response: { 200: text('The page', 'text/html'), 304: { description: 'Unchanged' } },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const html = renderPublicPage({
        city: app.city,
        messages: await validPublicMessages(setting, now),
        language: languageOf(request, request.query.lang),
        now,
      });
      return send(request, reply, 'text/html; charset=utf-8', html);
    },
  );

  app.get(
    '/public/feed.atom',
    {
      schema: {
        tags: ['public'],
        summary:
          'The valid public messages as an Atom 1.0 feed, one entry per message, in the language chosen as for /public',
        querystring: LanguageQuerySchema,
        response: {
          200: text('The feed', 'application/atom+xml'),
          304: { description: 'Unchanged' },
        },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const xml = messageFeed(await validPublicMessages(setting, now), {
        city: app.city,
        language: languageOf(request, request.query.lang),
        publicUrl,
        now,
      });
      return send(request, reply, 'application/atom+xml; charset=utf-8', xml);
    },
  );

  app.get(
    '/public/cap/feed.atom',
    {
      schema: {
        tags: ['public'],
        summary:
          'An Atom feed of CAP 1.2 documents: the latest published version of each valid message, and the Cancel of each withdrawn one until it would have expired',
        querystring: LanguageQuerySchema,
        response: {
          200: text('The feed', 'application/atom+xml'),
          304: { description: 'Unchanged' },
        },
      },
    },
    async (request, reply) => {
      const now = app.clock();
      const xml = capFeed(
        await validPublicMessages(setting, now),
        await recentlyWithdrawnMessages(setting, now),
        { city: app.city, language: languageOf(request, request.query.lang), publicUrl, now },
      );
      return send(request, reply, 'application/atom+xml; charset=utf-8', xml);
    },
  );

  app.get(
    '/public/cap/:id/:version',
    {
      schema: {
        tags: ['public'],
        summary:
          'A version that went out, as an OASIS CAP 1.2 alert: Alert, Update, or Cancel once withdrawn; never an exercise',
        params: CapParamsSchema,
        response: {
          200: text('The CAP document, UTF-8', 'application/cap+xml'),
          304: { description: 'Unchanged' },
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const xml = await publicCap(setting, request.params.id, Number(request.params.version));
      return send(request, reply, 'application/cap+xml; charset=utf-8', xml);
    },
  );
};

/**
 * Sends a public answer that anyone may cache briefly, with an entity tag so a reader polling
 * the feeds gets a bodiless 304 while nothing changed.
 */
function send(request: FastifyRequest, reply: FastifyReply, type: string, body: string) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  // The language follows Accept-Language when ?lang= is not given.
  void reply
    .header('cache-control', CACHE_CONTROL)
    .header('vary', 'Accept-Language')
    .header('etag', etag);
  const seen = request.headers['if-none-match'];
  if (
    seen !== undefined &&
    seen.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
  ) {
    return reply.code(304).send();
  }
  return reply.type(type).send(body);
}
