import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateEscalationPolicySchema,
  ErrorResponseSchema,
  EscalationPolicyListSchema,
  EscalationPolicySchema,
  UpdateEscalationPolicySchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import {
  archiveEscalationPolicy,
  createEscalationPolicy,
  findUnitEscalationPolicies,
  getEscalationPolicy,
  updateEscalationPolicy,
} from './service.ts';

const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** A unit's escalation policies: read by all, kept by admins. */
export const escalationPolicyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/units/:id/escalation-policies',
    {
      schema: {
        tags: ['escalation-policies'],
        summary: "A unit's escalation policies in use, by name",
        params: IdParamsSchema,
        response: { 200: EscalationPolicyListSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => ({
      policies: await findUnitEscalationPolicies(app.database, request.params.id),
    }),
  );

  app.post(
    '/api/v1/units/:id/escalation-policies',
    {
      schema: {
        tags: ['escalation-policies'],
        summary:
          "Create an escalation policy of a unit, its steps naming the unit's contacts and schedules",
        params: IdParamsSchema,
        body: CreateEscalationPolicySchema,
        response: {
          201: EscalationPolicySchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const entry = await createEscalationPolicy(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.policy);
    },
  );

  app.get(
    '/api/v1/escalation-policies/:id',
    {
      schema: {
        tags: ['escalation-policies'],
        summary: 'One escalation policy, archived or not',
        params: IdParamsSchema,
        response: { 200: EscalationPolicySchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => getEscalationPolicy(app.database, request.params.id),
  );

  app.patch(
    '/api/v1/escalation-policies/:id',
    {
      schema: {
        tags: ['escalation-policies'],
        summary: "Change an escalation policy's name, repeat or steps",
        params: IdParamsSchema,
        body: UpdateEscalationPolicySchema,
        response: {
          200: EscalationPolicySchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const entry = await updateEscalationPolicy(
        app.database,
        request.params.id,
        request.body,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return entry.data.policy;
    },
  );

  app.delete(
    '/api/v1/escalation-policies/:id',
    {
      schema: {
        tags: ['escalation-policies'],
        summary: 'Archive an escalation policy: no new escalation runs by it',
        params: IdParamsSchema,
        response: {
          200: EscalationPolicySchema,
          404: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const entry = await archiveEscalationPolicy(
        app.database,
        request.params.id,
        actorOf(request.caller),
      );
      app.liveHub.committed([entry]);
      return entry.data.policy;
    },
  );
};
