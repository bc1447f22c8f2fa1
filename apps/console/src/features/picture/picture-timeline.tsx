import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { failureText } from '../../lib/failure-text.ts';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { incidentHref } from '../incidents/incident-hash.ts';
import { useNow } from '../incidents/use-now.ts';
import { recentKeyEvents } from './picture-logic.ts';
import { useKeyEvents } from './use-picture-reads.ts';

/** The key events of the last 12 hours, the newest first, each with its time and kind in words. */
export function PictureTimeline() {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const keyEvents = useKeyEvents();
  const events = useMemo(
    () => recentKeyEvents(keyEvents.value?.events ?? [], now),
    [keyEvents.value, now],
  );

  return (
    <section
      className="panel picture-panel picture-timeline"
      aria-labelledby={headingId}
      data-testid="picture-timeline"
    >
      <h3 id={headingId} className="picture-panel__title">
        {t('picture.timeline')}
      </h3>
      <div className="picture-panel__body">
        {keyEvents.failure !== null && (
          <p className="picture-panel__failure" role="alert" data-testid="picture-timeline-failed">
            {t('picture.timelineFailed', { reason: failureText(keyEvents.failure, t) })}
          </p>
        )}
        {keyEvents.value === null && keyEvents.failure === null && (
          <p className="picture-panel__empty">{t('picture.loading')}</p>
        )}
        {keyEvents.value !== null && events.length === 0 && (
          <p className="picture-panel__empty">{t('picture.timelineEmpty')}</p>
        )}
        {events.length > 0 && (
          <ol className="picture-timeline__list">
            {events.map((event) => (
              <li
                key={event.seq}
                className={`picture-timeline__event picture-timeline__event--${event.kind}`}
                data-testid="picture-key-event"
                data-kind={event.kind}
              >
                <time className="picture-timeline__time" dateTime={event.at}>
                  {formatTimeWithDate(new Date(event.at), now, i18n.language, timeZone)}
                </time>
                <span className="picture-timeline__kind">
                  {t(`picture.keyEvent.${event.kind}`)}
                </span>
                <span className="picture-timeline__text">
                  {event.incidentId === undefined ? (
                    event.text
                  ) : (
                    <a href={incidentHref(event.incidentId)}>{event.text}</a>
                  )}
                </span>
              </li>
            ))}
          </ol>
        )}
        {keyEvents.value?.truncated === true && (
          <p className="picture-panel__empty">{t('picture.timelineTruncated')}</p>
        )}
      </div>
    </section>
  );
}
