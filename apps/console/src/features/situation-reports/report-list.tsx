import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SituationReportStatus } from '@vaka/domain';
import { LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { orderReports } from './report-actions.ts';
import { newSituationReportHref, situationReportHref } from './report-hash.ts';
import { useSituationReportList } from './use-situation-reports.ts';

/** Every situation report: drafts first, then the approved ones by number and version. */
export function ReportList({ mayWrite }: { readonly mayWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const timeZone = useCityTimeZone();
  const list = useSituationReportList();
  const time = (iso: string): string => formatDateTime(new Date(iso), i18n.language, timeZone);
  const reports = list.value === null ? null : orderReports(list.value);

  return (
    <section className="panel situation-reports" aria-labelledby={headingId}>
      <header className="panel__header situation-reports__header">
        <h2 id={headingId} className="panel__title">
          {t('situationReports.heading')}
        </h2>
        {mayWrite && (
          <a className="button button--primary" href={newSituationReportHref()}>
            {t('situationReports.new')}
          </a>
        )}
      </header>
      {list.failure !== null && (
        <p className="form-alert" role="alert">
          {failureText(list.failure, t)}{' '}
          <button type="button" className="button button--quiet" onClick={list.reload}>
            {t('situationReports.retry')}
          </button>
        </p>
      )}
      {reports === null && list.failure === null && (
        <p className="situation-reports__placeholder">{t('situationReports.loading')}</p>
      )}
      {reports !== null && reports.length === 0 && (
        <p className="situation-reports__placeholder">{t('situationReports.empty')}</p>
      )}
      {reports !== null && reports.length > 0 && (
        <div className="admin-list__scroll">
          <table
            className="data-table"
            aria-labelledby={headingId}
            data-testid="situation-reports-table"
          >
            <thead>
              <tr>
                <th scope="col">{t('situationReports.column.report')}</th>
                <th scope="col">{t('situationReports.column.version')}</th>
                <th scope="col">{t('situationReports.column.period')}</th>
                <th scope="col">{t('situationReports.column.language')}</th>
                <th scope="col">{t('situationReports.column.approved')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id} data-testid="situation-report-row" data-status={report.status}>
                  <td>
                    <a href={situationReportHref(report.id)}>
                      {report.status === SituationReportStatus.draft ||
                      report.number === undefined ? (
                        <>
                          <span aria-hidden="true">✎ </span>
                          {t('situationReports.draft')}
                        </>
                      ) : (
                        t('situationReports.numbered', { number: report.number })
                      )}
                    </a>
                  </td>
                  <td>{report.version}</td>
                  <td>
                    {t('situationReports.period', {
                      from: time(report.periodFrom),
                      to: time(report.periodTo),
                    })}
                  </td>
                  <td>{LANGUAGE_NAMES[report.language]}</td>
                  <td>
                    {report.approvedBy !== undefined && report.approvedAt !== undefined
                      ? t('situationReports.approvedByAt', {
                          approver: report.approvedBy,
                          time: time(report.approvedAt),
                        })
                      : t('situationReports.notApproved')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
