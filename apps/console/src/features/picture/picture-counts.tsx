import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../stores/console-store.ts';
import { SeverityBadge } from '../incidents/severity-badge.tsx';
import { countOpenIncidents, OPEN_STATUSES, SEVERITIES_WORST_FIRST } from './picture-logic.ts';

/** How many incidents are open, large, beside the readiness level. */
export function PictureTotal() {
  const { t } = useTranslation();
  const incidents = useConsoleStore((state) => state.incidents);
  const loaded = useConsoleStore((state) => state.situationLoaded);
  const total = useMemo(() => countOpenIncidents(incidents.values()).total, [incidents]);
  return (
    <p
      className="picture-total"
      data-testid="picture-count-total"
      data-count={loaded ? total : undefined}
    >
      <span className="picture-total__number">{loaded ? total : '–'}</span>
      <span className="picture-total__label">{t('picture.total')}</span>
    </p>
  );
}

/**
 * The open incidents counted, large, by severity (the worst first, each with its word and gauge,
 * so it reads without colour) and by status.
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
        <h3 id={severityId} className="picture__section-title">
          {t('picture.bySeverity')}
        </h3>
        <ul className="picture-counts__list">
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
        <h3 id={statusId} className="picture__section-title">
          {t('picture.byStatus')}
        </h3>
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
