import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponseSchema, ReadinessSchema, SetReadinessRequestSchema } from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import { setReadiness } from './service.ts';

/** The city's readiness level, raised and lowered by the duty officer and the crisis leadership. */
export const readinessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.put(
    '/api/v1/readiness',
    {
      schema: {
        tags: ['situation'],
        summary: "Set the city's readiness level, with why",
        body: SetReadinessRequestSchema,
        response: { 200: ReadinessSchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      const entry = await setReadiness(app.database, request.body, actorOf(request.caller));
      app.liveHub.committed([entry]);
      return entry.data.readiness;
    },
  );
};
