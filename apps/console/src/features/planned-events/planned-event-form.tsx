import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PLANNED_EVENT_KINDS, type PlannedEvent, type Unit } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { FormField, TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { FormActions } from '../admin/form-actions.tsx';
import { mergeNotice } from '../admin/merge-notice.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import {
  emptyPlannedEventDraft,
  isValidDraft,
  mergePlannedEventDraft,
  plannedEventChanges,
  PLANNED_EVENT_LIMITS,
  toCreatePlannedEvent,
  toPlannedEventDraft,
  validatePlannedEventDraft,
  type PlannedEventDraft,
  type PlannedEventDraftErrors,
} from './planned-event-draft.ts';
import { createPlannedEvent, getPlannedEvent, updatePlannedEvent } from './planned-events-api.ts';

interface PlannedEventFormProps {
  /** The event to change; a new one when absent. */
  readonly event?: PlannedEvent;
  /** The units in use, to choose the responsible ones from. */
  readonly units: readonly Unit[];
  readonly onSaved: (event: PlannedEvent, created: boolean) => void;
  readonly onCancel: () => void;
}

/** Field order, for moving the focus to the first field to fix. */
const FIELD_ORDER = [
  'title',
  'startsAt',
  'endsAt',
  'address',
  'latitude',
  'longitude',
  'expectedCrowd',
] as const satisfies readonly (keyof PlannedEventDraftErrors)[];

/**
 * A duty officer's form for a planned event: new, or a change of one. A change refused because
 * someone else saved the event first keeps what was typed and takes their change of the rest.
 */
