import { useCallback, useEffect, useRef, useState } from 'react';
import type { SituationReport } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure, ApiResult } from '../../lib/api.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { getSituationReport, listSituationReports } from './situation-reports-api.ts';

/** Something read from the server, with why the last read failed. */
export interface RemoteReports<T> {
  /** Null until the first answer. */
  readonly value: T | null;
  readonly failure: ApiFailure | null;
  readonly reload: () => void;
}

/** Reads with `read` now, again whenever a situation report changes live, and on `reload`. */
function useLiveRead<T>(read: () => Promise<ApiResult<T>>): RemoteReports<T> {
  const revision = useConsoleStore((state) => state.situationReportsRevision);
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

/** Every situation report, kept up to date. */
export function useSituationReportList(): RemoteReports<SituationReport[]> {
  const { api } = useAppServices();
  const read = useCallback(async () => {
    const result = await listSituationReports(api);
    return result.outcome === 'ok' ? { ...result, body: result.body.reports } : result;
  }, [api]);
  return useLiveRead(read);
}

/** One situation report, kept up to date. */
export function useSituationReport(reportId: string): RemoteReports<SituationReport> {
  const { api } = useAppServices();
  const read = useCallback(() => getSituationReport(api, reportId), [api, reportId]);
  return useLiveRead(read);
}
