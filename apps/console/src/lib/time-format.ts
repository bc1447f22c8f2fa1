const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function relativeFormat(language: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(language);
  if (format === undefined) {
    format = new Intl.RelativeTimeFormat(language, { style: 'short', numeric: 'auto' });
    relativeFormats.set(language, format);
  }
  return format;
}

function dateTimeFormat(
  language: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(language, { ...options, timeZone });
    } catch {
      // An unknown time zone name: show the browser's local time rather than nothing.
      format = new Intl.DateTimeFormat(language, options);
    }
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * How long ago something happened, e.g. "3 min ago"; under a minute (or slightly in the future, as
 * a server clock may be) it is `justNow`.
 */
export function formatRelativeTime(
  date: Date,
  now: number,
  language: string,
  justNow: string,
): string {
  const elapsed = now - date.getTime();
  if (elapsed < MINUTE) return justNow;
  const format = relativeFormat(language);
  if (elapsed < HOUR) return format.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return format.format(-Math.floor(elapsed / HOUR), 'hour');
  return format.format(-Math.floor(elapsed / DAY), 'day');
}

/** Hours and minutes on the 24-hour clock in the city's time zone, e.g. "14:05". */
export function formatClockTime(date: Date, language: string, timeZone: string): string {
  return dateTimeFormat(language, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** Date and time to the second in the city's time zone, with the zone's abbreviation. */
export function formatExactTime(date: Date, language: string, timeZone: string): string {
  return dateTimeFormat(language, timeZone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
}

/** Day and time to the minute in the city's time zone, e.g. "15 Jan 2025, 09:05", for tables. */
export function formatDateTime(date: Date, language: string, timeZone: string): string {
  return dateTimeFormat(language, timeZone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day and wall-clock time of an instant in a time zone, as numbers. */
function wallClock(instant: number, timeZone: string): WallClock {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-GB', { ...WALL_CLOCK_PARTS, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', WALL_CLOCK_PARTS);
    }
    dayFormats.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'] ?? 1970,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    // Some engines say 24 for midnight even with h23.
    hour: (parts['hour'] ?? 0) % 24,
    minute: parts['minute'] ?? 0,
  };
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

const WALL_CLOCK_PARTS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
};

/**
 * A time as a shift reads it, in the city's time zone: "14:05" today, with the day on any other
 * day ("21 Nov, 14:05"; "21.11. klo 14.05" in Finnish), and with the year in another year.
 */
export function formatTimeWithDate(
  date: Date,
  now: number,
  language: string,
  timeZone: string,
): string {
  const shown = wallClock(date.getTime(), timeZone);
  const today = wallClock(now, timeZone);
  if (shown.year === today.year && shown.month === today.month && shown.day === today.day) {
    return formatClockTime(date, language, timeZone);
  }
  return dateTimeFormat(language, timeZone, {
    ...(shown.year === today.year ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/**
 * The instant a wall-clock time in the city means, from an `<input type="datetime-local">` value
 * ("2025-03-30T02:30"); null when it is not one. A time the clocks skip in spring reads as the
 * same time after the change; a time they pass twice in autumn is the earlier of the two.
 */
export function parseCityTime(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value);
  if (match === null) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== day || hour > 23 || minute > 59) {
    return null;
  }
  // The offset a day before and a day after covers both sides of any daylight-saving change.
  const candidates = [wall - offsetAt(wall - DAY, timeZone), wall - offsetAt(wall + DAY, timeZone)];
  const valid = candidates.filter((instant) => wallClockMs(instant, timeZone) === wall);
  const instant = valid.length === 0 ? candidates[0] : Math.min(...valid);
  return instant === undefined ? null : new Date(instant);
}

/** An instant as the value of an `<input type="datetime-local">` in the city's time zone. */
export function toCityTimeInput(date: Date, timeZone: string): string {
  const clock = wallClock(date.getTime(), timeZone);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `${String(clock.year).padStart(4, '0')}-${two(clock.month)}-${two(clock.day)}T${two(clock.hour)}:${two(clock.minute)}`;
}

/** The wall-clock time of an instant in the zone, read as if it were UTC (minutes precision). */
function wallClockMs(instant: number, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
}

/** How far the zone's clocks are ahead of UTC at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const wholeMinute = instant - (((instant % MINUTE) + MINUTE) % MINUTE);
  return wallClockMs(wholeMinute, timeZone) - wholeMinute;
}
