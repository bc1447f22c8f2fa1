import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Language, type Unit } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { FormField, TextField } from '../../components/form-field.tsx';
import type { ApiResult } from '../../lib/api.ts';
import { failureText } from '../../lib/failure-text.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { FormActions } from '../admin/form-actions.tsx';
import { mergeNotice } from '../admin/merge-notice.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { districtChoices, useDistricts } from '../districts/use-districts.ts';
import { ContactRows } from './contact-rows.tsx';
import {
  emptyUnitDraft,
  fieldOfRefusal,
  rebaseUnitDraft,
  shownAt,
  toCreateUnit,
  toUnitDraft,
  UNIT_LIMITS,
  unitChanges,
  validateUnitDraft,
  type FieldErrors,
  type UnitDraft,
} from './unit-draft.ts';
import { archiveUnit, createUnit, getUnit, updateUnit } from './units-api.ts';
import { ArchiveControl } from '../admin/archive-control.tsx';

/** The label (under `units`) that names a field of the form in a notice. */
const UNIT_FIELD_LABELS = {
  name: 'name',
  description: 'description',
  categories: 'categories',
  districtIds: 'districts',
  timeZone: 'timeZone',
  contacts: 'contacts',
} as const satisfies Record<keyof UnitDraft, string>;

interface UnitFormProps {
  /** The unit to change; a new one when absent. */
  readonly unit?: Unit;
  readonly onSaved: (unit: Unit) => void;
  /** A newer state of the unit, loaded after someone else changed it. */
  readonly onReloaded?: (unit: Unit) => void;
  readonly onCancel?: () => void;
}

