import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ChangeWebhookSubscriberSchema,
  CreateWebhookSubscriberSchema,
  ErrorResponseSchema,
  WebhookDeliverySchema,
  WebhookSubscriberSchema,
  WebhookSubscriberStepSchema,
  WebhookSubscriberWithSecretSchema,
} from '@vaka/domain';
import { actorOf } from '../../plugins/auth.ts';
import {
  archiveSubscriber,
  changeSubscriber,
  createSubscriber,
  findSubscribers,
  messageDeliveries,
  pingSubscriber,
  rotateSecret,
  subscriberDeliveries,
  type WebhookSetting,
} from './service.ts';

const IdParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });
const refusals = {
  400: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
};

/**
 * Webhook subscribers, for admins: partners and bridges sent each public message as it goes out.
 * Anyone who reads the situation sees what reached them about a message.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const setting: WebhookSetting = {
    database: app.database,
    relay: app.webhookRelay,
    committed: (entries) => app.liveHub.committed(entries),
  };

  app.get(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Every subscriber, in use first, with how its deliveries go; never a secret',
        response: { 200: Type.Object({ subscribers: Type.Array(WebhookSubscriberSchema) }) },
      },
    },
    async () => ({ subscribers: await findSubscribers(setting) }),
  );

  app.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Add a subscriber; its signing secret is in this answer and never again',
        body: CreateWebhookSubscriberSchema,
        response: { 201: WebhookSubscriberWithSecretSchema, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createSubscriber(setting, request.body, actorOf(request.caller), app.clock())),
  );

  app.patch(
    '/api/v1/webhooks/:id',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Change a subscriber’s name, address or whether it takes exercises',
        params: IdParamsSchema,
        body: ChangeWebhookSubscriberSchema,
        response: { 200: WebhookSubscriberSchema, ...refusals },
      },
    },
    async (request) =>
      changeSubscriber(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      ),
  );

  app.post(
    '/api/v1/webhooks/:id/secret',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Give a subscriber a new signing secret, in this answer and never again',
        params: IdParamsSchema,
        body: WebhookSubscriberStepSchema,
        response: { 200: WebhookSubscriberWithSecretSchema, ...refusals },
      },
    },
    async (request) =>
      rotateSecret(setting, request.params.id, request.body, actorOf(request.caller), app.clock()),
  );

  app.post(
    '/api/v1/webhooks/:id/archive',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Archive a subscriber: it is sent nothing more, and what waits is withdrawn',
        params: IdParamsSchema,
        body: WebhookSubscriberStepSchema,
        response: { 200: WebhookSubscriberSchema, ...refusals },
      },
    },
    async (request) =>
      archiveSubscriber(
        setting,
        request.params.id,
        request.body,
        actorOf(request.caller),
        app.clock(),
      ),
  );

  app.post(
    '/api/v1/webhooks/:id/ping',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Send a subscriber a signed test event through the outbox',
        params: IdParamsSchema,
        response: { 202: WebhookDeliverySchema, ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await pingSubscriber(setting, request.params.id, actorOf(request.caller), app.clock()),
        ),
  );

  app.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'The latest 100 deliveries to a subscriber, newest first',
        params: IdParamsSchema,
        response: {
          200: Type.Object({ deliveries: Type.Array(WebhookDeliverySchema) }),
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => ({ deliveries: await subscriberDeliveries(setting, request.params.id) }),
  );

  app.get(
    '/api/v1/messages/:id/deliveries',
    {
      schema: {
        tags: ['messages'],
        summary: 'What was sent to the webhook subscribers about a message, newest first',
        params: IdParamsSchema,
        response: {
          200: Type.Object({ deliveries: Type.Array(WebhookDeliverySchema) }),
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => ({ deliveries: await messageDeliveries(setting, request.params.id) }),
  );
};
