import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateMessageRequestSchema,
  ErrorResponseSchema,
  MessageDetailSchema,
  MessageDraftSchema,
  MessageListSchema,
  MessageQuerySchema,
  MessageStepRequestSchema,
  PublicMessageSchema,
  PublishMessageRequestSchema,
  ReturnMessageRequestSchema,
  UpdateMessageRequestSchema,
  WithdrawMessageRequestSchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import {
  approveMessage,
  createMessage,
  draftNewVersion,
  findMessages,
  getMessage,
  incidentMessageDraft,
  messageCap,
  publishMessage,
  returnMessage,
  submitMessage,
  updateMessage,
  withdrawMessage,
  type MessageSetting,
} from './service.ts';

const MessageParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });
const VersionParamsSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'The version, from 1' }),
});

const refusals = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
};

export interface MessageRoutesOptions {
  /** The address the public reaches Vaka at: the CAP sender and the messages' public page. */
  publicUrl: URL;
}

/** The duty communicator's workbench: drafting, reviewing, approving and publishing messages. */
export const messageRoutes: FastifyPluginAsyncTypebox<MessageRoutesOptions> = async (
  app,
  { publicUrl },
) => {
  const setting: MessageSetting = {
    database: app.database,
    city: app.city,
    districts: app.districts,
  };

  app.get(
    '/api/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'The latest version of each message, the most recently changed first',
        querystring: MessageQuerySchema,
        response: { 200: MessageListSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => findMessages(app.database, request.query),
  );

  app.get(
    '/api/v1/messages/:id',
    {
      schema: {
        tags: ['messages'],
        summary:
          'A message with all its versions, newest first, and what keeps the latest from approval',
        params: MessageParamsSchema,
        response: { 200: MessageDetailSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => getMessage(setting, request.params.id),
  );

  app.get(
    '/api/v1/incidents/:id/message-draft',
    {
      schema: {
        tags: ['messages'],
        summary:
          'A message drafted from an incident, in every language the city owes, with the facts its journal released to the public; nothing is stored until it is posted to /api/v1/messages',
        params: MessageParamsSchema,
        response: { 200: MessageDraftSchema, 404: ErrorResponseSchema },
      },
    },
    async (request) => incidentMessageDraft(setting, request.params.id, app.clock()),
  );

  app.get(
    '/api/v1/messages/:id/versions/:version/cap',
    {
      schema: {
        tags: ['messages'],
        summary:
          'A published version as an OASIS CAP 1.2 alert: Alert, Update, or Cancel once withdrawn',
        params: VersionParamsSchema,
        response: {
          200: {
            description: 'The CAP document, UTF-8',
            content: { 'application/cap+xml': { schema: Type.String() } },
          },
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const xml = await messageCap(
        { ...setting, publicUrl },
        request.params.id,
        Number(request.params.version),
      );
      return reply.type('application/cap+xml; charset=utf-8').send(xml);
    },
  );

  app.post(
    '/api/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary: 'Draft a new message, from scratch or from an incident',
        body: CreateMessageRequestSchema,
        response: { 201: PublicMessageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const entry = await createMessage(
        setting,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.message);
    },
  );

  app.patch(
    '/api/v1/messages/:id',
    {
      schema: {
        tags: ['messages'],
        summary: 'Change the latest version while it is a draft; link: null takes the link away',
        params: MessageParamsSchema,
        body: UpdateMessageRequestSchema,
        response: { 200: PublicMessageSchema, ...refusals },
      },
    },
    async (request) => {
      const entry = await updateMessage(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.message;
    },
  );

  app.post(
    '/api/v1/messages/:id/submit',
    {
      schema: {
        tags: ['messages'],
        summary:
          'Send the draft to review; refused while a required language is missing, a text is empty or a rendition is too long',
        params: MessageParamsSchema,
        body: MessageStepRequestSchema,
        response: { 200: PublicMessageSchema, ...refusals },
      },
    },
    async (request) => {
      const entry = await submitMessage(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.message;
    },
  );

  app.post(
    '/api/v1/messages/:id/return',
    {
      schema: {
        tags: ['messages'],
        summary:
          'Send a version in review, or approved and not yet out, back to draft with what must change',
        params: MessageParamsSchema,
        body: ReturnMessageRequestSchema,
        response: { 200: PublicMessageSchema, ...refusals },
      },
    },
    async (request) => {
      const entry = await returnMessage(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.message;
    },
  );

  app.post(
    '/api/v1/messages/:id/approve',
    {
      schema: {
        tags: ['messages'],
        summary: 'Approve the version in review; refused (403) to its author',
        params: MessageParamsSchema,
        body: MessageStepRequestSchema,
        response: { 200: PublicMessageSchema, 403: ErrorResponseSchema, ...refusals },
      },
    },
    async (request) => {
      const entry = await approveMessage(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.message;
    },
  );

  app.post(
    '/api/v1/messages/:id/publish',
    {
      schema: {
        tags: ['messages'],
        summary:
          'Publish the approved version now, superseding the one it updates, or at publishAt',
        params: MessageParamsSchema,
        body: PublishMessageRequestSchema,
        response: { 200: PublicMessageSchema, ...refusals },
      },
    },
    async (request) => {
      const entry = await publishMessage(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.message;
    },
  );

  app.post(
    '/api/v1/messages/:id/withdraw',
    {
      schema: {
        tags: ['messages'],
        summary:
          'Withdraw the published version, with why; a newer version being prepared goes with it',
        params: MessageParamsSchema,
        body: WithdrawMessageRequestSchema,
        response: { 200: PublicMessageSchema, ...refusals },
      },
    },
    async (request) => {
      const entry = await withdrawMessage(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return entry.data.message;
    },
  );

  app.post(
    '/api/v1/messages/:id/versions',
    {
      schema: {
        tags: ['messages'],
        summary:
          'Start an update: a new draft version copied from the published one, which stays out meanwhile',
        params: MessageParamsSchema,
        body: MessageStepRequestSchema,
        response: { 201: PublicMessageSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const entry = await draftNewVersion(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      );
      app.liveHub.committed([entry]);
      return reply.code(201).send(entry.data.message);
    },
  );
};
