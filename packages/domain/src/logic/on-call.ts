import {
  OnCallSource,
  type OnCallGap,
  type OnCallShift,
  type Schedule,
  type ScheduleLayer,
  type ScheduleRestriction,
} from '../contracts/schedule.ts';

// Every hand-off is a wall-clock time in the schedule's time zone, not a fixed number of hours
// after the previous one. "Local" times below are written as milliseconds of a naive calendar
// (Date.UTC of the local fields), which has no daylight-saving jumps, and turned into instants
// only at the end:
// - a local time that does not exist (the spring-forward gap, e.g. 02:30 on the last Sunday of
//   March in Europe/Stockholm) happens at the first valid instant after it, 03:00 local; a turn
//   that spans the night is an hour shorter (08:00 to 08:00 is 23 hours);
// - a local time that happens twice (the autumn night, 02:30 on the last Sunday of October) happens
//   the first time, in summer time; a turn that spans the night is an hour longer (25 hours).
// An hours-based rotation steps its hand-offs on the same naive calendar, so 12-hour shifts keep
// handing over at 08:00 and 20:00 all year. Two hand-offs that fall in the same gap meet at one
// instant; the turn between them is empty.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

interface Span {
  from: number;
  to: number;
}
interface Segment extends Span {
  contactId: string;
}

/**
 * Who is on call between `from` and `to`, as contiguous segments; nobody on call is left out.
 * Throws a RangeError for a time zone the runtime does not know (check with isKnownTimeZone).
 */
export function onCallShifts(schedule: Schedule, from: Date, to: Date): OnCallShift[] {
  const start = from.getTime();
  const end = to.getTime();
  if (!(end > start)) return [];
  const zone = new LocalClock(schedule.timeZone);

  // Sources in rising priority: layers in order, then overrides in order.
  const sources: Array<{ segments: Segment[]; layer?: number }> = schedule.layers.map(
    (layer, index) => ({ segments: layerSegments(zone, layer, start, end), layer: index }),
  );
  for (const override of schedule.overrides) {
    const span = clip({ from: Date.parse(override.from), to: Date.parse(override.to) }, start, end);
    if (span) sources.push({ segments: [{ ...span, contactId: override.contactId }] });
  }

  const cuts = new Set<number>([start, end]);
  for (const source of sources) {
    for (const segment of source.segments) cuts.add(segment.from).add(segment.to);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const cursors = sources.map(() => 0);
  const timeline: Array<Segment & { layer?: number }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] as number;
    const b = points[i + 1] as number;
    let winner: { contactId: string; layer?: number } | undefined;
    for (let s = sources.length - 1; s >= 0 && !winner; s--) {
      const source = sources[s] as (typeof sources)[number];
      // Each source's segments are sorted and disjoint, and the cut points only move forward.
      let cursor = cursors[s] as number;
      while (cursor < source.segments.length && (source.segments[cursor] as Segment).to <= a) {
        cursor++;
      }
      cursors[s] = cursor;
      const segment = source.segments[cursor];
      if (segment && segment.from <= a)
        winner = { contactId: segment.contactId, layer: source.layer };
    }
    if (!winner) continue;
    const previous = timeline.at(-1);
    if (
      previous &&
      previous.to === a &&
      previous.contactId === winner.contactId &&
      previous.layer === winner.layer
    ) {
      previous.to = b;
    } else {
      timeline.push({ ...winner, from: a, to: b });
    }
  }
  return timeline.map(({ contactId, layer, from, to }) => ({
    contactId,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    ...(layer === undefined
      ? { source: OnCallSource.override }
      : { source: OnCallSource.layer, layer }),
  }));
}

/** Who is on call at one instant, with the whole stretch they are on call for around it. */
export function onCallAt(schedule: Schedule, at: Date): OnCallShift | undefined {
  const t = at.getTime();
  // NOTE: the stretch is looked for a week either side, the longest regular turn; one that runs
  // further (a single participant, a long override) is reported only that far.
  const shifts = onCallShifts(schedule, new Date(t - WEEK), new Date(t + WEEK));
  return shifts.find((shift) => Date.parse(shift.from) <= t && t < Date.parse(shift.to));
}

/** The stretches between `from` and `to` in which nobody is on call, in order. */
export function onCallGaps(schedule: Schedule, from: Date, to: Date): OnCallGap[] {
  const gaps: OnCallGap[] = [];
  let cursor = from.getTime();
  const end = to.getTime();
  for (const shift of onCallShifts(schedule, from, to)) {
    const shiftFrom = Date.parse(shift.from);
    if (shiftFrom > cursor) gaps.push(isoSpan(cursor, shiftFrom));
    cursor = Math.max(cursor, Date.parse(shift.to));
  }
  if (end > cursor) gaps.push(isoSpan(cursor, end));
  return gaps;
}

/** Whether a name is an IANA time zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function isoSpan(from: number, to: number): OnCallGap {
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

function clip(span: Span, start: number, end: number): Span | undefined {
  const from = Math.max(span.from, start);
  const to = Math.min(span.to, end);
  return to > from ? { from, to } : undefined;
}

/** The turns of one layer that touch [start, end), clipped to it and to the layer's windows. */
function layerSegments(zone: LocalClock, layer: ScheduleLayer, start: number, end: number) {
  const rotation = new Rotation(layer);
  const segments: Segment[] = [];
  // The naive calendar never runs more than a day away from the instants, so starting a turn
  // early is safe; turns that end before `start` are skipped below.
  let index = Math.max(0, rotation.indexAtOrBefore(zone.toLocal(start) - DAY));
  let turnStart = zone.toInstant(rotation.handoff(index));
  while (turnStart < end) {
    const turnEnd = zone.toInstant(rotation.handoff(index + 1));
    const span = clip({ from: turnStart, to: turnEnd }, start, end);
    if (span) {
      const contactId = layer.participants[index % layer.participants.length] as string;
      segments.push({ ...span, contactId });
    }
    index++;
    turnStart = turnEnd;
  }
  if (!layer.restrictions) return segments;
  const windows = restrictionWindows(zone, layer.restrictions, start, end);
  return intersect(segments, windows);
}

