import { Type, type Static, type TProperties } from 'typebox';
import { ApiKeySchema, UserSchema } from './admin.ts';
import { RoleSchema, SecuritySettingsSchema } from './auth.ts';
import { LanguageSchema } from './enums.ts';
import { IncidentFieldsSchema, IncidentSchema } from './incident.ts';
import { ReadinessLevelSchema, ReadinessSchema } from './readiness.ts';
import { ReportSchema } from './report.ts';
import { EscalationPolicySchema } from './escalation-policy.ts';
import { EscalationSchema } from './escalation.ts';
import { UnitScheduleOverrideSchema, UnitScheduleSchema } from './on-call-schedule.ts';
import { UnitSchema } from './unit.ts';
import { PublicMessageSchema } from './message.ts';
import { WebhookDeliverySchema, WebhookSubscriberSchema } from './webhook.ts';
import { PlannedEventSchema } from './planned-event.ts';
import { SituationReportSchema } from './situation-report.ts';
import { HandoverSchema } from './handover.ts';

/** Kinds of journal entry. Events carry the full new state of what changed. */
export const JournalKind = {
  reportReceived: 'report.received',
  incidentOpened: 'incident.opened',
  incidentUpdated: 'incident.updated',
  incidentMerged: 'incident.merged',
  incidentSplit: 'incident.split',
  noteAdded: 'note.added',
  entryFlagged: 'entry.flagged',
  entryCorrected: 'entry.corrected',
  readinessChanged: 'readiness.changed',
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
  userPreferencesChanged: 'user.preferences_changed',
  unitCreated: 'unit.created',
  unitChanged: 'unit.changed',
  unitArchived: 'unit.archived',
  scheduleCreated: 'schedule.created',
  scheduleChanged: 'schedule.changed',
  scheduleArchived: 'schedule.archived',
  scheduleOverrideAdded: 'schedule.override_added',
  scheduleOverrideRemoved: 'schedule.override_removed',
  escalationPolicyCreated: 'escalation_policy.created',
  escalationPolicyChanged: 'escalation_policy.changed',
  escalationPolicyArchived: 'escalation_policy.archived',
  escalationStarted: 'escalation.started',
  escalationStepNotified: 'escalation.step_notified',
  escalationNotificationSent: 'escalation.notification_sent',
  escalationNotificationHeld: 'escalation.notification_held',
  escalationNotificationFailed: 'escalation.notification_failed',
  escalationAccepted: 'escalation.accepted',
  escalationDeclined: 'escalation.declined',
  escalationRedirected: 'escalation.redirected',
  escalationCancelled: 'escalation.cancelled',
  escalationExhausted: 'escalation.exhausted',
  messageDrafted: 'message.drafted',
  messageChanged: 'message.changed',
  messageSubmitted: 'message.submitted',
  messageReturned: 'message.returned',
  messageApproved: 'message.approved',
  messageScheduled: 'message.scheduled',
  messagePublished: 'message.published',
  messageWithdrawn: 'message.withdrawn',
  messageExpired: 'message.expired',
  webhookSubscriberCreated: 'webhook.subscriber_created',
  webhookSubscriberChanged: 'webhook.subscriber_changed',
  webhookSecretRotated: 'webhook.secret_rotated',
  webhookSubscriberArchived: 'webhook.subscriber_archived',
  webhookPinged: 'webhook.pinged',
  webhookDelivered: 'webhook.delivered',
  webhookDeliveryFailed: 'webhook.delivery_failed',
  plannedEventCreated: 'planned_event.created',
  plannedEventChanged: 'planned_event.changed',
  plannedEventCancelled: 'planned_event.cancelled',
  situationReportDrafted: 'situation_report.drafted',
  situationReportChanged: 'situation_report.changed',
  situationReportApproved: 'situation_report.approved',
  handoverDrafted: 'handover.drafted',
  handoverChanged: 'handover.changed',
  handoverConfirmed: 'handover.confirmed',
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
    previous: Type.Optional(
      Type.Object(IncidentFieldsSchema.properties, {
        description: 'The values the changed fields had before',
      }),
    ),
    attachedReportId: Type.Optional(
      Type.String({ description: 'The report that came in for this incident, when it was one' }),
    ),
  }),
});

