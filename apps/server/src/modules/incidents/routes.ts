import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ErrorResponseSchema,
  IncidentSchema,
  IncidentTransitionRequestSchema,
  JournalKind,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import { transitionIncident } from './service.ts';

const IncidentParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** What the duty officer does with an incident. */
export const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/incidents/:id/transitions',
    {
      schema: {
        tags: ['incidents'],
        summary:
          "Change an incident's status (acknowledge, start, monitor, close, reopen), with why",
        params: IncidentParamsSchema,
        body: IncidentTransitionRequestSchema,
        response: { 200: IncidentSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      const entry = await transitionIncident(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      if (entry.kind !== JournalKind.incidentUpdated)
        throw new Error('a transition journals an incident update');
      return entry.data.incident;
    },
  );
};
