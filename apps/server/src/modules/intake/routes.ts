import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf, type Caller } from '../../plugins/auth.ts';
import { assertCategoryInUse } from '../city/taxonomy.ts';
import { attachReport } from './attach.ts';
import { CreateReportSchema, ErrorResponseSchema, ReportReceiptSchema } from '@vaka/domain';

const IntakeHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Any unique string (a UUID, say); a retry with the same key returns the first receipt',
    }),
  ),
});

const IncidentParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** A person types reports in by hand; this is far above what anyone can type. */
const PERSON_REPORTS_PER_MINUTE = 600;

/** Who a rate limit and an idempotency key belong to. */
function callerKey(caller: Caller): string {
  if (caller.kind === 'api_key') return `key:${caller.apiKey.id}`;
  if (caller.kind === 'user') return `user:${caller.account.id}`;
  return 'anonymous';
}

/** Per key, or per person: one partner's flood does not slow the others. */
const intakeRateLimit = {
  max: (request: FastifyRequest) =>
    request.caller.kind === 'api_key'
      ? request.caller.apiKey.rateLimitPerMinute
      : PERSON_REPORTS_PER_MINUTE,
  keyGenerator: (request: FastifyRequest) => callerKey(request.caller),
  timeWindow: 60_000,
};

/** Report intake: a phone call typed in, or a partner system's post. */
export const intakeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/reports',
    {
      bodyLimit: 64 * 1024,
      config: { rateLimit: intakeRateLimit },
      schema: {
        tags: ['intake'],
        summary: 'Receive a report; it opens an incident and reaches every console',
        headers: IntakeHeadersSchema,
        body: CreateReportSchema,
        response: {
          201: ReportReceiptSchema,
          400: ErrorResponseSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
          422: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      assertCategoryInUse(app.city, request.body.category);
      const key = request.headers['idempotency-key'];
      const { caller } = request;
      const { receipt, created } = await app.intake.submit(request.body, {
        actor: actorOf(caller),
        ...(key !== undefined && { idempotency: { scope: callerKey(caller), key } }),
      });
      if (!created) reply.header('idempotent-replayed', 'true');
      reply.header('location', `/api/v1/reports/${receipt.reportId}`);
      return reply.code(201).send(receipt);
    },
  );

  app.post(
    '/api/v1/incidents/:id/reports',
    {
      bodyLimit: 64 * 1024,
      config: { rateLimit: intakeRateLimit },
      schema: {
        tags: ['intake'],
        summary:
          'Receive a report about an open incident: it becomes one more of its reports instead of opening an incident',
        params: IncidentParamsSchema,
        headers: IntakeHeadersSchema,
        body: CreateReportSchema,
        response: {
          201: ReportReceiptSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
          422: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      assertCategoryInUse(app.city, request.body.category);
      const key = request.headers['idempotency-key'];
      const { caller } = request;
      const { receipt, created, entries } = await attachReport(
        app.database,
        request.params.id,
        request.body,
        {
          actor: actorOf(caller),
          ...(key !== undefined && { idempotency: { scope: callerKey(caller), key } }),
        },
      );
      if (created) {
        app.liveHub.committed(entries);
        app.metrics.reportsReceived.inc();
      } else {
        reply.header('idempotent-replayed', 'true');
      }
      reply.header('location', `/api/v1/reports/${receipt.reportId}`);
      return reply.code(201).send(receipt);
    },
  );
};
