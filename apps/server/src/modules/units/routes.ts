import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateUnitSchema,
  ErrorResponseSchema,
  UnitListSchema,
  UnitQuerySchema,
  UnitSchema,
  UpdateUnitSchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import { archiveUnit, createUnit, findUnits, getUnit, updateUnit } from './service.ts';

const UnitParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The units an incident can be escalated to and their contacts: read by all, kept by admins. */
export const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const setting = { city: app.city, districts: app.districts };

  app.get(
    '/api/v1/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Units by name, with their contacts; archived ones only with archived=true',
        querystring: UnitQuerySchema,
        response: { 200: UnitListSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => ({
      units: await findUnits(app.database, request.query.archived === 'true'),
    }),
  );

  app.get(
    '/api/v1/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'One unit with its contacts, archived or not',
        params: UnitParamsSchema,
        response: { 200: UnitSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => getUnit(app.database, request.params.id),
  );

  app.post(
    '/api/v1/units',
    {
      schema: {
        tags: ['units'],
        summary: 'Create a unit with the categories and districts it answers for, and its contacts',
        body: CreateUnitSchema,
        response: { 201: UnitSchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const entry = await createUnit(app.database, setting, request.body, actorOf(request.caller));
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.unit);
    },
  );

  app.patch(
    '/api/v1/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: "Change a unit's fields or its contacts",
        params: UnitParamsSchema,
        body: UpdateUnitSchema,
        response: {
          200: UnitSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const entry = await updateUnit(
        app.database,
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return entry.data.unit;
    },
  );

  app.delete(
    '/api/v1/units/:id',
    {
      schema: {
        tags: ['units'],
        summary: 'Archive a unit: no longer offered, still known to the journal',
        params: UnitParamsSchema,
        response: { 200: UnitSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      const entry = await archiveUnit(app.database, request.params.id, actorOf(request.caller));
      app.liveHub.committed([entry]);
      return entry.data.unit;
    },
  );
};
