import {
  IncidentStatus,
  sortIncidentsNewestFirst,
  type Category,
  type Incident,
  type IncidentQuery,
  type Severity,
} from '@vaka/domain';
import { parseCityTime } from '../../lib/time-format.ts';

/** How far back the list looks, by when an incident was opened. */
export const TimeRange = {
  any: 'any',
  lastHour: 'last_hour',
  last6Hours: 'last_6_hours',
  last24Hours: 'last_24_hours',
  last7Days: 'last_7_days',
  custom: 'custom',
} as const;
export type TimeRange = (typeof TimeRange)[keyof typeof TimeRange];
export const TIME_RANGES = Object.values(TimeRange);

const HOUR = 3_600_000;
const RANGE_MS: Record<Exclude<TimeRange, 'any' | 'custom'>, number> = {
  last_hour: HOUR,
  last_6_hours: 6 * HOUR,
  last_24_hours: 24 * HOUR,
  last_7_days: 7 * 24 * HOUR,
};

/** What the duty officer narrowed the incidents down to. Empty lists mean "any". */
export interface IncidentFilter {
  /** Words to search for in incidents, their reports and notes. */
  readonly text: string;
  /** No status chosen means every open one (and, when searching for words, closed ones too). */
  readonly statuses: readonly IncidentStatus[];
  readonly severities: readonly Severity[];
  readonly categories: readonly Category[];
  readonly districtIds: readonly string[];
  readonly timeRange: TimeRange;
  /** With a custom range: `datetime-local` values in the city's time; '' leaves that end open. */
  readonly customFrom: string;
  readonly customTo: string;
}

/** No filter at all: every open incident. */
export const NO_FILTER: IncidentFilter = {
  text: '',
  statuses: [],
  severities: [],
  categories: [],
  districtIds: [],
  timeRange: TimeRange.any,
  customFrom: '',
  customTo: '',
};

/** Whether the filter narrows anything down, so "clear filters" has something to clear. */
export function isFiltering(filter: IncidentFilter): boolean {
  return (
    filter.text.trim() !== '' ||
    filter.statuses.length > 0 ||
    filter.severities.length > 0 ||
    filter.categories.length > 0 ||
    filter.districtIds.length > 0 ||
    filter.timeRange !== TimeRange.any
  );
}

/**
 * Whether the live open incidents can answer the filter, or the server must be asked: words are
 * searched on the server, and closed incidents are not in the live picture.
 */
export function needsSearch(filter: IncidentFilter): boolean {
  return filter.text.trim() !== '' || filter.statuses.includes(IncidentStatus.closed);
}

/** The window of opening times the filter asks for, in epoch milliseconds; null ends are open. */
export interface OpenedWindow {
  readonly from: number | null;
  readonly to: number | null;
}

/** The opening times the filter's time range covers at `now`. */
export function openedWindow(filter: IncidentFilter, now: number, timeZone: string): OpenedWindow {
  switch (filter.timeRange) {
    case TimeRange.any:
      return { from: null, to: null };
    case TimeRange.custom:
      return {
        from: parseCityTime(filter.customFrom, timeZone)?.getTime() ?? null,
        to: parseCityTime(filter.customTo, timeZone)?.getTime() ?? null,
      };
    default:
      return { from: now - RANGE_MS[filter.timeRange], to: null };
  }
}

/** Whether one incident passes the filter (the words aside: the server matches those). */
export function matchesFilter(
  incident: Incident,
  filter: IncidentFilter,
  window: OpenedWindow,
): boolean {
  if (filter.statuses.length > 0 && !filter.statuses.includes(incident.status)) return false;
  if (filter.severities.length > 0 && !filter.severities.includes(incident.severity)) return false;
  if (filter.categories.length > 0 && !filter.categories.includes(incident.category)) return false;
  if (
    filter.districtIds.length > 0 &&
    (incident.district === undefined || !filter.districtIds.includes(incident.district.id))
  ) {
    return false;
  }
  const openedAt = Date.parse(incident.openedAt);
  if (window.from !== null && openedAt < window.from) return false;
  if (window.to !== null && openedAt >= window.to) return false;
  return true;
}

/** The live incidents the filter lets through, newest first. */
export function filterIncidents(
  incidents: Iterable<Incident>,
  filter: IncidentFilter,
  now: number,
  timeZone: string,
): Incident[] {
  const window = openedWindow(filter, now, timeZone);
  const passing: Incident[] = [];
  for (const incident of incidents) {
    if (matchesFilter(incident, filter, window)) passing.push(incident);
  }
  return sortIncidentsNewestFirst(passing);
}

/** How many incidents one search brings back at most. */
export const SEARCH_LIMIT = 200;

/** The query string parameters of `GET /api/v1/incidents` for the filter at `now`. */
export function incidentQueryOf(
  filter: IncidentFilter,
  now: number,
  timeZone: string,
): IncidentQuery {
  const window = openedWindow(filter, now, timeZone);
  const text = filter.text.trim().slice(0, 200);
  return {
    ...(text === '' ? {} : { q: text }),
    ...(filter.statuses.length === 0 ? {} : { status: filter.statuses.join(',') }),
    ...(filter.severities.length === 0 ? {} : { severity: filter.severities.join(',') }),
    ...(filter.categories.length === 0 ? {} : { category: filter.categories.join(',') }),
    ...(filter.districtIds.length === 0 ? {} : { district: filter.districtIds.join(',') }),
    ...(window.from === null ? {} : { from: new Date(window.from).toISOString() }),
    ...(window.to === null ? {} : { to: new Date(window.to).toISOString() }),
    limit: String(SEARCH_LIMIT),
  };
}

/**
 * What makes one search differ from another; relative time ranges are named rather than
 * computed, so the clock moving on does not count as a new search.
 */
export function searchKeyOf(filter: IncidentFilter): string | null {
  if (!needsSearch(filter)) return null;
  return JSON.stringify([
    filter.text.trim(),
    filter.statuses,
    filter.severities,
    filter.categories,
    filter.districtIds,
    filter.timeRange,
    filter.timeRange === TimeRange.custom ? [filter.customFrom, filter.customTo] : null,
  ]);
}

/** Adds a value to a list of chosen ones, or takes it away when it is there. */
export function toggled<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((each) => each !== value) : [...values, value];
}
