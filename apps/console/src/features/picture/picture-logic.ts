import type { TFunction } from 'i18next';
import {
  IncidentStatus,
  JournalKind,
  MessageStatus,
  SEVERITIES,
  Severity,
  severityRank,
  type HiddenJournalEntry,
  type Incident,
  type JournalEntry,
  type KeyEvent,
  type Language,
  type PlannedEvent,
  type PublicMessage,
} from '@vaka/domain';
import type { ConnectionStatus } from '../../live/live-client.ts';
import { parseCityTime, toCityTimeInput } from '../../lib/time-format.ts';

const HOUR = 3_600_000;

/** How far back the picture's timeline of key events reaches. */
export const KEY_EVENT_HOURS = 12;

/** How many days of planned events the picture shows, today first. */
export const PLANNED_EVENT_DAYS = 3;

/** The statuses of an open incident, in the order a case moves through them. */
export const OPEN_STATUSES = [
  IncidentStatus.new,
  IncidentStatus.acknowledged,
  IncidentStatus.inProgress,
  IncidentStatus.monitoring,
] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** The open incidents counted as the picture shows them. */
export interface IncidentCounts {
  readonly total: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly byStatus: Readonly<Record<OpenStatus, number>>;
}

/** Counts the open incidents by severity and by status; a closed one is not counted. */
export function countOpenIncidents(incidents: Iterable<Incident>): IncidentCounts {
  const bySeverity = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  const byStatus = { new: 0, acknowledged: 0, in_progress: 0, monitoring: 0 };
  let total = 0;
  for (const incident of incidents) {
    if (incident.status === IncidentStatus.closed) continue;
    total += 1;
    bySeverity[incident.severity] += 1;
    byStatus[incident.status] += 1;
  }
  return { total, bySeverity, byStatus };
}

/** The severities, the worst first, as the picture lists them. */
export const SEVERITIES_WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

/** Whether an incident this severe is a key event when it opens or is raised to it. */
function isGrave(severity: Severity): boolean {
  return severityRank(severity) >= severityRank(Severity.serious);
}

/**
 * Whether a journal entry may change the key events of the situation, so the timeline reads
 * them again. NOTE: generous where it cannot tell (a correction of any entry), as a needless
 * read costs little and a missed one leaves the wall screen wrong.
 */
export function mayChangeKeyEvents(entry: JournalEntry | HiddenJournalEntry): boolean {
  switch (entry.kind) {
    case JournalKind.incidentOpened:
      return isGrave(entry.data.incident.severity);
    case JournalKind.incidentUpdated:
      return (
        entry.data.incident.status === IncidentStatus.closed ||
        (entry.data.previous?.severity !== undefined && isGrave(entry.data.incident.severity))
      );
    case JournalKind.incidentMerged:
      return true;
    case JournalKind.noteAdded:
      return entry.data.keyEvent;
    case JournalKind.entryFlagged:
      return entry.data.keyEvent !== undefined;
    case JournalKind.entryCorrected:
    case JournalKind.readinessChanged:
    case JournalKind.escalationStarted:
    case JournalKind.escalationAccepted:
    case JournalKind.escalationExhausted:
    case JournalKind.messagePublished:
    case JournalKind.messageWithdrawn:
      return true;
    default:
      return false;
  }
}

/** Whether a journal entry changes the calendar of planned events. */
export function changesPlannedEvents(entry: JournalEntry | HiddenJournalEntry): boolean {
  return entry.kind.startsWith('planned_event.');
}

/** The key events of the last hours, the newest first. */
export function recentKeyEvents(events: readonly KeyEvent[], now: number): KeyEvent[] {
  const from = now - KEY_EVENT_HOURS * HOUR;
  return events
    .filter((event) => Date.parse(event.at) >= from)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.seq - a.seq);
}

/** Whether the connection brings changes as they happen, and since when it does not. */
export type LiveState =
  | { readonly kind: 'live' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'not_live'; readonly since: Date | null };

