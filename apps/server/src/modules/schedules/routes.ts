import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateOverrideSchema,
  CreateUnitScheduleSchema,
  ErrorResponseSchema,
  OnCallQuerySchema,
  UnitOnCallSchema,
  UnitScheduleListSchema,
  UnitScheduleSchema,
  UpdateUnitScheduleSchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import {
  addOverride,
  archiveSchedule,
  createSchedule,
  findUnitSchedules,
  getSchedule,
  removeOverride,
  unitOnCall,
  updateSchedule,
} from './service.ts';

const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });
const OverrideParamsSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  overrideId: Type.String({ format: 'uuid' }),
});

/** A unit's on-call schedules and who is on call: read by all, kept by admins. */
export const scheduleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/units/:id/schedules',
    {
      schema: {
        tags: ['schedules'],
        summary: "A unit's on-call schedules in use, by name, with their overrides",
        params: IdParamsSchema,
        response: { 200: UnitScheduleListSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => ({
      schedules: await findUnitSchedules(app.database, request.params.id),
    }),
  );

  app.post(
    '/api/v1/units/:id/schedules',
    {
      schema: {
        tags: ['schedules'],
        summary: "Create an on-call schedule of a unit, its rotations naming the unit's contacts",
        params: IdParamsSchema,
        body: CreateUnitScheduleSchema,
        response: {
          201: UnitScheduleSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const entry = await createSchedule(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.schedule);
    },
  );

  app.get(
    '/api/v1/units/:id/on-call',
    {
      schema: {
        tags: ['schedules'],
        summary:
          'Who is on call for a unit, per schedule: the turns in the range, now, next, and when nobody is in the next 24 hours',
        params: IdParamsSchema,
        querystring: OnCallQuerySchema,
        response: { 200: UnitOnCallSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => unitOnCall(app.database, request.params.id, request.query),
  );

  app.get(
    '/api/v1/schedules/:id',
    {
      schema: {
        tags: ['schedules'],
        summary: 'One on-call schedule, archived or not',
        params: IdParamsSchema,
        response: { 200: UnitScheduleSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => getSchedule(app.database, request.params.id),
  );

  app.patch(
    '/api/v1/schedules/:id',
    {
      schema: {
        tags: ['schedules'],
        summary: "Change a schedule's name, time zone or rotations",
        params: IdParamsSchema,
        body: UpdateUnitScheduleSchema,
        response: {
          200: UnitScheduleSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const entry = await updateSchedule(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return entry.data.schedule;
    },
  );

  app.delete(
    '/api/v1/schedules/:id',
    {
      schema: {
        tags: ['schedules'],
        summary: 'Archive a schedule: nobody is on call through it any more',
        params: IdParamsSchema,
        response: { 200: UnitScheduleSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      const entry = await archiveSchedule(app.database, request.params.id, actorOf(request.caller));
      app.liveHub.committed([entry]);
      return entry.data.schedule;
    },
  );

  app.post(
    '/api/v1/schedules/:id/overrides',
    {
      schema: {
        tags: ['schedules'],
        summary: 'Someone takes over for a while ("I take Friday night")',
        params: IdParamsSchema,
        body: CreateOverrideSchema,
        response: {
          201: UnitScheduleSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const entry = await addOverride(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.schedule);
    },
  );

  app.delete(
    '/api/v1/schedules/:id/overrides/:overrideId',
    {
      schema: {
        tags: ['schedules'],
        summary: 'Take back an override',
        params: OverrideParamsSchema,
        response: { 200: UnitScheduleSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      const entry = await removeOverride(
        app.database,
        request.params.id,
        request.params.overrideId,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return entry.data.schedule;
    },
  );
};
