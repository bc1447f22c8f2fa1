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
      {groupByEscalation(alarms).map((group) => (
        <AlarmBand
          key={group[0]!.escalationId}
          alarms={group}
          onDismiss={() => group.forEach((alarm) => dismiss(alarm.id))}
        />
      ))}
    </div>
  );
}

/**
 * One band per escalation, newest trouble first: a storm of failed messages for one escalation
 * is one thing for the duty officer to act on, not one band per message.
 */
function groupByEscalation(alarms: readonly EscalationAlarm[]): EscalationAlarm[][] {
  const groups = new Map<string, EscalationAlarm[]>();
  for (const alarm of alarms) {
    const group = groups.get(alarm.escalationId) ?? [];
    group.push(alarm);
    groups.set(alarm.escalationId, group);
  }
  return [...groups.values()];
}

function AlarmBand({
  alarms,
  onDismiss,
}: {
  readonly alarms: readonly EscalationAlarm[];
  readonly onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const first = alarms[0] as EscalationAlarm;
  const title = useConsoleStore((state) => state.incidents.get(first.incidentId)?.title);
  const incident = title ?? t('escalations.alarm.unknownIncident');
  const exhausted = alarms.some((alarm) => alarm.kind === AlarmKind.exhausted);
  const failures = alarms.filter((alarm) => alarm.kind === AlarmKind.deliveryFailed);
  const only = failures.length === 1 && !exhausted ? failures[0] : undefined;
  const failureText = (alarm: EscalationAlarm) =>
    alarm.contactName === undefined || alarm.channel === undefined
      ? t('escalations.alarm.failedTextUnknown', { incident, unit: alarm.unitName })
      : t('escalations.alarm.failedText', {
          incident,
          unit: alarm.unitName,
          channel: t(`escalations.channel.${alarm.channel}`),
          contact: alarm.contactName,
          address: alarm.address ?? '',
          error: alarm.error ?? '',
        });
  return (
    <div
      className={`escalation-alarm escalation-alarm--${exhausted ? AlarmKind.exhausted : AlarmKind.deliveryFailed}`}
      data-testid="escalation-alarm"
      data-kind={exhausted ? AlarmKind.exhausted : AlarmKind.deliveryFailed}
      data-incident-id={first.incidentId}
    >
      <svg className="escalation-alarm__symbol" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M8 1 15.5 14.5H.5z" />
        <path className="escalation-alarm__cut" d="M7.1 5.5h1.8v5H7.1zM7.1 11.6h1.8v1.7H7.1z" />
      </svg>
      <div className="escalation-alarm__text">
        <p>
          <strong className="escalation-alarm__title">
            {t(exhausted ? 'escalations.alarm.exhaustedTitle' : 'escalations.alarm.failedTitle')}
          </strong>{' '}
          <span data-testid="escalation-alarm-text">
            {only !== undefined
              ? failureText(only)
              : exhausted
                ? t('escalations.alarm.exhaustedText', { incident, unit: first.unitName })
                : t('escalations.alarm.failedMany', {
                    incident,
                    unit: first.unitName,
                    count: failures.length,
                  })}
          </span>
        </p>
        {only === undefined && failures.length > 0 && (
          <details className="escalation-alarm__failures" data-testid="escalation-alarm-failures">
            <summary>{t('escalations.alarm.failures', { count: failures.length })}</summary>
            <ul>
              {failures.map((alarm) => (
                <li key={alarm.id}>
                  {t('escalations.alarm.failure', {
                    channel:
                      alarm.channel === undefined ? '' : t(`escalations.channel.${alarm.channel}`),
                    contact: alarm.contactName ?? '',
                    address: alarm.address ?? '',
                    error: alarm.error ?? '',
                  })}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <span className="escalation-alarm__actions">
        <a
          className="button button--small escalation-alarm__open"
          href={incidentHref(first.incidentId)}
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
