import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DeliveryStatus,
  isAwaitingAcknowledgement,
  type Escalation,
  type EscalationNotification,
} from '@vaka/domain';
import { formatExactTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import {
  deliveryText,
  responseText,
  stepHistory,
  stepProgress,
  type StepHistory,
} from './escalation-text.ts';
import { NextStepCountdown } from './next-step-countdown.tsx';
import { StatusMark } from './status-mark.tsx';

/** A time as the card shows it: clock time in the city (with the day when not today). */
function useCardTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  return (iso) => formatTimeWithDate(new Date(iso), now, i18n.language, timeZone);
}

interface EscalationCardProps {
  readonly escalation: Escalation;
  /** The duty officer's buttons, while the escalation awaits an answer. */
  readonly actions?: ReactNode;
  /** An open form about this escalation. */
  readonly form?: ReactNode;
}

/**
 * One escalation: the unit and policy, its status in words and shape, the brief, where it stands
 * with a countdown to the next step, and step by step who was notified how, whether it arrived,
 * what they answered, and who could not be reached and why.
 */
export function EscalationCard({ escalation, actions, form }: EscalationCardProps) {
  const { t } = useTranslation();
  const time = useCardTime();
  const progress = stepProgress(escalation);
  const awaiting = isAwaitingAcknowledgement(escalation.status);
  return (
    <article
      className={`escalation escalation--${escalation.status}`}
      data-testid="escalation"
      data-escalation-id={escalation.id}
      data-status={escalation.status}
      data-updated-at={escalation.updatedAt}
    >
      <header className="escalation__header">
        <p className="escalation__status" data-testid="escalation-status">
          <StatusMark status={escalation.status} />
          <strong>{t(`escalations.status.${escalation.status}`)}</strong>
        </p>
        <p className="escalation__unit">
          <strong data-testid="escalation-unit">{escalation.unitName}</strong>{' '}
          <span className="escalation__policy" data-testid="escalation-policy">
            {t('escalations.policy', { policy: escalation.policyName })}
          </span>
        </p>
      </header>
      <p className="escalation__brief" data-testid="escalation-brief">
        <span className="escalation__label">{t('escalations.brief')}:</span> {escalation.brief}
      </p>
      {awaiting && (
        <p className="escalation__progress" data-testid="escalation-progress">
          <span>
            {progress.rounds > 1
              ? t('escalations.progressRound', progress)
              : t('escalations.progress', progress)}
          </span>
          <NextStepCountdown escalation={escalation} className="escalation__countdown" />
        </p>
      )}
      <EndOrStart escalation={escalation} time={time} />
      <ol className="escalation__steps" aria-label={t('escalations.stepsHeading')}>
        {stepHistory(escalation).map((step) => (
          <StepItem key={step.step} step={step} rounds={progress.rounds} time={time} />
        ))}
      </ol>
      {actions}
      {form}
    </article>
  );
}

function EndOrStart({
  escalation,
  time,
}: {
  readonly escalation: Escalation;
  readonly time: (iso: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const stamp = (iso: string) => (
    <time dateTime={iso} title={formatExactTime(new Date(iso), i18n.language, timeZone)}>
      {time(iso)}
    </time>
  );
  return (
    <div className="escalation__meta">
      <p>
        {t('escalations.startedBy', { name: escalation.startedBy })} {stamp(escalation.startedAt)}
      </p>
      {escalation.endedAt !== undefined && (
        <p data-testid="escalation-ended">
          {t('escalations.endedBy', { name: escalation.endedBy ?? '—' })}{' '}
          {stamp(escalation.endedAt)}
          {escalation.endReason !== undefined &&
            ` — ${t('escalations.endReason', { reason: escalation.endReason })}`}
        </p>
      )}
      {escalation.redirectedTo !== undefined && (
        <p data-testid="escalation-redirected-to">
          {t('escalations.redirectedTo', { unit: escalation.redirectedTo.unitName })}
        </p>
      )}
    </div>
  );
}

function StepItem({
  step,
  rounds,
  time,
}: {
  readonly step: StepHistory;
  readonly rounds: number;
  readonly time: (iso: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <li
      className={step.current ? 'escalation-step escalation-step--current' : 'escalation-step'}
      data-testid="escalation-step"
      data-step={step.step}
      data-current={step.current}
      aria-current={step.current ? 'step' : undefined}
    >
      <p className="escalation-step__head">
        <strong>{t('escalations.step', { step: step.step + 1 })}</strong>
        <span>{t('escalations.wait', { minutes: step.waitMinutes })}</span>
        <span>{t(step.requireAll ? 'escalations.requireAll' : 'escalations.anyOne')}</span>
        {step.current && (
          <span className="escalation-step__current">
            <span aria-hidden="true">▶ </span>
            {t('escalations.current')}
          </span>
        )}
      </p>
      {step.runs.length === 0 ? (
        <p className="escalation-step__idle">{t('escalations.notReached')}</p>
      ) : (
        step.runs.map((run) => (
          <div key={run.round} className="escalation-step__run">
            {rounds > 1 && (
              <p className="escalation-step__round">
                {t('escalations.roundLabel', { round: run.round + 1 })}
              </p>
            )}
            <ul className="escalation-step__people">
              {run.notifications.map((notification) => (
                <NotificationItem key={notification.id} notification={notification} time={time} />
              ))}
              {run.skipped.map((skipped, index) => (
                <li
                  key={`skipped-${index}`}
                  className="escalation-notification escalation-notification--skipped"
                  data-testid="escalation-skipped"
                >
                  {t('escalations.skipped', { target: skipped.target, reason: skipped.reason })}
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </li>
  );
}

function NotificationItem({
  notification,
  time,
}: {
  readonly notification: EscalationNotification;
  readonly time: (iso: string) => string;
}) {
  const { t } = useTranslation();
  const failed = notification.delivery === DeliveryStatus.failed;
  const answer = responseText(notification, t, time);
  return (
    <li
      className={`escalation-notification escalation-notification--${notification.delivery}`}
      data-testid="escalation-notification"
      data-delivery={notification.delivery}
      data-response={notification.response}
    >
      <p className="escalation-notification__who">
        <strong>{notification.contactName}</strong>{' '}
        <span className="escalation-notification__via">
          {t('escalations.via', {
            channel: t(`escalations.channel.${notification.channel}`),
            address: notification.address,
          })}
        </span>
      </p>
      <p className="escalation-notification__delivery" data-testid="notification-delivery">
        {failed && (
          <span className="escalation-notification__mark" aria-hidden="true">
            ✖{' '}
          </span>
        )}
        {deliveryText(notification, t, time)}
        {notification.attempts > 0 && (
          <span className="escalation-notification__attempts">
            {' · '}
            {t('escalations.attempts', { count: notification.attempts })}
          </span>
        )}
      </p>
      {notification.lastError !== undefined && (
        <p className="escalation-notification__error" data-testid="notification-error">
          {t('escalations.lastError', { error: notification.lastError })}
        </p>
      )}
      <p className="escalation-notification__answer" data-testid="notification-response">
        {answer ?? t('escalations.response.none')}
      </p>
    </li>
  );
}
