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
