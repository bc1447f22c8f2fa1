import { useTranslation } from 'react-i18next';
import { formatExactTime, formatRelativeTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from './use-now.ts';

/**
 * A moment as the queue shows it: the clock time in the city (with the day when not today) and
 * how long ago, the exact time as its tooltip.
 */
export function IncidentTime({
  at,
  className,
}: {
  readonly at: string;
  readonly className?: string;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const timeZone = useCityTimeZone();
  const date = new Date(at);
  return (
    <time
      className={className}
      dateTime={at}
      title={formatExactTime(date, i18n.language, timeZone)}
    >
      <span className="incident-time__clock">
        {formatTimeWithDate(date, now, i18n.language, timeZone)}
      </span>
      <span className="incident-time__age">
        {formatRelativeTime(date, now, i18n.language, t('incidents.justNow'))}
      </span>
    </time>
  );
}
