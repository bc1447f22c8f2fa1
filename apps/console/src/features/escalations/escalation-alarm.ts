import {
  DeliveryStatus,
  EscalationStatus,
  isAwaitingAcknowledgement,
  JournalKind,
  type Escalation,
  type HiddenJournalEntry,
  type JournalEntry,
  type NotificationChannel,
} from '@vaka/domain';

/** Why the duty officer is alarmed: nobody took the case, or a message could not be delivered. */
export const AlarmKind = {
  exhausted: 'exhausted',
  deliveryFailed: 'delivery_failed',
} as const;
export type AlarmKind = (typeof AlarmKind)[keyof typeof AlarmKind];

/** Something about an escalation the duty officer must act on, shown until dismissed. */
export interface EscalationAlarm {
  /** The same trouble always has the same id, so a dismissed alarm stays dismissed. */
  readonly id: string;
  readonly kind: AlarmKind;
  readonly escalationId: string;
  readonly incidentId: string;
  readonly unitName: string;
  /** For a failed delivery: who it was for, by which channel and address, and why it failed. */
  readonly contactName?: string;
  readonly channel?: NotificationChannel;
  readonly address?: string;
  readonly error?: string;
  /** When the trouble arose. */
  readonly raisedAt: string;
  /** Raised by a live entry, rather than found in a snapshot: worth a sound. */
  readonly live: boolean;
}

/** The alarms a console holds, and those the person has dismissed. */
export interface AlarmState {
  readonly alarms: readonly EscalationAlarm[];
  readonly dismissed: ReadonlySet<string>;
}

const exhaustedId = (escalationId: string): string => `${escalationId}:exhausted`;
const failedId = (escalationId: string, notificationId: string): string =>
  `${escalationId}:failed:${notificationId}`;

function exhaustedAlarm(escalation: Escalation, at: string, live: boolean): EscalationAlarm {
  return {
    id: exhaustedId(escalation.id),
    kind: AlarmKind.exhausted,
    escalationId: escalation.id,
    incidentId: escalation.incidentId,
    unitName: escalation.unitName,
    raisedAt: at,
    live,
  };
}

function failedAlarm(
  escalation: Escalation,
  notificationId: string,
  error: string | undefined,
  at: string,
  live: boolean,
): EscalationAlarm {
  const notification = escalation.notifications.find((n) => n.id === notificationId);
  const reason = error ?? notification?.lastError;
  return {
    id: failedId(escalation.id, notificationId),
    kind: AlarmKind.deliveryFailed,
    escalationId: escalation.id,
    incidentId: escalation.incidentId,
    unitName: escalation.unitName,
    ...(notification !== undefined && {
      contactName: notification.contactName,
      channel: notification.channel,
      address: notification.address,
    }),
    ...(reason !== undefined && { error: reason }),
    raisedAt: at,
    live,
  };
}

/** Adds an alarm unless it is shown already or was dismissed; the newest comes first. */
function raise(
  alarms: readonly EscalationAlarm[],
  dismissed: ReadonlySet<string>,
  alarm: EscalationAlarm,
): readonly EscalationAlarm[] {
  if (dismissed.has(alarm.id) || alarms.some((shown) => shown.id === alarm.id)) return alarms;
  return [alarm, ...alarms];
}

/**
 * The alarms after live journal entries: an escalation that ran out, or a notification that failed
 * for good, raises one. NOTE: once an escalation is over (taken, redirected, called off) its
 * alarms go, as what they asked of the duty officer has been done; until then they stay until
 * dismissed.
 */
export function applyAlarmEntries(
  state: AlarmState,
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): readonly EscalationAlarm[] {
  let alarms = state.alarms;
  for (const entry of entries) {
    if (!('data' in entry) || !('escalation' in entry.data)) continue;
    const { escalation } = entry.data;
    if (!isAwaitingAcknowledgement(escalation.status)) {
      if (alarms.some((alarm) => alarm.escalationId === escalation.id)) {
        alarms = alarms.filter((alarm) => alarm.escalationId !== escalation.id);
      }
      continue;
    }
    if (entry.kind === JournalKind.escalationExhausted) {
      alarms = raise(alarms, state.dismissed, exhaustedAlarm(escalation, entry.recordedAt, true));
    } else if (entry.kind === JournalKind.escalationNotificationFailed && entry.data.permanent) {
      alarms = raise(
        alarms,
        state.dismissed,
        failedAlarm(
          escalation,
          entry.data.notificationId,
          entry.data.error,
          entry.recordedAt,
          true,
        ),
      );
    }
  }
  return alarms;
}

/**
 * The alarms after a snapshot of the escalations awaiting acknowledgement: those of escalations
 * no longer awaiting go, and every escalation that has run out or has a notification that failed
 * for good raises one (a console opened later must not miss what happened before).
 */
export function alarmsOfSnapshot(
  state: AlarmState,
  awaiting: readonly Escalation[],
): readonly EscalationAlarm[] {
  const ids = new Set(awaiting.map((escalation) => escalation.id));
  let alarms: readonly EscalationAlarm[] = state.alarms.filter((alarm) =>
    ids.has(alarm.escalationId),
  );
  for (const escalation of awaiting) {
    for (const notification of escalation.notifications) {
      if (notification.delivery !== DeliveryStatus.failed) continue;
      alarms = raise(
        alarms,
        state.dismissed,
        failedAlarm(
          escalation,
          notification.id,
          undefined,
          notification.sentAt ?? escalation.updatedAt,
          false,
        ),
      );
    }
    if (escalation.status === EscalationStatus.exhausted) {
      alarms = raise(
        alarms,
        state.dismissed,
        exhaustedAlarm(escalation, escalation.endedAt ?? escalation.updatedAt, false),
      );
    }
  }
  return alarms.length === state.alarms.length &&
    alarms.every((alarm, index) => alarm === state.alarms[index])
    ? state.alarms
    : alarms;
}