/** The hand-offs of a layer on the naive local calendar: hand-off k begins turn k. */
class Rotation {
  private readonly first: number;
  /** The first hand-off after `first` and the length of the turns from it on. */
  private readonly anchor: number;
  private readonly period: number;

  constructor(layer: ScheduleLayer) {
    const [year, month, day] = layer.startsAt.split('-').map(Number) as [number, number, number];
    this.first = Date.UTC(year, month - 1, day) + minutesOf(layer.handoffTime) * MINUTE;
    const { shift } = layer;
    if (shift.kind === 'weekly') {
      this.period = WEEK;
      const startWeekday = isoWeekday(this.first);
      const handoffWeekday = layer.handoffWeekday ?? startWeekday;
      // The first turn runs to the next hand-off weekday, so it is shorter than a week when the
      // rotation starts on another day.
      const daysToHandoff = (handoffWeekday - startWeekday + 7) % 7 || 7;
      this.anchor = this.first + daysToHandoff * DAY;
    } else {
      this.period = shift.kind === 'daily' ? DAY : shift.hours * HOUR;
      this.anchor = this.first + this.period;
    }
  }

  handoff(index: number): number {
    return index === 0 ? this.first : this.anchor + (index - 1) * this.period;
  }

  /** The turn that is under way at a naive local time (0 before the rotation starts). */
  indexAtOrBefore(local: number): number {
    if (local < this.anchor) return 0;
    return 1 + Math.floor((local - this.anchor) / this.period);
  }
}

/** The windows of a layer's restrictions that touch [start, end), merged, as instants. */
function restrictionWindows(
  zone: LocalClock,
  restrictions: readonly ScheduleRestriction[],
  start: number,
  end: number,
): Span[] {
  const windows: Span[] = [];
  // A window opens on a local day and may close the next: begin a day early.
  const firstDay = Math.floor(zone.toLocal(start) / DAY) * DAY - DAY;
  const lastDay = Math.floor(zone.toLocal(end) / DAY) * DAY;
  for (let day = firstDay; day <= lastDay; day += DAY) {
    const weekday = isoWeekday(day);
    for (const restriction of restrictions) {
      if (!restriction.weekdays.includes(weekday)) continue;
      const opens = minutesOf(restriction.startTime);
      const closes = minutesOf(restriction.endTime);
      const from = zone.toInstant(day + opens * MINUTE);
      const to = zone.toInstant(day + (closes > opens ? 0 : DAY) + closes * MINUTE);
      const span = clip({ from, to }, start, end);
      if (span) windows.push(span);
    }
  }
  windows.sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const window of windows) {
    const last = merged.at(-1);
    if (last && window.from <= last.to) last.to = Math.max(last.to, window.to);
    else merged.push({ ...window });
  }
  return merged;
}

/** The parts of sorted, disjoint segments that lie inside sorted, disjoint windows. */
function intersect(segments: readonly Segment[], windows: readonly Span[]): Segment[] {
  const result: Segment[] = [];
  let w = 0;
  for (const segment of segments) {
    while (w < windows.length && (windows[w] as Span).to <= segment.from) w++;
    for (let v = w; v < windows.length && (windows[v] as Span).from < segment.to; v++) {
      const span = clip(windows[v] as Span, segment.from, segment.to);
      if (span) result.push({ ...span, contactId: segment.contactId });
    }
  }
  return result;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** ISO weekday (1 Monday … 7 Sunday) of a naive local time. */
function isoWeekday(local: number): number {
  return new Date(local).getUTCDay() || 7;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Converts between instants and the naive local calendar of one time zone. */
class LocalClock {
  private readonly format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    let format = formatters.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      formatters.set(timeZone, format);
    }
    this.format = format;
  }

  /** The naive local time of an instant (whole seconds). */
  toLocal(instant: number): number {
    const fields: Record<string, number> = {};
    for (const part of this.format.formatToParts(instant)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const field = (name: string) => fields[name] ?? 0;
    return Date.UTC(
      field('year'),
      field('month') - 1,
      field('day'),
      field('hour'),
      field('minute'),
      field('second'),
    );
  }

  /** The instant of a naive local time, by the rule at the top of this file. */
  toInstant(local: number): number {
    const offsetBefore = this.offset(local - DAY);
    const offsetAfter = this.offset(local + DAY);
    const early = local - Math.max(offsetBefore, offsetAfter);
    const late = local - Math.min(offsetBefore, offsetAfter);
    // The earlier reading wins when the local time happens twice.
    if (this.toLocal(early) === local) return early;
    if (this.toLocal(late) === local) return late;
    // The local time falls in a gap: the first valid instant after it is the transition, which
    // lies between the two readings. Transitions fall on whole seconds.
    let low = Math.floor(early / 1000);
    let high = Math.ceil(late / 1000);
    const offsetLow = this.offset(low * 1000);
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.offset(middle * 1000) === offsetLow) low = middle;
      else high = middle;
    }
    return high * 1000;
  }

  private offset(instant: number): number {
    return this.toLocal(instant) - Math.floor(instant / 1000) * 1000;
  }
}
