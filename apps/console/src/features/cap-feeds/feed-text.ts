import type { TFunction } from 'i18next';
import { CapFeedHealth, type CapFeed } from '@vaka/domain';

/** A shape per feed state, so it reads without colour; always beside the state in words. */
export const FEED_SHAPES = {
  working: '●',
  failing: '▲',
  warning: '⚠',
  notAskedYet: '○',
} as const;
export type FeedShape = keyof typeof FEED_SHAPES;

/** How one feed reads in the status list. */
export interface FeedLine {
  readonly shape: FeedShape;
  /** The state in words: "Working", "Failing since 14:05", "Not asked yet". */
  readonly state: string;
  /** Why the last poll failed, as the server said it; null while the feed works. */
  readonly error: string | null;
  /** Said when the feed has failed for more than two of its intervals; null otherwise. */
  readonly warning: string | null;
  /** When the feed last brought a new alert, or that it has brought none. */
  readonly lastAlert: string;
}

/**
 * The words and shape for a feed; `time` writes an instant as the shift reads it (the clock
 * time in the city, with the day when not today).
 */
export function feedLine(feed: CapFeed, t: TFunction, time: (at: Date) => string): FeedLine {
  const lastAlert =
    feed.lastNewAlertAt === undefined
      ? t('capFeeds.noAlertYet')
      : t('capFeeds.lastAlert', { time: time(new Date(feed.lastNewAlertAt)) });
  switch (feed.health) {
    case CapFeedHealth.notAskedYet:
      return {
        shape: 'notAskedYet',
        state: t('capFeeds.notAskedYet'),
        error: null,
        warning: null,
        lastAlert,
      };
    case CapFeedHealth.working:
      return {
        shape: 'working',
        state: t('capFeeds.working'),
        error: null,
        warning: null,
        lastAlert,
      };
    case CapFeedHealth.failing: {
      const since = feed.failingSince ?? feed.lastAskedAt;
      return {
        shape: feed.warning ? 'warning' : 'failing',
        state:
          since === undefined
            ? t('capFeeds.failing')
            : t('capFeeds.failingSince', { time: time(new Date(since)) }),
        error: feed.lastError ?? null,
        warning: feed.warning ? t('capFeeds.warning', { minutes: feed.everyMinutes * 2 }) : null,
        lastAlert,
      };
    }
  }
}

/** How many feeds have failed for more than two of their intervals. */
export function warningCount(feeds: readonly CapFeed[]): number {
  return feeds.filter((feed) => feed.warning).length;
}
