import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useConsoleStore } from '../../stores/console-store.ts';
import { incidentHref } from '../incidents/incident-hash.ts';
import { playAlarmSound } from './alarm-sound.ts';
import { AlarmKind, type EscalationAlarm } from './escalation-alarm.ts';
import { useMayRunEscalations } from './use-may-run-escalations.ts';
import './escalations.css';

/**
 * The duty officer's alarms about escalations: nobody took a case, or a message could not be
 * delivered. A band across the workspace, in words and with a warning shape, naming the incident
 * and the unit and saying what to do; it stays until dismissed. A new one also sounds, where the
 * browser allows it.
 */
export function EscalationAlarms() {
  const { t } = useTranslation();
  const mayRun = useMayRunEscalations();
  const alarms = useConsoleStore((state) => state.escalationAlarms);
  const dismiss = useConsoleStore((state) => state.dismissEscalationAlarm);
  const heard = useRef(new Set<string>());

  useEffect(() => {
    let fresh = false;
    for (const alarm of alarms) {
      if (alarm.live && !heard.current.has(alarm.id)) fresh = true;
      heard.current.add(alarm.id);
    }
    if (fresh && mayRun) playAlarmSound();
  }, [alarms, mayRun]);

  if (!mayRun) return null;
  return (
    <div
      className="escalation-alarms"
      role="alert"
      aria-label={t('escalations.alarm.label')}
      data-testid="escalation-alarms"
    >
      {alarms.map((alarm) => (
        <AlarmBand key={alarm.id} alarm={alarm} onDismiss={() => dismiss(alarm.id)} />
      ))}
    </div>
  );
}

function AlarmBand({
  alarm,
  onDismiss,
}: {
  readonly alarm: EscalationAlarm;
  readonly onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const title = useConsoleStore((state) => state.incidents.get(alarm.incidentId)?.title);
  const incident = title ?? t('escalations.alarm.unknownIncident');
  const exhausted = alarm.kind === AlarmKind.exhausted;
  return (
    <div
      className={`escalation-alarm escalation-alarm--${alarm.kind}`}
      data-testid="escalation-alarm"
      data-kind={alarm.kind}
      data-incident-id={alarm.incidentId}
    >
      <svg className="escalation-alarm__symbol" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M8 1 15.5 14.5H.5z" />
        <path className="escalation-alarm__cut" d="M7.1 5.5h1.8v5H7.1zM7.1 11.6h1.8v1.7H7.1z" />
      </svg>
      <p className="escalation-alarm__text">
        <strong className="escalation-alarm__title">
          {t(exhausted ? 'escalations.alarm.exhaustedTitle' : 'escalations.alarm.failedTitle')}
        </strong>{' '}
        <span data-testid="escalation-alarm-text">
          {exhausted
            ? t('escalations.alarm.exhaustedText', { incident, unit: alarm.unitName })
            : alarm.contactName === undefined || alarm.channel === undefined
              ? t('escalations.alarm.failedTextUnknown', { incident, unit: alarm.unitName })
              : t('escalations.alarm.failedText', {
                  incident,
                  unit: alarm.unitName,
                  channel: t(`escalations.channel.${alarm.channel}`),
                  contact: alarm.contactName,
                  address: alarm.address ?? '',
                  error: alarm.error ?? '',
                })}
        </span>
      </p>
      <span className="escalation-alarm__actions">
        <a
          className="button button--small escalation-alarm__open"
          href={incidentHref(alarm.incidentId)}
        >
          {t('escalations.alarm.open')}
        </a>
        <button
          type="button"
          className="button button--small escalation-alarm__dismiss"
          data-testid="escalation-alarm-dismiss"
          onClick={onDismiss}
        >
          {t('escalations.alarm.dismiss')}
        </button>
      </span>
    </div>
  );
}
