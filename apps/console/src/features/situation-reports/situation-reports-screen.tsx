import type { ConsoleAccess } from '../auth/access.ts';
import { NewReportPage } from './new-report-page.tsx';
import type { SituationReportPowers } from './report-actions.ts';
import { useSituationReportRoute } from './report-hash.ts';
import { ReportList } from './report-list.tsx';
import { ReportPage } from './report-page.tsx';
import './situation-reports.css';

/** Situation reports: the list, a new draft, or one report as a document or in its editor. */
export function SituationReportsScreen({
  access,
  username,
}: {
  readonly access: ConsoleAccess;
  readonly username: string;
}) {
  const route = useSituationReportRoute();
  const powers: SituationReportPowers = {
    mayWrite: access.writeSituationReports,
    mayApprove: access.approveSituationReports,
    username,
  };
  switch (route.kind) {
    case 'list':
      return <ReportList mayWrite={powers.mayWrite} />;
    case 'new':
      return powers.mayWrite ? <NewReportPage /> : <ReportList mayWrite={false} />;
    case 'report':
    case 'edit':
      return (
        <ReportPage
          key={route.reportId}
          reportId={route.reportId}
          editing={route.kind === 'edit'}
          powers={powers}
        />
      );
  }
}