/** What the picture says of its connection: live, still connecting, or not live since a time. */
export function liveStateOf(status: ConnectionStatus, offlineSince: Date | null): LiveState {
  switch (status) {
    case 'live':
      return { kind: 'live' };
    case 'connecting':
      return { kind: 'connecting' };
    case 'reconnecting':
    case 'offline':
      return { kind: 'not_live', since: offlineSince };
  }
}

/** The words of the picture's connection notice, with the time already in the city's clock. */
export function liveStateText(
  state: LiveState,
  t: TFunction,
  formatTime: (date: Date) => string,
): string {
  switch (state.kind) {
    case 'live':
      return t('picture.live');
    case 'connecting':
      return t('picture.connecting');
    case 'not_live':
      return state.since === null
        ? t('picture.notLive')
        : t('picture.notLiveSince', { time: formatTime(state.since) });
  }
}

/**
 * The public messages in force now: published, past their start and before their end, the most
 * recently published first. Exercises are kept; the picture marks them.
 */
export function messagesInForce(messages: readonly PublicMessage[], now: number): PublicMessage[] {
  return messages
    .filter(
      (message) =>
        message.status === MessageStatus.published &&
        Date.parse(message.effective) <= now &&
        Date.parse(message.expires) > now,
    )
    .sort((a, b) => (b.publishedAt ?? b.updatedAt).localeCompare(a.publishedAt ?? a.updatedAt));
}

/** A message's headline, in the console's language when it has one in it, else its first. */
export function messageHeadline(
  message: Pick<PublicMessage, 'variants'>,
  language: string,
): { readonly text: string; readonly language: Language } | null {
  const written = message.variants.filter((variant) => variant.headline.trim() !== '');
  const variant = written.find((each) => each.language === language) ?? written[0];
  return variant === undefined ? null : { text: variant.headline, language: variant.language };
}

/** A calendar day in the city, with the planned events on it. */
export interface PlannedDay {
  /** `YYYY-MM-DD` in the city's time zone. */
  readonly date: string;
  /** Days from today: 0 today, 1 tomorrow. */
  readonly offset: number;
  readonly events: readonly PlannedEvent[];
}

/** The calendar day `days` after a `YYYY-MM-DD` date. */
function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The city's calendar day of an instant, `YYYY-MM-DD`. */
export function cityDate(instant: number, timeZone: string): string {
  return toCityTimeInput(new Date(instant), timeZone).slice(0, 10);
}

/** When a calendar day starts in the city. */
function startOfCityDay(date: string, timeZone: string): Date {
  return parseCityTime(`${date}T00:00`, timeZone) ?? new Date(`${date}T00:00:00Z`);
}

/** The period the picture asks planned events for: from now to the end of the last day shown. */
export function plannedEventWindow(
  now: number,
  timeZone: string,
): { readonly from: Date; readonly to: Date } {
  const today = cityDate(now, timeZone);
  return {
    from: new Date(now),
    to: startOfCityDay(addDays(today, PLANNED_EVENT_DAYS), timeZone),
  };
}

/**
 * The planned events of today and the next days, by the city's calendar day, soonest first; an
 * event already under way counts under today. Every day is there, also one with nothing planned.
 */
export function plannedEventsByDay(
  events: readonly PlannedEvent[],
  now: number,
  timeZone: string,
): PlannedDay[] {
  const today = cityDate(now, timeZone);
  const days = Array.from({ length: PLANNED_EVENT_DAYS }, (_, offset) => ({
    date: addDays(today, offset),
    offset,
    events: [] as PlannedEvent[],
  }));
  const sorted = [...events]
    .filter((event) => event.cancelledAt === undefined && Date.parse(event.endsAt) > now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  for (const event of sorted) {
    const date =
      Date.parse(event.startsAt) <= now ? today : cityDate(Date.parse(event.startsAt), timeZone);
    days.find((day) => day.date === date)?.events.push(event);
  }
  return days;
}