/** The duplicate (`incidentId`, now closed) went into `into`, which took its reports. */
export const IncidentMergedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.incidentMerged),
  incidentId: Type.String(),
  data: Type.Object({
    incident: IncidentSchema,
    into: IncidentSchema,
    reportIds: Type.Array(Type.String()),
    reason: Type.String(),
  }),
});

/** A report left `from` and started the new incident `incidentId`. */
export const IncidentSplitEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.incidentSplit),
  incidentId: Type.String(),
  data: Type.Object({
    incident: IncidentSchema,
    from: IncidentSchema,
    reportId: Type.String(),
    reason: Type.String(),
  }),
});

const eventAt = Type.String({
  format: 'date-time',
  description: 'When it happened, when that differs from when it was written down',
});

/** A note of the duty officer on an incident. */
export const NoteAddedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.noteAdded),
  incidentId: Type.String(),
  data: Type.Object({
    text: Type.String(),
    eventAt: Type.Optional(eventAt),
    keyEvent: Type.Boolean({ description: 'Feeds the situation report' }),
    public: Type.Boolean({ description: 'Information released to the public' }),
  }),
});

/** Marks (or unmarks) an earlier entry of the incident as a key event or as released to the public. */
export const EntryFlaggedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.entryFlagged),
  incidentId: Type.String(),
  data: Type.Object({
    seq: Type.Integer({ description: 'The entry flagged' }),
    keyEvent: Type.Optional(Type.Boolean()),
    public: Type.Optional(Type.Boolean()),
  }),
});

/** Corrects an earlier entry of the incident; the earlier entry stays as it was. */
export const EntryCorrectedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.entryCorrected),
  incidentId: Type.String(),
  data: Type.Object({
    seq: Type.Integer({ description: 'The entry corrected' }),
    text: Type.String({ description: 'What is right' }),
    eventAt: Type.Optional(eventAt),
  }),
});

/** The city's readiness level changed. */
export const ReadinessChangedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.readinessChanged),
  data: Type.Object({ readiness: ReadinessSchema, previous: ReadinessLevelSchema }),
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
/** A person changed their own settings; `previous` is absent when they had chosen none. */
export const UserPreferencesChangedEntrySchema = securityEntry(JournalKind.userPreferencesChanged, {
  userId: Type.String(),
  language: LanguageSchema,
  previous: Type.Optional(LanguageSchema),
});

/** An admin created a unit, with its contacts. */
export const UnitCreatedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.unitCreated),
  data: Type.Object({ unit: UnitSchema }),
});

/** An admin changed a unit or its contacts: its new state and the one before. */
export const UnitChangedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.unitChanged),
  data: Type.Object({ unit: UnitSchema, previous: UnitSchema }),
});

/** An admin archived a unit: it is no longer offered, and stays known to the journal. */
export const UnitArchivedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.unitArchived),
  data: Type.Object({ unit: UnitSchema }),
});

/** An admin created an on-call schedule of a unit. */
export const ScheduleCreatedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.scheduleCreated),
  data: Type.Object({ schedule: UnitScheduleSchema }),
});

/** An admin changed a schedule's name, time zone or rotations: its new state and the one before. */
export const ScheduleChangedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.scheduleChanged),
  data: Type.Object({ schedule: UnitScheduleSchema, previous: UnitScheduleSchema }),
});

/** An admin archived a schedule: nobody is on call through it any more. */
export const ScheduleArchivedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.scheduleArchived),
  data: Type.Object({ schedule: UnitScheduleSchema }),
});

/** Someone takes over in a schedule for a while; `schedule` is its state with the override. */
export const ScheduleOverrideAddedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.scheduleOverrideAdded),
  data: Type.Object({ schedule: UnitScheduleSchema, override: UnitScheduleOverrideSchema }),
});

/** An override was taken back; `schedule` is its state without it. */
export const ScheduleOverrideRemovedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.scheduleOverrideRemoved),
  data: Type.Object({ schedule: UnitScheduleSchema, override: UnitScheduleOverrideSchema }),
});

/** An admin created an escalation policy of a unit. */
export const EscalationPolicyCreatedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.escalationPolicyCreated),
  data: Type.Object({ policy: EscalationPolicySchema }),
});

