import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry, Report, ReporterContact } from '@vaka/domain';
import { formatExactTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { formatLocation } from '../incidents/format-location.ts';
import { useNow } from '../incidents/use-now.ts';
import { capFacts } from './cap-facts.ts';
import { reportSteps, type ReportStep } from './report-provenance.ts';

interface ReportListProps {
  readonly incidentId: string;
  readonly reports: readonly Report[];
  readonly entries: readonly JournalEntry[];
}

/** The incident's reports: where each came from, who gave it, when, and how it got here. */
export function ReportList({ incidentId, reports, entries }: ReportListProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="report-list" aria-labelledby={headingId} data-testid="report-list">
      <h3 id={headingId} className="incident-pane__section-title">
        {t('reports.heading')} <span className="incident-pane__count">{reports.length}</span>
      </h3>
      {reports.length === 0 ? (
        <p className="form-field__hint">{t('reports.none')}</p>
      ) : (
        <ol className="report-list__items">
          {reports.map((report) => (
            <ReportItem
              key={report.id}
              report={report}
              steps={reportSteps(report.id, incidentId, entries)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

function ReportItem({ report, steps }: { readonly report: Report; readonly steps: ReportStep[] }) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const time = (iso: string) => (
    <time dateTime={iso} title={formatExactTime(new Date(iso), i18n.language, timeZone)}>
      {formatTimeWithDate(new Date(iso), now, i18n.language, timeZone)}
    </time>
  );
  const timeText = (iso: string): string =>
    formatTimeWithDate(new Date(iso), now, i18n.language, timeZone);
  const channel = t(`channel.${report.source.channel}`);
  const reporter = reporterText(report.reporter);
  const cap = capFacts(report);

  return (
    <li className="report-item" data-testid="report-item" data-report-id={report.id}>
      <p className="report-item__title">{report.title}</p>
      {report.description !== undefined && (
        <p className="report-item__description">{report.description}</p>
      )}
      <dl className="facts facts--compact">
        <div>
          <dt>{t('reports.source')}</dt>
          <dd data-testid="report-source">
            {report.source.name === undefined ? channel : `${channel} — ${report.source.name}`}
          </dd>
        </div>
        {reporter !== '' && (
          <div>
            <dt>{t('reports.reporter')}</dt>
            <dd>{reporter}</dd>
          </div>
        )}
        <div>
          <dt>{t('reports.received')}</dt>
          <dd>{time(report.receivedAt)}</dd>
        </div>
        {report.observedAt !== report.receivedAt && (
          <div>
            <dt>{t('reports.observed')}</dt>
            <dd>{time(report.observedAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('incidentPane.location')}</dt>
          <dd>{formatLocation(report.location)}</dd>
        </div>
        {cap !== undefined && (
          <div>
            <dt>{t('reports.cap')}</dt>
            <dd data-testid="report-cap">
              {t('reports.capSummary', {
                version: cap.version,
                msgType: cap.msgType,
                status: cap.status,
                sender: cap.sender,
                languages: cap.languages.join(', '),
                count: cap.areas,
              })}
              {cap.deviations.length > 0 && (
                <details className="report-item__deviations" data-testid="report-deviations">
                  <summary>{t('reports.deviations', { count: cap.deviations.length })}</summary>
                  <ul>
                    {cap.deviations.map((deviation) => (
                      <li key={deviation}>{deviation}</li>
                    ))}
                  </ul>
                </details>
              )}
            </dd>
          </div>
        )}
        {steps.length > 0 && (
          <div>
            <dt>{t('reports.provenance')}</dt>
            <dd data-testid="report-provenance">
              {steps
                .map((step) => {
                  switch (step.kind) {
                    case 'arrived':
                      return step.incidentTitle === undefined
                        ? t('reports.arrivedHere')
                        : t('reports.arrivedIn', { title: step.incidentTitle });
                    case 'merged':
                      return t('reports.mergedHere', {
                        title: step.fromTitle,
                        time: timeText(step.at),
                      });
                    case 'split':
                      return t('reports.splitHere', {
                        title: step.fromTitle,
                        time: timeText(step.at),
                      });
                  }
                })
                .join('; ')}
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}

function reporterText(reporter: ReporterContact | undefined): string {
  if (reporter === undefined) return '';
  return [reporter.name, reporter.organisation, reporter.phone, reporter.email]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(', ');
}
