import { useEffect, useState } from 'react';
import { useAppServices } from '../../app-services.ts';
import { getSituationReport } from './situation-reports-api.ts';

/**
 * The number of the approved report a correction revises, once read; undefined for a report
 * that corrects none, and until it is read. A correction is numbered only when approved, so its
 * draft names the report it corrects by this.
 */
export function useRevisedNumber(revises: string | undefined): number | undefined {
  const { api } = useAppServices();
  const [number, setNumber] = useState<{ of: string; number: number } | undefined>(undefined);
  useEffect(() => {
    if (revises === undefined) return undefined;
    let current = true;
    void getSituationReport(api, revises).then((result) => {
      if (current && result.outcome === 'ok' && result.body.number !== undefined) {
        setNumber({ of: revises, number: result.body.number });
      }
    });
    return () => {
      current = false;
    };
  }, [api, revises]);
  return number !== undefined && number.of === revises ? number.number : undefined;
}
