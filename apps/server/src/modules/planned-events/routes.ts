import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CancelPlannedEventSchema,
  CreatePlannedEventSchema,
  ErrorResponseSchema,
  PlannedEventListSchema,
  PlannedEventQuerySchema,
  PlannedEventSchema,
  UpdatePlannedEventSchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import {
  cancelPlannedEvent,
  createPlannedEvent,
  findPlannedEvents,
  getPlannedEvent,
  updatePlannedEvent,
} from './service.ts';

const PlannedEventParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

const changeErrors = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
};

/** The calendar of known events: read by everyone who sees the situation, kept by duty officers. */
export const plannedEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/planned-events',
    {
      schema: {
        tags: ['planned-events'],
        summary:
          'Planned events overlapping [from, to), soonest first: the coming 14 days by default; cancelled ones only with cancelled=true',
        querystring: PlannedEventQuerySchema,
        response: { 200: PlannedEventListSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => ({
      events: await findPlannedEvents(app.database, request.query, app.clock()),
    }),
  );

  app.get(
    '/api/v1/planned-events/:id',
    {
      schema: {
        tags: ['planned-events'],
        summary: 'One planned event, cancelled or not',
        params: PlannedEventParamsSchema,
        response: { 200: PlannedEventSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => getPlannedEvent(app.database, request.params.id),
  );

  app.post(
    '/api/v1/planned-events',
    {
      schema: {
        tags: ['planned-events'],
        summary:
          'Put a known event in the calendar, with its place, time, expected crowd and responsible units',
        body: CreatePlannedEventSchema,
        response: { 201: PlannedEventSchema, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const entry = await createPlannedEvent(
        app.database,
        app.districts,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.event);
    },
  );

  app.patch(
    '/api/v1/planned-events/:id',
    {
      schema: {
        tags: ['planned-events'],
        summary: "Change a planned event's fields; expectedCrowd null clears it",
        params: PlannedEventParamsSchema,
        body: UpdatePlannedEventSchema,
        response: { 200: PlannedEventSchema, ...changeErrors },
      },
    },
    async (request) => {
      const entry = await updatePlannedEvent(
        app.database,
        app.districts,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.event;
    },
  );

  app.post(
    '/api/v1/planned-events/:id/cancel',
    {
      schema: {
        tags: ['planned-events'],
        summary: 'Call a planned event off, with why: it stays in the calendar, marked',
        params: PlannedEventParamsSchema,
        body: CancelPlannedEventSchema,
        response: { 200: PlannedEventSchema, ...changeErrors },
      },
    },
    async (request) => {
      const entry = await cancelPlannedEvent(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.event;
    },
  );
};
