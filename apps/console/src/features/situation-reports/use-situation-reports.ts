import { useCallback } from 'react';
import type { SituationReport } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiResult } from '../../lib/api.ts';
import { useLiveRead, type Remote } from '../../lib/use-live-read.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { getSituationReport, listSituationReports } from './situation-reports-api.ts';

/** Reads now, again whenever a situation report changes live, and on `reload`. */
function useLive<T>(read: () => Promise<ApiResult<T>>): Remote<T> {
  return useLiveRead(
    read,
    useConsoleStore((state) => state.situationReportsRevision),
  );
}

/** Every situation report, kept up to date. */
export function useSituationReportList(): Remote<SituationReport[]> {
  const { api } = useAppServices();
  const read = useCallback(async () => {
    const result = await listSituationReports(api);
    return result.outcome === 'ok' ? { ...result, body: result.body.reports } : result;
  }, [api]);
  return useLive(read);
}

/** One situation report, kept up to date. */
export function useSituationReport(reportId: string): Remote<SituationReport> {
  const { api } = useAppServices();
  const read = useCallback(() => getSituationReport(api, reportId), [api, reportId]);
  return useLive(read);
}