/** The admin's form for a unit: its fields and contacts, new or changed, and archiving it. */
export function UnitForm({ unit, onSaved, onReloaded, onCancel }: UnitFormProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const cityTimeZone = useCityTimeZone();
  const categories = useConsoleStore((state) => state.city?.categories ?? []);
  const districts = districtChoices(useDistricts(), i18n.language);
  const baseId = useId();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The state of the unit this form started from, newer after a reload.
  const [base, setBase] = useState<Unit | undefined>(unit);
  const [draft, setDraft] = useState<UnitDraft>(() =>
    unit === undefined ? emptyUnitDraft(cityTimeZone) : toUnitDraft(unit),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const [confirmingArchive, setConfirmingArchive] = useState(false);
  const defaultLanguage = (Object.values(Language) as string[]).includes(i18n.language)
    ? (i18n.language as Language)
    : Language.en;

  function change(next: Partial<UnitDraft>, ...fields: string[]): void {
    setDraft((current) => ({ ...current, ...next }));
    if (fields.length > 0) {
      setErrors((current) =>
        Object.fromEntries(Object.entries(current).filter(([field]) => !fields.includes(field))),
      );
    }
  }

  const errorOf = (field: string): string | undefined => {
    const error = errors[field];
    if (error === undefined) return undefined;
    return 'sentence' in error ? error.sentence : t(`units.errors.${error.messageKey}`);
  };

  /** Takes the person to the first field with a message, once the messages are drawn. */
  function focusFirstError(): void {
    requestAnimationFrame(() =>
      formRef.current
        ?.querySelector<HTMLElement>(
          '[aria-invalid="true"], .contact-row__fields[aria-describedby] input[type="tel"]',
        )
        ?.focus(),
    );
  }

  async function submit(): Promise<void> {
    if (busy) return;
    const found = validateUnitDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(t('units.fixErrors'));
      focusFirstError();
      return;
    }
    let result: ApiResult<Unit>;
    if (base === undefined) {
      setBusy(true);
      setFailure('');
      result = await createUnit(api, toCreateUnit(draft));
    } else {
      const changes = unitChanges(base, draft);
      if (changes === null) return onCancel?.();
      setBusy(true);
      setFailure('');
      result = await updateUnit(api, base.id, { changes, expectedUpdatedAt: base.updatedAt });
    }
    if (result.outcome === 'ok') {
      setBusy(false);
      if (base === undefined) setDraft(emptyUnitDraft(cityTimeZone));
      onSaved(result.body);
      return;
    }
    if (result.outcome === 'rejected' && result.status === 409 && base !== undefined) {
      // Someone else changed the unit: what this admin changed is kept, the fields they left
      // alone take the new state, so saving again does not undo the other change.
      const reloaded = await getUnit(api, base.id);
      setBusy(false);
      if (reloaded.outcome === 'ok' && reloaded.body.updatedAt !== base.updatedAt) {
        const current = reloaded.body;
        const { bothChanged } = rebaseUnitDraft(base, draft, current);
        setDraft((typed) => rebaseUnitDraft(base, typed, current).draft);
        setErrors({});
        setBase(current);
        onReloaded?.(current);
        const labels = bothChanged.map((field) => t(`units.${UNIT_FIELD_LABELS[field]}`));
        setFailure(`${t('units.changedElsewhere')} ${mergeNotice(t, i18n.language, labels)}`);
        return;
      }
    }
    setBusy(false);
    const field = result.outcome === 'rejected' ? fieldOfRefusal(result.message) : null;
    if (field !== null && result.outcome === 'rejected') {
      const sentence = result.message.replace(/^[^:]*:\s*/, '');
      setErrors({ [shownAt(field)]: { sentence } });
      setFailure(t('units.fixErrors'));
      focusFirstError();
      return;
    }
    setFailure(failureText(result, t));
  }

  async function archive(): Promise<void> {
    if (busy || base === undefined) return;
    setBusy(true);
    setFailure('');
    const result = await archiveUnit(api, base.id);
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

  const heading =
    base === undefined ? t('units.createHeading') : t('units.editHeading', { name: base.name });

  return (
    <form
      ref={formRef}
      className="admin-form unit-form"
      data-testid={base === undefined ? 'create-unit' : 'edit-unit'}
      aria-labelledby={headingId}
      aria-busy={busy}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id={headingId} className="admin-form__title">
        {heading}
      </h3>
      <p className="form-alert" role="alert" data-testid="unit-form-alert">
        {failure}
      </p>
      <div className="unit-form__columns">
        <TextField
          controlId={`${baseId}-name`}
          label={t('units.name')}
          error={errorOf('name')}
          autoFocus={base !== undefined}
          required
          maxLength={UNIT_LIMITS.name}
          value={draft.name}
          onChange={(name) => change({ name }, 'name')}
        />
        <TextField
          controlId={`${baseId}-time-zone`}
          label={t('units.timeZone')}
          hint={t('units.timeZoneHint')}
          error={errorOf('timeZone')}
          verbatim
          required
          maxLength={UNIT_LIMITS.timeZone}
          value={draft.timeZone}
          onChange={(timeZone) => change({ timeZone }, 'timeZone')}
        />
      </div>
      <FormField
        controlId={`${baseId}-description`}
        label={t('units.description')}
        optionalLabel={t('units.optional')}
        error={errorOf('description')}
      >
        <textarea
          id={`${baseId}-description`}
          className="input"
          rows={2}
          maxLength={UNIT_LIMITS.description}
          value={draft.description}
          aria-invalid={errorOf('description') !== undefined}
          onChange={(event) => change({ description: event.target.value }, 'description')}
        />
      </FormField>
      <div className="unit-form__columns">
        <fieldset className="checkbox-group" aria-describedby={`${baseId}-categories-hint`}>
          <legend className="form-field__label">{t('units.categories')}</legend>
          {categories.map((category) => (
            <label key={category} className="checkbox">
              <input
                type="checkbox"
                checked={draft.categories.includes(category)}
                onChange={(event) =>
                  change(
                    {
                      categories: toggled(
                        categories,
                        draft.categories,
                        category,
                        event.target.checked,
                      ),
                    },
                    'categories',
                  )
                }
              />
              {t(`category.${category}`)}
            </label>
          ))}
          <p id={`${baseId}-categories-hint`} className="form-field__hint">
            {t('units.categoriesHint')}
          </p>
          {errorOf('categories') !== undefined && (
            <p className="form-field__error">{errorOf('categories')}</p>
          )}
        </fieldset>
        <fieldset className="checkbox-group" aria-describedby={`${baseId}-districts-hint`}>
          <legend className="form-field__label">{t('units.districts')}</legend>
          {districts.map((district) => (
            <label key={district.id} className="checkbox">
              <input
                type="checkbox"
                checked={draft.districtIds.includes(district.id)}
                onChange={(event) =>
                  change(
                    {
                      districtIds: toggled(
                        districts.map((choice) => choice.id),
                        draft.districtIds,
                        district.id,
                        event.target.checked,
                      ),
                    },
                    'districtIds',
                  )
                }
              />
              {district.name}
            </label>
          ))}
          <p id={`${baseId}-districts-hint`} className="form-field__hint">
            {t('units.districtsHint')}
          </p>
          {errorOf('districtIds') !== undefined && (
            <p className="form-field__error">{errorOf('districtIds')}</p>
          )}
        </fieldset>
      </div>
      <ContactRows
        baseId={baseId}
        contacts={draft.contacts}
        errorOf={errorOf}
        defaultLanguage={defaultLanguage}
        onChange={(contacts, field) =>
          // A change of rows renumbers them: the messages of the old numbers no longer fit.
          field === undefined
            ? (setDraft((current) => ({ ...current, contacts })), setErrors({}))
            : change({ contacts }, field, field.replace(/\.[a-zA-Z]+$/, ''))
        }
      />
      <FormActions
        submitLabel={base === undefined ? t('units.create') : t('units.save')}
        progressLabel={base === undefined ? t('units.creating') : t('units.saving')}
        busy={busy && !confirmingArchive}
        cancelLabel={t('units.cancel')}
        onCancel={onCancel}
      />
      {base !== undefined && base.archivedAt === undefined && (
        <ArchiveControl
          idBase={baseId}
          className="unit-form__archive"
          busy={busy}
          confirming={confirmingArchive}
          onConfirming={setConfirmingArchive}
          onArchive={() => void archive()}
          labels={{
            archive: t('units.archive'),
            question: t('units.archiveQuestion', { name: base.name }),
            confirm: t('units.archiveConfirm'),
            keep: t('units.archiveKeep'),
            archiving: t('units.archiving'),
          }}
        />
      )}
    </form>
  );
}

/** A choice turned on or off, kept in the order the form offers the choices. */
function toggled<T>(choices: readonly T[], chosen: readonly T[], choice: T, on: boolean): T[] {
  return choices.filter((candidate) => (candidate === choice ? on : chosen.includes(candidate)));
}
