import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponseSchema, IncidentDetailSchema } from '@vaka/domain';
import { readIncidentDetail } from '@vaka/db';

const IncidentParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** One incident with everything behind it, for the console's incident view. */
export const incidentDetailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'An incident with its reports, the incidents merged into it, and their journal, as of asOfSeq',
        params: IncidentParamsSchema,
        response: { 200: IncidentDetailSchema, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      // One snapshot: the incident, its reports and its journal all reflect asOfSeq.
      const detail = await app.database.db.transaction(
        (tx) => readIncidentDetail(tx, request.params.id),
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      if (!detail) {
        return reply.code(404).send({
          statusCode: 404,
          error: 'Not Found',
          message: `There is no incident ${request.params.id}`,
        });
      }
      return detail;
    },
  );
};
