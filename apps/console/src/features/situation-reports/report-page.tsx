import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SituationReportStatus, type SituationReport } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { offeredReportActions, type SituationReportPowers } from './report-actions.ts';
import { ReportDocument } from './report-document.tsx';
import { ReportEditor } from './report-editor.tsx';
import {
  editSituationReportHref,
  situationReportHref,
  situationReportsHref,
} from './report-hash.ts';
import {
  approveSituationReport,
  createSituationReport,
  situationReportPdfHref,
} from './situation-reports-api.ts';
import { useRevisedNumber } from './use-revised-number.ts';
import { useSituationReport } from './use-situation-reports.ts';

/** What the last step here left, shown while the report stays as that step left it. */
interface Notice {
  readonly text: string;
  readonly updatedAt: string;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <a className="situation-report-page__back" href={situationReportsHref()}>
      ← {t('situationReports.backToList')}
    </a>
  );
}

/**
 * One situation report: a draft in its editor for the duty officer (`editing`), otherwise the
 * document with what may be done to it, printed or downloaded.
 */
export function ReportPage({
  reportId,
  editing,
  powers,
}: {
  readonly reportId: string;
  readonly editing: boolean;
  readonly powers: SituationReportPowers;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const remote = useSituationReport(reportId);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Set when a save found the draft approved meanwhile: said once the document shows it.
  const [approvedMeanwhile, setApprovedMeanwhile] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const report = remote.value;
  const revisedNumber = useRevisedNumber(report?.revises);

  if (report === null) {
    return (
      <section className="panel situation-report-page">
        <BackLink />
        {remote.failure === null ? (
          <p>{t('situationReports.loading')}</p>
        ) : (
          <p className="form-alert" role="alert">
            {failureText(remote.failure, t)}
          </p>
        )}
      </section>
    );
  }

  const shownNotice = notice !== null && notice.updatedAt === report.updatedAt ? notice.text : '';
  const isDraft = report.status === SituationReportStatus.draft;

  if (editing && isDraft && powers.mayWrite) {
    return (
      <section
        className="panel situation-report-page"
        aria-labelledby={`${report.id}-editing`}
        data-testid="situation-report-page"
      >
        <header className="panel__header situation-report-page__header">
          <BackLink />
          <h2 id={`${report.id}-editing`} className="panel__title" tabIndex={-1}>
            {revisedNumber === undefined
              ? t('situationReports.draftHeading', { version: report.version })
              : t('situationReports.correctionHeading', {
                  number: revisedNumber,
                  version: report.version,
                })}
          </h2>
          <p className="situation-report-page__facts">
            {t('situationReports.draftFacts', {
              author: report.createdBy,
              time: formatDateTime(new Date(report.updatedAt), i18n.language, timeZone),
            })}
          </p>
          <a className="button button--quiet" href={situationReportHref(report.id)}>
            {t('situationReports.readDocument')}
          </a>
        </header>
        <ReportEditor
          key={report.id}
          initial={report}
          onSaved={remote.reload}
          onApprovedMeanwhile={() => {
            setApprovedMeanwhile(true);
            remote.reload();
          }}
        />
      </section>
    );
  }

  return (
    <section
      className="panel situation-report-page"
      aria-label={t('situationReports.heading')}
      data-testid="situation-report-page"
    >
      <header className="panel__header situation-report-page__header situation-report-page__tools">
        <BackLink />
        <ReportActions
          report={report}
          powers={powers}
          onApproved={(approved) => {
            setNotice({
              text: t('situationReports.approvedNotice', {
                number: approved.number,
                version: approved.version,
              }),
              updatedAt: approved.updatedAt,
            });
            remote.reload();
            headingRef.current?.focus();
          }}
        />
        <p className="admin-list__notice" role="status" data-testid="situation-report-notice">
          {shownNotice !== '' || !approvedMeanwhile
            ? shownNotice
            : t('situationReports.approvedElsewhere')}
        </p>
      </header>
      <div className="situation-report-page__paper">
        <ReportDocument report={report} headingRef={headingRef} />
      </div>
    </section>
  );
}

/** The buttons above a report's document; a step that cannot be taken is disabled with why. */
function ReportActions({
  report,
  powers,
  onApproved,
}: {
  readonly report: SituationReport;
  readonly powers: SituationReportPowers;
  readonly onApproved: (report: SituationReport) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const baseId = useId();
  const [busy, setBusy] = useState<'approve' | 'correct' | null>(null);
  const [alert, setAlert] = useState('');
  const offered = offeredReportActions(report, powers);

  async function approve(): Promise<void> {
    if (busy !== null) return;
    setBusy('approve');
    setAlert('');
    const result = await approveSituationReport(api, report.id, {
      expectedUpdatedAt: report.updatedAt,
    });
    setBusy(null);
    if (result.outcome !== 'ok') return setAlert(failureText(result, t));
    onApproved(result.body);
  }

  async function correct(): Promise<void> {
    if (busy !== null) return;
    setBusy('correct');
    setAlert('');
    // A correction keeps the language of the report it corrects.
    const result = await createSituationReport(api, { revises: report.id });
    setBusy(null);
    if (result.outcome !== 'ok') return setAlert(failureText(result, t));
    window.location.hash = editSituationReportHref(result.body.id);
  }

  return (
    <div
      className="situation-report-actions"
      role="group"
      aria-label={t('situationReports.actions')}
    >
      <p className="form-alert" role="alert" data-testid="situation-report-alert">
        {alert}
      </p>
      <div className="admin-form__actions">
        {offered.map((offer) => {
          switch (offer.action) {
            case 'edit':
              return (
                <a
                  key="edit"
                  className="button button--primary"
                  href={editSituationReportHref(report.id)}
                >
                  {t('situationReports.edit')}
                </a>
              );
            case 'approve': {
              const refusalId = `${baseId}-approve-refusal`;
              return (
                <span key="approve" className="situation-report-actions__action">
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={busy !== null || offer.refusal !== undefined}
                    aria-describedby={offer.refusal === undefined ? undefined : refusalId}
                    onClick={() => void approve()}
                  >
                    {busy === 'approve'
                      ? t('situationReports.approving')
                      : t('situationReports.approve')}
                  </button>
                  {offer.refusal !== undefined && (
                    <span id={refusalId} className="situation-report-actions__refusal">
                      {t(
                        offer.refusal === 'own_report'
                          ? 'situationReports.ownReport'
                          : 'situationReports.emptySituation',
                      )}
                    </span>
                  )}
                </span>
              );
            }
            case 'correct':
              return (
                <button
                  key="correct"
                  type="button"
                  className="button button--quiet"
                  disabled={busy !== null}
                  onClick={() => void correct()}
                >
                  {busy === 'correct'
                    ? t('situationReports.correcting')
                    : t('situationReports.correct')}
                </button>
              );
          }
        })}
        <button type="button" className="button button--quiet" onClick={() => window.print()}>
          {t('situationReports.print')}
        </button>
        <a
          className="button button--quiet"
          href={situationReportPdfHref(api, report.id)}
          download
          data-testid="situation-report-pdf"
        >
          {t('situationReports.downloadPdf')}
        </a>
      </div>
    </div>
  );
}
