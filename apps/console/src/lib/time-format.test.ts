import { describe, expect, it } from 'vitest';
import { formatClockTime, formatExactTime, formatRelativeTime } from './time-format.ts';

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
