import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from 'typebox';
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
  type JournalEntry,
  type PublicMessage,
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
    relay: app.webhookRelay,
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

  /**
   * A change of one message: the service's step, journalled, sent live, and the version it left
   * as the answer. Every step takes the message's id, a body of its own and the caller.
   */
  function change<S extends TSchema>(
    method: 'POST' | 'PATCH',
    url: string,
    summary: string,
    body: S,
    step: (
      setting: MessageSetting,
      messageId: string,
      request: Static<S>,
      actor: string,
      now: Date,
    ) => Promise<JournalEntry & { data: { message: PublicMessage } }>,
    answer: { created?: boolean; forbidden?: boolean } = {},
  ): void {
    app.route({
      method,
      url,
      schema: {
        tags: ['messages'],
        summary,
        params: MessageParamsSchema,
        body,
        response: {
          [answer.created === true ? 201 : 200]: PublicMessageSchema,
          ...(answer.forbidden === true && { 403: ErrorResponseSchema }),
          ...refusals,
        },
      },
      handler: async (request, reply) => {
        // NOTE: the schemas above have checked both; the generic step cannot see their types.
        const { id } = request.params as Static<typeof MessageParamsSchema>;
        const entry = await step(
          setting,
          id,
          request.body as Static<S>,
          actorOf(request.caller),
          app.clock(),
        );
        app.liveHub.committed([entry]);
        return reply.code(answer.created === true ? 201 : 200).send(entry.data.message);
      },
    });
  }

  change(
    'PATCH',
    '/api/v1/messages/:id',
    'Change the latest version while it is a draft; link: null takes the link away',
    UpdateMessageRequestSchema,
    updateMessage,
  );
  change(
    'POST',
    '/api/v1/messages/:id/submit',
    'Send the draft to review; refused while a required language is missing, a text is empty or a rendition is too long',
    MessageStepRequestSchema,
    submitMessage,
  );
  change(
    'POST',
    '/api/v1/messages/:id/return',
    'Send a version in review, or approved and not yet out, back to draft with what must change',
    ReturnMessageRequestSchema,
    returnMessage,
  );
  change(
    'POST',
    '/api/v1/messages/:id/approve',
    'Approve the version in review; refused (403) to its author',
    MessageStepRequestSchema,
    approveMessage,
    { forbidden: true },
  );
  change(
    'POST',
    '/api/v1/messages/:id/publish',
    'Publish the approved version now, superseding the one it updates, or at publishAt',
    PublishMessageRequestSchema,
    publishMessage,
  );
  change(
    'POST',
    '/api/v1/messages/:id/withdraw',
    'Withdraw the published version, with why; a newer version being prepared goes with it',
    WithdrawMessageRequestSchema,
    withdrawMessage,
  );
  change(
    'POST',
    '/api/v1/messages/:id/versions',
    'Start an update: a new draft version copied from the published one, which stays out meanwhile',
    MessageStepRequestSchema,
    draftNewVersion,
    { created: true },
  );
};
