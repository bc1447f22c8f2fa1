import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CapFeedHealth, type CapFeed } from '@vaka/domain';
import { resources } from '../../i18n/i18n.ts';
import { feedLine, warningCount } from './feed-text.ts';

const instance = i18next.createInstance();
beforeAll(async () => {
  await instance.init({ resources, lng: 'en', interpolation: { escapeValue: false } });
});

/** A feed that has worked since 10:00 and brought its last alert at 10:00. */
function capFeed(overrides: Partial<CapFeed> = {}): CapFeed {
  return {
    name: 'SMHI',
    url: 'https://opendata.smhi.se/warnings.rss',
    everyMinutes: 5,
    health: CapFeedHealth.working,
    warning: false,
    lastAskedAt: '2026-11-22T10:05:00.000Z',
    lastSucceededAt: '2026-11-22T10:05:00.000Z',
    nextAskAt: '2026-11-22T10:10:00.000Z',
    lastNewAlertAt: '2026-11-22T10:00:00.000Z',
    lastPoll: { new: 0, repeated: 0 },
    total: { new: 2, repeated: 0 },
    ...overrides,
  };
}

/** The clock time in UTC, as the console writes it in the city's zone. */
const clock = (at: Date) => at.toISOString().slice(11, 16);

describe('a feed’s line', () => {
  const line = (feed: CapFeed) => feedLine(feed, instance.t, clock);

  it('says a working feed works, and when it last brought an alert', () => {
    expect(line(capFeed())).toEqual({
      shape: 'working',
      state: 'Working',
      error: null,
      warning: null,
      lastAlert: 'Last alert 10:00',
    });
  });

  it('says since when a failing feed fails and why, and warns past two of its intervals in words', () => {
    const failing = capFeed({
      health: CapFeedHealth.failing,
      failingSince: '2026-11-22T10:10:00.000Z',
      lastError: 'https://opendata.smhi.se/warnings.rss answered HTTP 503',
    });
    expect(line(failing)).toEqual({
      shape: 'failing',
      state: 'Failing since 10:10',
      error: 'https://opendata.smhi.se/warnings.rss answered HTTP 503',
      warning: null,
      lastAlert: 'Last alert 10:00',
    });
    expect(line({ ...failing, warning: true })).toMatchObject({
      shape: 'warning',
      state: 'Failing since 10:10',
      warning: 'Warning: failing for more than two intervals (over 10 min)',
    });
    expect(warningCount([failing, { ...failing, warning: true }, capFeed()])).toBe(1);
  });

  it('says a feed not asked yet is not, and that it has brought no alert', () => {
    const waiting: CapFeed = {
      name: 'Krisinformation',
      url: 'https://api.krisinformation.se/v3/feed',
      everyMinutes: 2,
      health: CapFeedHealth.notAskedYet,
      warning: false,
      lastPoll: { new: 0, repeated: 0 },
      total: { new: 0, repeated: 0 },
    };
    expect(line(waiting)).toEqual({
      shape: 'notAskedYet',
      state: 'Not asked yet',
      error: null,
      warning: null,
      lastAlert: 'No alert yet',
    });
  });

  it('is written in every language of the console', async () => {
    for (const language of ['sv', 'fi', 'cs'] as const) {
      await instance.changeLanguage(language);
      const failing = feedLine(
        capFeed({ health: CapFeedHealth.failing, failingSince: '2026-11-22T10:10:00.000Z' }),
        instance.t,
        clock,
      );
      expect(failing.state).toContain('10:10');
      expect(failing.state).not.toBe('Failing since 10:10');
      expect(failing.state).not.toContain('capFeeds.');
    }
    await instance.changeLanguage('en');
  });
});
