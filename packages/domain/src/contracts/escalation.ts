import { Type, type Static } from 'typebox';
import { LanguageSchema } from './enums.ts';
import { ContactChannel } from './unit.ts';
import { EscalationStepSchema } from './escalation-policy.ts';

const uuid = (description?: string) =>
  Type.String({ format: 'uuid', ...(description !== undefined && { description }) });
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

/**
 * Where an escalation stands. `active` and `exhausted` still wait for someone to take the case;
 * the others are over.
 */
export const EscalationStatus = {
  /** The engine notifies step by step. */
  active: 'active',
  /** Someone took the case (every target of the step, when the step requires all). */
  accepted: 'accepted',
  /** Someone said another unit answers for it; `redirectedTo` names it. */
  redirected: 'redirected',
  /** The duty officer called it off. */
  cancelled: 'cancelled',
  /** Every step and repeat ran out without anyone taking it: the duty officer must act. */
  exhausted: 'exhausted',
} as const;
export type EscalationStatus = (typeof EscalationStatus)[keyof typeof EscalationStatus];
export const ESCALATION_STATUSES = Object.values(EscalationStatus);

/** An escalation still waits for someone to take the case. */
export function isAwaitingAcknowledgement(status: EscalationStatus): boolean {
  return status === EscalationStatus.active || status === EscalationStatus.exhausted;
}

/** How a notification reaches its contact: by the contact's preferred channel. */
export const NotificationChannel = ContactChannel;
export type NotificationChannel = ContactChannel;

/**
 * Where an outgoing message stands: queued (waiting for its turn or a retry), sending, sent (the
 * SMTP server or SMS gateway took it), failed (for good), or withdrawn (the escalation ended
 * before it went out).
 */
export const DeliveryStatus = {
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
  withdrawn: 'withdrawn',
} as const;
export type DeliveryStatus = (typeof DeliveryStatus)[keyof typeof DeliveryStatus];

/** What the person reached answered. */
export const NotificationResponse = {
  accepted: 'accepted',
  declined: 'declined',
  redirected: 'redirected',
} as const;
export type NotificationResponse = (typeof NotificationResponse)[keyof typeof NotificationResponse];

/** One message to one contact in one step of an escalation, and what came of it. */
export const EscalationNotificationSchema = Type.Object({
  id: uuid(),
  round: Type.Integer({ minimum: 0, description: '0 for the first run of the policy' }),
  step: Type.Integer({ minimum: 0 }),
  contactId: uuid(),
  contactName: Type.String(),
  scheduleId: Type.Optional(uuid('Set when the contact was reached as on call in this schedule')),
  channel: Type.Enum(Object.values(NotificationChannel)),
  address: Type.String({
    description: 'The phone number, e-mail address or account (console) it went to',
  }),
  language: LanguageSchema,
  delivery: Type.Enum(Object.values(DeliveryStatus)),
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Type.Optional(Type.String()),
  heldUntil: Type.Optional(
    dateTime("Set while the recipient's rate limit holds it back; it goes out then"),
  ),
  queuedAt: dateTime(),
  sentAt: Type.Optional(dateTime()),
  response: Type.Optional(Type.Enum(Object.values(NotificationResponse))),
  respondedAt: Type.Optional(dateTime()),
  responseReason: Type.Optional(Type.String()),
});
export type EscalationNotification = Static<typeof EscalationNotificationSchema>;

/** A target of a step that nobody could be notified through, and why. */
export const SkippedTargetSchema = Type.Object({
  round: Type.Integer({ minimum: 0 }),
  step: Type.Integer({ minimum: 0 }),
  target: Type.String({ description: 'The contact or schedule, by name' }),
  reason: Type.String(),
});
export type SkippedTarget = Static<typeof SkippedTargetSchema>;

/** A request that a unit takes over an incident, run by one of its escalation policies. */
export const EscalationSchema = Type.Object({
  id: uuid(),
  incidentId: uuid(),
  unitId: uuid(),
  unitName: Type.String(),
  policyId: uuid(),
  policyName: Type.String(),
  steps: Type.Array(EscalationStepSchema, {
    description: 'The policy as it was when the escalation started',
  }),
  repeat: Type.Integer({ minimum: 0 }),
  brief: Type.String({
    description: 'What the unit is asked to take, as the duty officer wrote it',
  }),
  status: Type.Enum(ESCALATION_STATUSES),
  round: Type.Integer({ minimum: 0, description: 'The run of the policy now, 0 for the first' }),
  step: Type.Integer({ minimum: 0, description: 'The step notified last' }),
  nextStepAt: Type.Optional(
    dateTime('When the next step (or, after the last, the end) comes, while it is active'),
  ),
  notifications: Type.Array(EscalationNotificationSchema, { description: 'Oldest first' }),
  skipped: Type.Array(SkippedTargetSchema),
  startedAt: dateTime(),
  startedBy: Type.String(),
  updatedAt: dateTime(),
  endedAt: Type.Optional(dateTime()),
  endedBy: Type.Optional(
    Type.String({ description: 'The contact or user who ended it, or "system" when it ran out' }),
  ),
  endReason: Type.Optional(Type.String()),
  redirectedTo: Type.Optional(
    Type.Object({
      unitId: uuid(),
      unitName: Type.String(),
      escalationId: Type.Optional(
        uuid('The escalation started to that unit, when it has a policy in use'),
      ),
    }),
  ),
});
export type Escalation = Static<typeof EscalationSchema>;

