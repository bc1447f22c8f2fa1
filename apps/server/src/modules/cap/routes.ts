import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { CapImportReceiptSchema, ErrorResponseSchema } from '@vaka/domain';
import { actorOf, type Caller } from '../../plugins/auth.ts';
import { BadRequestError } from '../../errors.ts';
import { decodeXml } from './decode.ts';
import { readCapDocument } from './read.ts';
import { importCapAlerts } from './service.ts';

/** A CAP document with a few alerts is tens of kilobytes; an inline image can make it more. */
export const CAP_BODY_LIMIT = 2 * 1024 * 1024;
/**
 * Up to this, a larger body is taken in only to say what it is (a whole national feed, say);
 * past it, it is refused before it is read.
 */
const LARGEST_BODY = 16 * 1024 * 1024;

/** application/cap+xml, application/xml and text/xml, and any other +xml type (a feed, say). */
const XML_TYPES = /^(application|text)\/([\w.-]+\+)?xml$/i;

/** The body is in a type this route does not read: 415. */
class UnsupportedMediaTypeError extends Error {
  override name = 'UnsupportedMediaTypeError';
  readonly statusCode = 415;
}

/** The body is larger than Vaka reads: 413. */
class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
  readonly statusCode = 413;
}

/**
 * Why a body past CAP_BODY_LIMIT is refused, naming what it is when its first element says: a
 * feed is told to send its alerts one by one. Only its start is read.
 */
function tooLarge(body: Buffer, charset: string | undefined): PayloadTooLargeError {
  const size = `${(body.length / (1024 * 1024)).toFixed(1)} MiB`;
  let root: string | undefined;
  try {
    const head = decodeXml(body.subarray(0, 64 * 1024), charset).text;
    root = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]/.exec(head)?.[2];
  } catch {
    root = undefined;
  }
  const feed =
    root === undefined
      ? undefined
      : { feed: 'an Atom feed', rss: 'an RSS feed', RDF: 'an RSS feed' }[root];
  return new PayloadTooLargeError(
    feed
      ? `The document is ${feed} of ${size}, not a CAP alert, and larger than the 2 MiB Vaka reads: post the alerts it lists, each as its own document`
      : `The document is ${size}; Vaka reads CAP documents of up to 2 MiB: send its alerts in smaller documents`,
  );
}

/** A person posts alerts by hand now and then; a partner's key has its own limit. */
const PERSON_DOCUMENTS_PER_MINUTE = 600;

function callerKey(caller: Caller): string {
  if (caller.kind === 'api_key') return `key:${caller.apiKey.id}`;
  if (caller.kind === 'user') return `user:${caller.account.id}`;
  return 'anonymous';
}

/** The charset parameter of a Content-Type, when it has one. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

/** CAP alerts in: an agency's or a partner's CAP document becomes reports. */
export const capRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Only this route reads XML: the parsers are this plugin's own, and JSON is not among them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    XML_TYPES,
    { parseAs: 'buffer', bodyLimit: LARGEST_BODY },
    (_request, body, done) => done(null, body),
  );
  app.addContentTypeParser('*', (request, _payload, done) =>
    done(
      new UnsupportedMediaTypeError(
        `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted: send the CAP document with Content-Type: application/cap+xml (or application/xml, text/xml)`,
      ),
      undefined,
    ),
  );

  app.post(
    '/api/v1/reports/cap',
    {
      bodyLimit: LARGEST_BODY,
      config: {
        rateLimit: {
          max: (request: FastifyRequest) =>
            request.caller.kind === 'api_key'
              ? request.caller.apiKey.rateLimitPerMinute
              : PERSON_DOCUMENTS_PER_MINUTE,
          keyGenerator: (request: FastifyRequest) => callerKey(request.caller),
          timeWindow: 60_000,
        },
      },
      schema: {
        tags: ['intake'],
        summary: 'Receive a CAP document: each alert in it becomes a report',
        description:
          'Takes one OASIS CAP document (application/cap+xml, application/xml or text/xml, at most 2 MiB): one alert, several in a wrapper, or one in an EDXL-DE envelope; CAP 1.2, 1.1 or 1.0. ' +
          'A new alert opens an incident; an Update or Cancel whose references name an alert Vaka has joins that incident; the same alert sent again is recognised and nothing is stored. ' +
          'Where an alert strays from CAP 1.2 it is still read when a careful reader could, and the receipt lists the deviations. ' +
          'XML entities are never expanded: a document that declares any is refused.',
        response: {
          201: CapImportReceiptSchema,
          400: ErrorResponseSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
          422: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { body } = request;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new BadRequestError('The body is empty; send one CAP document (XML)');
      }
      const charset = charsetOf(request.headers['content-type']);
      if (body.length > CAP_BODY_LIMIT) throw tooLarge(body, charset);
      const decoded = decodeXml(body, charset);
      const alerts = readCapDocument(decoded.text).map(({ alert, deviations }) => ({
        alert,
        deviations: [...decoded.deviations, ...deviations],
      }));
      const { receipts, entries, reportsCreated } = await importCapAlerts(
        { database: app.database, districts: app.districts, city: app.city },
        alerts,
        { actor: actorOf(request.caller), receivedAt: app.clock() },
      );
      app.liveHub.committed(entries);
      app.metrics.reportsReceived.inc(reportsCreated);
      return reply.code(201).send({ alerts: receipts });
    },
  );
};
