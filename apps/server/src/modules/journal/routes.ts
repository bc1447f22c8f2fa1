import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AddNoteRequestSchema,
  CorrectEntryRequestSchema,
  EntryCorrectedEntrySchema,
  EntryFlaggedEntrySchema,
  ErrorResponseSchema,
  FlagEntryRequestSchema,
  IncidentJournalQuerySchema,
  JournalExportFormat,
  JournalExportQuerySchema,
  JournalExportSchema,
  JournalVerificationSchema,
  NoteAddedEntrySchema,
} from '@vaka/domain';
import { verifyJournal } from '@vaka/db';
import { actorOf } from '../../plugins/auth.ts';
import {
  exportIncidentJournal,
  exportJournalRange,
  type JournalDownload,
  type JournalExportContext,
} from './export.ts';
import { addNote, correctEntry, flagEntry } from './service.ts';

const IncidentParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });
const EntryParamsSchema = Type.Object({
  seq: Type.String({
    pattern: '^[1-9][0-9]{0,14}$',
    description: "The entry's sequence number, from 1",
  }),
});

const refusals = { 400: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema };

/** What a download answers: JSON, or CSV for a spreadsheet. */
const downloadResponse = {
  description: 'JSON by default; CSV (UTF-8 with a byte order mark) with format=csv',
  content: {
    'application/json': { schema: JournalExportSchema },
    'text/csv': { schema: Type.String() },
  },
};

/** The journal as evidence and as the incident's story: notes, flags, corrections and exports. */
export const journalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/journal/verify',
    {
      schema: {
        tags: ['journal'],
        summary: 'Walk the hash chain and name the first entry that does not match',
        response: { 200: JournalVerificationSchema },
      },
    },
    async () => verifyJournal(app.database.db),
  );

  app.post(
    '/api/v1/incidents/:id/notes',
    {
      schema: {
        tags: ['journal'],
        summary: 'Add a note to an incident: what was learnt or decided, and when it happened',
        params: IncidentParamsSchema,
        body: AddNoteRequestSchema,
        response: { 201: NoteAddedEntrySchema, ...refusals },
      },
    },
    async (request, reply) => {
      const entry = await addNote(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry);
    },
  );

  app.post(
    '/api/v1/journal/:seq/flags',
    {
      schema: {
        tags: ['journal'],
        summary: "Mark or unmark an incident's entry as a key event or as released to the public",
        params: EntryParamsSchema,
        body: FlagEntryRequestSchema,
        response: { 201: EntryFlaggedEntrySchema, ...refusals },
      },
    },
    async (request, reply) => {
      const entry = await flagEntry(
        app.database,
        Number(request.params.seq),
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry);
    },
  );

  app.post(
    '/api/v1/journal/:seq/corrections',
    {
      schema: {
        tags: ['journal'],
        summary: "Correct an incident's entry; the entry itself stays as it was",
        params: EntryParamsSchema,
        body: CorrectEntryRequestSchema,
        response: { 201: EntryCorrectedEntrySchema, ...refusals },
      },
    },
    async (request, reply) => {
      const entry = await correctEntry(
        app.database,
        Number(request.params.seq),
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry);
    },
  );

  app.get(
    '/api/v1/incidents/:id/journal',
    {
      schema: {
        tags: ['journal'],
        summary:
          "Download an incident's journal, with the incidents merged into it, as JSON or CSV",
        params: IncidentParamsSchema,
        querystring: IncidentJournalQuerySchema,
        response: { 200: downloadResponse, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await exportIncidentJournal(
          app.database,
          request.params.id,
          exportContext(request, request.query.format),
        ),
      ),
  );

  app.get(
    '/api/v1/journal',
    {
      schema: {
        tags: ['journal'],
        summary:
          'Download the entries recorded in [from, to) that your roles may see, as JSON or CSV',
        querystring: JournalExportQuerySchema,
        response: { 200: downloadResponse, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) =>
      send(
        reply,
        await exportJournalRange(
          app.database,
          request.query,
          exportContext(request, request.query.format),
        ),
      ),
  );
};

function exportContext(
  request: FastifyRequest,
  format: JournalExportFormat | undefined,
): JournalExportContext {
  const { caller } = request;
  return {
    format: format ?? JournalExportFormat.json,
    permissions: caller.kind === 'anonymous' ? new Set() : caller.permissions,
    exportedBy: actorOf(caller),
  };
}

function send(reply: FastifyReply, download: JournalDownload) {
  return reply
    .type(download.contentType)
    .header('content-disposition', `attachment; filename="${download.filename}"`)
    .send(download.body);
}
