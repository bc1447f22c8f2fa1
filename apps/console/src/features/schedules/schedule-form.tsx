import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit, UnitSchedule } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { TextField } from '../../components/form-field.tsx';
import type { ApiResult } from '../../lib/api.ts';
import { failureText } from '../../lib/failure-text.ts';
import { FormActions } from '../admin/form-actions.tsx';
import { mergeNotice } from '../admin/merge-notice.ts';
import { placeRefusal, withoutFields } from './field-errors.ts';
import { LayerRows } from './layer-rows.tsx';
import {
  emptyScheduleDraft,
  rebaseScheduleDraft,
  SCHEDULE_LIMITS,
  scheduleChanges,
  scheduleFields,
  toCreateSchedule,
  toScheduleDraft,
  validateScheduleDraft,
  type ScheduleDraft,
  type ScheduleErrors,
} from './schedule-draft.ts';
import { archiveSchedule, createSchedule, getSchedule, updateSchedule } from './schedules-api.ts';
import { todayIn } from './shift-time.ts';
import { ArchiveControl } from '../admin/archive-control.tsx';

interface ScheduleFormProps {
  readonly unit: Unit;
  /** The schedule to change; a new one when absent. */
  readonly schedule?: UnitSchedule;
  /** Saved or archived, as the server answered. */
  readonly onSaved: (schedule: UnitSchedule) => void;
  /** A newer state of the schedule, loaded after someone else changed it. */
  readonly onReloaded?: (schedule: UnitSchedule) => void;
  readonly onCancel?: () => void;
}

