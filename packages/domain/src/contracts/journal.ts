import { Type, type Static, type TProperties } from 'typebox';
import { ApiKeySchema, UserSchema } from './admin.ts';
import { RoleSchema, SecuritySettingsSchema } from './auth.ts';
import { IncidentSchema } from './incident.ts';
import { ReportSchema } from './report.ts';

/** Kinds of journal entry. Events carry the full new state of what changed. */
export const JournalKind = {
  reportReceived: 'report.received',
  incidentOpened: 'incident.opened',
  incidentUpdated: 'incident.updated',
  signedIn: 'auth.signed_in',
  signInFailed: 'auth.sign_in_failed',
  signedOut: 'auth.signed_out',
  passwordChanged: 'auth.password_changed',
  userCreated: 'user.created',
  userChanged: 'user.changed',
  apiKeyCreated: 'api_key.created',
  apiKeyRevoked: 'api_key.revoked',
  secondFactorEnabled: 'auth.second_factor_enabled',
  securitySettingsChanged: 'security.settings_changed',
} as const;
export type JournalKind = (typeof JournalKind)[keyof typeof JournalKind];

const entryHead = {
  seq: Type.Integer({ minimum: 1, description: 'Global, gap-free, in commit order' }),
  recordedAt: Type.String({ format: 'date-time' }),
  actor: Type.String({ description: 'Who made the change: a user, a key, or "system"' }),
};

export const ReportReceivedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.reportReceived),
  incidentId: Type.String(),
  data: Type.Object({ report: ReportSchema }),
});

export const IncidentOpenedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.incidentOpened),
  incidentId: Type.String(),
  data: Type.Object({ incident: IncidentSchema }),
});

export const IncidentUpdatedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.incidentUpdated),
  incidentId: Type.String(),
  data: Type.Object({
    incident: IncidentSchema,
    reason: Type.Optional(Type.String()),
    transition: Type.Optional(Type.String({ description: 'The status change, when it was one' })),
  }),
});

/** Security events: who signed in or failed to, and changes to accounts and keys. */
const securityEntry = <K extends string, D extends TProperties>(kind: K, data: D) =>
  Type.Object({ ...entryHead, kind: Type.Literal(kind), data: Type.Object(data) });

export const SignedInEntrySchema = securityEntry(JournalKind.signedIn, {
  userId: Type.String(),
  method: Type.String({ description: 'password, or the identity provider' }),
});
export const SignInFailedEntrySchema = securityEntry(JournalKind.signInFailed, {
  username: Type.String(),
  reason: Type.String(),
  ip: Type.String(),
});
export const SignedOutEntrySchema = securityEntry(JournalKind.signedOut, {
  userId: Type.String(),
  everywhere: Type.Boolean(),
});
export const PasswordChangedEntrySchema = securityEntry(JournalKind.passwordChanged, {
  userId: Type.String(),
});
export const UserCreatedEntrySchema = securityEntry(JournalKind.userCreated, { user: UserSchema });
export const UserChangedEntrySchema = securityEntry(JournalKind.userChanged, {
  user: UserSchema,
  previousRoles: Type.Array(RoleSchema),
});
export const ApiKeyCreatedEntrySchema = securityEntry(JournalKind.apiKeyCreated, {
  apiKey: ApiKeySchema,
});
export const ApiKeyRevokedEntrySchema = securityEntry(JournalKind.apiKeyRevoked, {
  apiKey: ApiKeySchema,
});
export const SecondFactorEnabledEntrySchema = securityEntry(JournalKind.secondFactorEnabled, {
  userId: Type.String(),
});
export const SecuritySettingsChangedEntrySchema = securityEntry(
  JournalKind.securitySettingsChanged,
  { settings: SecuritySettingsSchema, previous: SecuritySettingsSchema },
);

export const JournalEntrySchema = Type.Union([
  ReportReceivedEntrySchema,
  IncidentOpenedEntrySchema,
  IncidentUpdatedEntrySchema,
  SignedInEntrySchema,
  SignInFailedEntrySchema,
  SignedOutEntrySchema,
  PasswordChangedEntrySchema,
  UserCreatedEntrySchema,
  UserChangedEntrySchema,
  ApiKeyCreatedEntrySchema,
  ApiKeyRevokedEntrySchema,
  SecondFactorEnabledEntrySchema,
  SecuritySettingsChangedEntrySchema,
]);
export type JournalEntry = Static<typeof JournalEntrySchema>;

/**
 * Stands in, on the live stream, for an entry the console's roles may not see: it keeps the
 * sequence contiguous and tells nothing else.
 */
export const HiddenJournalEntrySchema = Type.Object({
  seq: entryHead.seq,
  recordedAt: entryHead.recordedAt,
  kind: Type.Literal('hidden'),
});
export type HiddenJournalEntry = Static<typeof HiddenJournalEntrySchema>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A journal entry before the journal has given it a sequence and a time. */
export type NewJournalEntry = DistributiveOmit<JournalEntry, 'seq' | 'recordedAt'>;

/** The result of walking the journal's hash chain from the first entry. */
export const JournalVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer({ description: 'Entries whose hash matched, from the first' }),
  firstBadSeq: Type.Optional(
    Type.Integer({ description: 'The first entry whose content or link does not match its hash' }),
  ),
});
export type JournalVerification = Static<typeof JournalVerificationSchema>;
