import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import {
  ScheduleSchema,
  type OnCallShift,
  type Schedule,
  type ScheduleLayer,
  type ScheduleOverride,
} from '../contracts/schedule.ts';
import { isKnownTimeZone, onCallAt, onCallGaps, onCallShifts } from './on-call.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';
const D = '00000000-0000-4000-8000-00000000000d';

/** A UTC instant written without seconds, e.g. utc('2026-03-29T01:00'). */
const utc = (minute: string) => new Date(`${minute}:00.000Z`);
const iso = (minute: string) => utc(minute).toISOString();

const buildLayer = (layer: Partial<ScheduleLayer> = {}): ScheduleLayer => ({
  participants: [A, B, C],
  shift: { kind: 'daily' },
  handoffTime: '08:00',
  startsAt: '2026-01-05',
  ...layer,
});
const buildSchedule = (
  layers: ScheduleLayer[],
  overrides: ScheduleOverride[] = [],
  timeZone = 'Europe/Stockholm',
): Schedule => ({ timeZone, layers, overrides });

const onLayer = (contactId: string, from: string, to: string, layer = 0): OnCallShift => ({
  contactId,
  from: iso(from),
  to: iso(to),
  source: 'layer',
  layer,
});
const onOverride = (contactId: string, from: string, to: string): OnCallShift => ({
  contactId,
  from: iso(from),
  to: iso(to),
  source: 'override',
});
const override = (contactId: string, from: string, to: string): ScheduleOverride => ({
  contactId,
  from: iso(from),
  to: iso(to),
});
const hours = (shift: OnCallShift) => (Date.parse(shift.to) - Date.parse(shift.from)) / 3_600_000;

describe('the schedule contract', () => {
  it('accepts a schedule and refuses impossible times and shift lengths', () => {
    const schedule = buildSchedule([buildLayer()]);
    expect(Value.Check(ScheduleSchema, schedule)).toBe(true);
    expect(Value.Check(ScheduleSchema, buildSchedule([buildLayer({ handoffTime: '24:00' })]))).toBe(
      false,
    );
    expect(
      Value.Check(
        ScheduleSchema,
        buildSchedule([buildLayer({ shift: { kind: 'hours', hours: 169 } })]),
      ),
    ).toBe(false);
    expect(Value.Check(ScheduleSchema, buildSchedule([buildLayer({ participants: [] })]))).toBe(
      false,
    );
    expect(Value.Check(ScheduleSchema, buildSchedule([buildLayer({ startsAt: '5.1.2026' })]))).toBe(
      false,
    );
  });

  it('knows which time zones exist', () => {
    expect(isKnownTimeZone('Europe/Stockholm')).toBe(true);
    expect(isKnownTimeZone('Europe/Gothenburg')).toBe(false);
  });
});

