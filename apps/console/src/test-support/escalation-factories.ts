import {
  DeliveryStatus,
  EscalationStatus,
  EscalationTargetKind,
  JournalKind,
  NotificationChannel,
  type Escalation,
  type EscalationNotification,
  type JournalEntry,
} from '@vaka/domain';

let escalationCounter = 0;

/**
 * Builds an escalation of an incident, active at its first step of a two-step policy; every call
 * gets a new id and a later start.
 */
export function buildEscalation(overrides: Partial<Escalation> = {}): Escalation {
  escalationCounter += 1;
  const startedAt = new Date(Date.UTC(2025, 0, 15, 9, escalationCounter)).toISOString();
  const id = `40000000-0000-4000-8000-${String(escalationCounter).padStart(12, '0')}`;
  return {
    id,
    incidentId: '00000000-0000-4000-8000-000000000001',
    unitId: '50000000-0000-4000-8000-000000000001',
    unitName: 'Rescue service duty',
    policyId: '60000000-0000-4000-8000-000000000001',
    policyName: 'Duty desk, then the chief',
    steps: [
      {
        waitMinutes: 5,
        requireAll: false,
        targets: [
          { kind: EscalationTargetKind.contact, contactId: '70000000-0000-4000-8000-000000000001' },
        ],
      },
      {
        waitMinutes: 10,
        requireAll: false,
        targets: [
          { kind: EscalationTargetKind.contact, contactId: '70000000-0000-4000-8000-000000000002' },
        ],
      },
    ],
    repeat: 0,
    brief: 'Take the fire in the school',
    status: EscalationStatus.active,
    round: 0,
    step: 0,
    nextStepAt: new Date(Date.parse(startedAt) + 5 * 60_000).toISOString(),
    notifications: [],
    skipped: [],
    startedAt,
    startedBy: 'Tove Lind',
    updatedAt: startedAt,
    ...overrides,
  };
}

let notificationCounter = 0;

/** Builds a notification by SMS, queued, in the first step of the first round. */
export function buildNotification(
  overrides: Partial<EscalationNotification> = {},
): EscalationNotification {
  notificationCounter += 1;
  return {
    id: `80000000-0000-4000-8000-${String(notificationCounter).padStart(12, '0')}`,
    round: 0,
    step: 0,
    contactId: '70000000-0000-4000-8000-000000000001',
    contactName: 'Eva Lind',
    channel: NotificationChannel.sms,
    address: '+46 70 555 01 23',
    language: 'sv',
    delivery: DeliveryStatus.queued,
    attempts: 0,
    queuedAt: '2025-01-15T09:00:00.000Z',
    ...overrides,
  };
}

const head = (seq: number, escalation: Escalation) => ({
  seq,
  recordedAt: escalation.updatedAt,
  actor: 'system',
  incidentId: escalation.incidentId,
});

/** The entry of an escalation that started. */
export function escalationStartedEntry(seq: number, escalation: Escalation): JournalEntry {
  return {
    ...head(seq, escalation),
    kind: JournalKind.escalationStarted,
    data: { escalation },
  };
}

/** The entry of a notification of the escalation that failed, for good unless told otherwise. */
export function notificationFailedEntry(
  seq: number,
  escalation: Escalation,
  notificationId: string,
  permanent = true,
): JournalEntry {
  return {
    ...head(seq, escalation),
    kind: JournalKind.escalationNotificationFailed,
    data: { escalation, notificationId, error: 'SMS gateway answered 400', permanent },
  };
}

/** The entry of an escalation that ran out. */
export function escalationExhaustedEntry(seq: number, escalation: Escalation): JournalEntry {
  return {
    ...head(seq, escalation),
    kind: JournalKind.escalationExhausted,
    data: { escalation: { ...escalation, status: EscalationStatus.exhausted } },
  };
}

/** The entry of an escalation someone took, recorded by the duty officer from a phone call. */
export function escalationAcceptedEntry(seq: number, escalation: Escalation): JournalEntry {
  return {
    ...head(seq, escalation),
    kind: JournalKind.escalationAccepted,
    data: {
      escalation: { ...escalation, status: EscalationStatus.accepted },
      by: 'Eva Lind',
      via: 'phone',
      note: 'Called back, on the way',
    },
  };
}
