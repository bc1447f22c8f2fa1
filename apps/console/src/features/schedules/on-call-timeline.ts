import type { OnCallGap, OnCallShift, ScheduleOnCall } from '@vaka/domain';

/** How far ahead the server warns that nobody is on call. */
const WARNING_AHEAD = 24 * 3_600_000;

/** One line of a schedule's coming turns: someone on call, or nobody. */
export type TimelineRow =
  | ({ readonly kind: 'shift'; readonly current: boolean } & OnCallShift)
  | { readonly kind: 'gap'; readonly from: string; readonly to: string; readonly current: boolean };

/**
 * A schedule's turns from `from` to `to` with the stretches nobody covers between them, in
 * order. The turn in progress at `asOf` shows from when it really began, not from the range's
 * start, so the duty officer sees how long the person has been on.
 */
export function timelineRows(
  schedule: ScheduleOnCall,
  from: string,
  to: string,
  asOf: string,
): TimelineRow[] {
  const at = Date.parse(asOf);
  const isCurrent = (start: string, end: string): boolean =>
    Date.parse(start) <= at && at < Date.parse(end);
  const rows: TimelineRow[] = [];
  let cursor = Date.parse(from);
  for (const shift of schedule.shifts) {
    const start = Date.parse(shift.from);
    if (start > cursor) {
      const gapFrom = new Date(cursor).toISOString();
      rows.push({
        kind: 'gap',
        from: gapFrom,
        to: shift.from,
        current: isCurrent(gapFrom, shift.from),
      });
    }
    const now = schedule.now;
    const began =
      now !== undefined &&
      rows.length === 0 &&
      now.contactId === shift.contactId &&
      now.to === shift.to &&
      Date.parse(now.from) < start
        ? now.from
        : shift.from;
    rows.push({ kind: 'shift', ...shift, from: began, current: isCurrent(began, shift.to) });
    cursor = Math.max(cursor, Date.parse(shift.to));
  }
  const end = Date.parse(to);
  if (end > cursor) {
    const gapFrom = new Date(cursor).toISOString();
    rows.push({ kind: 'gap', from: gapFrom, to, current: isCurrent(gapFrom, to) });
  }
  return rows;
}

/**
 * How a stretch without anyone on call reads: all of the next day, from now until a time, between
 * two times, or from a time to the end of the day ahead (the server looks no further).
 */
export type GapWarningKind = 'allDay' | 'until' | 'between' | 'onwards';

export interface GapWarning {
  readonly kind: GapWarningKind;
  readonly from: string;
  readonly to: string;
}

/** The server's "nobody is on call" stretches of the next 24 hours, as the warning reads them. */
export function gapWarnings(gaps: readonly OnCallGap[], asOf: string): GapWarning[] {
  const at = Date.parse(asOf);
  return gaps.map((gap) => {
    const startsNow = Date.parse(gap.from) <= at;
    const reachesEnd = Date.parse(gap.to) >= at + WARNING_AHEAD;
    const kind: GapWarningKind = startsNow
      ? reachesEnd
        ? 'allDay'
        : 'until'
      : reachesEnd
        ? 'onwards'
        : 'between';
    return { kind, from: gap.from, to: gap.to };
  });
}
