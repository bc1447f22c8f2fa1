import { useEffect, useRef, useState } from 'react';
import type { CapFeed } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { listCapFeeds } from './cap-feeds-api.ts';

/** How often the feeds' status is read again; the server polls a feed every few minutes. */
export const CAP_FEEDS_REFRESH_MS = 60_000;

/**
 * The configured CAP feeds and how each stands: read now, every minute, and whenever the live
 * connection comes back. Null until the first answer; a failed read keeps the last one.
 */
export function useCapFeeds(): readonly CapFeed[] | null {
  const { api } = useAppServices();
  const live = useConsoleStore((state) => state.connectionStatus === 'live');
  const [feeds, setFeeds] = useState<readonly CapFeed[] | null>(null);
  const latest = useRef(0);

  // NOTE: `live` is a dependency so that a reconnect reads at once; the feeds' state is not on
  // the live stream (a poll that changes nothing is no journal entry), so it is read by time.
  useEffect(() => {
    let stopped = false;
    const read = () => {
      latest.current += 1;
      const request = latest.current;
      void listCapFeeds(api).then((result) => {
        // An older answer never replaces a newer one.
        if (stopped || request !== latest.current || result.outcome !== 'ok') return;
        setFeeds(result.body.feeds);
      });
    };
    read();
    const timer = setInterval(read, CAP_FEEDS_REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, live]);

  return feeds;
}
