import { useCallback, useEffect } from 'react';
import { useAppServices } from '../../app-services.ts';
import { consoleStore, useConsoleStore } from '../../stores/console-store.ts';
import { readIncidentDetail } from './incident-api.ts';

/**
 * Loads the open incident's detail when it is opened, and again whenever the live stream left it
 * unsure (a merge into it, a resync). Returns a function that loads it again now.
 */
export function useIncidentDetailLoader(): (incidentId: string) => Promise<void> {
  const { api } = useAppServices();
  const incidentId = useConsoleStore((state) => state.incidentDetail?.incidentId ?? null);
  const due = useConsoleStore((state) => {
    const view = state.incidentDetail;
    if (view === null || view.loading) return false;
    return view.stale || (view.detail === null && view.failure === null);
  });

  const load = useCallback(
    async (id: string): Promise<void> => {
      consoleStore.getState().detailRequested(id);
      const result = await readIncidentDetail(api, id);
      if (result.outcome === 'ok') consoleStore.getState().detailLoaded(result.body);
      else consoleStore.getState().detailFailed(id, result);
    },
    [api],
  );

  useEffect(() => {
    if (incidentId !== null && due) void load(incidentId);
  }, [incidentId, due, load]);

  return load;
}
