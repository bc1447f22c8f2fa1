import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EscalationStatus, sortEscalationsOldestFirst, type Escalation } from '@vaka/domain';
import { useConsoleStore } from '../../stores/console-store.ts';
import { incidentHref } from '../incidents/incident-hash.ts';
import { useNow } from '../incidents/use-now.ts';
import { formatWaited, stepProgress } from './escalation-text.ts';
import { NextStepCountdown } from './next-step-countdown.tsx';
import { StatusMark } from './status-mark.tsx';
import './escalations.css';

/**
 * Every escalation still waiting for a unit to take its case, oldest first, across incidents:
 * which incident, which unit, how long it has waited, its step and the countdown to the next.
 * One that ran out stays, marked so. It folds away to a single line with its counts.
 */
export function AwaitingEscalations({
  selectedIncidentId,
}: {
  readonly selectedIncidentId: string | null;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const listId = useId();
  const awaiting = useConsoleStore((state) => state.awaitingEscalations);
  const loaded = useConsoleStore((state) => state.situationLoaded);
  const escalations = useMemo(() => sortEscalationsOldestFirst(awaiting.values()), [awaiting]);
  const [open, setOpen] = useState(true);
  const ranOut = escalations.filter((e) => e.status === EscalationStatus.exhausted).length;

  return (
    <section
      className={ranOut > 0 ? 'panel awaiting awaiting--ran-out' : 'panel awaiting'}
      aria-labelledby={headingId}
      data-testid="awaiting-escalations"
    >
      <h2 id={headingId} className="awaiting__heading">
        <button
          type="button"
          className="awaiting__toggle"
          aria-expanded={open}
          aria-controls={listId}
          data-testid="awaiting-toggle"
          onClick={() => setOpen((current) => !current)}
        >
          <span className="awaiting__chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          <span className="awaiting__title">{t('escalations.awaiting.heading')}</span>
          <span className="awaiting__count" data-testid="awaiting-count">
            {escalations.length}
          </span>
          {ranOut > 0 && (
            <span className="awaiting__ran-out-count" data-testid="awaiting-ran-out-count">
              <StatusMark status={EscalationStatus.exhausted} />
              {t('escalations.awaiting.ranOutCount', { count: ranOut })}
            </span>
          )}
        </button>
      </h2>
      <div id={listId} className="awaiting__body" hidden={!open}>
        {loaded && escalations.length === 0 ? (
          <p className="awaiting__empty">{t('escalations.awaiting.empty')}</p>
        ) : (
          <ol className="awaiting__list">
            {escalations.map((escalation) => (
              <AwaitingRow
                key={escalation.id}
                escalation={escalation}
                selected={escalation.incidentId === selectedIncidentId}
              />
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}

function AwaitingRow({
  escalation,
  selected,
}: {
  readonly escalation: Escalation;
  readonly selected: boolean;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const title = useConsoleStore((state) => state.incidents.get(escalation.incidentId)?.title);
  const progress = stepProgress(escalation);
  const ranOut = escalation.status === EscalationStatus.exhausted;
  const waited = formatWaited(now - Date.parse(escalation.startedAt), i18n.language);
  return (
    <li
      className={ranOut ? 'awaiting-row awaiting-row--ran-out' : 'awaiting-row'}
      data-testid="awaiting-escalation"
      data-escalation-id={escalation.id}
      data-incident-id={escalation.incidentId}
      data-status={escalation.status}
    >
      <a
        className="awaiting-row__link"
        href={incidentHref(escalation.incidentId)}
        aria-current={selected ? 'true' : undefined}
      >
        <span className="awaiting-row__top">
          <span className="awaiting-row__status">
            <StatusMark status={escalation.status} />
            {ranOut ? (
              <strong>{t('escalations.awaiting.ranOut')}</strong>
            ) : (
              <span className="visually-hidden">
                {t(`escalations.status.${escalation.status}`)}
              </span>
            )}
          </span>
          <span className="awaiting-row__title" data-testid="awaiting-incident">
            {title ?? t('escalations.awaiting.unknownIncident')}
          </span>
        </span>
        <span className="awaiting-row__meta">
          <span className="awaiting-row__unit" data-testid="awaiting-unit">
            {escalation.unitName}
          </span>
          <span>
            {waited === null
              ? t('escalations.awaiting.justStarted')
              : t('escalations.awaiting.waited', { time: waited })}
          </span>
          <span>
            {progress.rounds > 1
              ? t('escalations.progressRound', progress)
              : t('escalations.progress', progress)}
          </span>
          <NextStepCountdown escalation={escalation} className="awaiting-row__countdown" />
        </span>
      </a>
    </li>
  );
}
