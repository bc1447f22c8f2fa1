import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { FormField } from '../../components/form-field.tsx';
import { LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { failureText } from '../../lib/failure-text.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { editSituationReportHref, situationReportsHref } from './report-hash.ts';
import { createSituationReport } from './situation-reports-api.ts';

const NO_LANGUAGES: readonly Language[] = [];

/** Starts a situation report: the duty officer picks its language and Vaka drafts it. */
export function NewReportPage() {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const baseId = useId();
  const languages = useConsoleStore((state) => state.city?.languages ?? NO_LANGUAGES);
  // Until the city's languages are known the server's default (the city's first) is used.
  const [chosen, setChosen] = useState<Language | ''>('');
  const language = chosen === '' ? languages[0] : chosen;
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState('');

  async function draft(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setAlert('');
    const result = await createSituationReport(api, language === undefined ? {} : { language });
    setBusy(false);
    if (result.outcome !== 'ok') return setAlert(failureText(result, t));
    window.location.hash = editSituationReportHref(result.body.id);
  }

  return (
    <section className="panel situation-report-page" aria-labelledby={`${baseId}-heading`}>
      <header className="panel__header situation-report-page__header">
        <a className="situation-report-page__back" href={situationReportsHref()}>
          ← {t('situationReports.backToList')}
        </a>
        <h2 id={`${baseId}-heading`} className="panel__title">
          {t('situationReports.newHeading')}
        </h2>
        <p className="intro-text">{t('situationReports.newIntro')}</p>
      </header>
      <form
        className="admin-form admin-form--inline situation-report-new"
        aria-busy={busy}
        onSubmit={(event) => {
          event.preventDefault();
          void draft();
        }}
      >
        <p className="form-alert" role="alert">
          {alert}
        </p>
        <FormField controlId={`${baseId}-language`} label={t('situationReports.language')}>
          <select
            id={`${baseId}-language`}
            className="input"
            value={language ?? ''}
            onChange={(event) => setChosen(event.target.value as Language)}
          >
            {languages.map((candidate) => (
              <option key={candidate} value={candidate}>
                {LANGUAGE_NAMES[candidate]}
              </option>
            ))}
          </select>
        </FormField>
        <div className="admin-form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('situationReports.drafting') : t('situationReports.startDraft')}
          </button>
        </div>
      </form>
    </section>
  );
}