/** The admin's form for an on-call schedule: its name, time zone and rotations, and archiving it. */
export function ScheduleForm({ unit, schedule, onSaved, onReloaded, onCancel }: ScheduleFormProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const baseId = useId();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The state of the schedule this form started from, newer after a reload.
  const [base, setBase] = useState<UnitSchedule | undefined>(schedule);
  const [draft, setDraft] = useState<ScheduleDraft>(() =>
    schedule === undefined
      ? emptyScheduleDraft(unit.timeZone, todayIn(unit.timeZone))
      : toScheduleDraft(schedule),
  );
  const [errors, setErrors] = useState<ScheduleErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const [confirmingArchive, setConfirmingArchive] = useState(false);

  function change(next: Partial<ScheduleDraft>, fields?: readonly string[]): void {
    setDraft((current) => ({ ...current, ...next }));
    setErrors((current) => (fields === undefined ? {} : withoutFields(current, fields)));
  }

  const errorOf = (field: string): string | undefined => {
    const error = errors[field];
    if (error === undefined) return undefined;
    return 'sentence' in error ? error.sentence : t(`schedules.errors.${error.messageKey}`);
  };

  /** Takes the person to the first field with a message, once the messages are drawn. */
  function focusFirstError(): void {
    requestAnimationFrame(() => {
      const form = formRef.current;
      const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (invalid) return invalid.focus();
      // A message of a group (the participants, a rotation) is at the group's first control.
      form
        ?.querySelector('.form-field__error')
        ?.closest('fieldset')
        ?.querySelector<HTMLElement>('input, select, button')
        ?.focus();
    });
  }

  async function submit(): Promise<void> {
    if (busy) return;
    const found = validateScheduleDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(t('schedules.fixErrors'));
      focusFirstError();
      return;
    }
    let result: ApiResult<UnitSchedule>;
    if (base === undefined) {
      setBusy(true);
      setFailure('');
      result = await createSchedule(api, unit.id, toCreateSchedule(draft));
    } else {
      const changes = scheduleChanges(base, draft);
      if (changes === null) return onCancel?.();
      setBusy(true);
      setFailure('');
      result = await updateSchedule(api, base.id, { changes, expectedUpdatedAt: base.updatedAt });
    }
    if (result.outcome === 'ok') {
      setBusy(false);
      if (base === undefined) setDraft(emptyScheduleDraft(unit.timeZone, todayIn(unit.timeZone)));
      onSaved(result.body);
      return;
    }
    if (result.outcome === 'rejected' && result.status === 409 && base !== undefined) {
      // Someone else changed the schedule: what this admin changed is kept, the fields they
      // left alone take the new state, so saving again does not undo the other change.
      const reloaded = await getSchedule(api, base.id);
      setBusy(false);
      if (reloaded.outcome === 'ok' && reloaded.body.updatedAt !== base.updatedAt) {
        const current = reloaded.body;
        const { bothChanged } = rebaseScheduleDraft(base, draft, current);
        setDraft((typed) => rebaseScheduleDraft(base, typed, current).draft);
        setErrors({});
        setBase(current);
        onReloaded?.(current);
        const labels = bothChanged.map((field) => t(`schedules.${field}`));
        setFailure(
          `${t('schedules.changedElsewhere', { message: result.message })} ${mergeNotice(t, i18n.language, labels)}`,
        );
        return;
      }
    }
    setBusy(false);
    const placed =
      result.outcome === 'rejected' && result.status === 400
        ? placeRefusal(result.message, scheduleFields(draft))
        : null;
    if (placed !== null) {
      setErrors({ [placed.field]: { sentence: placed.sentence } });
      setFailure(t('schedules.fixErrors'));
      focusFirstError();
      return;
    }
    setFailure(failureText(result, t));
  }

  async function archive(): Promise<void> {
    if (busy || base === undefined) return;
    setBusy(true);
    setFailure('');
    const result = await archiveSchedule(api, base.id);
    setBusy(false);
    if (result.outcome !== 'ok') {
      setConfirmingArchive(false);
      setFailure(failureText(result, t));
      return;
    }
    onSaved(result.body);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape' && onCancel !== undefined) {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form
      ref={formRef}
      className="admin-form schedule-form"
      data-testid={base === undefined ? 'create-schedule' : 'edit-schedule'}
      aria-labelledby={headingId}
      aria-busy={busy}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h4 id={headingId} className="admin-form__title">
        {base === undefined
          ? t('schedules.createHeading')
          : t('schedules.editHeading', { name: base.name })}
      </h4>
      <p className="form-alert" role="alert" data-testid="schedule-form-alert">
        {failure}
      </p>
      <div className="schedule-form__columns">
        <TextField
          controlId={`${baseId}-name`}
          label={t('schedules.name')}
          hint={t('schedules.nameHint')}
          error={errorOf('name')}
          autoFocus
          required
          maxLength={SCHEDULE_LIMITS.name}
          value={draft.name}
          onChange={(name) => change({ name }, ['name'])}
        />
        <TextField
          controlId={`${baseId}-time-zone`}
          label={t('schedules.timeZone')}
          hint={t('schedules.timeZoneHint', { timeZone: unit.timeZone })}
          error={errorOf('timeZone')}
          verbatim
          required
          maxLength={SCHEDULE_LIMITS.timeZone}
          value={draft.timeZone}
          onChange={(timeZone) => change({ timeZone }, ['timeZone'])}
        />
      </div>
      <LayerRows
        baseId={baseId}
        layers={draft.layers}
        contacts={unit.contacts}
        today={todayIn(draft.timeZone)}
        errorOf={errorOf}
        onChange={(layers, fields) => change({ layers }, fields && [...fields, 'layers'])}
      />
      <FormActions
        submitLabel={base === undefined ? t('schedules.create') : t('schedules.save')}
        progressLabel={base === undefined ? t('schedules.creating') : t('schedules.saving')}
        busy={busy && !confirmingArchive}
        cancelLabel={t('schedules.cancel')}
        onCancel={onCancel}
      />
      {base !== undefined && (
        <ArchiveControl
          idBase={baseId}
          className="schedule-form__archive"
          busy={busy}
          confirming={confirmingArchive}
          onConfirming={setConfirmingArchive}
          onArchive={() => void archive()}
          labels={{
            archive: t('schedules.archive'),
            question: t('schedules.archiveQuestion', { name: base.name }),
            confirm: t('schedules.archiveConfirm'),
            keep: t('schedules.archiveKeep'),
            archiving: t('schedules.archiving'),
          }}
        />
      )}
    </form>
  );
}
