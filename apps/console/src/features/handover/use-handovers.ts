import { useCallback } from 'react';
import type { Handover, OnDuty } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiResult } from '../../lib/api.ts';
import { useLiveRead, type Remote } from '../../lib/use-live-read.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { getHandover, getOnDuty, listHandovers } from './handover-api.ts';

/** Reads now, again whenever a handover changes live, and on `reload`. */
function useLive<T>(read: () => Promise<ApiResult<T>>): Remote<T> {
  return useLiveRead(
    read,
    useConsoleStore((state) => state.handoversRevision),
  );
}

/** The latest handovers, newest first, kept up to date. */
export function useHandoverList(): Remote<Handover[]> {
  const { api } = useAppServices();
  const read = useCallback(async () => {
    const result = await listHandovers(api);
    return result.outcome === 'ok' ? { ...result, body: result.body.handovers } : result;
  }, [api]);
  return useLive(read);
}

/** One handover, kept up to date. */
export function useHandover(handoverId: string): Remote<Handover> {
  const { api } = useAppServices();
  const read = useCallback(() => getHandover(api, handoverId), [api, handoverId]);
  return useLive(read);
}

/** Who is on duty now, kept up to date as handovers are confirmed. */
export function useOnDuty(): Remote<OnDuty> {
  const { api } = useAppServices();
  const read = useCallback(() => getOnDuty(api), [api]);
  return useLive(read);
}
