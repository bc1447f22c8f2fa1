import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlannedEvent } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure } from '../../lib/api.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { listPlannedEvents } from './planned-events-api.ts';

/** The planned events as a screen shows them. */
export type PlannedEventsView =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly failure: ApiFailure }
  | { readonly status: 'loaded'; readonly events: readonly PlannedEvent[]; readonly from: Date };

/** How often the window moves on when nothing changes: events that ended drop out. */
const REFRESH_MS = 5 * 60_000;
const HOUR = 60 * 60_000;

/**
 * The planned events from now to `hours` ahead, read again whenever a live `planned_event.*`
 * entry arrives, the live connection comes back, and every few minutes. A failed read keeps
 * what was shown.
 */
export function usePlannedEvents(hours: number, cancelled: boolean) {
  const { api } = useAppServices();
  // NOTE: the picture's revision counts every live planned_event.* entry and every resync; the
  // calendar, the map and the incident pane read the same entries, so they share it.
  const revision = useConsoleStore((state) => state.picturePlannedEventsRevision);
  const live = useConsoleStore((state) => state.connectionStatus === 'live');
  const [view, setView] = useState<PlannedEventsView>({ status: 'loading' });
  const [asked, setAsked] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    let stopped = false;
    const read = () => {
      latest.current += 1;
      const request = latest.current;
      const from = new Date();
      void listPlannedEvents(api, {
        from,
        to: new Date(from.getTime() + hours * HOUR),
        cancelled,
      }).then((result) => {
        // An older answer never replaces a newer one.
        if (stopped || request !== latest.current) return;
        if (result.outcome === 'ok') setView({ status: 'loaded', events: result.body, from });
        else
          setView((shown) =>
            shown.status === 'loaded' ? shown : { status: 'failed', failure: result },
          );
      });
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, hours, cancelled, revision, live, asked]);

  /** Reads the events again now, e.g. after a change this console made. */
  const reload = useCallback(() => setAsked((count) => count + 1), []);

  return { view, reload };
}
