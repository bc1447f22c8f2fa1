import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ErrorResponseSchema,
  HandoverListSchema,
  HandoverSchema,
  HandoverStepSchema,
  OnDutySchema,
  UpdateHandoverSchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import {
  confirmHandover,
  draftHandover,
  findHandovers,
  getHandover,
  updateHandover,
  whoIsOnDuty,
} from './service.ts';

const HandoverParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The shift handover between duty officers, and who is on duty now. */
export const handoverRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/handovers',
    {
      schema: {
        tags: ['handovers'],
        summary: 'The latest handovers, newest first, at most 50',
        response: { 200: HandoverListSchema },
      },
    },
    async () => ({ handovers: await findHandovers(app.database) }),
  );

  app.get(
    '/api/v1/handovers/:id',
    {
      schema: {
        tags: ['handovers'],
        summary: 'One handover: the picture handed over, the notes, who confirmed it',
        params: HandoverParamsSchema,
        response: { 200: HandoverSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => getHandover(app.database, request.params.id),
  );

  app.post(
    '/api/v1/handovers',
    {
      schema: {
        tags: ['handovers'],
        summary:
          'Draft the handover from the picture as it is now; refused while another draft is in progress',
        response: { 201: HandoverSchema, 409: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const entry = await draftHandover(app.database, actorOf(request.caller), app.clock());
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.handover);
    },
  );

  app.patch(
    '/api/v1/handovers/:id',
    {
      schema: {
        tags: ['handovers'],
        summary: "Change a draft handover's notes, or gather its picture again",
        params: HandoverParamsSchema,
        body: UpdateHandoverSchema,
        response: {
          200: HandoverSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const change = await updateHandover(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed(change.entries);
      return change.handover;
    },
  );

  app.post(
    '/api/v1/handovers/:id/confirm',
    {
      schema: {
        tags: ['handovers'],
        summary:
          'The incoming duty officer confirms the handover and is on duty from now; never the one who drafted it',
        params: HandoverParamsSchema,
        body: HandoverStepSchema,
        response: {
          200: HandoverSchema,
          400: ErrorResponseSchema,
          403: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const entry = await confirmHandover(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.handover;
    },
  );

  app.get(
    '/api/v1/duty',
    {
      schema: {
        tags: ['handovers'],
        summary:
          'Who is on duty now: whoever confirmed the latest handover, since when; empty before the first',
        response: { 200: OnDutySchema },
      },
    },
    async () => whoIsOnDuty(app.database),
  );
};