/** An admin changed a policy's name, repeat or steps: its new state and the one before. */
export const EscalationPolicyChangedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.escalationPolicyChanged),
  data: Type.Object({ policy: EscalationPolicySchema, previous: EscalationPolicySchema }),
});

/** An admin archived a policy: no new escalation runs by it. */
export const EscalationPolicyArchivedEntrySchema = Type.Object({
  ...entryHead,
  kind: Type.Literal(JournalKind.escalationPolicyArchived),
  data: Type.Object({ policy: EscalationPolicySchema }),
});

// Every escalation entry carries the escalation's whole new state, with its notifications.
const escalationEntry = <K extends string, P extends TProperties>(kind: K, data: P) =>
  Type.Object({
    ...entryHead,
    kind: Type.Literal(kind),
    incidentId: Type.String(),
    data: Type.Object({ escalation: EscalationSchema, ...data }),
  });

/** The duty officer started escalating an incident to a unit. */
export const EscalationStartedEntrySchema = escalationEntry(JournalKind.escalationStarted, {});

/** Why the engine notified a step. */
export const StepReason = {
  /** The first step, as the escalation starts. */
  start: 'start',
  /** The previous step's wait ran out without an acknowledgement. */
  timeout: 'timeout',
  /** Everyone in the previous step declined. */
  declined: 'declined',
  /** The duty officer did not want to wait. */
  escalatedNow: 'escalated_now',
  /** No message of the previous step could be delivered. */
  undeliverable: 'undeliverable',
} as const;
export type StepReason = (typeof StepReason)[keyof typeof StepReason];

/** A step's contacts were queued for notification (the `notifications` of that round and step). */
export const EscalationStepNotifiedEntrySchema = escalationEntry(
  JournalKind.escalationStepNotified,
  {
    round: Type.Integer({ minimum: 0 }),
    step: Type.Integer({ minimum: 0 }),
    reason: Type.Enum(Object.values(StepReason)),
  },
);

/** The SMTP server or SMS gateway took a notification. */
export const EscalationNotificationSentEntrySchema = escalationEntry(
  JournalKind.escalationNotificationSent,
  { notificationId: Type.String() },
);

/** A notification waits: its recipient had too many messages in a short time. */
export const EscalationNotificationHeldEntrySchema = escalationEntry(
  JournalKind.escalationNotificationHeld,
  { notificationId: Type.String(), until: Type.String({ format: 'date-time' }) },
);

/** A notification could not be delivered; `permanent` when it will not be tried again. */
export const EscalationNotificationFailedEntrySchema = escalationEntry(
  JournalKind.escalationNotificationFailed,
  { notificationId: Type.String(), error: Type.String(), permanent: Type.Boolean() },
);

/** How an acknowledgement reached Vaka. */
export const AcknowledgementVia = { link: 'link', phone: 'phone' } as const;
export type AcknowledgementVia = (typeof AcknowledgementVia)[keyof typeof AcknowledgementVia];

/** Someone took the case: through their link, or by phone as the duty officer recorded. */
export const EscalationAcceptedEntrySchema = escalationEntry(JournalKind.escalationAccepted, {
  notificationId: Type.Optional(Type.String()),
  by: Type.String({ description: 'The contact, by name' }),
  via: Type.Enum(Object.values(AcknowledgementVia)),
  note: Type.Optional(Type.String()),
});

/** The person reached cannot take it, and said why. */
export const EscalationDeclinedEntrySchema = escalationEntry(JournalKind.escalationDeclined, {
  notificationId: Type.String(),
  by: Type.String(),
  reason: Type.String(),
});

/** The person reached said another unit answers for it; `escalation.redirectedTo` names it. */
export const EscalationRedirectedEntrySchema = escalationEntry(JournalKind.escalationRedirected, {
  notificationId: Type.String(),
  by: Type.String(),
  reason: Type.String(),
});

/** The duty officer called the escalation off. */
export const EscalationCancelledEntrySchema = escalationEntry(JournalKind.escalationCancelled, {
  reason: Type.String(),
});

/** Every step and repeat ran out without anyone taking the case. */
export const EscalationExhaustedEntrySchema = escalationEntry(JournalKind.escalationExhausted, {});

