import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
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

/** Report intake: a phone call typed in, or a partner system's post. */
export const intakeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/reports',
    {
      bodyLimit: 64 * 1024,
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
      const key = request.headers['idempotency-key'];
      const { receipt, created } = await app.intake.submit(request.body, {
        actor: 'anonymous',
        ...(key !== undefined && { idempotency: { scope: 'anonymous', key } }),
      });
      if (!created) reply.header('idempotent-replayed', 'true');
      reply.header('location', `/api/v1/reports/${receipt.reportId}`);
      return reply.code(201).send(receipt);
    },
  );
};
