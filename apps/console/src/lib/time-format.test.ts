import { describe, expect, it } from 'vitest';
import {
  formatClockTime,
  formatExactTime,
  formatRelativeTime,
  formatTimeWithDate,
  parseCityTime,
  toCityTimeInput,
} from './time-format.ts';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);

describe('formatRelativeTime', () => {
  it('says how many minutes, hours or days ago, in the chosen language', () => {
    expect(formatRelativeTime(new Date(NOW - 3 * 60_000 - 20_000), NOW, 'en', 'just now')).toBe(
      '3 min. ago',
    );
    expect(formatRelativeTime(new Date(NOW - 2 * 3_600_000), NOW, 'fi', 'juuri nyt')).toBe(
      '2 t sitten',
    );
    expect(formatRelativeTime(new Date(NOW - 3 * 86_400_000), NOW, 'cs', 'právě teď')).toBe(
      'před 3 dny',
    );
  });

  it('says "just now" under a minute and for a time slightly ahead of the clock', () => {
    expect(formatRelativeTime(new Date(NOW - 59_000), NOW, 'en', 'just now')).toBe('just now');
    expect(formatRelativeTime(new Date(NOW + 5_000), NOW, 'sv', 'alldeles nyss')).toBe(
      'alldeles nyss',
    );
  });
});

describe('formatClockTime', () => {
  it("shows the city's wall-clock time, daylight saving included", () => {
    expect(formatClockTime(new Date('2025-01-15T08:05:00Z'), 'en', 'Europe/Stockholm')).toBe(
      '09:05',
    );
    expect(formatClockTime(new Date('2025-07-01T08:05:00Z'), 'sv', 'Europe/Stockholm')).toBe(
      '10:05',
    );
    expect(formatClockTime(new Date('2025-07-01T08:05:00Z'), 'en', 'Europe/Helsinki')).toBe(
      '11:05',
    );
  });
});

describe('formatExactTime', () => {
  it('includes the date, the time to the second and the zone', () => {
    const exact = formatExactTime(new Date('2025-01-15T08:05:09Z'), 'en', 'Europe/Prague');
    expect(exact).toContain('2025');
    expect(exact).toContain('09:05:09');
    expect(exact).toMatch(/GMT\+1|CET/);
  });
});

describe('formatTimeWithDate', () => {
  const stockholm = 'Europe/Stockholm';

  it("shows only the time for today in the city's time zone, and the day otherwise", () => {
    const now = Date.parse('2025-11-21T13:30:00Z');
    expect(formatTimeWithDate(new Date('2025-11-21T13:05:00Z'), now, 'en', stockholm)).toBe(
      '14:05',
    );
    expect(formatTimeWithDate(new Date('2025-11-20T13:05:00Z'), now, 'en', stockholm)).toBe(
      'Nov 20, 14:05',
    );
    expect(formatTimeWithDate(new Date('2025-11-20T13:05:00Z'), now, 'sv', stockholm)).toBe(
      '20 nov. 14:05',
    );
    expect(formatTimeWithDate(new Date('2025-11-20T13:05:00Z'), now, 'fi', 'Europe/Helsinki')).toBe(
      '20.11. klo 15.05',
    );
    expect(formatTimeWithDate(new Date('2025-11-20T13:05:00Z'), now, 'cs', 'Europe/Prague')).toBe(
      '20. 11. 14:05',
    );
  });

  it('adds the year for a time in another year', () => {
    const now = Date.parse('2026-01-01T08:00:00Z');
    expect(formatTimeWithDate(new Date('2025-12-31T22:30:00Z'), now, 'en', stockholm)).toBe(
      'Dec 31, 2025, 23:30',
    );
  });

  it("counts the day by the city's midnight, not UTC's", () => {
    // 00:30 in Stockholm on 16 January is still 15 January in UTC.
    const now = Date.parse('2025-01-15T23:30:00Z');
    expect(formatTimeWithDate(new Date('2025-01-15T23:10:00Z'), now, 'en', stockholm)).toBe(
      '00:10',
    );
    expect(formatTimeWithDate(new Date('2025-01-15T22:50:00Z'), now, 'en', stockholm)).toBe(
      'Jan 15, 23:50',
    );
  });

  it('keeps the day right across the changes to and from summer time', () => {
    // 30 March 2025: the clocks go from 02:00 to 03:00 in Stockholm; the day is 23 hours long.
    const springNow = Date.parse('2025-03-30T21:30:00Z'); // 23:30 summer time
    expect(formatTimeWithDate(new Date('2025-03-29T23:05:00Z'), springNow, 'en', stockholm)).toBe(
      '00:05',
    );
    expect(formatTimeWithDate(new Date('2025-03-29T22:55:00Z'), springNow, 'en', stockholm)).toBe(
      'Mar 29, 23:55',
    );
    // 26 October 2025: from 03:00 back to 02:00; the day is 25 hours long.
    const autumnNow = Date.parse('2025-10-26T22:30:00Z'); // 23:30 winter time
    expect(formatTimeWithDate(new Date('2025-10-25T22:05:00Z'), autumnNow, 'en', stockholm)).toBe(
      '00:05',
    );
    expect(formatTimeWithDate(new Date('2025-10-25T21:55:00Z'), autumnNow, 'en', stockholm)).toBe(
      'Oct 25, 23:55',
    );
    expect(formatTimeWithDate(new Date('2025-10-26T23:05:00Z'), autumnNow, 'en', stockholm)).toBe(
      'Oct 27, 00:05',
    );
  });
});

