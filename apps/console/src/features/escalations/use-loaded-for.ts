import { useEffect, useState } from 'react';
import type { ApiFailure, ApiResult } from '../../lib/api.ts';

/** Something read from the server for a key, as a form shows it. */
export type LoadedFor<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly failure: ApiFailure }
  | { readonly status: 'loaded'; readonly value: T };

/**
 * Reads what belongs to `key` (a unit's policies, say) whenever the key changes; nothing while it
 * is null. An answer for a key no longer asked about is dropped. `load` must keep its identity
 * between renders (useCallback).
 */
export function useLoadedFor<T>(
  key: string | null,
  load: (key: string) => Promise<ApiResult<T>>,
): LoadedFor<T> {
  const [answer, setAnswer] = useState<{ key: string; result: ApiResult<T> } | null>(null);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    void load(key).then((result) => {
      if (current) setAnswer({ key, result });
    });
    return () => {
      current = false;
    };
  }, [key, load]);

  if (key === null) return { status: 'idle' };
  if (answer === null || answer.key !== key) return { status: 'loading' };
  return answer.result.outcome === 'ok'
    ? { status: 'loaded', value: answer.result.body }
    : { status: 'failed', failure: answer.result };
}