// Every message entry carries the version's whole new state, and the incident it is about if any.
const messageEntry = <K extends string, P extends TProperties>(kind: K, data: P) =>
  Type.Object({
    ...entryHead,
    kind: Type.Literal(kind),
    incidentId: Type.Optional(Type.String()),
    data: Type.Object({ message: PublicMessageSchema, ...data }),
  });

/** A message was drafted: a new one (version 1), or a new version of a published one, an update. */
export const MessageDraftedEntrySchema = messageEntry(JournalKind.messageDrafted, {});

/** A draft was changed: `previous` holds the values the changed fields had before. */
export const MessageChangedEntrySchema = messageEntry(JournalKind.messageChanged, {
  previous: Type.Object(
    {
      category: Type.Optional(PublicMessageSchema.properties.category),
      urgency: Type.Optional(PublicMessageSchema.properties.urgency),
      severity: Type.Optional(PublicMessageSchema.properties.severity),
      certainty: Type.Optional(PublicMessageSchema.properties.certainty),
      area: Type.Optional(PublicMessageSchema.properties.area),
      effective: Type.Optional(PublicMessageSchema.properties.effective),
      expires: Type.Optional(PublicMessageSchema.properties.expires),
      issuer: Type.Optional(PublicMessageSchema.properties.issuer),
      link: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'null: none' })),
      exercise: Type.Optional(PublicMessageSchema.properties.exercise),
      variants: Type.Optional(PublicMessageSchema.properties.variants),
    },
    { description: 'The values the changed fields had before' },
  ),
});

/** A draft went to review. */
export const MessageSubmittedEntrySchema = messageEntry(JournalKind.messageSubmitted, {});

/** A version in review or approved went back to draft, with what must change. */
export const MessageReturnedEntrySchema = messageEntry(JournalKind.messageReturned, {
  reason: Type.String(),
});

/** A second person approved the version. */
export const MessageApprovedEntrySchema = messageEntry(JournalKind.messageApproved, {});

/** An approved version is to go out at `message.publishAt`. */
export const MessageScheduledEntrySchema = messageEntry(JournalKind.messageScheduled, {});

/** The version went out; the version it updates, if one was out, is `superseded`. */
export const MessagePublishedEntrySchema = messageEntry(JournalKind.messagePublished, {
  superseded: Type.Optional(PublicMessageSchema),
});

/**
 * The published version was withdrawn, with why; a newer version still being prepared is
 * withdrawn with it (`discarded`), since the message it would update no longer holds.
 */
export const MessageWithdrawnEntrySchema = messageEntry(JournalKind.messageWithdrawn, {
  reason: Type.String(),
  discarded: Type.Optional(PublicMessageSchema),
});

/** The published version's time of validity ended. */
export const MessageExpiredEntrySchema = messageEntry(JournalKind.messageExpired, {});

/** A subscriber as the journal keeps it: never its secret, nor the health of the moment. */
const JournaledSubscriberSchema = Type.Omit(WebhookSubscriberSchema, ['health']);

const webhookEntry = <K extends string, P extends TProperties>(kind: K, data: P) =>
  Type.Object({ ...entryHead, kind: Type.Literal(kind), data: Type.Object(data) });

/** An admin added a webhook subscriber. */
export const WebhookSubscriberCreatedEntrySchema = webhookEntry(
  JournalKind.webhookSubscriberCreated,
  { subscriber: JournaledSubscriberSchema },
);

/** An admin changed a subscriber's name, address or whether it receives exercises. */
export const WebhookSubscriberChangedEntrySchema = webhookEntry(
  JournalKind.webhookSubscriberChanged,
  { subscriber: JournaledSubscriberSchema, previous: JournaledSubscriberSchema },
);

/** An admin gave a subscriber a new secret; the old one signs nothing more. */
export const WebhookSecretRotatedEntrySchema = webhookEntry(JournalKind.webhookSecretRotated, {
  subscriber: JournaledSubscriberSchema,
});

/** An admin archived a subscriber; what was still waiting for it was withdrawn. */
export const WebhookSubscriberArchivedEntrySchema = webhookEntry(
  JournalKind.webhookSubscriberArchived,
  { subscriber: JournaledSubscriberSchema, withdrawn: Type.Integer({ minimum: 0 }) },
);

