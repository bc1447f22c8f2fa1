import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../stores/console-store.ts';
import { SeverityBadge } from '../incidents/severity-badge.tsx';
import { countOpenIncidents, OPEN_STATUSES, SEVERITIES_WORST_FIRST } from './picture-logic.ts';

/**
 * The open incidents counted, large: in total, by severity (the worst first, each with its word
 * and gauge, so it reads without colour) and by status.
 */
export function PictureCounts() {
  const { t } = useTranslation();
  const severityId = useId();
  const statusId = useId();
  const incidents = useConsoleStore((state) => state.incidents);
  const loaded = useConsoleStore((state) => state.situationLoaded);
  const counts = useMemo(() => countOpenIncidents(incidents.values()), [incidents]);
  const shown = (count: number) => (loaded ? count : '–');

  return (
    <div className="picture-counts" data-testid="picture-counts">
      <section className="picture-counts__group" aria-labelledby={severityId}>
        <h2 id={severityId} className="picture__section-title">
          {t('picture.bySeverity')}
        </h2>
        <ul className="picture-counts__list">
          <li className="picture-count picture-count--total" data-testid="picture-count-total">
            <span className="picture-count__number">{shown(counts.total)}</span>
            <span className="picture-count__label">{t('picture.total')}</span>
          </li>
          {SEVERITIES_WORST_FIRST.map((severity) => (
            <li
              key={severity}
              className={`picture-count picture-count--${severity}`}
              data-testid={`picture-count-${severity}`}
              data-count={loaded ? counts.bySeverity[severity] : undefined}
            >
              <span className="picture-count__number">{shown(counts.bySeverity[severity])}</span>
              <span className="picture-count__label">
                <SeverityBadge severity={severity} />
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="picture-counts__group" aria-labelledby={statusId}>
        <h2 id={statusId} className="picture__section-title">
          {t('picture.byStatus')}
        </h2>
        <ul className="picture-counts__list">
          {OPEN_STATUSES.map((status) => (
            <li
              key={status}
              className="picture-count picture-count--status"
              data-testid={`picture-count-${status}`}
              data-count={loaded ? counts.byStatus[status] : undefined}
            >
              <span className="picture-count__number">{shown(counts.byStatus[status])}</span>
              <span className="picture-count__label">{t(`status.${status}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
