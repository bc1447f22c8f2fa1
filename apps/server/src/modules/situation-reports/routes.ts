import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateSituationReportSchema,
  ErrorResponseSchema,
  KeyEventListSchema,
  KeyEventQuerySchema,
  SituationReportListSchema,
  SituationReportSchema,
  SituationReportStepSchema,
  UpdateSituationReportSchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import {
  approveReport,
  createReport,
  findKeyEvents,
  findReports,
  getReport,
  reportPdf,
  updateReport,
  type ReportSetting,
} from './service.ts';

const ReportParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

const refusals = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
};

/** Key events of the situation, and situation reports: drafted, edited, approved, as PDF. */
export const situationReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const setting: ReportSetting = { database: app.database, city: app.city };

  app.get(
    '/api/v1/key-events',
    {
      schema: {
        tags: ['situation reports'],
        summary:
          'Key events recorded after from and up to to (default: the last 12 hours), oldest first; of more than 500, the latest 500',
        querystring: KeyEventQuerySchema,
        response: { 200: KeyEventListSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => findKeyEvents(setting, request.query, app.clock()),
  );

  app.get(
    '/api/v1/situation-reports',
    {
      schema: {
        tags: ['situation reports'],
        summary: 'Every situation report: drafts first, then approved ones by number and version',
        response: { 200: SituationReportListSchema },
      },
    },
    async () => findReports(app.database),
  );

  app.get(
    '/api/v1/situation-reports/:id',
    {
      schema: {
        tags: ['situation reports'],
        summary: 'A situation report',
        params: ReportParamsSchema,
        response: { 200: SituationReportSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => getReport(app.database, request.params.id),
  );

  app.get(
    '/api/v1/situation-reports/:id/pdf',
    {
      schema: {
        tags: ['situation reports'],
        summary:
          'A situation report as an A4 PDF in its language; every page of a draft is marked as a draft',
        params: ReportParamsSchema,
        response: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
          },
          404: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => sendPdf(reply, await reportPdf(setting, request.params.id)),
  );

  app.post(
    '/api/v1/situation-reports',
    {
      schema: {
        tags: ['situation reports'],
        summary:
          'Draft a situation report from the key events since the last approved one (or the last 24 hours) and the picture now; or, with revises, a correction of an approved report',
        body: CreateSituationReportSchema,
        response: { 201: SituationReportSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const entry = await createReport(setting, request.body, actorOf(request.caller), app.clock());
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.report);
    },
  );

  app.patch(
    '/api/v1/situation-reports/:id',
    {
      schema: {
        tags: ['situation reports'],
        summary: 'Change sections of a draft; an approved report never changes (409)',
        params: ReportParamsSchema,
        body: UpdateSituationReportSchema,
        response: { 200: SituationReportSchema, ...refusals },
      },
    },
    async (request) => {
      const entry = await updateReport(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.report;
    },
  );

  app.post(
    '/api/v1/situation-reports/:id/approve',
    {
      schema: {
        tags: ['situation reports'],
        summary:
          'Approve a draft: it takes the next number (a revision: the same number, the next version) and never changes again; refused (403) to whoever wrote it',
        params: ReportParamsSchema,
        body: SituationReportStepSchema,
        response: { 200: SituationReportSchema, 403: ErrorResponseSchema, ...refusals },
      },
    },
    async (request) => {
      const entry = await approveReport(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.report;
    },
  );
};

/** Answers with a PDF to save under its name; a draft changes, so nothing keeps a copy. */
function sendPdf(reply: FastifyReply, { pdf, fileName }: { pdf: Buffer; fileName: string }) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(pdf);
}