export function PlannedEventForm({ event, units, onSaved, onCancel }: PlannedEventFormProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const baseId = useId();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The state this form started from, newer after someone else's change was loaded.
  const [base, setBase] = useState<PlannedEvent | undefined>(event);
  const [draft, setDraft] = useState<PlannedEventDraft>(() =>
    event === undefined
      ? emptyPlannedEventDraft(new Date(), timeZone)
      : toPlannedEventDraft(event, timeZone),
  );
  const [errors, setErrors] = useState<PlannedEventDraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  function setField<K extends keyof PlannedEventDraft>(field: K, value: PlannedEventDraft[K]) {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  const errorOf = (field: keyof PlannedEventDraftErrors): string | undefined => {
    const error = errors[field];
    return error === undefined ? undefined : t(`plannedEvents.errors.${error}`);
  };

  async function submit(): Promise<void> {
    if (busy) return;
    const found = validatePlannedEventDraft(draft, timeZone);
    setErrors(found);
    if (!isValidDraft(found)) {
      setFailure(t('plannedEvents.fixErrors'));
      const first = FIELD_ORDER.find((field) => found[field] !== undefined);
      if (first !== undefined) document.getElementById(`${baseId}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure('');
    if (base === undefined) {
      const result = await createPlannedEvent(api, toCreatePlannedEvent(draft, timeZone));
      setBusy(false);
      if (result.outcome === 'ok') onSaved(result.body, true);
      else setFailure(failureText(result, t));
      return;
    }
    const change = plannedEventChanges(base, draft, timeZone);
    if (change === null) {
      setBusy(false);
      onCancel();
      return;
    }
    const result = await updatePlannedEvent(api, base.id, change);
    if (result.outcome === 'ok') {
      setBusy(false);
      onSaved(result.body, false);
      return;
    }
    if (result.outcome === 'rejected' && result.status === 409) {
      // Someone else changed or called it off: show its new state and keep what was typed.
      const current = await getPlannedEvent(api, base.id);
      setBusy(false);
      if (current.outcome === 'ok' && current.body.cancelledAt !== undefined) {
        setFailure(t('plannedEvents.cancelledElsewhere', { title: current.body.title }));
        return;
      }
      if (current.outcome === 'ok' && current.body.updatedAt !== base.updatedAt) {
        const merged = mergePlannedEventDraft(
          toPlannedEventDraft(base, timeZone),
          draft,
          toPlannedEventDraft(current.body, timeZone),
        );
        setDraft(merged.draft);
        setBase(current.body);
        const labels = merged.bothChanged.map((field) => t(`plannedEvents.field.${field}`));
        setFailure(
          `${t('plannedEvents.changedElsewhere', { title: current.body.title })} ${mergeNotice(t, i18n.language, labels)}`,
        );
        return;
      }
    }
    setBusy(false);
    setFailure(failureText(result, t));
  }

  function onKeyDown(keyEvent: KeyboardEvent<HTMLFormElement>): void {
    if (keyEvent.key === 'Escape') {
      keyEvent.preventDefault();
      onCancel();
    }
  }

  const activeUnits = units.filter(
    (unit) => unit.archivedAt === undefined || draft.responsibleUnitIds.includes(unit.id),
  );

  return (
    <form
      ref={formRef}
      className="admin-form planned-event-form"
      data-testid="planned-event-form"
      aria-labelledby={headingId}
      aria-busy={busy}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(submitEvent) => {
        submitEvent.preventDefault();
        void submit();
      }}
    >
      <h3 id={headingId} className="admin-form__title">
        {base === undefined
          ? t('plannedEvents.newHeading')
          : t('plannedEvents.editHeading', { title: base.title })}
      </h3>
      <p className="form-alert" role="alert" data-testid="planned-event-form-error">
        {failure}
      </p>
      <TextField
        controlId={`${baseId}-title`}
        label={t('plannedEvents.field.title')}
        error={errorOf('title')}
        autoFocus
        required
        maxLength={PLANNED_EVENT_LIMITS.title}
        value={draft.title}
        onChange={(value) => setField('title', value)}
      />
      <FormField controlId={`${baseId}-kind`} label={t('plannedEvents.field.kind')}>
        <select
          id={`${baseId}-kind`}
          className="input"
          value={draft.kind}
          onChange={(change) => setField('kind', change.target.value as PlannedEventDraft['kind'])}
        >
          {PLANNED_EVENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`plannedEvents.kind.${kind}`)}
            </option>
          ))}
        </select>
      </FormField>
      <div className="planned-event-form__pair">
        <TimeField
          controlId={`${baseId}-startsAt`}
          label={t('plannedEvents.field.startsAt')}
          error={errorOf('startsAt')}
          value={draft.startsAt}
          onChange={(value) => setField('startsAt', value)}
        />
        <TimeField
          controlId={`${baseId}-endsAt`}
          label={t('plannedEvents.field.endsAt')}
          error={errorOf('endsAt')}
          value={draft.endsAt}
          onChange={(value) => setField('endsAt', value)}
        />
      </div>
      <TextField
        controlId={`${baseId}-address`}
        label={t('plannedEvents.field.address')}
        hint={t('plannedEvents.addressHint')}
        error={errorOf('address')}
        maxLength={PLANNED_EVENT_LIMITS.address}
        value={draft.address}
        onChange={(value) => setField('address', value)}
      />
      <div className="planned-event-form__pair">
        <TextField
          controlId={`${baseId}-latitude`}
          label={t('plannedEvents.field.latitude')}
          optionalLabel={t('plannedEvents.optional')}
          error={errorOf('latitude')}
          verbatim
          maxLength={20}
          value={draft.latitude}
          onChange={(value) => setField('latitude', value)}
        />
        <TextField
          controlId={`${baseId}-longitude`}
          label={t('plannedEvents.field.longitude')}
          optionalLabel={t('plannedEvents.optional')}
          error={errorOf('longitude')}
          verbatim
          maxLength={20}
          value={draft.longitude}
          onChange={(value) => setField('longitude', value)}
        />
      </div>
      <TextField
        controlId={`${baseId}-expectedCrowd`}
        label={t('plannedEvents.field.expectedCrowd')}
        optionalLabel={t('plannedEvents.optional')}
        error={errorOf('expectedCrowd')}
        inputMode="numeric"
        maxLength={14}
        value={draft.expectedCrowd}
        onChange={(value) => setField('expectedCrowd', value)}
      />
      <fieldset className="checkbox-group" data-testid="planned-event-units">
        <legend className="form-field__label">{t('plannedEvents.field.responsibleUnitIds')}</legend>
        {activeUnits.length === 0 && <p className="intro-text">{t('plannedEvents.noUnits')}</p>}
        {activeUnits.map((unit) => (
          <label key={unit.id} className="checkbox">
            <input
              type="checkbox"
              checked={draft.responsibleUnitIds.includes(unit.id)}
              onChange={(change) =>
                setField(
                  'responsibleUnitIds',
                  change.target.checked
                    ? [...draft.responsibleUnitIds, unit.id]
                    : draft.responsibleUnitIds.filter((id) => id !== unit.id),
                )
              }
            />
            {unit.name}
          </label>
        ))}
      </fieldset>
      <FormField
        controlId={`${baseId}-notes`}
        label={t('plannedEvents.field.notes')}
        optionalLabel={t('plannedEvents.optional')}
      >
        <textarea
          id={`${baseId}-notes`}
          className="input"
          rows={3}
          maxLength={PLANNED_EVENT_LIMITS.notes}
          value={draft.notes}
          onChange={(change) => setField('notes', change.target.value)}
        />
      </FormField>
      <FormActions
        submitLabel={base === undefined ? t('plannedEvents.add') : t('plannedEvents.save')}
        progressLabel={t('plannedEvents.saving')}
        busy={busy}
        cancelLabel={t('plannedEvents.cancelForm')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** A wall-clock time in the city, to the minute. */
function TimeField({
  controlId,
  label,
  error,
  value,
  onChange,
}: {
  readonly controlId: string;
  readonly label: string;
  readonly error: string | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <FormField controlId={controlId} label={label} error={error}>
      <input
        id={controlId}
        className="input"
        type="datetime-local"
        required
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : `${controlId}-error`}
        onChange={(change) => onChange(change.target.value)}
      />
    </FormField>
  );
}
