import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../stores/console-store.ts';
import type { VisibleIncidents } from '../filters/use-visible-incidents.ts';
import { IncidentRow } from './incident-row.tsx';
import type { QueueGroup } from './queue-order.ts';
import { useHighlightExpiry } from './use-highlight-expiry.ts';
import './incidents.css';

interface IncidentQueueProps {
  readonly visible: VisibleIncidents;
  readonly groups: readonly QueueGroup[];
  readonly selectedId: string | null;
  /** The row j and k stand on; the first row when null. */
  readonly cursorId: string | null;
  readonly onCursor: (incidentId: string) => void;
}

/**
 * The duty officer's queue: new reports to triage on top, then the incidents in hand, live (or
 * what a search found). Each row opens its incident.
 */
export function IncidentQueue({
  visible,
  groups,
  selectedId,
  cursorId,
  onCursor,
}: IncidentQueueProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const baseId = useId();
  const openCount = useConsoleStore((state) => state.incidents.size);
  const situationLoaded = useConsoleStore((state) => state.situationLoaded);
  useHighlightExpiry();
  const shownIds = groups.flatMap((group) => group.incidents.map((incident) => incident.id));
  const tabStop = cursorId !== null && shownIds.includes(cursorId) ? cursorId : shownIds[0];

  return (
    <section className="panel queue" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {t('incidents.heading')}
        </h2>
        {situationLoaded && (
          <span className="incidents__count" data-testid="incident-count">
            {t('incidents.count', { count: openCount })}
          </span>
        )}
      </header>
      <div
        className="queue__body"
        data-testid="incident-queue"
        tabIndex={-1}
        aria-label={t('queue.label')}
        aria-busy={visible.loading}
      >
        {visible.loading && shownIds.length === 0 ? (
          <p className="incidents__placeholder">
            {visible.mode === 'live' ? t('incidents.loading') : t('queue.searching')}
          </p>
        ) : shownIds.length === 0 ? (
          <p className="incidents__placeholder" data-testid="incidents-empty">
            {visible.mode === 'live' && openCount === 0 ? t('incidents.empty') : t('queue.noMatch')}
          </p>
        ) : (
          groups.map((group) => {
            const groupHeadingId = `${baseId}-${group.section}`;
            return (
              <section
                key={group.section}
                className={`queue__group queue__group--${group.section}`}
                data-testid={`queue-${group.section}`}
                aria-labelledby={groupHeadingId}
              >
                <h3 id={groupHeadingId} className="queue__group-title">
                  {t(`queue.${group.section}`)}
                  <span className="queue__group-count">{group.incidents.length}</span>
                </h3>
                <ol className="incident-list" aria-labelledby={groupHeadingId}>
                  {group.incidents.map((incident) => (
                    <IncidentRow
                      key={incident.id}
                      incident={incident}
                      selected={incident.id === selectedId}
                      atCursor={incident.id === tabStop}
                      onFocus={onCursor}
                    />
                  ))}
                </ol>
              </section>
            );
          })
        )}
      </div>
    </section>
  );
}
