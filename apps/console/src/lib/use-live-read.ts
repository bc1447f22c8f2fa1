import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiFailure, ApiResult } from './api.ts';

/** Something read from the server, with why the last read failed. */
export interface Remote<T> {
  /** Null until the first answer. */
  readonly value: T | null;
  readonly failure: ApiFailure | null;
  readonly reload: () => void;
}

/**
 * Reads with `read` now, again whenever `revision` moves (a live entry that changes what was
 * read, or a resync), and on `reload`. An older answer never replaces a newer one; a failed read
 * keeps what was read before, beside why it failed.
 */
export function useLiveRead<T>(read: () => Promise<ApiResult<T>>, revision: number): Remote<T> {
  const [value, setValue] = useState<T | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [asked, setAsked] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    latest.current += 1;
    const request = latest.current;
    void read().then((result) => {
      if (request !== latest.current) return;
      if (result.outcome === 'ok') {
        setValue(result.body);
        setFailure(null);
      } else {
        setFailure(result);
      }
    });
  }, [read, revision, asked]);

  const reload = useCallback(() => setAsked((previous) => previous + 1), []);
  return { value, failure, reload };
}