describe('rotations', () => {
  it('hands a daily rotation over at the local hand-off time, in order, round and round', () => {
    const schedule = buildSchedule([buildLayer()]);
    expect(onCallShifts(schedule, utc('2026-01-05T07:00'), utc('2026-01-09T07:00'))).toEqual([
      onLayer(A, '2026-01-05T07:00', '2026-01-06T07:00'),
      onLayer(B, '2026-01-06T07:00', '2026-01-07T07:00'),
      onLayer(C, '2026-01-07T07:00', '2026-01-08T07:00'),
      onLayer(A, '2026-01-08T07:00', '2026-01-09T07:00'),
    ]);
  });

  it('clips the turns to the range asked for', () => {
    const schedule = buildSchedule([buildLayer()]);
    expect(onCallShifts(schedule, utc('2026-01-06T12:00'), utc('2026-01-07T09:30'))).toEqual([
      onLayer(B, '2026-01-06T12:00', '2026-01-07T07:00'),
      onLayer(C, '2026-01-07T07:00', '2026-01-07T09:30'),
    ]);
  });

  it('finds the right participant long after the rotation started', () => {
    // 2026-01-05 to 2026-07-01 is 177 days: turn 177 is A's again (177 = 3 × 59), at 08:00
    // summer time.
    const schedule = buildSchedule([buildLayer()]);
    expect(onCallShifts(schedule, utc('2026-07-01T00:00'), utc('2026-07-02T00:00'))).toEqual([
      onLayer(C, '2026-07-01T00:00', '2026-07-01T06:00'),
      onLayer(A, '2026-07-01T06:00', '2026-07-02T00:00'),
    ]);
  });

  it('keeps one participant on call as one stretch', () => {
    const schedule = buildSchedule([buildLayer({ participants: [D] })]);
    expect(onCallShifts(schedule, utc('2026-01-05T00:00'), utc('2026-01-08T00:00'))).toEqual([
      onLayer(D, '2026-01-05T07:00', '2026-01-08T00:00'),
    ]);
  });

  it('hands a weekly rotation over on its weekday; the first turn runs to the first hand-off', () => {
    // Starts on Wednesday 7 January, hands over on Mondays at 09:00 (08:00 UTC in winter).
    const schedule = buildSchedule([
      buildLayer({
        participants: [A, B],
        shift: { kind: 'weekly' },
        handoffTime: '09:00',
        handoffWeekday: 1,
        startsAt: '2026-01-07',
      }),
    ]);
    expect(onCallShifts(schedule, utc('2026-01-01T00:00'), utc('2026-01-26T08:00'))).toEqual([
      onLayer(A, '2026-01-07T08:00', '2026-01-12T08:00'),
      onLayer(B, '2026-01-12T08:00', '2026-01-19T08:00'),
      onLayer(A, '2026-01-19T08:00', '2026-01-26T08:00'),
    ]);
  });

  it('hands a weekly rotation over on the weekday it started when no weekday is named', () => {
    const schedule = buildSchedule([
      buildLayer({ participants: [A, B], shift: { kind: 'weekly' }, startsAt: '2026-01-07' }),
    ]);
    expect(onCallShifts(schedule, utc('2026-01-07T07:00'), utc('2026-01-28T07:00'))).toEqual([
      onLayer(A, '2026-01-07T07:00', '2026-01-14T07:00'),
      onLayer(B, '2026-01-14T07:00', '2026-01-21T07:00'),
      onLayer(A, '2026-01-21T07:00', '2026-01-28T07:00'),
    ]);
  });

  it('steps an hours-based rotation by its length, across midnight and far ahead', () => {
    const schedule = buildSchedule(
      [
        buildLayer({
          shift: { kind: 'hours', hours: 7 },
          handoffTime: '00:00',
          startsAt: '2026-01-01',
        }),
      ],
      [],
      'UTC',
    );
    // Turns begin at 00, 07, 14, 21, then 04 the next day (turn 4, B's).
    expect(onCallShifts(schedule, utc('2026-01-02T00:00'), utc('2026-01-02T12:00'))).toEqual([
      onLayer(A, '2026-01-02T00:00', '2026-01-02T04:00'),
      onLayer(B, '2026-01-02T04:00', '2026-01-02T11:00'),
      onLayer(C, '2026-01-02T11:00', '2026-01-02T12:00'),
    ]);
    // 1 June is 3,624 hours in: turn 517 (B's) began 5 hours before.
    expect(onCallShifts(schedule, utc('2026-06-01T00:00'), utc('2026-06-01T10:00'))).toEqual([
      onLayer(B, '2026-06-01T00:00', '2026-06-01T02:00'),
      onLayer(C, '2026-06-01T02:00', '2026-06-01T09:00'),
      onLayer(A, '2026-06-01T09:00', '2026-06-01T10:00'),
    ]);
  });

  it('shows nobody before a rotation that starts in the future', () => {
    const schedule = buildSchedule([buildLayer({ participants: [A], startsAt: '2026-02-01' })]);
    const from = utc('2026-01-31T00:00');
    const to = utc('2026-02-02T00:00');
    expect(onCallShifts(schedule, from, to)).toEqual([
      onLayer(A, '2026-02-01T07:00', '2026-02-02T00:00'),
    ]);
    expect(onCallGaps(schedule, from, to)).toEqual([
      { from: iso('2026-01-31T00:00'), to: iso('2026-02-01T07:00') },
    ]);
    expect(onCallAt(schedule, utc('2026-01-31T12:00'))).toBeUndefined();
  });
});

