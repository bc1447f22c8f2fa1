import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { migrationsApplied } from '@vaka/db';

const HealthSchema = Type.Object({ status: Type.String(), reason: Type.Optional(Type.String()) });

/** Liveness and readiness for a load balancer or an orchestrator. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });

  app.get(
    '/healthz',
    { schema: { tags: ['operations'], response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    { schema: { tags: ['operations'], response: { 200: HealthSchema, 503: HealthSchema } } },
    async (_request, reply) => {
      if (closing) return reply.code(503).send({ status: 'unavailable', reason: 'shutting down' });
      try {
        if (!(await migrationsApplied(app.database.pool))) {
          return reply
            .code(503)
            .send({ status: 'unavailable', reason: 'migrations are not applied' });
        }
      } catch {
        return reply
          .code(503)
          .send({ status: 'unavailable', reason: 'the database does not answer' });
      }
      return { status: 'ready' };
    },
  );
};