/** An admin sent a subscriber a test event. */
export const WebhookPingedEntrySchema = webhookEntry(JournalKind.webhookPinged, {
  delivery: WebhookDeliverySchema,
});

/** A subscriber's endpoint took an event (answered 2xx). */
export const WebhookDeliveredEntrySchema = webhookEntry(JournalKind.webhookDelivered, {
  delivery: WebhookDeliverySchema,
});

/** An event did not get through; `permanent` when it will not be tried again. */
export const WebhookDeliveryFailedEntrySchema = webhookEntry(JournalKind.webhookDeliveryFailed, {
  delivery: WebhookDeliverySchema,
  error: Type.String(),
  permanent: Type.Boolean(),
});

// Planned events, situation reports and handovers: each entry carries the whole new state.
const stateEntry = <K extends string, P extends TProperties>(kind: K, data: P) =>
  Type.Object({ ...entryHead, kind: Type.Literal(kind), data: Type.Object(data) });

/** A duty officer put a known event in the calendar. */
export const PlannedEventCreatedEntrySchema = stateEntry(JournalKind.plannedEventCreated, {
  event: PlannedEventSchema,
});

/** A planned event changed: `previous` holds the values the changed fields had before. */
export const PlannedEventChangedEntrySchema = stateEntry(JournalKind.plannedEventChanged, {
  event: PlannedEventSchema,
  previous: Type.Record(Type.String(), Type.Unknown()),
});

/** A planned event was called off, with why. */
export const PlannedEventCancelledEntrySchema = stateEntry(JournalKind.plannedEventCancelled, {
  event: PlannedEventSchema,
  reason: Type.String(),
});

/** A situation report was drafted (filled by Vaka from the key events and the picture). */
export const SituationReportDraftedEntrySchema = stateEntry(JournalKind.situationReportDrafted, {
  report: SituationReportSchema,
});

/** A draft situation report was edited: `previous` holds the sections as they were. */
export const SituationReportChangedEntrySchema = stateEntry(JournalKind.situationReportChanged, {
  report: SituationReportSchema,
  previous: Type.Record(Type.String(), Type.Unknown()),
});

/** Leadership approved a situation report: numbered, and from now on unchanged. */
export const SituationReportApprovedEntrySchema = stateEntry(JournalKind.situationReportApproved, {
  report: SituationReportSchema,
});

/** The outgoing duty officer drafted the handover. */
export const HandoverDraftedEntrySchema = stateEntry(JournalKind.handoverDrafted, {
  handover: HandoverSchema,
});

/** The handover's notes were changed or its picture gathered again. */
export const HandoverChangedEntrySchema = stateEntry(JournalKind.handoverChanged, {
  handover: HandoverSchema,
});

/** The incoming duty officer read the handover and took over: they are on duty now. */
export const HandoverConfirmedEntrySchema = stateEntry(JournalKind.handoverConfirmed, {
  handover: HandoverSchema,
});

