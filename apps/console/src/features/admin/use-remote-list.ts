import { useCallback, useEffect, useState } from 'react';
import type { ApiFailure, ApiResult } from '../../lib/api.ts';

/** A list read from the server, as a screen shows it. */
export type RemoteList<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly failure: ApiFailure }
  | { readonly status: 'loaded'; readonly items: readonly T[] };

/**
 * Loads a list when the screen opens and again on `reload`, keeping what it shows until the new
 * answer is in. `load` must keep its identity between renders (useCallback).
 */
export function useRemoteList<T>(load: () => Promise<ApiResult<T[]>>) {
  const [list, setList] = useState<RemoteList<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void load().then((result) => {
      if (!current) return;
      setList(
        result.outcome === 'ok'
          ? { status: 'loaded', items: result.body }
          : { status: 'failed', failure: result },
      );
    });
    return () => {
      current = false;
    };
  }, [load, version]);

  const reload = useCallback(() => setVersion((previous) => previous + 1), []);

  /** Shows a change the server confirmed without asking for the whole list again. */
  const update = useCallback((change: (items: readonly T[]) => readonly T[]) => {
    setList((previous) =>
      previous.status === 'loaded' ? { status: 'loaded', items: change(previous.items) } : previous,
    );
  }, []);

  return { list, reload, update };
}
