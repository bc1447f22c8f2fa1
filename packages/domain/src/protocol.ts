import { Type, type Static } from 'typebox';
import { HiddenJournalEntrySchema, JournalEntrySchema } from './contracts/journal.ts';

/**
 * The live wire protocol between server and console (`/api/v1/live`). One discriminated union on
 * `type` each way; bump the version on any change a peer of the other version could misread.
 */
export const PROTOCOL_VERSION = 2;

/** Why the server tells a console to drop its state and load a fresh snapshot. */
export const ResyncReason = {
  /** The console asked to resume from further back than the server replays. */
  tooFarBehind: 'too_far_behind',
  /** The console read too slowly; the server would rather it resync than slow everyone down. */
  tooSlow: 'too_slow',
  /** The console knows a sequence this database never issued (a restored or different database). */
  unknownSequence: 'unknown_sequence',
  /** Console and server speak different protocol versions. */
  protocolMismatch: 'protocol_mismatch',
} as const;
export type ResyncReason = (typeof ResyncReason)[keyof typeof ResyncReason];

/** Close codes in the application range (4000-4999) the server uses. */
export const LiveCloseCode = {
  resync: 4001,
  pingTimeout: 4002,
  shuttingDown: 4003,
  /** The session ended (signed out, everywhere, or expired): sign in again. */
  signedOut: 4004,
} as const;

export const WelcomeMessageSchema = Type.Object({
  type: Type.Literal('welcome'),
  protocol: Type.Integer(),
  instanceId: Type.String(),
  headSeq: Type.Integer({ description: 'The newest entry this instance has; replay ends here' }),
  pingIntervalMs: Type.Integer(),
});

export const JournalMessageSchema = Type.Object({
  type: Type.Literal('journal'),
  entries: Type.Array(Type.Union([JournalEntrySchema, HiddenJournalEntrySchema]), {
    description: 'Contiguous, ascending by seq; entries the console may not see are placeholders',
  }),
});

export const PingMessageSchema = Type.Object({ type: Type.Literal('ping'), id: Type.Integer() });
export const PongMessageSchema = Type.Object({ type: Type.Literal('pong'), id: Type.Integer() });

export const ResyncMessageSchema = Type.Object({
  type: Type.Literal('resync'),
  reason: Type.Enum(Object.values(ResyncReason)),
});

export const ServerMessageSchema = Type.Union([
  WelcomeMessageSchema,
  JournalMessageSchema,
  PingMessageSchema,
  ResyncMessageSchema,
]);
export type ServerMessage = Static<typeof ServerMessageSchema>;

export const ClientMessageSchema = Type.Union([PongMessageSchema]);
export type ClientMessage = Static<typeof ClientMessageSchema>;
