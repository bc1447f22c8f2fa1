import type { Incident, PlannedEvent } from '@vaka/domain';
import { toCityTimeInput } from '../../lib/time-format.ts';
import type { PlannedEventMark } from './planned-event-marks.ts';

/** How far ahead the calendar looks, as the server's default. */
export const CALENDAR_DAYS = 14;
/** How far ahead the map shows planned events. */
export const MAP_HOURS = 24;

/** One day of the calendar in the city: its date (YYYY-MM-DD) and the events of that day. */
export interface CalendarDay {
  readonly date: string;
  /** 0 for today in the city, 1 for tomorrow… */
  readonly offset: number;
  readonly events: readonly PlannedEvent[];
}

/** The calendar date of an instant in the city, YYYY-MM-DD. */
export function cityDate(instant: Date, timeZone: string): string {
  return toCityTimeInput(instant, timeZone).slice(0, 10);
}

/** The calendar date some days after another, YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The events grouped by the day they start in the city's time zone, soonest first; an event
 * already under way at `now` is listed under today. Days without events are left out.
 */
export function calendarDays(
  events: readonly PlannedEvent[],
  now: Date,
  timeZone: string,
): CalendarDay[] {
  const today = cityDate(now, timeZone);
  const byDate = new Map<string, PlannedEvent[]>();
  const sorted = [...events].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id),
  );
  for (const event of sorted) {
    const starts = new Date(Math.max(Date.parse(event.startsAt), now.getTime()));
    const date = cityDate(starts, timeZone);
    byDate.set(date, [...(byDate.get(date) ?? []), event]);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, dayEvents]) => ({ date, offset: daysBetween(today, date), events: dayEvents }));
}

/** Whether an event is under way at `now`. */
export function isUnderWay(event: PlannedEvent, now: Date): boolean {
  return Date.parse(event.startsAt) <= now.getTime() && now.getTime() < Date.parse(event.endsAt);
}

/** How many of these incidents are linked to each planned event. */
export function linkedIncidentCounts(incidents: Iterable<Incident>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    if (incident.plannedEventId === undefined) continue;
    counts.set(incident.plannedEventId, (counts.get(incident.plannedEventId) ?? 0) + 1);
  }
  return counts;
}

/** The events an incident can be linked to: those not called off, soonest first. */
export function linkableEvents(events: readonly PlannedEvent[]): PlannedEvent[] {
  return events.filter((event) => event.cancelledAt === undefined);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The events the map marks: those with coordinates, each labelled by its name and time. */
export function mapMarks(
  events: readonly PlannedEvent[],
  timeText: (event: PlannedEvent) => string,
): PlannedEventMark[] {
  return events.flatMap((event) =>
    event.location.coordinates === undefined || event.cancelledAt !== undefined
      ? []
      : [
          {
            id: event.id,
            coordinates: event.location.coordinates,
            label: `${event.title}, ${timeText(event)}`,
          },
        ],
  );
}