describe('parseCityTime', () => {
  const stockholm = 'Europe/Stockholm';

  it('reads a wall-clock time in the city as the instant it means, summer and winter', () => {
    expect(parseCityTime('2025-01-15T09:05', stockholm)?.toISOString()).toBe(
      '2025-01-15T08:05:00.000Z',
    );
    expect(parseCityTime('2025-07-01T09:05', stockholm)?.toISOString()).toBe(
      '2025-07-01T07:05:00.000Z',
    );
    expect(parseCityTime('2025-07-01T09:05', 'Europe/Helsinki')?.toISOString()).toBe(
      '2025-07-01T06:05:00.000Z',
    );
  });

  it('takes a time the clocks skip as the same time after the change', () => {
    expect(parseCityTime('2025-03-30T02:30', stockholm)?.toISOString()).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    expect(parseCityTime('2025-03-30T03:00', stockholm)?.toISOString()).toBe(
      '2025-03-30T01:00:00.000Z',
    );
  });

  it('takes a time the clocks pass twice as the earlier of the two', () => {
    expect(parseCityTime('2025-10-26T02:30', stockholm)?.toISOString()).toBe(
      '2025-10-26T00:30:00.000Z',
    );
    expect(parseCityTime('2025-10-26T03:00', stockholm)?.toISOString()).toBe(
      '2025-10-26T02:00:00.000Z',
    );
  });

  it('refuses what is not a date and time', () => {
    expect(parseCityTime('', stockholm)).toBeNull();
    expect(parseCityTime('2025-02-30T10:00', stockholm)).toBeNull();
    expect(parseCityTime('2025-01-15T24:00', stockholm)).toBeNull();
    expect(parseCityTime('yesterday', stockholm)).toBeNull();
  });

  it('gives back what toCityTimeInput wrote', () => {
    for (const iso of [
      '2025-01-15T08:05:00.000Z',
      '2025-03-30T01:30:00.000Z',
      '2025-10-26T02:00:00.000Z',
    ]) {
      expect(
        parseCityTime(toCityTimeInput(new Date(iso), stockholm), stockholm)?.toISOString(),
      ).toBe(iso);
    }
    expect(toCityTimeInput(new Date('2025-10-26T00:30:00Z'), stockholm)).toBe('2025-10-26T02:30');
  });
});
