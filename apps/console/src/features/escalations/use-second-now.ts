import { useSyncExternalStore } from 'react';

const TICK_MS = 1_000;

const listeners = new Set<() => void>();
let now = Date.now();
let ticker: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (ticker === undefined) {
    now = Date.now();
    ticker = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };
}

function getNow(): number {
  return now;
}

/**
 * The current time in epoch milliseconds, refreshed every second for the countdowns to the next
 * step. NOTE: only countdowns use it; the rest of the console ticks every 30 s (useNow), so a
 * screen with no escalation in view does not re-render every second.
 */
export function useSecondNow(): number {
  return useSyncExternalStore(subscribe, getNow);
}