describe('layers', () => {
  it('lets a later layer win from where it has someone', () => {
    const schedule = buildSchedule([
      buildLayer({ participants: [A, B] }),
      buildLayer({
        participants: [C],
        shift: { kind: 'weekly' },
        handoffTime: '12:00',
        startsAt: '2026-01-06',
      }),
    ]);
    expect(onCallShifts(schedule, utc('2026-01-05T07:00'), utc('2026-01-08T00:00'))).toEqual([
      onLayer(A, '2026-01-05T07:00', '2026-01-06T07:00'),
      onLayer(B, '2026-01-06T07:00', '2026-01-06T11:00'),
      onLayer(C, '2026-01-06T11:00', '2026-01-08T00:00', 1),
    ]);
  });

  it('lets a restricted layer win only inside its windows, a window crossing midnight', () => {
    // Nights on weekdays, 17:00 to 08:00, rotating daily at 17:00 from Monday 5 January; the base
    // layer is A all week.
    const schedule = buildSchedule([
      buildLayer({ participants: [A], shift: { kind: 'weekly' } }),
      buildLayer({
        participants: [C, D],
        handoffTime: '17:00',
        restrictions: [{ weekdays: [1, 2, 3, 4, 5], startTime: '17:00', endTime: '08:00' }],
      }),
    ]);
    // Friday 9 January 00:00 to Monday 12 January 12:00, local (UTC+1).
    expect(onCallShifts(schedule, utc('2026-01-08T23:00'), utc('2026-01-12T11:00'))).toEqual([
      onLayer(D, '2026-01-08T23:00', '2026-01-09T07:00', 1),
      onLayer(A, '2026-01-09T07:00', '2026-01-09T16:00'),
      onLayer(C, '2026-01-09T16:00', '2026-01-10T07:00', 1),
      onLayer(A, '2026-01-10T07:00', '2026-01-12T11:00'),
    ]);
  });
});

describe('overrides', () => {
  const base = buildLayer();
  const at = (overrides: ScheduleOverride[]) =>
    onCallShifts(
      buildSchedule([base], overrides),
      utc('2026-01-05T07:00'),
      utc('2026-01-07T07:00'),
    );

  it('cut into the start of a turn', () => {
    expect(at([override(D, '2026-01-05T07:00', '2026-01-05T12:00')])).toEqual([
      onOverride(D, '2026-01-05T07:00', '2026-01-05T12:00'),
      onLayer(A, '2026-01-05T12:00', '2026-01-06T07:00'),
      onLayer(B, '2026-01-06T07:00', '2026-01-07T07:00'),
    ]);
  });

  it('cut into the middle of a turn', () => {
    expect(at([override(D, '2026-01-05T17:00', '2026-01-05T20:00')])).toEqual([
      onLayer(A, '2026-01-05T07:00', '2026-01-05T17:00'),
      onOverride(D, '2026-01-05T17:00', '2026-01-05T20:00'),
      onLayer(A, '2026-01-05T20:00', '2026-01-06T07:00'),
      onLayer(B, '2026-01-06T07:00', '2026-01-07T07:00'),
    ]);
  });

  it('cut into the end of a turn', () => {
    expect(at([override(D, '2026-01-06T01:00', '2026-01-06T07:00')])).toEqual([
      onLayer(A, '2026-01-05T07:00', '2026-01-06T01:00'),
      onOverride(D, '2026-01-06T01:00', '2026-01-06T07:00'),
      onLayer(B, '2026-01-06T07:00', '2026-01-07T07:00'),
    ]);
  });

  it('span several turns and the edge of the range', () => {
    expect(at([override(D, '2026-01-05T12:00', '2026-01-08T12:00')])).toEqual([
      onLayer(A, '2026-01-05T07:00', '2026-01-05T12:00'),
      onOverride(D, '2026-01-05T12:00', '2026-01-07T07:00'),
    ]);
  });

  it('let the later of two overlapping overrides win, and join with the same person', () => {
    expect(
      at([
        override(D, '2026-01-05T10:00', '2026-01-05T14:00'),
        override(C, '2026-01-05T12:00', '2026-01-05T16:00'),
        override(C, '2026-01-05T16:00', '2026-01-05T18:00'),
      ]),
    ).toEqual([
      onLayer(A, '2026-01-05T07:00', '2026-01-05T10:00'),
      onOverride(D, '2026-01-05T10:00', '2026-01-05T12:00'),
      onOverride(C, '2026-01-05T12:00', '2026-01-05T18:00'),
      onLayer(A, '2026-01-05T18:00', '2026-01-06T07:00'),
      onLayer(B, '2026-01-06T07:00', '2026-01-07T07:00'),
    ]);
  });

  it('fill a gap where no layer has anyone', () => {
    const schedule = buildSchedule([], [override(D, '2026-01-05T17:00', '2026-01-06T07:00')]);
    const from = utc('2026-01-05T12:00');
    const to = utc('2026-01-06T12:00');
    expect(onCallShifts(schedule, from, to)).toEqual([
      onOverride(D, '2026-01-05T17:00', '2026-01-06T07:00'),
    ]);
    expect(onCallGaps(schedule, from, to)).toEqual([
      { from: iso('2026-01-05T12:00'), to: iso('2026-01-05T17:00') },
      { from: iso('2026-01-06T07:00'), to: iso('2026-01-06T12:00') },
    ]);
  });
});

