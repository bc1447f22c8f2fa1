import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SITUATION_REPORT_SECTIONS,
  SituationReportStatus,
  type SituationReport,
} from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { readKeptDraft, useKeptDraft } from '../../lib/kept-draft.ts';
import { mergeDraft } from '../admin/draft-merge.ts';
import { mergeNotice } from '../admin/merge-notice.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import {
  nextReportProblem,
  reportChanges,
  toReportForm,
  type SituationReportForm,
} from './report-form.ts';
import { getSituationReport, updateSituationReport } from './situation-reports-api.ts';

/** The longest a section may be, as the contract has it. */
const SECTION_MAX_LENGTH = 20_000;

/**
 * The duty officer's editor of a draft situation report: each fixed section in its own text
 * area, and when the next report comes, in the city's time.
 */
export function ReportEditor({
  initial,
  onSaved,
  onApprovedMeanwhile,
}: {
  readonly initial: SituationReport;
  readonly onSaved: (report: SituationReport) => void;
  /** Saving found the report approved by someone else: it can no longer change. */
  readonly onApprovedMeanwhile: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const baseId = useId();
  // The report as last read or saved here: what a save compares with and expects to replace.
  const [base, setBase] = useState<SituationReport>(initial);
  const draftKey = `situation-report:${initial.id}`;
  // What was typed and not saved before a reload or a move to another screen comes back.
  const [kept] = useState(() =>
    readKeptDraft(
      draftKey,
      { on: initial.updatedAt, form: toReportForm(initial, timeZone) },
      (before, mine, theirs) => mergeDraft(before, mine, theirs).draft,
    ),
  );
  const [form, setForm] = useState<SituationReportForm>(
    () => kept ?? toReportForm(initial, timeZone),
  );
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState('');
  const [notice, setNotice] = useState(kept === undefined ? '' : t('situationReports.restored'));
  const storedForm = useMemo(() => toReportForm(base, timeZone), [base, timeZone]);
  useKeptDraft(
    draftKey,
    { on: base.updatedAt, base: storedForm },
    form,
    reportChanges(base, form, timeZone) !== null,
  );
  const [showTimeProblem, setShowTimeProblem] = useState(false);
  const timeProblem = nextReportProblem(base, form, timeZone);
  const timeError =
    showTimeProblem && timeProblem !== null
      ? t(
          timeProblem === 'removed'
            ? 'situationReports.timeRemoved'
            : 'situationReports.timeUnreadable',
        )
      : undefined;

  const change = (next: Partial<SituationReportForm>): void => {
    setForm((current) => ({ ...current, ...next }));
    setNotice('');
  };

  /** Someone else saved first: build on their version, keeping what was typed here. */
  async function mergeWithTheirs(): Promise<void> {
    const reloaded = await getSituationReport(api, base.id);
    if (reloaded.outcome !== 'ok') {
      setAlert(`${t('situationReports.changedElsewhere')} ${failureText(reloaded, t)}`);
      return;
    }
    const latest = reloaded.body;
    if (latest.status !== SituationReportStatus.draft) return onApprovedMeanwhile();
    const { draft, bothChanged } = mergeDraft(
      toReportForm(base, timeZone),
      form,
      toReportForm(latest, timeZone),
    );
    setForm(draft);
    setBase(latest);
    const labels = bothChanged.map((field) =>
      field === 'nextReportAt'
        ? t('situationReports.nextReportAt')
        : t(`situationReports.section.${field}`),
    );
    setAlert(`${t('situationReports.changedElsewhere')} ${mergeNotice(t, i18n.language, labels)}`);
  }

  async function save(): Promise<void> {
    if (busy) return;
    setAlert('');
    setNotice('');
    if (timeProblem !== null) {
      setShowTimeProblem(true);
      document.getElementById(`${baseId}-next`)?.focus();
      return;
    }
    const content = reportChanges(base, form, timeZone);
    if (content === null) return setNotice(t('situationReports.nothingChanged'));
    setBusy(true);
    const result = await updateSituationReport(api, base.id, {
      expectedUpdatedAt: base.updatedAt,
      content,
    });
    if (result.outcome === 'ok') {
      setBusy(false);
      setBase(result.body);
      setForm(toReportForm(result.body, timeZone));
      setShowTimeProblem(false);
      setNotice(t('situationReports.saved'));
      onSaved(result.body);
      return;
    }
    if (result.outcome === 'rejected' && result.status === 409) {
      await mergeWithTheirs();
    } else {
      setAlert(failureText(result, t));
    }
    setBusy(false);
  }

  return (
    <form
      className="report-editor"
      data-testid="report-editor"
      aria-busy={busy}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className="form-alert" role="alert" data-testid="report-alert">
        {alert}
      </p>
      {SITUATION_REPORT_SECTIONS.map((section) => (
        <FormField
          key={section}
          controlId={`${baseId}-${section}`}
          label={t(`situationReports.section.${section}`)}
        >
          <textarea
            id={`${baseId}-${section}`}
            className="input report-editor__text"
            lang={base.language}
            rows={section === 'situation' ? 8 : 5}
            maxLength={SECTION_MAX_LENGTH}
            value={form[section]}
            onChange={(event) => change({ [section]: event.target.value })}
          />
        </FormField>
      ))}
      <FormField
        controlId={`${baseId}-next`}
        label={t('situationReports.nextReportAt')}
        hint={t('situationReports.timeHint', { timeZone })}
        error={timeError}
        className="report-editor__next"
      >
        <input
          id={`${baseId}-next`}
          className="input"
          type="datetime-local"
          value={form.nextReportAt}
          aria-invalid={timeError !== undefined}
          aria-describedby={describedBy(
            `${baseId}-next`,
            t('situationReports.timeHint', { timeZone }),
            timeError,
          )}
          onChange={(event) => change({ nextReportAt: event.target.value })}
        />
      </FormField>
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('situationReports.saving') : t('situationReports.save')}
        </button>
        <p className="admin-list__notice" role="status" data-testid="report-notice">
          {notice}
        </p>
      </div>
    </form>
  );
}
