import { describe, expect, it } from 'vitest';
import type { Incident, PlannedEvent } from '@vaka/domain';
import { buildIncident } from '../../../../../tests/support/factories.ts';
import {
  addDays,
  calendarDays,
  cityDate,
  isUnderWay,
  linkedIncidentCounts,
  mapMarks,
} from './calendar-days.ts';

const STOCKHOLM = 'Europe/Stockholm';
let serial = 0;

function buildEvent(startsAt: string, endsAt: string, overrides: Partial<PlannedEvent> = {}) {
  serial += 1;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    title: `Event ${serial}`,
    kind: 'sports',
    startsAt,
    endsAt,
    location: { address: 'Tele2 Arena', coordinates: { lat: 59.2906, lon: 18.0844 } },
    responsibleUnitIds: [],
    notes: '',
    createdAt: '2026-11-20T08:00:00.000Z',
    createdBy: 'tib',
    updatedAt: '2026-11-20T08:00:00.000Z',
    ...overrides,
  } satisfies PlannedEvent;
}

describe('the calendar by day', () => {
  // 22 November 2026, 22:30 in Stockholm (UTC+1).
  const now = new Date('2026-11-22T21:30:00.000Z');

  it('groups events by the day they start in the city, not in UTC', () => {
    // 00:30 on the 23rd in Stockholm is still the 22nd in UTC.
    const afterMidnight = buildEvent('2026-11-22T23:30:00.000Z', '2026-11-23T01:00:00.000Z');
    const tomorrowEvening = buildEvent('2026-11-23T18:00:00.000Z', '2026-11-23T20:30:00.000Z');
    const later = buildEvent('2026-11-26T11:00:00.000Z', '2026-11-26T22:00:00.000Z');
    const days = calendarDays([later, tomorrowEvening, afterMidnight], now, STOCKHOLM);
    expect(days.map((day) => [day.date, day.offset, day.events.map((e) => e.id)])).toEqual([
      ['2026-11-23', 1, [afterMidnight.id, tomorrowEvening.id]],
      ['2026-11-26', 4, [later.id]],
    ]);
  });

  it('lists an event already under way under today', () => {
    const running = buildEvent('2026-11-21T10:00:00.000Z', '2026-11-23T10:00:00.000Z');
    const [today] = calendarDays([running], now, STOCKHOLM);
    expect(today).toMatchObject({ date: '2026-11-22', offset: 0 });
    expect(isUnderWay(running, now)).toBe(true);
    expect(
      isUnderWay(buildEvent('2026-11-23T10:00:00.000Z', '2026-11-23T11:00:00.000Z'), now),
    ).toBe(false);
  });

  it('counts days across the change to summer time', () => {
    expect(cityDate(new Date('2026-03-28T23:30:00.000Z'), STOCKHOLM)).toBe('2026-03-29');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('what the calendar and the map show of events', () => {
  it('counts the incidents linked to each event', () => {
    const incidents: Incident[] = [
      buildIncident({ plannedEventId: 'derby' }),
      buildIncident({ plannedEventId: 'derby' }),
      buildIncident({ plannedEventId: 'visit' }),
      buildIncident(),
    ];
    expect(Object.fromEntries(linkedIncidentCounts(incidents))).toEqual({ derby: 2, visit: 1 });
  });

  it('marks on the map only events with coordinates that are not called off', () => {
    const derby = buildEvent('2026-11-23T18:00:00.000Z', '2026-11-23T20:30:00.000Z', {
      title: 'Derby',
    });
    const noPlace = buildEvent('2026-11-23T18:00:00.000Z', '2026-11-23T20:30:00.000Z', {
      location: { address: 'Somewhere in the city' },
    });
    const calledOff = buildEvent('2026-11-23T18:00:00.000Z', '2026-11-23T20:30:00.000Z', {
      cancelledAt: '2026-11-22T12:00:00.000Z',
    });
    expect(mapMarks([derby, noPlace, calledOff], () => '19:00')).toEqual([
      { id: derby.id, coordinates: derby.location.coordinates, label: 'Derby, 19:00' },
    ]);
  });
});
