import { useTranslation } from 'react-i18next';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import './connection.css';

/** Whether the console is live, and since when it is not; announced to screen readers. */
export function ConnectionIndicator() {
  const { t, i18n } = useTranslation();
  const status = useConsoleStore((state) => state.connectionStatus);
  const offlineSince = useConsoleStore((state) => state.offlineSince);
  const timeZone = useCityTimeZone();
  const now = useNow();

  const label =
    status === 'offline'
      ? t('connection.offlineSince', {
          time:
            offlineSince === null
              ? '—'
              : formatTimeWithDate(offlineSince, now, i18n.language, timeZone),
        })
      : t(`connection.${status}`);

  return (
    <div
      className={`connection-indicator connection-indicator--${status}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
      aria-live="polite"
    >
      <span className="connection-indicator__dot" aria-hidden="true" />
      {label}
    </div>
  );
}
