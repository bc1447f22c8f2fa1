import { describe, expect, it } from 'vitest';
import type { ScheduleOnCall } from '@vaka/domain';
import { gapWarnings, timelineRows } from './on-call-timeline.ts';

const ANNA = '00000000-0000-4000-8000-0000000000a1';
const EVA = '00000000-0000-4000-8000-0000000000e1';

const asOf = '2026-11-22T06:50:00.000Z';
const to = '2026-12-06T06:50:00.000Z';

/** Anna since Monday, a night nobody covers, then Eva's override into the next week. */
const primary: ScheduleOnCall = {
  scheduleId: '00000000-0000-4000-8000-000000000051',
  name: 'Primary',
  timeZone: 'Europe/Stockholm',
  shifts: [
    { contactId: ANNA, from: asOf, to: '2026-11-23T07:00:00.000Z', source: 'layer', layer: 0 },
    {
      contactId: EVA,
      from: '2026-11-23T19:00:00.000Z',
      to: '2026-11-30T07:00:00.000Z',
      source: 'override',
    },
  ],
  now: {
    contactId: ANNA,
    from: '2026-11-16T07:00:00.000Z',
    to: '2026-11-23T07:00:00.000Z',
    source: 'layer',
    layer: 0,
  },
  gaps: [],
};

describe("a schedule's coming turns", () => {
  it('show the turn in progress from when it began, marked as current', () => {
    const [first] = timelineRows(primary, asOf, to, asOf);
    expect(first).toMatchObject({
      kind: 'shift',
      contactId: ANNA,
      from: '2026-11-16T07:00:00.000Z',
      current: true,
    });
  });

  it('mark the stretches nobody covers, between turns and after the last', () => {
    const rows = timelineRows(primary, asOf, to, asOf);
    expect(rows.map((row) => [row.kind, row.from, row.to, row.current])).toEqual([
      ['shift', '2026-11-16T07:00:00.000Z', '2026-11-23T07:00:00.000Z', true],
      ['gap', '2026-11-23T07:00:00.000Z', '2026-11-23T19:00:00.000Z', false],
      ['shift', '2026-11-23T19:00:00.000Z', '2026-11-30T07:00:00.000Z', false],
      ['gap', '2026-11-30T07:00:00.000Z', to, false],
    ]);
    expect(rows[2]).toMatchObject({ kind: 'shift', contactId: EVA, source: 'override' });
  });

  it('start with a gap marked as current when nobody is on call now', () => {
    const later = { ...primary, shifts: primary.shifts.slice(1), now: undefined };
    const [first] = timelineRows(later, asOf, to, asOf);
    expect(first).toEqual({
      kind: 'gap',
      from: asOf,
      to: '2026-11-23T19:00:00.000Z',
      current: true,
    });
  });

  it('are one gap when the schedule has nobody at all', () => {
    expect(timelineRows({ ...primary, shifts: [], now: undefined }, asOf, to, asOf)).toEqual([
      { kind: 'gap', from: asOf, to, current: true },
    ]);
  });
});

describe('the warning that nobody is on call', () => {
  const inOneDay = '2026-11-23T06:50:00.000Z';

  it('reads as all of the next day when it starts now and lasts', () => {
    expect(gapWarnings([{ from: asOf, to: inOneDay }], asOf)).toEqual([
      { kind: 'allDay', from: asOf, to: inOneDay },
    ]);
  });

  it('reads as until a time, between two times, or from a time on', () => {
    const kinds = gapWarnings(
      [
        { from: asOf, to: '2026-11-22T07:00:00.000Z' },
        { from: '2026-11-22T16:00:00.000Z', to: '2026-11-22T17:00:00.000Z' },
        { from: '2026-11-23T05:00:00.000Z', to: inOneDay },
      ],
      asOf,
    ).map((warning) => warning.kind);
    expect(kinds).toEqual(['until', 'between', 'onwards']);
    expect(gapWarnings([], asOf)).toEqual([]);
  });
});
