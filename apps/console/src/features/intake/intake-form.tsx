import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField, TextField } from '../../components/form-field.tsx';
import { useConsoleStore } from '../../stores/console-store.ts';
import {
  DRAFT_LIMITS,
  emptyDraft,
  toCreateReport,
  validateDraft,
  type DraftErrors,
  type DraftField,
  type ReportDraft,
} from './report-draft.ts';
import type { SendOutcome } from './report-sender.ts';
import { BelongsToField } from './belongs-to-field.tsx';
import { useDraftSuggestions } from './use-draft-suggestions.ts';
import { useNewReportShortcut } from './use-new-report-shortcut.ts';
import './intake.css';

type Submission =
  | { readonly state: 'idle' }
  | { readonly state: 'sending' }
  /** `attachedTo`: the title of the open incident the report went to, when it went to one. */
  | { readonly state: 'received'; readonly attachedTo?: string }
  | { readonly state: 'failed'; readonly outcome: Exclude<SendOutcome, { outcome: 'received' }> };

/** The fields checked before sending, in the order the form shows them. */
const CHECKED_FIELDS = ['title', 'address', 'callerPhone'] as const;

/** The quick form for a report taken by phone, usable by keyboard alone. */
export function IntakeForm() {
  const { t } = useTranslation();
  const { reportSender: sender } = useAppServices();
  const headingId = useId();
  const baseId = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const addressRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  // The draft lives in the store, so it outlasts a session that ends while a call is typed in.
  const draft = useConsoleStore((state) => state.reportDraft);
  const setDraft = useConsoleStore((state) => state.updateReportDraft);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [submission, setSubmission] = useState<Submission>({ state: 'idle' });
  const suggestions = useDraftSuggestions(draft);
  const chosen = useConsoleStore((state) =>
    draft.belongsTo === '' ? undefined : state.incidents.get(draft.belongsTo),
  );
  useNewReportShortcut(titleRef);

  const ids = {
    title: `${baseId}-title`,
    category: `${baseId}-category`,
    severity: `${baseId}-severity`,
    address: `${baseId}-address`,
    description: `${baseId}-description`,
    callerName: `${baseId}-caller-name`,
    callerPhone: `${baseId}-caller-phone`,
    belongsTo: `${baseId}-belongs-to`,
  } satisfies Record<DraftField, string>;
  const errorText = (field: DraftField): string | undefined => {
    const error = errors[field];
    return error === undefined ? undefined : t(`intake.${error}`);
  };

  function setField<K extends DraftField>(field: K, value: ReportDraft[K]): void {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => {
      if (current[field] === undefined) return current;
      const rest = { ...current };
      delete rest[field];
      return rest;
    });
  }

  async function submit(): Promise<void> {
    if (submission.state === 'sending') return;
    const found = validateDraft(draft);
    setErrors(found);
    const firstInvalid = CHECKED_FIELDS.find((field) => found[field] !== undefined);
    if (firstInvalid !== undefined) {
      ({ title: titleRef, address: addressRef, callerPhone: phoneRef })[
        firstInvalid
      ].current?.focus();
      return;
    }
    const submitted = draft;
    const attachedTo = submitted.belongsTo === '' ? undefined : (chosen?.title ?? '');
    setSubmission({ state: 'sending' });
    const outcome = await sender.send(
      toCreateReport(submitted),
      submitted.belongsTo === '' ? undefined : submitted.belongsTo,
    );
    if (outcome.outcome !== 'received') {
      setSubmission({ state: 'failed', outcome });
      return;
    }
    // Whatever was typed while the report was on its way is the next report: keep it, but as a
    // new incident until the duty officer says otherwise.
    setDraft((current) =>
      current === submitted ? emptyDraft() : { ...current, belongsTo: emptyDraft().belongsTo },
    );
    setSubmission({ state: 'received', ...(attachedTo !== undefined && { attachedTo }) });
    titleRef.current?.focus();
  }

  function clear(): void {
    setDraft(() => emptyDraft());
    setErrors({});
    setSubmission({ state: 'idle' });
    titleRef.current?.focus();
  }

  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Escape') return;
    // With nothing to clear, Esc is left to the page's keys, which leave the field: otherwise
    // the keyboard would be stuck in the form after a report is sent.
    const empty = emptyDraft();
    const untouched = (Object.keys(empty) as DraftField[]).every(
      (field) => draft[field] === empty[field],
    );
    if (untouched && Object.keys(errors).length === 0 && submission.state !== 'failed') return;
    event.preventDefault();
    clear();
  }

  function onDescriptionKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  const failure = submission.state === 'failed' ? failureText(submission.outcome, t) : '';

  return (
    <section className="panel intake" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {t('intake.heading')}
        </h2>
        <p className="intake__progress" role="status" aria-live="polite">
          {submission.state === 'sending' && t('intake.sending')}
          {submission.state === 'received' && (
            <span className="intake__received">
              {submission.attachedTo === undefined || submission.attachedTo === ''
                ? t('intake.received')
                : t('intake.receivedAttached', { title: submission.attachedTo })}
            </span>
          )}
        </p>
      </header>
      <p className="intake__hint">{t('intake.shortcutHint')}</p>
      {/* Above the fields, so it is in view without scrolling on a laptop screen. */}
      <p className="intake__failure" role="alert" data-testid="intake-error">
        {failure}
      </p>
      <form
        className="intake-form"
        aria-label={t('intake.heading')}
        noValidate
        onKeyDown={onFormKeyDown}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <TextField
          controlId={ids.title}
          label={t('intake.title')}
          error={errorText('title')}
          inputRef={titleRef}
          required
          maxLength={DRAFT_LIMITS.title}
          value={draft.title}
          onChange={(value) => setField('title', value)}
        />
        <div className="intake-form__pair">
          <FormField controlId={ids.category} label={t('intake.category')}>
            <select
              id={ids.category}
              className="input"
              value={draft.category}
              onChange={(event) => setField('category', event.target.value as Category)}
            >
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`category.${category}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField controlId={ids.severity} label={t('intake.severity')}>
            <select
              id={ids.severity}
              className="input"
              value={draft.severity}
              onChange={(event) => setField('severity', event.target.value as Severity)}
            >
              {SEVERITIES.map((severity) => (
                <option key={severity} value={severity}>
                  {t(`severity.${severity}`)}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <TextField
          controlId={ids.address}
          label={t('intake.address')}
          error={errorText('address')}
          inputRef={addressRef}
          required
          maxLength={DRAFT_LIMITS.address}
          value={draft.address}
          onChange={(value) => setField('address', value)}
        />
        <FormField
          controlId={ids.description}
          label={t('intake.description')}
          optionalLabel={t('intake.optional')}
          hint={t('intake.descriptionHint')}
        >
          <textarea
            id={ids.description}
            className="input intake-form__description"
            rows={3}
            maxLength={DRAFT_LIMITS.description}
            value={draft.description}
            aria-describedby={describedBy(ids.description, t('intake.descriptionHint'))}
            onKeyDown={onDescriptionKeyDown}
            onChange={(event) => setField('description', event.target.value)}
          />
        </FormField>
        <div className="intake-form__pair">
          <TextField
            controlId={ids.callerName}
            label={t('intake.callerName')}
            optionalLabel={t('intake.optional')}
            maxLength={DRAFT_LIMITS.callerName}
            value={draft.callerName}
            onChange={(value) => setField('callerName', value)}
          />
          <TextField
            controlId={ids.callerPhone}
            label={t('intake.callerPhone')}
            optionalLabel={t('intake.optional')}
            error={errorText('callerPhone')}
            inputRef={phoneRef}
            type="tel"
            maxLength={DRAFT_LIMITS.callerPhone}
            value={draft.callerPhone}
            onChange={(value) => setField('callerPhone', value)}
          />
        </div>
        <BelongsToField
          value={draft.belongsTo}
          suggestions={suggestions}
          chosen={chosen}
          onChange={(incidentId) => setField('belongsTo', incidentId)}
        />
        <div className="intake-form__actions">
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={submission.state === 'sending'}
          >
            {t('intake.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function failureText(outcome: Exclude<SendOutcome, { outcome: 'received' }>, t: TFunction): string {
  switch (outcome.outcome) {
    case 'rejected':
      return t('intake.rejected', { reason: outcome.reason });
    case 'server_error':
      return t('intake.serverError', { status: outcome.statusCode });
    case 'network_error':
      return t('intake.networkError');
    case 'signed_out':
      return t('errors.signedOut');
  }
}
