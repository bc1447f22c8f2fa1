import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SITUATION_REPORT_SECTIONS,
  SituationReportStatus,
  type SituationReport,
} from '@vaka/domain';
import { formatDateTime } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useRevisedNumber } from './use-revised-number.ts';

/**
 * A situation report as the document it is, printed or read on screen: its headings and times
 * in the report's own language, whatever language the console is in, as leadership sends it on.
 */
export function ReportDocument({
  report,
  headingRef,
}: {
  readonly report: SituationReport;
  /** The title, which takes the focus after a step on the report. */
  readonly headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const cityName = useConsoleStore((state) => state.city?.name ?? '');
  const t = i18n.getFixedT(report.language);
  const time = (iso: string): string => formatDateTime(new Date(iso), report.language, timeZone);
  const approved = report.status === SituationReportStatus.approved && report.number !== undefined;
  const titleId = `situation-report-${report.id}-title`;
  const revisedNumber = useRevisedNumber(report.revises);

  return (
    <article
      className="report-document"
      lang={report.language}
      aria-labelledby={titleId}
      data-testid="report-document"
      data-status={report.status}
    >
      {!approved && (
        <p className="report-document__watermark" aria-hidden="true">
          {t('situationReports.draft')}
        </p>
      )}
      <header className="report-document__header">
        <p className="report-document__city">{cityName}</p>
        <h2 id={titleId} ref={headingRef} tabIndex={-1} className="report-document__title">
          {approved
            ? t('situationReports.document.title', {
                number: report.number,
                version: report.version,
              })
            : revisedNumber !== undefined
              ? t('situationReports.document.correctionTitle', {
                  number: revisedNumber,
                  version: report.version,
                })
              : t('situationReports.document.draftTitle', { version: report.version })}
        </h2>
        <p>
          {t('situationReports.document.period', {
            from: time(report.periodFrom),
            to: time(report.periodTo),
          })}
        </p>
        {approved && report.approvedBy !== undefined && report.approvedAt !== undefined ? (
          <p data-testid="report-approval">
            {t('situationReports.document.approvedBy', {
              approver: report.approvedBy,
              time: time(report.approvedAt),
            })}
          </p>
        ) : (
          <p className="report-document__draft-mark" data-testid="report-draft-mark">
            {t('situationReports.document.draftMark')}
          </p>
        )}
      </header>
      {SITUATION_REPORT_SECTIONS.map((section) => {
        const text = report.content[section].trim();
        return (
          <section
            key={section}
            className="report-document__section"
            aria-labelledby={`${titleId}-${section}`}
            data-testid={`report-section-${section}`}
          >
            <h3 id={`${titleId}-${section}`} className="report-document__section-title">
              {t(`situationReports.section.${section}`)}
            </h3>
            <p className="report-document__text">
              {text === '' ? t('situationReports.document.emptySection') : text}
            </p>
          </section>
        );
      })}
      <section className="report-document__section report-document__next">
        <h3 className="report-document__section-title">{t('situationReports.nextReportAt')}</h3>
        <p data-testid="report-next">
          {report.content.nextReportAt === undefined
            ? t('situationReports.document.noNextReport')
            : t('situationReports.document.nextReport', {
                time: time(report.content.nextReportAt),
              })}
        </p>
      </section>
    </article>
  );
}
