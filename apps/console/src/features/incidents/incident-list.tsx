import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useConsoleStore } from '../../stores/console-store.ts';
import { IncidentRow } from './incident-row.tsx';
import { selectIncidentIdsNewestFirst } from './select-incident-ids.ts';
import { useHighlightExpiry } from './use-highlight-expiry.ts';
import './incidents.css';

/** The live list of open incidents, newest first. */
export function IncidentList() {
  const { t } = useTranslation();
  const headingId = useId();
  const incidentIds = useConsoleStore(useShallow(selectIncidentIdsNewestFirst));
  const situationLoaded = useConsoleStore((state) => state.situationLoaded);
  useHighlightExpiry();

  return (
    <section className="panel incidents" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {t('incidents.heading')}
        </h2>
        {situationLoaded && (
          <span className="incidents__count" data-testid="incident-count">
            {t('incidents.count', { count: incidentIds.length })}
          </span>
        )}
      </header>
      {!situationLoaded ? (
        <p className="incidents__placeholder">{t('incidents.loading')}</p>
      ) : incidentIds.length === 0 ? (
        <p className="incidents__placeholder" data-testid="incidents-empty">
          {t('incidents.empty')}
        </p>
      ) : (
        <ol className="incident-list" aria-labelledby={headingId}>
          {incidentIds.map((incidentId) => (
            <IncidentRow key={incidentId} incidentId={incidentId} />
          ))}
        </ol>
      )}
    </section>
  );
}
