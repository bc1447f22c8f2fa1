import {
  CAP_FEED_WARNING_INTERVALS,
  CapFeedHealth,
  type CapFeed,
  type CapFeedList,
} from '@vaka/domain';
import { listCapFeeds, type CapFeedRow, type Executor } from '@vaka/db';
import type { CapFeedConfig } from '../../config.ts';

/**
 * A configured feed as the duty officer checks it, from its stored state (none before the
 * poller first set it up) at `now`.
 */
export function capFeedStatus(
  feed: CapFeedConfig,
  state: CapFeedRow | undefined,
  now: Date,
): CapFeed {
  const asked = state?.lastPolledAt !== undefined;
  const failing = asked && state.lastStatus === 'failed';
  const health = !asked
    ? CapFeedHealth.notAskedYet
    : failing
      ? CapFeedHealth.failing
      : CapFeedHealth.working;
  const failingSince = failing ? (state.failingSince ?? state.lastPolledAt) : undefined;
  const intervalMs = feed.everyMinutes * 60_000;
  const warning =
    failingSince !== undefined &&
    now.getTime() - failingSince.getTime() > CAP_FEED_WARNING_INTERVALS * intervalMs;
  return {
    name: feed.name,
    url: feed.url.href,
    everyMinutes: feed.everyMinutes,
    health,
    warning,
    ...(state?.lastPolledAt !== undefined && { lastAskedAt: state.lastPolledAt.toISOString() }),
    ...(state?.lastSucceededAt !== undefined && {
      lastSucceededAt: state.lastSucceededAt.toISOString(),
    }),
    ...(failingSince !== undefined && { failingSince: failingSince.toISOString() }),
    ...(failing && state.lastError !== undefined && { lastError: state.lastError }),
    ...(state !== undefined && { nextAskAt: state.nextPollAt.toISOString() }),
    ...(state?.lastNewAlertAt !== undefined && {
      lastNewAlertAt: state.lastNewAlertAt.toISOString(),
    }),
    lastPoll: state?.lastAlerts ?? { new: 0, repeated: 0 },
    total: state?.totalAlerts ?? { new: 0, repeated: 0 },
  };
}

/**
 * The configured feeds in their order, each with how it stands; a feed no longer configured
 * keeps its row (its state returns if it is configured again) but is not listed.
 */
export async function listCapFeedStatus(
  db: Executor,
  feeds: readonly CapFeedConfig[],
  now: Date,
): Promise<CapFeedList> {
  const rows = await listCapFeeds(
    db,
    feeds.map((feed) => feed.url.href),
  );
  const byUrl = new Map(rows.map((row) => [row.url, row]));
  return { feeds: feeds.map((feed) => capFeedStatus(feed, byUrl.get(feed.url.href), now)) };
}
