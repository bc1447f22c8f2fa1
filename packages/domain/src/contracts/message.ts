import { Type, type Static } from 'typebox';
import { CapCertainty, CapSeverity, CapUrgency } from './cap.ts';
import { CategorySchema, LanguageSchema } from './enums.ts';

// A public message is what the duty communicator tells residents: a warning, advice, an all
// clear. Its fields follow the public warnings the OASIS Common Alerting Protocol (CAP 1.2)
// carries, so that every message can also go out as a CAP document.

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description !== undefined && { description }) });
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

// A message's urgency, severity and certainty are CAP's own words, read and written alike.
/** How soon people must act (CAP `urgency`). */
export const MessageUrgency = CapUrgency;
export type MessageUrgency = CapUrgency;

/** How bad it is (CAP `severity`). */
export const MessageSeverity = CapSeverity;
export type MessageSeverity = CapSeverity;

/** How sure it is (CAP `certainty`). */
export const MessageCertainty = CapCertainty;
export type MessageCertainty = CapCertainty;

/**
 * Where a message stands. A version goes draft → in review → approved → published; publishing a
 * newer version supersedes the one before (an update); a published message is withdrawn on
 * purpose, with why, or expires when its time of validity ends.
 */
export const MessageStatus = {
  draft: 'draft',
  inReview: 'in_review',
  approved: 'approved',
  published: 'published',
  superseded: 'superseded',
  withdrawn: 'withdrawn',
  expired: 'expired',
} as const;
export type MessageStatus = (typeof MessageStatus)[keyof typeof MessageStatus];
export const MESSAGE_STATUSES = Object.values(MessageStatus);

/** Where a rendition of a message goes, each with its own length rule. */
export const MessageChannel = {
  /** Text messages: counted in SMS segments (GSM-7 or UCS-2). */
  sms: 'sms',
  /** A phone's push notification: a short line. */
  push: 'push',
  /** A post on the city's social media accounts. */
  social: 'social',
} as const;
export type MessageChannel = (typeof MessageChannel)[keyof typeof MessageChannel];
export const MESSAGE_CHANNELS = Object.values(MessageChannel);

/** The length rules a rendition must keep to; a longer one blocks approval. */
export const MESSAGE_LIMITS = {
  /** At most this many SMS segments (3 × 153 GSM-7 characters, or 3 × 67 UCS-2). */
  smsSegments: 3,
  /** Characters of a push notification, where phones stop showing more. */
  push: 178,
  /** Characters of a social post. */
  social: 280,
  headline: 160,
  description: 5_000,
  instruction: 3_000,
} as const;

const headline = Type.String({ maxLength: MESSAGE_LIMITS.headline });
const longText = (maxLength: number, description: string) =>
  Type.String({ maxLength, description });

/**
 * The message in one language: the full text for the public page and CAP, and the renditions
 * for the short channels. Empty texts are allowed while drafting; approval needs them filled.
 */
export const MessageVariantSchema = Type.Object(
  {
    language: LanguageSchema,
    headline,
    description: longText(MESSAGE_LIMITS.description, 'What has happened'),
    instruction: longText(MESSAGE_LIMITS.instruction, 'What people should do'),
    // NOTE: the renditions' limits are checked for approval, not here, so that a draft that is
    // too long can still be saved and shortened.
    sms: Type.String({ maxLength: 2_000 }),
    push: Type.String({ maxLength: 2_000 }),
    social: Type.String({ maxLength: 2_000 }),
  },
  { additionalProperties: false },
);
export type MessageVariant = Static<typeof MessageVariantSchema>;

/** A point as CAP writes it: latitude first. */
const LatLon = Type.Tuple([
  Type.Number({ minimum: -90, maximum: 90 }),
  Type.Number({ minimum: -180, maximum: 180 }),
]);

/** Where the message applies: districts of the city and/or a polygon drawn on the map. */
export const MessageAreaSchema = Type.Object(
  {
    description: Type.String({ maxLength: 500, description: 'The area in words' }),
    districtIds: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { uniqueItems: true }),
    polygon: Type.Optional(
      Type.Array(LatLon, {
        minItems: 4,
        maxItems: 500,
        description: 'Closed: the first point again at the end (CAP requires it)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MessageArea = Static<typeof MessageAreaSchema>;

/** What the author writes and may change while the message is a draft. */
const messageFields = {
  category: CategorySchema,
  urgency: Type.Enum(Object.values(MessageUrgency)),
  severity: Type.Enum(Object.values(MessageSeverity)),
  certainty: Type.Enum(Object.values(MessageCertainty)),
  area: MessageAreaSchema,
  effective: dateTime('From when it applies'),
  expires: dateTime('When it stops applying; it expires then'),
  issuer: Type.String({ minLength: 1, maxLength: 200, description: 'The issuing authority' }),
  link: Type.Optional(Type.String({ format: 'uri', maxLength: 500, pattern: '^https?://' })),
  exercise: Type.Boolean({
    description: 'An exercise: never on the public page or feeds, CAP status Exercise',
  }),
  variants: Type.Array(MessageVariantSchema, { maxItems: 10 }),
};

/** One version of a public message, with how it got where it stands. */
export const PublicMessageSchema = Type.Object({
  id: uuid('The message; the same through its versions'),
  version: Type.Integer({ minimum: 1 }),
  status: Type.Enum(MESSAGE_STATUSES),
  incidentId: Type.Optional(uuid('The incident it is about, when it started from one')),
  ...messageFields,
  author: Type.String(),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  submittedAt: Type.Optional(dateTime()),
  returnedBy: Type.Optional(
    Type.String({ description: 'Who last sent it back to draft; until it is submitted again' }),
  ),
  returnedAt: Type.Optional(dateTime()),
  returnReason: Type.Optional(Type.String({ description: 'What must change, for the author' })),
  approvedBy: Type.Optional(Type.String({ description: 'Never the author' })),
  approvedAt: Type.Optional(dateTime()),
  publishAt: Type.Optional(dateTime('Scheduled: published at this time, once approved')),
  publishedBy: Type.Optional(Type.String()),
  publishedAt: Type.Optional(dateTime()),
  withdrawnBy: Type.Optional(Type.String()),
  withdrawnAt: Type.Optional(dateTime()),
  withdrawReason: Type.Optional(Type.String()),
});
export type PublicMessage = Static<typeof PublicMessageSchema>;
export type MessageFields = Pick<PublicMessage, keyof typeof messageFields>;

/** Which languages a city owes its residents in public messages. */
export const MessageLanguagesSchema = Type.Object(
  {
    required: Type.Array(LanguageSchema, {
      minItems: 1,
      uniqueItems: true,
      description: 'A message cannot be approved without each of these',
    }),
    expected: Type.Array(LanguageSchema, {
      uniqueItems: true,
      description: 'Missing ones are pointed out, but do not block approval',
    }),
  },
  { additionalProperties: false },
);
export type MessageLanguages = Static<typeof MessageLanguagesSchema>;
