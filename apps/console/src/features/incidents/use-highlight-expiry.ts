import { useEffect } from 'react';
import { HIGHLIGHT_MS } from '../../stores/incidents-slice.ts';
import { useConsoleStore } from '../../stores/console-store.ts';

/** Ends each incident's highlight when its time is up. */
export function useHighlightExpiry(): void {
  const recentlyChanged = useConsoleStore((state) => state.recentlyChanged);
  const expireHighlights = useConsoleStore((state) => state.expireHighlights);
  useEffect(() => {
    if (recentlyChanged.size === 0) return;
    const oldest = Math.min(...[...recentlyChanged.values()].map((change) => change.at));
    // A little past the deadline, so the oldest highlight is surely due when the timer fires.
    const delay = Math.max(0, oldest + HIGHLIGHT_MS - Date.now()) + 50;
    const timer = setTimeout(() => expireHighlights(Date.now()), delay);
    return () => clearTimeout(timer);
  }, [recentlyChanged, expireHighlights]);
}