describe('gaps and the moment', () => {
  const officeHours = buildSchedule([
    buildLayer({
      participants: [A],
      restrictions: [{ weekdays: [1, 2, 3, 4, 5], startTime: '08:00', endTime: '17:00' }],
    }),
  ]);

  it('finds the weekend in which nobody is on call', () => {
    expect(onCallGaps(officeHours, utc('2026-01-09T12:00'), utc('2026-01-12T12:00'))).toEqual([
      { from: iso('2026-01-09T16:00'), to: iso('2026-01-12T07:00') },
    ]);
  });

  it('finds no gap when someone is always on call, and the whole range when nobody is', () => {
    const always = buildSchedule([buildLayer()]);
    expect(onCallGaps(always, utc('2026-01-06T00:00'), utc('2026-01-07T00:00'))).toEqual([]);
    expect(onCallGaps(buildSchedule([]), utc('2026-01-06T00:00'), utc('2026-01-07T00:00'))).toEqual(
      [{ from: iso('2026-01-06T00:00'), to: iso('2026-01-07T00:00') }],
    );
  });

  it('tells who is on call at a moment, for their whole stretch; a hand-off belongs to the next', () => {
    const schedule = buildSchedule([buildLayer()]);
    expect(onCallAt(schedule, utc('2026-01-06T15:00'))).toEqual(
      onLayer(B, '2026-01-06T07:00', '2026-01-07T07:00'),
    );
    expect(onCallAt(schedule, utc('2026-01-07T07:00'))).toEqual(
      onLayer(C, '2026-01-07T07:00', '2026-01-08T07:00'),
    );
    expect(onCallAt(officeHours, utc('2026-01-10T12:00'))).toBeUndefined();
  });
});

