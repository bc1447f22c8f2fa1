import { Type, type Static } from 'typebox';
import { DeliveryStatus, type NotificationChannel } from './escalation.ts';
import { PublicMessageSchema } from './message.ts';

const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

/**
 * What a subscriber is told. A message's first version going out is `published`, a later one
 * `updated`; `withdrawn` and `expired` end it; `ping` is an admin's test of the connection.
 */
export const WebhookEvent = {
  messagePublished: 'message.published',
  messageUpdated: 'message.updated',
  messageWithdrawn: 'message.withdrawn',
  messageExpired: 'message.expired',
  ping: 'ping',
} as const;
export type WebhookEvent = (typeof WebhookEvent)[keyof typeof WebhookEvent];
export const WEBHOOK_EVENTS = Object.values(WebhookEvent);

/** The outbox's channels: a person's, or a subscriber's webhook. */
export type OutboxChannel = NotificationChannel | 'webhook';

const name = Type.String({ minLength: 1, maxLength: 200, description: 'Who receives it' });
const url = Type.String({
  format: 'uri',
  maxLength: 2_000,
  pattern: '^https?://',
  description: 'Where each event is POSTed',
});
const exercises = Type.Boolean({
  description: 'Also receives messages marked as exercise (marked so in the payload)',
});

/** How a subscriber's deliveries have gone, at a glance. */
export const WebhookHealthSchema = Type.Object({
  pending: Type.Integer({ minimum: 0, description: 'Queued or being sent now' }),
  sent: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0, description: 'Given up after every attempt' }),
  lastSentAt: Type.Optional(dateTime()),
  lastError: Type.Optional(
    Type.String({
      description: 'Of the latest delivery that went wrong, if it is still open or failed',
    }),
  ),
});
export type WebhookHealth = Static<typeof WebhookHealthSchema>;

/**
 * A partner or a bridge (a social media account, a warning app) that is sent the city's public
 * messages as they go out, signed with a secret only it and Vaka know.
 */
export const WebhookSubscriberSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name,
  url,
  exercises,
  secretHint: Type.String({
    description: 'The secret’s last four characters, to tell secrets apart',
  }),
  createdAt: dateTime(),
  createdBy: Type.String(),
  updatedAt: dateTime(),
  archivedAt: Type.Optional(dateTime('Archived: it is sent nothing more')),
  health: WebhookHealthSchema,
});
export type WebhookSubscriber = Static<typeof WebhookSubscriberSchema>;

export const CreateWebhookSubscriberSchema = Type.Object(
  { name, url, exercises: Type.Optional({ ...exercises, default: false }) },
  { additionalProperties: false },
);
export type CreateWebhookSubscriber = Static<typeof CreateWebhookSubscriberSchema>;

export const ChangeWebhookSubscriberSchema = Type.Object(
  {
    expectedUpdatedAt: dateTime('The updatedAt the change was made on'),
    name: Type.Optional(name),
    url: Type.Optional(url),
    exercises: Type.Optional(exercises),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type ChangeWebhookSubscriber = Static<typeof ChangeWebhookSubscriberSchema>;

/** A step on a subscriber that needs no more than a fresh view: a new secret, archiving. */
export const WebhookSubscriberStepSchema = Type.Object(
  { expectedUpdatedAt: dateTime('The updatedAt the step was taken on') },
  { additionalProperties: false },
);
export type WebhookSubscriberStep = Static<typeof WebhookSubscriberStepSchema>;

/** A subscriber with its signing secret: in this answer once, never again. */
export const WebhookSubscriberWithSecretSchema = Type.Object({
  subscriber: WebhookSubscriberSchema,
  secret: Type.String({
    description:
      'whsec_ and the key in base64, as Standard Webhooks writes it: every delivery is signed with it',
  }),
});
export type WebhookSubscriberWithSecret = Static<typeof WebhookSubscriberWithSecretSchema>;

/** One event on its way to one subscriber, and how far it got. */
export const WebhookDeliverySchema = Type.Object({
  id: Type.String({
    format: 'uuid',
    description: 'Also the webhook-id header: the same on every attempt',
  }),
  subscriberId: Type.String({ format: 'uuid' }),
  subscriberName: Type.String(),
  event: Type.Enum(WEBHOOK_EVENTS),
  messageId: Type.Optional(Type.String({ format: 'uuid' })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Enum(Object.values(DeliveryStatus)),
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Type.Optional(Type.String()),
  createdAt: dateTime(),
  sentAt: Type.Optional(dateTime()),
  nextAttemptAt: Type.Optional(dateTime('While it waits to be tried again')),
});
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;

/**
 * What a subscriber receives: Standard Webhooks' `{ type, timestamp, data }`. For a message event,
 * `data.message` is the version as the public sees it (no staff names), with the links to the
 * public page and, unless it is an exercise, its CAP document.
 */
export const WebhookPayloadSchema = Type.Object({
  type: Type.Enum(WEBHOOK_EVENTS),
  timestamp: dateTime('When it happened'),
  data: Type.Object({
    message: Type.Optional(
      Type.Omit(PublicMessageSchema, [
        'author',
        'returnedBy',
        'returnedAt',
        'returnReason',
        'approvedBy',
        'publishedBy',
        'withdrawnBy',
        'submittedAt',
        'approvedAt',
        'createdAt',
      ]),
    ),
    links: Type.Optional(Type.Object({ public: Type.String(), cap: Type.Optional(Type.String()) })),
    subscriber: Type.Optional(Type.String({ description: 'For a ping: who it was sent to' })),
  }),
});
export type WebhookPayload = Static<typeof WebhookPayloadSchema>;
