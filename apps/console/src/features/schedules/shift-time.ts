import { toCityTimeInput } from '../../lib/time-format.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (found === undefined) {
    try {
      found = new Intl.DateTimeFormat(language, options);
    } catch {
      // An unknown time zone name: the browser's local time rather than nothing.
      found = new Intl.DateTimeFormat(language, { ...options, timeZone: undefined });
    }
    formats.set(key, found);
  }
  return found;
}

/**
 * The start or end of a turn in the unit's time zone, with its weekday and date, e.g.
 * "Mon 23 Nov, 08:00": a rota is read by the day of the week.
 */
export function formatShiftTime(date: Date, language: string, timeZone: string): string {
  return format(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(date);
}

/** A date of the calendar (`YYYY-MM-DD`) as people read it, e.g. "Mon 23 Nov 2026". */
export function formatCalendarDate(date: string, language: string): string {
  const instant = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(instant)) return date;
  return format(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(instant);
}

/** The name of a weekday, 1 for Monday to 7 for Sunday, in the language. */
export function weekdayName(weekday: number, language: string, width: 'long' | 'short'): string {
  // 1 January 2024 was a Monday.
  return format(language, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2024, 0, weekday));
}

/** The weekday (1 Monday … 7 Sunday) of a `YYYY-MM-DD`, or null when it is not a date. */
export function weekdayOfDate(date: string): number | null {
  const instant = Date.parse(`${date}T12:00:00Z`);
  if (Number.isNaN(instant)) return null;
  return new Date(instant).getUTCDay() || 7;
}

/** Today's date (`YYYY-MM-DD`) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return toCityTimeInput(now, timeZone).slice(0, 10);
}
