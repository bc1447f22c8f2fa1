import { useTranslation } from 'react-i18next';
import { EscalationStatus, nextStepPosition, type Escalation } from '@vaka/domain';
import { formatExactTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { formatCountdown } from './escalation-text.ts';
import { useSecondNow } from './use-second-now.ts';

/**
 * How long until the engine notifies the next step (or, after the last, gives up), ticking every
 * second, with the clock time in the city. Nothing while the escalation is not running.
 */
export function NextStepCountdown({
  escalation,
  className,
}: {
  readonly escalation: Escalation;
  readonly className?: string;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useSecondNow();
  if (escalation.status !== EscalationStatus.active || escalation.nextStepAt === undefined) {
    return null;
  }
  const at = new Date(escalation.nextStepAt);
  const left = at.getTime() - now;
  const last = nextStepPosition(escalation) === undefined;
  const values = {
    countdown: formatCountdown(left),
    time: formatTimeWithDate(at, now, i18n.language, timeZone),
  };
  return (
    // A timer is not read out on every tick; the words are there when someone goes to it.
    <span
      className={className}
      role="timer"
      data-testid="escalation-countdown"
      title={formatExactTime(at, i18n.language, timeZone)}
    >
      {left <= 0
        ? t(last ? 'escalations.lastStepDue' : 'escalations.nextStepDue')
        : t(last ? 'escalations.lastStepEnds' : 'escalations.nextStep', values)}
    </span>
  );
}
