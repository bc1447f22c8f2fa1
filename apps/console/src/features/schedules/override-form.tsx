import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateOverride, Unit, UnitSchedule } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField, TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { FormActions } from '../admin/form-actions.tsx';
import { placeRefusal, withoutFields } from './field-errors.ts';
import {
  emptyOverrideDraft,
  OVERRIDE_FIELDS,
  OVERRIDE_NOTE_LIMIT,
  toCreateOverride,
  validateOverrideDraft,
  type OverrideDraft,
  type OverrideErrors,
} from './override-draft.ts';
import { addOverride } from './schedules-api.ts';

interface OverrideFormProps {
  readonly unit: Unit;
  readonly schedule: UnitSchedule;
  /** Added: the schedule as the server now has it, and the override as sent. */
  readonly onSaved: (schedule: UnitSchedule, override: CreateOverride) => void;
  readonly onCancel: () => void;
}

/**
 * Someone takes over in a schedule for a while ("I take Friday night"): who, and from when to
 * when on the unit's clock.
 */
export function OverrideForm({ unit, schedule, onSaved, onCancel }: OverrideFormProps) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const baseId = useId();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const timeZone = unit.timeZone;
  const [draft, setDraft] = useState<OverrideDraft>(() => emptyOverrideDraft(new Date(), timeZone));
  const [errors, setErrors] = useState<OverrideErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  function change(next: Partial<OverrideDraft>, ...fields: string[]): void {
    setDraft((current) => ({ ...current, ...next }));
    setErrors((current) => withoutFields(current, fields));
  }

  const errorOf = (field: string): string | undefined => {
    const error = errors[field];
    if (error === undefined) return undefined;
    return 'sentence' in error ? error.sentence : t(`onCall.errors.${error.messageKey}`);
  };

  function focusFirstError(): void {
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  }

  async function submit(): Promise<void> {
    if (busy) return;
    const found = validateOverrideDraft(draft, timeZone);
    const override = toCreateOverride(draft, timeZone);
    setErrors(found);
    if (Object.keys(found).length > 0 || override === null) {
      setFailure(t('onCall.fixErrors'));
      focusFirstError();
      return;
    }
    setBusy(true);
    setFailure('');
    const result = await addOverride(api, schedule.id, override);
    setBusy(false);
    if (result.outcome === 'ok') return onSaved(result.body, override);
    const placed =
      result.outcome === 'rejected' && result.status === 400
        ? placeRefusal(result.message, OVERRIDE_FIELDS)
        : null;
    if (placed !== null) {
      setErrors({ [placed.field]: { sentence: placed.sentence } });
      setFailure(t('onCall.fixErrors'));
      focusFirstError();
      return;
    }
    setFailure(failureText(result, t));
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  }

  const zoneHint = t('onCall.timeZoneHint', { timeZone });
  const timeInput = (field: 'from' | 'to', label: string) => {
    const controlId = `${baseId}-${field}`;
    return (
      <FormField controlId={controlId} label={label} hint={zoneHint} error={errorOf(field)}>
        <input
          id={controlId}
          className="input"
          type="datetime-local"
          required
          value={draft[field]}
          aria-invalid={errorOf(field) !== undefined}
          aria-describedby={describedBy(controlId, zoneHint, errorOf(field))}
          onChange={(event) =>
            change({ [field]: event.target.value }, field, ...(field === 'from' ? ['to'] : []))
          }
        />
      </FormField>
    );
  };

  return (
    <form
      ref={formRef}
      className="admin-form override-form"
      data-testid="override-form"
      aria-labelledby={headingId}
      aria-busy={busy}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h5 id={headingId} className="admin-form__title">
        {t('onCall.overrideHeading', { name: schedule.name })}
      </h5>
      <p className="form-alert" role="alert" data-testid="override-form-alert">
        {failure}
      </p>
      <div className="override-form__fields">
        <FormField
          controlId={`${baseId}-contact`}
          label={t('onCall.overrideContact')}
          error={errorOf('contactId')}
        >
          <select
            id={`${baseId}-contact`}
            className="input"
            autoFocus
            value={draft.contactId}
            aria-invalid={errorOf('contactId') !== undefined}
            aria-describedby={describedBy(`${baseId}-contact`, undefined, errorOf('contactId'))}
            onChange={(event) => change({ contactId: event.target.value }, 'contactId')}
          >
            <option value="">{t('onCall.chooseContact')}</option>
            {unit.contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name}
              </option>
            ))}
          </select>
        </FormField>
        {timeInput('from', t('onCall.overrideFrom'))}
        {timeInput('to', t('onCall.overrideTo'))}
        <TextField
          controlId={`${baseId}-note`}
          label={t('onCall.overrideNote')}
          optionalLabel={t('onCall.optional')}
          hint={t('onCall.overrideNoteHint')}
          error={errorOf('note')}
          maxLength={OVERRIDE_NOTE_LIMIT}
          value={draft.note}
          onChange={(note) => change({ note }, 'note')}
        />
      </div>
      <FormActions
        submitLabel={t('onCall.saveOverride')}
        progressLabel={t('onCall.saving')}
        busy={busy}
        cancelLabel={t('onCall.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
