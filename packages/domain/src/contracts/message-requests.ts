import { Type, type Static } from 'typebox';
import { LanguageSchema } from './enums.ts';
import { MESSAGE_STATUSES, PublicMessageSchema } from './message.ts';
import type { MessageProblem } from '../logic/message-check.ts';

// What the communicator's workbench sends and gets back. The message's own fields are those of
// PublicMessageSchema, so a request can never hold a field a stored version does not.

const message = PublicMessageSchema.properties;

const expectedUpdatedAt = Type.String({
  format: 'date-time',
  description:
    'The updatedAt of the version acted on, as the console showed it; a different one means someone else changed it',
});

const reason = (description: string) =>
  Type.String({ minLength: 1, maxLength: 2_000, description });

/** The fields an author writes, as a request carries them. */
const messageFieldProperties = {
  category: message.category,
  urgency: message.urgency,
  severity: message.severity,
  certainty: message.certainty,
  area: message.area,
  effective: message.effective,
  expires: message.expires,
  issuer: message.issuer,
  link: message.link,
  exercise: message.exercise,
  variants: message.variants,
};

/** A new message, drafted from scratch or from an incident (`incidentId`). */
export const CreateMessageRequestSchema = Type.Object(
  {
    incidentId: Type.Optional(
      Type.String({ format: 'uuid', description: 'The incident the message is about' }),
    ),
    ...messageFieldProperties,
  },
  { additionalProperties: false },
);
export type CreateMessageRequest = Static<typeof CreateMessageRequestSchema>;

/** A message drafted from an incident, ready to be changed and sent back as a new message. */
export const MessageDraftSchema = CreateMessageRequestSchema;
export type MessageDraft = CreateMessageRequest;

/** A change of a draft, at least one field; `link: null` takes the link away. */
export const UpdateMessageRequestSchema = Type.Object(
  {
    changes: Type.Object(
      {
        category: Type.Optional(message.category),
        urgency: Type.Optional(message.urgency),
        severity: Type.Optional(message.severity),
        certainty: Type.Optional(message.certainty),
        area: Type.Optional(message.area),
        effective: Type.Optional(message.effective),
        expires: Type.Optional(message.expires),
        issuer: Type.Optional(message.issuer),
        link: Type.Optional(Type.Union([message.link, Type.Null()])),
        exercise: Type.Optional(message.exercise),
        variants: Type.Optional(message.variants),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
    expectedUpdatedAt,
  },
  { additionalProperties: false },
);
export type UpdateMessageRequest = Static<typeof UpdateMessageRequestSchema>;

/** Submitting for review, approving, or starting a new version: only the version's time. */
export const MessageStepRequestSchema = Type.Object(
  { expectedUpdatedAt },
  { additionalProperties: false },
);
export type MessageStepRequest = Static<typeof MessageStepRequestSchema>;

/** Sending a version in review (or approved) back to its author's draft, with why. */
export const ReturnMessageRequestSchema = Type.Object(
  { expectedUpdatedAt, reason: reason('What must change before it can go out') },
  { additionalProperties: false },
);
export type ReturnMessageRequest = Static<typeof ReturnMessageRequestSchema>;

/** Publishing an approved version: now, or at `publishAt`. */
export const PublishMessageRequestSchema = Type.Object(
  {
    expectedUpdatedAt,
    publishAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Publish at this time instead of now; it must be before the message expires',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PublishMessageRequest = Static<typeof PublishMessageRequestSchema>;

/** Withdrawing the published version, with why (the public is told). */
export const WithdrawMessageRequestSchema = Type.Object(
  { expectedUpdatedAt, reason: reason('Why it no longer holds; it goes out with the cancel') },
  { additionalProperties: false },
);
export type WithdrawMessageRequest = Static<typeof WithdrawMessageRequestSchema>;

/** Which messages a list holds. */
export const MessageQuerySchema = Type.Object(
  {
    status: Type.Optional(
      Type.String({
        pattern: `^(${MESSAGE_STATUSES.join('|')})(,(${MESSAGE_STATUSES.join('|')}))*$`,
        description: "Statuses of the messages' latest versions, comma-separated",
      }),
    ),
    limit: Type.Optional(
      Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: '1 to 500; 100 by default' }),
    ),
  },
  { additionalProperties: false },
);
export type MessageQuery = Static<typeof MessageQuerySchema>;

/** The latest version of each message, newest first. */
export const MessageListSchema = Type.Object({
  messages: Type.Array(PublicMessageSchema),
  truncated: Type.Boolean({ description: 'More messages match than the limit' }),
});
export type MessageList = Static<typeof MessageListSchema>;

const variantField = Type.Enum(['headline', 'description', 'instruction', 'sms', 'push', 'social']);

/** Something the communicator should see before a message goes out (see messageProblems). */
export const MessageProblemSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('language_missing'),
    language: LanguageSchema,
    blocking: Type.Boolean(),
  }),
  Type.Object({
    kind: Type.Literal('language_twice'),
    language: LanguageSchema,
    blocking: Type.Literal(true),
  }),
  Type.Object({
    kind: Type.Literal('text_missing'),
    language: LanguageSchema,
    field: variantField,
    blocking: Type.Literal(true),
  }),
  Type.Object({
    kind: Type.Literal('too_long'),
    language: LanguageSchema,
    field: Type.Enum(['sms', 'push', 'social']),
    length: Type.Integer(),
    limit: Type.Integer(),
    unit: Type.Enum(['segments', 'characters']),
    blocking: Type.Literal(true),
  }),
  Type.Object({ kind: Type.Literal('issuer_missing'), blocking: Type.Literal(true) }),
  Type.Object({ kind: Type.Literal('area_missing'), blocking: Type.Literal(true) }),
  Type.Object({ kind: Type.Literal('validity'), blocking: Type.Literal(true) }),
]);

// The schema and the checks' own type must describe the same problems.
type SameAs<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const problemSchemaMatches: SameAs<Static<typeof MessageProblemSchema>, MessageProblem> = true;
void problemSchemaMatches;

/** A message with every version, newest first, and what stands between its latest and approval. */
export const MessageDetailSchema = Type.Object({
  versions: Type.Array(PublicMessageSchema, { minItems: 1, description: 'Newest first' }),
  problems: Type.Array(MessageProblemSchema, {
    description: 'Of the latest version, against the languages the city owes',
  }),
});
export type MessageDetail = Static<typeof MessageDetailSchema>;
