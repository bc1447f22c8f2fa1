import { useTranslation } from 'react-i18next';
import { IncidentStatus, type Incident } from '@vaka/domain';
import { incidentHref } from '../incidents/incident-hash.ts';
import { reasonText } from './duplicate-reasons.ts';
import { useDuplicateSuggestions } from './use-duplicate-suggestions.ts';
import './duplicates.css';

const SHOWN = 2;

/**
 * For a report still to triage: the open incidents it most likely belongs to, with why, so the
 * duty officer sees a duplicate before acknowledging it as a case of its own.
 */
export function DuplicateHint({
  incident,
  onMerge,
}: {
  readonly incident: Incident;
  /** Opens the merge form; absent for those who may not change incidents. */
  readonly onMerge?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const suggestions = useDuplicateSuggestions(incident).slice(0, SHOWN);
  if (incident.status !== IncidentStatus.new || suggestions.length === 0) return null;
  return (
    <aside
      className="duplicate-hint"
      data-testid="duplicate-hint"
      aria-label={t('duplicates.hint')}
    >
      <p className="duplicate-hint__heading">{t('duplicates.hint')}</p>
      <ul className="duplicate-hint__list">
        {suggestions.map(({ incident: other, reasons }) => (
          <li key={other.id} data-testid="duplicate-hint-item" data-incident-id={other.id}>
            <a href={incidentHref(other.id)}>{other.title}</a>
            <span className="duplicate-hint__reasons">
              {reasons.map((reason) => reasonText(reason, t, i18n.language)).join(' · ')}
            </span>
          </li>
        ))}
      </ul>
      {onMerge && (
        <button
          type="button"
          className="button button--quiet button--small incident-actions__button"
          onClick={onMerge}
        >
          {t('duplicates.hintMerge')}
          <kbd aria-hidden="true">m</kbd>
        </button>
      )}
    </aside>
  );
}