export const JournalEntrySchema = Type.Union([
  ReportReceivedEntrySchema,
  IncidentOpenedEntrySchema,
  IncidentUpdatedEntrySchema,
  IncidentMergedEntrySchema,
  IncidentSplitEntrySchema,
  NoteAddedEntrySchema,
  EntryFlaggedEntrySchema,
  EntryCorrectedEntrySchema,
  ReadinessChangedEntrySchema,
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
  UserPreferencesChangedEntrySchema,
  UnitCreatedEntrySchema,
  UnitChangedEntrySchema,
  UnitArchivedEntrySchema,
  ScheduleCreatedEntrySchema,
  ScheduleChangedEntrySchema,
  ScheduleArchivedEntrySchema,
  ScheduleOverrideAddedEntrySchema,
  ScheduleOverrideRemovedEntrySchema,
  EscalationPolicyCreatedEntrySchema,
  EscalationPolicyChangedEntrySchema,
  EscalationPolicyArchivedEntrySchema,
  EscalationStartedEntrySchema,
  EscalationStepNotifiedEntrySchema,
  EscalationNotificationSentEntrySchema,
  EscalationNotificationHeldEntrySchema,
  EscalationNotificationFailedEntrySchema,
  EscalationAcceptedEntrySchema,
  EscalationDeclinedEntrySchema,
  EscalationRedirectedEntrySchema,
  EscalationCancelledEntrySchema,
  EscalationExhaustedEntrySchema,
  MessageDraftedEntrySchema,
  MessageChangedEntrySchema,
  MessageSubmittedEntrySchema,
  MessageReturnedEntrySchema,
  MessageApprovedEntrySchema,
  MessageScheduledEntrySchema,
  MessagePublishedEntrySchema,
  MessageWithdrawnEntrySchema,
  MessageExpiredEntrySchema,
  WebhookSubscriberCreatedEntrySchema,
  WebhookSubscriberChangedEntrySchema,
  WebhookSecretRotatedEntrySchema,
  WebhookSubscriberArchivedEntrySchema,
  WebhookPingedEntrySchema,
  WebhookDeliveredEntrySchema,
  WebhookDeliveryFailedEntrySchema,
  PlannedEventCreatedEntrySchema,
  PlannedEventChangedEntrySchema,
  PlannedEventCancelledEntrySchema,
  SituationReportDraftedEntrySchema,
  SituationReportChangedEntrySchema,
  SituationReportApprovedEntrySchema,
  HandoverDraftedEntrySchema,
  HandoverChangedEntrySchema,
  HandoverConfirmedEntrySchema,
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

const noteText = Type.String({ minLength: 1, maxLength: 10_000 });

/** A note on an incident: what was learnt or decided, with when it happened if not now. */
export const AddNoteRequestSchema = Type.Object(
  {
    text: noteText,
    eventAt: Type.Optional(eventAt),
    keyEvent: Type.Optional(Type.Boolean({ default: false })),
    public: Type.Optional(Type.Boolean({ default: false })),
  },
  { additionalProperties: false },
);
export type AddNoteRequest = Static<typeof AddNoteRequestSchema>;

/** Sets or clears an entry's flags; at least one of them. */
export const FlagEntryRequestSchema = Type.Object(
  { keyEvent: Type.Optional(Type.Boolean()), public: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type FlagEntryRequest = Static<typeof FlagEntryRequestSchema>;

/** A correction of an entry: the right text, and the right event time if that was wrong. */
export const CorrectEntryRequestSchema = Type.Object(
  { text: noteText, eventAt: Type.Optional(eventAt) },
  { additionalProperties: false },
);
export type CorrectEntryRequest = Static<typeof CorrectEntryRequestSchema>;

/** The formats a journal export comes in. */
export const JournalExportFormat = { csv: 'csv', json: 'json' } as const;
export type JournalExportFormat = (typeof JournalExportFormat)[keyof typeof JournalExportFormat];

/** All entries in a time range, for an export. */
export const JournalExportQuerySchema = Type.Object(
  {
    from: Type.String({ format: 'date-time', description: 'Recorded at or after' }),
    to: Type.String({ format: 'date-time', description: 'Recorded before' }),
    format: Type.Optional(Type.Enum(Object.values(JournalExportFormat), { default: 'json' })),
  },
  { additionalProperties: false },
);
export type JournalExportQuery = Static<typeof JournalExportQuerySchema>;

/** The format of an incident's journal export. */
export const IncidentJournalQuerySchema = Type.Object(
  { format: Type.Optional(Type.Enum(Object.values(JournalExportFormat), { default: 'json' })) },
  { additionalProperties: false },
);
export type IncidentJournalQuery = Static<typeof IncidentJournalQuerySchema>;

/** A journal export as JSON: the entries, who exported them when, and the chain's state then. */
export const JournalExportSchema = Type.Object({
  entries: Type.Array(JournalEntrySchema, { description: 'Oldest first' }),
  chain: Type.Array(
    Type.Object({ seq: Type.Integer(), hash: Type.String(), prevHash: Type.String() }),
    {
      description:
        "Each entry's link in the hash chain, in the same order, so that a reader can check the entries against the chain without the database",
    },
  ),
  exportedAt: Type.String({ format: 'date-time' }),
  exportedBy: Type.String(),
  verification: Type.Object(JournalVerificationSchema.properties, {
    description: 'The whole journal verified from its first entry as of the export',
  }),
});
export type JournalExport = Static<typeof JournalExportSchema>;
