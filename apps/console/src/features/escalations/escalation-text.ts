import type { TFunction } from 'i18next';
import {
  DeliveryStatus,
  EscalationStatus,
  NotificationResponse,
  type Escalation,
  type EscalationNotification,
  type Incident,
  type SkippedTarget,
} from '@vaka/domain';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Where an escalation stands in its policy, counted from one: step 2 of 3, round 1 of 2. */
export function stepProgress(escalation: Pick<Escalation, 'step' | 'steps' | 'round' | 'repeat'>): {
  step: number;
  steps: number;
  round: number;
  rounds: number;
} {
  return {
    step: escalation.step + 1,
    steps: escalation.steps.length,
    round: escalation.round + 1,
    rounds: escalation.repeat + 1,
  };
}

/**
 * Time left as a countdown, "4:05" or "1:02:03", rounded up to the second so it reads 0:00 only
 * when the moment has come; never below zero.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / SECOND));
  const hours = Math.floor(total / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  const two = (value: number): string => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

const unitFormats = new Map<string, Intl.NumberFormat>();

function unitFormat(language: string, unit: 'minute' | 'hour'): Intl.NumberFormat {
  const key = `${language}|${unit}`;
  let format = unitFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' });
    unitFormats.set(key, format);
  }
  return format;
}

/**
 * How long something has waited, in the person's language and its own unit abbreviations:
 * "12 min", "1 hr 5 min"; whole units, rounded down. Null under a minute, which the list ticking
 * every 30 s could not show truly in seconds.
 */
export function formatWaited(ms: number, language: string): string | null {
  if (ms < MINUTE) return null;
  if (ms < HOUR) return unitFormat(language, 'minute').format(Math.floor(ms / MINUTE));
  const hours = unitFormat(language, 'hour').format(Math.floor(ms / HOUR));
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  return minutes === 0 ? hours : `${hours} ${unitFormat(language, 'minute').format(minutes)}`;
}

/** One run of one step: who was notified in it and which targets reached nobody. */
export interface StepRun {
  readonly round: number;
  readonly notifications: readonly EscalationNotification[];
  readonly skipped: readonly SkippedTarget[];
}

/** A step of the policy with its runs so far, the first round first. */
export interface StepHistory {
  readonly step: number;
  readonly waitMinutes: number;
  readonly requireAll: boolean;
  /** The step the engine notified last, while the escalation still awaits an answer. */
  readonly current: boolean;
  readonly runs: readonly StepRun[];
}

/** The escalation's policy step by step, with what happened in each run of each step. */
export function stepHistory(escalation: Escalation): StepHistory[] {
  const awaiting =
    escalation.status === EscalationStatus.active ||
    escalation.status === EscalationStatus.exhausted;
  return escalation.steps.map((step, index) => {
    const rounds = new Set<number>();
    for (const n of escalation.notifications) if (n.step === index) rounds.add(n.round);
    for (const s of escalation.skipped) if (s.step === index) rounds.add(s.round);
    return {
      step: index,
      waitMinutes: step.waitMinutes,
      requireAll: step.requireAll,
      current: awaiting && escalation.step === index,
      runs: [...rounds]
        .sort((a, b) => a - b)
        .map((round) => ({
          round,
          notifications: escalation.notifications.filter(
            (n) => n.step === index && n.round === round,
          ),
          skipped: escalation.skipped.filter((s) => s.step === index && s.round === round),
        })),
    };
  });
}

/** What became of a message, in words: queued, held until, sent at, failed for good, withdrawn. */
export function deliveryText(
  notification: EscalationNotification,
  t: TFunction,
  time: (iso: string) => string,
): string {
  switch (notification.delivery) {
    case DeliveryStatus.queued:
      return notification.heldUntil === undefined
        ? t('escalations.delivery.queued')
        : t('escalations.delivery.held', { time: time(notification.heldUntil) });
    case DeliveryStatus.sending:
      return t('escalations.delivery.sending');
    case DeliveryStatus.sent:
      return notification.sentAt === undefined
        ? t('escalations.delivery.sentUnknown')
        : t('escalations.delivery.sent', { time: time(notification.sentAt) });
    case DeliveryStatus.failed:
      return t('escalations.delivery.failed');
    case DeliveryStatus.withdrawn:
      return t('escalations.delivery.withdrawn');
  }
}

/** What the person reached answered, with why when they gave a reason; null before an answer. */
export function responseText(
  notification: EscalationNotification,
  t: TFunction,
  time: (iso: string) => string,
): string | null {
  if (notification.response === undefined) return null;
  const at = notification.respondedAt === undefined ? '' : time(notification.respondedAt);
  const answer =
    notification.response === NotificationResponse.accepted
      ? t('escalations.response.accepted', { time: at })
      : notification.response === NotificationResponse.declined
        ? t('escalations.response.declined', { time: at })
        : t('escalations.response.redirected', { time: at });
  return notification.responseReason === undefined
    ? answer
    : `${answer} — ${t('escalations.response.reason', { reason: notification.responseReason })}`;
}

/**
 * Why a unit is suggested, in words: it answers for the incident's category, its district, or
 * the whole city. A reason this console does not know is shown as the server sent it.
 */
export function suggestionReasonText(
  reason: string,
  incident: Pick<Incident, 'category' | 'district'>,
  t: TFunction,
): string {
  if (reason === 'category') {
    return t('escalations.reason.category', { category: t(`category.${incident.category}`) });
  }
  if (reason === 'whole_city') return t('escalations.reason.wholeCity');
  if (reason.startsWith('district:')) {
    const named = reason.slice('district:'.length);
    // The server may name the district by id or by name: the incident's own name reads best.
    const district =
      incident.district !== undefined &&
      (incident.district.id === named || incident.district.name === named)
        ? incident.district.name
        : named;
    return t('escalations.reason.district', { district });
  }
  return reason;
}
