import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateSuggestion, Incident } from '@vaka/domain';
import { reasonText } from '../duplicates/duplicate-reasons.ts';

/**
 * Where the report goes: a new incident, or one of the open incidents it likely repeats, each
 * with why. A radio group: Tab reaches the choice made, the arrow keys change it.
 */
export function BelongsToField({
  value,
  suggestions,
  chosen,
  onChange,
}: {
  /** The chosen incident's id; empty for a new incident. */
  readonly value: string;
  readonly suggestions: readonly DuplicateSuggestion[];
  /** The chosen incident as the console knows it, for when it is no longer among the suggestions. */
  readonly chosen: Incident | undefined;
  readonly onChange: (incidentId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const name = useId();
  const hintId = useId();
  const options: Array<{ incident: Incident | undefined; id: string; reasons: string }> =
    suggestions.map(({ incident, reasons }) => ({
      incident,
      id: incident.id,
      reasons: reasons.map((reason) => reasonText(reason, t, i18n.language)).join(' · '),
    }));
  // The choice stays on the list when what is typed next no longer suggests it.
  if (value !== '' && !options.some((option) => option.id === value)) {
    options.push({ incident: chosen, id: value, reasons: '' });
  }
  return (
    <fieldset
      className="intake-belongs-to"
      data-testid="intake-belongs-to"
      aria-describedby={options.length > 0 ? hintId : undefined}
    >
      <legend className="form-field__label">{t('intake.belongsTo')}</legend>
      {options.length > 0 && (
        <p className="form-field__hint" id={hintId}>
          {t('intake.belongsToHint')}
        </p>
      )}
      <label className="intake-belongs-to__option">
        <input
          type="radio"
          name={name}
          value=""
          checked={value === ''}
          onChange={() => onChange('')}
        />
        <span className="intake-belongs-to__title">{t('intake.belongsToNew')}</span>
      </label>
      {options.map(({ incident, id, reasons }, index) => (
        <label
          key={id}
          className="intake-belongs-to__option"
          data-testid="intake-suggestion"
          data-incident-id={id}
        >
          {/* Named by the title alone, the reasons read as its description: "same address"
              is not what the choice is called. */}
          <input
            type="radio"
            name={name}
            value={id}
            checked={value === id}
            aria-labelledby={`${name}-${index}-title`}
            aria-describedby={reasons === '' ? undefined : `${name}-${index}-reasons`}
            onChange={() => onChange(id)}
          />
          <span className="intake-belongs-to__title" id={`${name}-${index}-title`}>
            {incident?.title ?? t('intake.belongsToUnlisted', { id })}
          </span>
          {reasons !== '' && (
            <span className="intake-belongs-to__reasons" id={`${name}-${index}-reasons`}>
              {reasons}
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