describe('daylight-saving nights in Europe/Stockholm', () => {
  it('hands a 02:30 daily rotation over at 03:00 on the spring night', () => {
    const schedule = buildSchedule([
      buildLayer({ participants: [A, B], handoffTime: '02:30', startsAt: '2026-03-27' }),
    ]);
    expect(onCallShifts(schedule, utc('2026-03-27T01:30'), utc('2026-03-30T00:30'))).toEqual([
      onLayer(A, '2026-03-27T01:30', '2026-03-28T01:30'),
      // 02:30 on 29 March does not exist: 03:00 summer time, 01:00 UTC.
      onLayer(B, '2026-03-28T01:30', '2026-03-29T01:00'),
      onLayer(A, '2026-03-29T01:00', '2026-03-30T00:30'),
    ]);
  });

  it('makes a turn spanning the spring night 23 hours long', () => {
    const schedule = buildSchedule([buildLayer({ participants: [A, B], startsAt: '2026-03-28' })]);
    const shifts = onCallShifts(schedule, utc('2026-03-28T07:00'), utc('2026-03-30T06:00'));
    expect(shifts).toEqual([
      onLayer(A, '2026-03-28T07:00', '2026-03-29T06:00'),
      onLayer(B, '2026-03-29T06:00', '2026-03-30T06:00'),
    ]);
    expect(shifts.map(hours)).toEqual([23, 24]);
  });

  it('hands a 02:30 daily rotation over at the first 02:30 on the autumn night', () => {
    const schedule = buildSchedule([
      buildLayer({ participants: [A, B], handoffTime: '02:30', startsAt: '2026-10-23' }),
    ]);
    const shifts = onCallShifts(schedule, utc('2026-10-23T00:30'), utc('2026-10-26T01:30'));
    expect(shifts).toEqual([
      onLayer(A, '2026-10-23T00:30', '2026-10-24T00:30'),
      // 02:30 summer time; the clocks then go back and 02:30 comes again an hour later.
      onLayer(B, '2026-10-24T00:30', '2026-10-25T00:30'),
      onLayer(A, '2026-10-25T00:30', '2026-10-26T01:30'),
    ]);
    expect(shifts.map(hours)).toEqual([24, 24, 25]);
  });

  it('makes a turn spanning the autumn night 25 hours long', () => {
    const schedule = buildSchedule([buildLayer({ participants: [A, B], startsAt: '2026-10-24' })]);
    const shifts = onCallShifts(schedule, utc('2026-10-24T06:00'), utc('2026-10-26T07:00'));
    expect(shifts).toEqual([
      onLayer(A, '2026-10-24T06:00', '2026-10-25T07:00'),
      onLayer(B, '2026-10-25T07:00', '2026-10-26T07:00'),
    ]);
    expect(shifts.map(hours)).toEqual([25, 24]);
  });

  it('keeps 12-hour shifts handing over at 08:00 and 20:00 across both nights', () => {
    const layer = buildLayer({ participants: [A, B], shift: { kind: 'hours', hours: 12 } });
    const spring = buildSchedule([{ ...layer, startsAt: '2026-03-28' }]);
    expect(onCallShifts(spring, utc('2026-03-28T07:00'), utc('2026-03-29T18:00'))).toEqual([
      onLayer(A, '2026-03-28T07:00', '2026-03-28T19:00'),
      onLayer(B, '2026-03-28T19:00', '2026-03-29T06:00'),
      onLayer(A, '2026-03-29T06:00', '2026-03-29T18:00'),
    ]);
    const autumn = buildSchedule([{ ...layer, startsAt: '2026-10-24' }]);
    expect(onCallShifts(autumn, utc('2026-10-24T06:00'), utc('2026-10-25T19:00'))).toEqual([
      onLayer(A, '2026-10-24T06:00', '2026-10-24T18:00'),
      onLayer(B, '2026-10-24T18:00', '2026-10-25T07:00'),
      onLayer(A, '2026-10-25T07:00', '2026-10-25T19:00'),
    ]);
  });

  it('leaves an hourly turn that falls inside the spring gap empty', () => {
    const schedule = buildSchedule([
      buildLayer({
        shift: { kind: 'hours', hours: 1 },
        handoffTime: '00:00',
        startsAt: '2026-03-29',
      }),
    ]);
    // Turns at 00:00 (A), 01:00 (B), 02:00 (C, which does not exist), 03:00 (A), 04:00 (B).
    expect(onCallShifts(schedule, utc('2026-03-28T23:00'), utc('2026-03-29T03:00'))).toEqual([
      onLayer(A, '2026-03-28T23:00', '2026-03-29T00:00'),
      onLayer(B, '2026-03-29T00:00', '2026-03-29T01:00'),
      onLayer(A, '2026-03-29T01:00', '2026-03-29T02:00'),
      onLayer(B, '2026-03-29T02:00', '2026-03-29T03:00'),
    ]);
  });

  it('gives the hourly turn at the repeated 02:00 two hours in autumn', () => {
    const schedule = buildSchedule([
      buildLayer({
        shift: { kind: 'hours', hours: 1 },
        handoffTime: '00:00',
        startsAt: '2026-10-25',
      }),
    ]);
    expect(onCallShifts(schedule, utc('2026-10-24T22:00'), utc('2026-10-25T03:00'))).toEqual([
      onLayer(A, '2026-10-24T22:00', '2026-10-24T23:00'),
      onLayer(B, '2026-10-24T23:00', '2026-10-25T00:00'),
      onLayer(C, '2026-10-25T00:00', '2026-10-25T02:00'),
      onLayer(A, '2026-10-25T02:00', '2026-10-25T03:00'),
    ]);
  });
});

