import { useCallback, useEffect, useRef, useState } from 'react';
import type { Handover, OnDuty } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure, ApiResult } from '../../lib/api.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { getHandover, getOnDuty, listHandovers } from './handover-api.ts';

/** Something read from the server, with why the last read failed. */
export interface RemoteHandovers<T> {
  /** Null until the first answer. */
  readonly value: T | null;
  readonly failure: ApiFailure | null;
  readonly reload: () => void;
}

/** Reads with `read` now, again whenever a handover changes live, and on `reload`. */
function useLiveRead<T>(read: () => Promise<ApiResult<T>>): RemoteHandovers<T> {
  const revision = useConsoleStore((state) => state.handoversRevision);
  const [value, setValue] = useState<T | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [asked, setAsked] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    latest.current += 1;
    const request = latest.current;
    void read().then((result) => {
      // An older answer never replaces a newer one.
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

/** The latest handovers, newest first, kept up to date. */
export function useHandoverList(): RemoteHandovers<Handover[]> {
  const { api } = useAppServices();
  const read = useCallback(async () => {
    const result = await listHandovers(api);
    return result.outcome === 'ok' ? { ...result, body: result.body.handovers } : result;
  }, [api]);
  return useLiveRead(read);
}

/** One handover, kept up to date. */
export function useHandover(handoverId: string): RemoteHandovers<Handover> {
  const { api } = useAppServices();
  const read = useCallback(() => getHandover(api, handoverId), [api, handoverId]);
  return useLiveRead(read);
}

/** Who is on duty now, kept up to date as handovers are confirmed. */
export function useOnDuty(): RemoteHandovers<OnDuty> {
  const { api } = useAppServices();
  const read = useCallback(() => getOnDuty(api), [api]);
  return useLiveRead(read);
}
