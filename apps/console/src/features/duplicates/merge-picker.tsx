import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateSuggestion, Incident } from '@vaka/domain';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { useConsoleStore } from '../../stores/console-store.ts';
import { ActionForm } from '../incident-detail/action-form.tsx';
import { SeverityBadge } from '../incidents/severity-badge.tsx';
import { reasonText } from './duplicate-reasons.ts';
import { useDuplicateSuggestions } from './use-duplicate-suggestions.ts';
import './duplicates.css';

const MAX_MATCHES = 20;

interface MergePickerProps {
  readonly incident: Incident;
  readonly busy: boolean;
  readonly onCancel: () => void;
  readonly onSubmit: (into: Incident, reason: string) => void;
}

/**
 * Picks the incident this one merges into: the likely duplicates with why, or any open incident
 * found by its title. ↑ and ↓ move through the choices, Enter picks; then a reason, and Merge.
 */
export function MergePicker({ incident, busy, onCancel, onSubmit }: MergePickerProps) {
  const { t, i18n } = useTranslation();
  const searchId = useId();
  const listId = useId();
  const reasonId = useId();
  const suggestions = useDuplicateSuggestions(incident);
  const openIncidents = useConsoleStore((state) => state.incidents);
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const [chosen, setChosen] = useState<Incident | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ chosen?: string; reason?: string }>({});

  const choices: readonly DuplicateSuggestion[] = useMemo(() => {
    const words = query.trim().toLocaleLowerCase();
    if (words === '') return suggestions;
    const reasonsOf = new Map(
      suggestions.map((suggestion) => [suggestion.incident.id, suggestion]),
    );
    return [...openIncidents.values()]
      .filter(
        (other) => other.id !== incident.id && other.title.toLocaleLowerCase().includes(words),
      )
      .slice(0, MAX_MATCHES)
      .map((other) => reasonsOf.get(other.id) ?? { incident: other, score: 0, reasons: [] });
  }, [query, suggestions, openIncidents, incident.id]);
  const active = Math.min(activeIndex, Math.max(0, choices.length - 1));
  const optionId = (index: number): string => `${listId}-${index}`;

  function pick(choice: Incident): void {
    setChosen(choice);
    setErrors({});
    document.getElementById(reasonId)?.focus();
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex(Math.min(choices.length - 1, Math.max(0, active + step)));
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      const choice = choices[active];
      if (choice === undefined) return;
      event.preventDefault();
      pick(choice.incident);
    }
  }

  return (
    <ActionForm
      testId="merge-form"
      heading={t('duplicates.heading')}
      submitLabel={t('duplicates.submit')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        const found = {
          ...(chosen === null && { chosen: t('duplicates.choose') }),
          ...(reason.trim() === '' && { reason: t('actions.reasonRequired') }),
        };
        setErrors(found);
        if (chosen !== null && reason.trim() !== '') onSubmit(chosen, reason.trim());
      }}
    >
      <p className="form-field__hint">{t('duplicates.intro')}</p>
      <FormField
        controlId={searchId}
        label={t('duplicates.search')}
        hint={t('duplicates.searchHint')}
      >
        <input
          id={searchId}
          className="input"
          type="search"
          role="combobox"
          autoComplete="off"
          autoFocus
          data-testid="merge-search"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={choices.length > 0 ? optionId(active) : undefined}
          aria-describedby={describedBy(searchId, t('duplicates.searchHint'))}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActiveIndex(0);
          }}
          onKeyDown={onSearchKeyDown}
        />
      </FormField>
      <p className="merge-picker__caption">
        {query.trim() === '' ? t('duplicates.suggestions') : t('queue.results')}
      </p>
      {choices.length === 0 ? (
        <p className="form-field__hint" data-testid="merge-no-choices">
          {query.trim() === '' ? t('duplicates.noSuggestions') : t('duplicates.noMatch')}
        </p>
      ) : (
        <ul
          id={listId}
          className="merge-picker__list"
          role="listbox"
          aria-label={t('duplicates.suggestions')}
        >
          {choices.map((choice, index) => (
            <li
              key={choice.incident.id}
              id={optionId(index)}
              role="option"
              className="merge-picker__option"
              data-testid="merge-choice"
              data-incident-id={choice.incident.id}
              aria-selected={chosen?.id === choice.incident.id}
              data-active={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                setActiveIndex(index);
                pick(choice.incident);
              }}
            >
              <span className="merge-picker__line">
                <SeverityBadge severity={choice.incident.severity} />
                <span className="merge-picker__status">
                  {t(`status.${choice.incident.status}`)}
                </span>
              </span>
              <span className="merge-picker__title">{choice.incident.title}</span>
              {choice.reasons.length > 0 && (
                <span className="merge-picker__reasons" data-testid="merge-reasons">
                  {choice.reasons.map((reason) => reasonText(reason, t, i18n.language)).join(' · ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="merge-picker__chosen" role="status" data-testid="merge-chosen">
        {chosen !== null && t('duplicates.chosen', { title: chosen.title })}
      </p>
      {errors.chosen !== undefined && (
        <p className="form-field__error" role="alert">
          {errors.chosen}
        </p>
      )}
      <FormField controlId={reasonId} label={t('actions.reasonForJournal')} error={errors.reason}>
        <input
          id={reasonId}
          className="input"
          autoComplete="off"
          data-testid="action-reason"
          maxLength={2_000}
          value={reason}
          aria-invalid={errors.reason !== undefined}
          aria-describedby={describedBy(reasonId, undefined, errors.reason)}
          onChange={(event) => {
            setReason(event.target.value);
            setErrors((current) => ({ ...current, reason: undefined }));
          }}
        />
      </FormField>
    </ActionForm>
  );
}
