import { useTranslation } from 'react-i18next';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { useOnDuty } from './use-handovers.ts';
import './handover.css';

/**
 * Who is on duty now, for the header: the duty officer who confirmed the latest handover, and
 * since when; read again when a handover is confirmed live. Nothing before the first handover.
 */
export function OnDutyNow() {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const onDuty = useOnDuty().value?.onDuty;
  if (onDuty === undefined) return null;
  return (
    <p className="on-duty" data-testid="on-duty" data-username={onDuty.username}>
      {t('handover.onDuty', {
        name: onDuty.displayName,
        time: formatTimeWithDate(new Date(onDuty.since), now, i18n.language, timeZone),
      })}
    </p>
  );
}
