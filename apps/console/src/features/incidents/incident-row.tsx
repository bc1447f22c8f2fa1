import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../stores/console-store.ts';
import { formatLocation } from './format-location.ts';
import { RelativeTime } from './relative-time.tsx';
import { SeverityBadge } from './severity-badge.tsx';

/** One open incident: severity, title, category, status, place and how long ago it came in. */
export function IncidentRow({ incidentId }: { readonly incidentId: string }) {
  const { t } = useTranslation();
  const incident = useConsoleStore((state) => state.incidents.get(incidentId));
  const change = useConsoleStore((state) => state.recentlyChanged.get(incidentId));
  if (incident === undefined) return null;

  return (
    <li
      className={change === undefined ? 'incident-row' : 'incident-row incident-row--changed'}
      data-testid="incident-row"
      data-incident-id={incident.id}
      data-severity={incident.severity}
      data-status={incident.status}
    >
      {change !== undefined && (
        // Keyed by time so a second change restarts the animation.
        <span key={change.at} className="incident-row__flash" aria-hidden="true" />
      )}
      <SeverityBadge severity={incident.severity} />
      <div className="incident-row__body">
        <p className="incident-row__title">
          {incident.title}
          {change !== undefined && (
            <span className="incident-row__tag">
              {t(change.kind === 'opened' ? 'incidents.new' : 'incidents.updated')}
            </span>
          )}
        </p>
        <p className="incident-row__meta">
          <span className="incident-row__category">{t(`category.${incident.category}`)}</span>
          <span className="incident-row__status">{t(`status.${incident.status}`)}</span>
          <span className="incident-row__location">{formatLocation(incident.location)}</span>
          {incident.reportCount > 1 && (
            <span>{t('incidents.reports', { count: incident.reportCount })}</span>
          )}
        </p>
      </div>
      <div className="incident-row__times">
        <RelativeTime at={incident.openedAt} className="incident-row__opened" />
        {incident.updatedAt !== incident.openedAt && (
          <RelativeTime
            at={incident.updatedAt}
            phrase="incidents.lastUpdated"
            className="incident-row__updated"
          />
        )}
      </div>
    </li>
  );
}