const brief = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'A short brief: what the unit is asked to take; it goes into every message',
});
const reason = Type.String({ minLength: 1, maxLength: 1_000 });
const expectedUpdatedAt = dateTime(
  'The updatedAt the console showed; a different one means the escalation moved on meanwhile',
);

/** Starts escalating an incident to a unit by one of its policies. */
export const StartEscalationSchema = Type.Object(
  { unitId: uuid(), policyId: uuid(), brief },
  { additionalProperties: false },
);
export type StartEscalation = Static<typeof StartEscalationSchema>;

/** The duty officer heard by phone that the unit took the case. */
export const RecordAcknowledgementSchema = Type.Object(
  {
    contactId: Type.Optional(uuid('The contact who answered, when it was one of the unit')),
    note: reason,
    expectedUpdatedAt,
  },
  { additionalProperties: false },
);
export type RecordAcknowledgement = Static<typeof RecordAcknowledgementSchema>;

/** Notifies the next step now instead of waiting. */
export const EscalateNowSchema = Type.Object(
  { expectedUpdatedAt },
  { additionalProperties: false },
);
export type EscalateNow = Static<typeof EscalateNowSchema>;

/** Calls an escalation off, saying why. */
export const CancelEscalationSchema = Type.Object(
  { reason, expectedUpdatedAt },
  { additionalProperties: false },
);
export type CancelEscalation = Static<typeof CancelEscalationSchema>;

/** A unit the console offers for an incident, with why and the policies it can be reached by. */
export const EscalationSuggestionSchema = Type.Object({
  unitId: uuid(),
  unitName: Type.String(),
  reasons: Type.Array(Type.String(), { description: 'e.g. "category", "district"' }),
  policies: Type.Array(Type.Object({ id: uuid(), name: Type.String() })),
  nobodyOnCall: Type.Boolean({
    description: 'Nobody is on call in any of its schedules now or in the next 24 hours',
  }),
});
export type EscalationSuggestion = Static<typeof EscalationSuggestionSchema>;

/** An incident's escalations, newest first, and the units it could be escalated to. */
export const IncidentEscalationsSchema = Type.Object({
  escalations: Type.Array(EscalationSchema),
  suggestions: Type.Array(EscalationSuggestionSchema),
});
export type IncidentEscalations = Static<typeof IncidentEscalationsSchema>;

/** Escalations still awaiting acknowledgement, oldest first. */
export const EscalationListSchema = Type.Object({ escalations: Type.Array(EscalationSchema) });
export type EscalationList = Static<typeof EscalationListSchema>;

/** A request waiting in a person's own console: they are a contact a step reached there. */
export const ConsoleRequestSchema = Type.Object({
  notificationId: uuid(),
  escalationId: uuid(),
  incidentId: uuid(),
  incidentTitle: Type.String(),
  unitName: Type.String(),
  contactName: Type.String(),
  brief: Type.String(),
  queuedAt: dateTime(),
  link: Type.String({ description: 'The acknowledgement page, as the same path an SMS carries' }),
});
export type ConsoleRequest = Static<typeof ConsoleRequestSchema>;

/** The requests waiting in the caller's console, oldest first. */
export const ConsoleRequestListSchema = Type.Object({ requests: Type.Array(ConsoleRequestSchema) });
export type ConsoleRequestList = Static<typeof ConsoleRequestListSchema>;

/** What the person reached answers on the acknowledgement page. */
export const AcknowledgementAction = {
  accept: 'accept',
  decline: 'decline',
  redirect: 'redirect',
} as const;
export type AcknowledgementAction =
  (typeof AcknowledgementAction)[keyof typeof AcknowledgementAction];
export const ACKNOWLEDGEMENT_ACTIONS: readonly AcknowledgementAction[] =
  Object.values(AcknowledgementAction);
