import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ErrorResponseSchema,
  IncidentQuerySchema,
  IncidentSchema,
  IncidentSearchResultSchema,
  IncidentTransitionRequestSchema,
  MergeIncidentRequestSchema,
  MergeIncidentResultSchema,
  SplitReportRequestSchema,
  SplitReportResultSchema,
  UpdateIncidentRequestSchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import { assertCategoryInUse } from '../city/taxonomy.ts';
import {
  findIncidents,
  mergeIncident,
  splitReport,
  transitionIncident,
  updateIncident,
} from './service.ts';

const IncidentParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

const changeErrors = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
};

/** What the duty officer does with an incident, and finding incidents again. */
export const incidentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Find incidents, open and closed: by filters newest first, or by words (q) best match first',
        querystring: IncidentQuerySchema,
        response: { 200: IncidentSearchResultSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => findIncidents(app.database, request.query),
  );

  app.patch(
    '/api/v1/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: "Change an incident's title, category, severity, location or planned event",
        params: IncidentParamsSchema,
        body: UpdateIncidentRequestSchema,
        response: { 200: IncidentSchema, ...changeErrors },
      },
    },
    async (request) => {
      if (request.body.changes.category !== undefined) {
        assertCategoryInUse(app.city, request.body.changes.category);
      }
      const entry = await updateIncident(
        app.database,
        app.districts,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return entry.data.incident;
    },
  );

  app.post(
    '/api/v1/incidents/:id/transitions',
    {
      schema: {
        tags: ['incidents'],
        summary:
          "Change an incident's status (acknowledge, start, monitor, close, reopen), with why",
        params: IncidentParamsSchema,
        body: IncidentTransitionRequestSchema,
        response: { 200: IncidentSchema, ...changeErrors },
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
      return entry.data.incident;
    },
  );

  app.post(
    '/api/v1/incidents/:id/merge',
    {
      schema: {
        tags: ['incidents'],
        summary:
          'Merge this incident, a duplicate, into another: its reports move there and it closes',
        params: IncidentParamsSchema,
        body: MergeIncidentRequestSchema,
        response: { 200: MergeIncidentResultSchema, ...changeErrors },
      },
    },
    async (request) => {
      const entry = await mergeIncident(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return { incident: entry.data.into, merged: entry.data.incident };
    },
  );

  app.post(
    '/api/v1/incidents/:id/split',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Move one report out of this incident into a new incident of its own',
        params: IncidentParamsSchema,
        body: SplitReportRequestSchema,
        response: { 200: SplitReportResultSchema, ...changeErrors },
      },
    },
    async (request) => {
      const entry = await splitReport(
        app.database,
        app.districts,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return { incident: entry.data.incident, from: entry.data.from };
    },
  );
};