describe('other time zones', () => {
  it('keeps every turn 24 hours long where there is no daylight saving (Asia/Tokyo)', () => {
    const schedule = buildSchedule(
      [buildLayer({ participants: [A, B], startsAt: '2026-03-28' })],
      [],
      'Asia/Tokyo',
    );
    const shifts = onCallShifts(schedule, utc('2026-03-27T23:00'), utc('2026-03-30T23:00'));
    expect(shifts).toEqual([
      onLayer(A, '2026-03-27T23:00', '2026-03-28T23:00'),
      onLayer(B, '2026-03-28T23:00', '2026-03-29T23:00'),
      onLayer(A, '2026-03-29T23:00', '2026-03-30T23:00'),
    ]);
  });

  it('hands over at the local time in a half-hour zone (Asia/Kolkata)', () => {
    const schedule = buildSchedule(
      [buildLayer({ participants: [A, B], startsAt: '2026-03-28' })],
      [],
      'Asia/Kolkata',
    );
    expect(onCallShifts(schedule, utc('2026-03-28T02:30'), utc('2026-03-29T12:00'))).toEqual([
      onLayer(A, '2026-03-28T02:30', '2026-03-29T02:30'),
      onLayer(B, '2026-03-29T02:30', '2026-03-29T12:00'),
    ]);
  });

  it('moves a hand-off in the spring gap to 03:00 west of Greenwich too (America/New_York)', () => {
    const schedule = buildSchedule(
      [buildLayer({ participants: [A, B], handoffTime: '02:30', startsAt: '2026-03-07' })],
      [],
      'America/New_York',
    );
    expect(onCallShifts(schedule, utc('2026-03-07T07:30'), utc('2026-03-09T06:30'))).toEqual([
      onLayer(A, '2026-03-07T07:30', '2026-03-08T07:00'),
      onLayer(B, '2026-03-08T07:00', '2026-03-09T06:30'),
    ]);
  });
});

describe('the two weeks the console shows', () => {
  // A weekly base rotation handing over on Mondays at 09:00, C on call every weekend, and D
  // taking Friday night 27 March; the range spans the spring night.
  const schedule = buildSchedule(
    [
      buildLayer({
        participants: [A, B],
        shift: { kind: 'weekly' },
        handoffTime: '09:00',
        handoffWeekday: 1,
        startsAt: '2026-03-16',
      }),
      buildLayer({
        participants: [C],
        shift: { kind: 'weekly' },
        handoffTime: '09:00',
        startsAt: '2026-03-16',
        restrictions: [{ weekdays: [6, 7], startTime: '09:00', endTime: '09:00' }],
      }),
    ],
    [override(D, '2026-03-27T16:00', '2026-03-28T08:00')],
  );
  // Monday 23 March 00:00 to Monday 6 April 00:00, local.
  const from = utc('2026-03-22T23:00');
  const to = utc('2026-04-05T22:00');

  it('lists every stretch with its exact instants', () => {
    expect(onCallShifts(schedule, from, to)).toEqual([
      // C's weekend runs until Monday 09:00.
      onLayer(C, '2026-03-22T23:00', '2026-03-23T08:00', 1),
      onLayer(B, '2026-03-23T08:00', '2026-03-27T16:00'),
      onOverride(D, '2026-03-27T16:00', '2026-03-28T08:00'),
      // Saturday 09:00 winter time to Monday 09:00 summer time: 47 hours.
      onLayer(C, '2026-03-28T08:00', '2026-03-30T07:00', 1),
      onLayer(A, '2026-03-30T07:00', '2026-04-04T07:00'),
      onLayer(C, '2026-04-04T07:00', '2026-04-05T22:00', 1),
    ]);
    expect(onCallGaps(schedule, from, to)).toEqual([]);
  });

  it('tells who is on call at a moment inside it', () => {
    expect(onCallAt(schedule, utc('2026-03-29T12:00'))).toEqual(
      onLayer(C, '2026-03-28T08:00', '2026-03-30T07:00', 1),
    );
    expect(onCallAt(schedule, utc('2026-03-27T20:00'))).toEqual(
      onOverride(D, '2026-03-27T16:00', '2026-03-28T08:00'),
    );
  });
});
