import { useTranslation } from 'react-i18next';
import { formatExactTime, formatRelativeTime } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from './use-now.ts';

interface RelativeTimeProps {
  /** An ISO 8601 instant. */
  readonly at: string;
  /** Words around the relative time, e.g. "updated 3 min ago". */
  readonly phrase?: 'incidents.lastUpdated';
  readonly className?: string;
}

/** "3 min ago", refreshed every 30 s, with the exact time in the city's time zone as its tooltip. */
export function RelativeTime({ at, phrase, className }: RelativeTimeProps) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const timeZone = useCityTimeZone();
  const date = new Date(at);
  const relative = formatRelativeTime(date, now, i18n.language, t('incidents.justNow'));
  return (
    <time
      className={className}
      dateTime={at}
      title={formatExactTime(date, i18n.language, timeZone)}
    >
      {phrase === undefined ? relative : t(phrase, { time: relative })}
    </time>
  );
}
