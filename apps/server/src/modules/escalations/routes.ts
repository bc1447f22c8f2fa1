import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CancelEscalationSchema,
  ConsoleRequestListSchema,
  ErrorResponseSchema,
  EscalateNowSchema,
  EscalationListSchema,
  EscalationSchema,
  IncidentEscalationsSchema,
  RecordAcknowledgementSchema,
  StartEscalationSchema,
  suggestUnits,
  type EscalationSuggestion,
  type Incident,
} from '@vaka/domain';
import { listAwaitingEscalations, listUnitEscalationPolicies, listUnits } from '@vaka/db';
import { actorOf } from '../../plugins/auth.ts';
import { unitOnCall } from '../schedules/service.ts';

const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

const refusals = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
};

/** Escalating incidents to units, and the duty officer's actions on an escalation. */
export const escalationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/escalations',
    {
      schema: {
        tags: ['escalations'],
        summary: 'Escalations awaiting acknowledgement (active or run out), oldest first',
        response: { 200: EscalationListSchema },
      },
    },
    async () => ({ escalations: await listAwaitingEscalations(app.database.db) }),
  );

  app.get(
    '/api/v1/escalation-requests',
    {
      schema: {
        tags: ['escalations'],
        summary:
          "Requests waiting in the caller's own console: steps that reach them as a unit's contact by the console channel",
        response: { 200: ConsoleRequestListSchema },
      },
    },
    async (request) => ({
      requests: await app.escalations.consoleRequests(actorOf(request.caller), app.clock()),
    }),
  );

  app.get(
    '/api/v1/incidents/:id/escalations',
    {
      schema: {
        tags: ['escalations'],
        summary:
          "An incident's escalations, newest first, and the units that answer for its category and district",
        params: IdParamsSchema,
        response: { 200: IncidentEscalationsSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => {
      const { incident, escalations } = await app.escalations.forIncident(request.params.id);
      return { escalations, suggestions: await suggestionsFor(incident) };
    },
  );

  app.post(
    '/api/v1/incidents/:id/escalations',
    {
      schema: {
        tags: ['escalations'],
        summary:
          "Escalate an incident to a unit by one of its policies; the policy's first step is notified at once",
        params: IdParamsSchema,
        body: StartEscalationSchema,
        response: { 201: EscalationSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const escalation = await app.escalations.start(
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      return reply.code(201).send(escalation);
    },
  );

  app.post(
    '/api/v1/escalations/:id/acknowledgements',
    {
      schema: {
        tags: ['escalations'],
        summary: 'Record that the unit took the case, heard by phone or in person',
        params: IdParamsSchema,
        body: RecordAcknowledgementSchema,
        response: { 200: EscalationSchema, ...refusals },
      },
    },
    async (request) =>
      app.escalations.recordAcknowledgement(
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      ),
  );

  app.post(
    '/api/v1/escalations/:id/escalate-now',
    {
      schema: {
        tags: ['escalations'],
        summary: 'Notify the next step now instead of waiting',
        params: IdParamsSchema,
        body: EscalateNowSchema,
        response: { 200: EscalationSchema, ...refusals },
      },
    },
    async (request) =>
      app.escalations.escalateNow(
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      ),
  );

  app.post(
    '/api/v1/escalations/:id/cancel',
    {
      schema: {
        tags: ['escalations'],
        summary: 'Call an escalation off, saying why; messages not yet sent are withdrawn',
        params: IdParamsSchema,
        body: CancelEscalationSchema,
        response: { 200: EscalationSchema, ...refusals },
      },
    },
    async (request) =>
      app.escalations.cancel(request.params.id, request.body, actorOf(request.caller), app.clock()),
  );

  /** The units that answer for the incident, with their policies and an on-call warning. */
  async function suggestionsFor(incident: Incident): Promise<EscalationSuggestion[]> {
    const units = await listUnits(app.database.db, { includeArchived: false });
    const now = app.clock();
    return Promise.all(
      suggestUnits(incident, units).map(async ({ unit, reasons }) => {
        const policies = await listUnitEscalationPolicies(app.database.db, unit.id);
        const onCall = await unitOnCall(app.database, unit.id, {}, now);
        return {
          unitId: unit.id,
          unitName: unit.name,
          reasons: reasons.map((reason) =>
            reason.kind === 'district' ? `district:${reason.district}` : reason.kind,
          ),
          policies: policies.map((policy) => ({ id: policy.id, name: policy.name })),
          nobodyOnCall: onCall.schedules.length > 0 && onCall.gaps.length > 0,
        };
      }),
    );
  }
};
