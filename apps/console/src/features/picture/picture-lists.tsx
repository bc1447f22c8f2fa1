import { useId, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EscalationStatus,
  MessageStatus,
  sortEscalationsOldestFirst,
  type PlannedEvent,
} from '@vaka/domain';
import { LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatClockTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { formatWaited } from '../escalations/escalation-text.ts';
import { StatusMark } from '../escalations/status-mark.tsx';
import { incidentHref } from '../incidents/incident-hash.ts';
import { useNow } from '../incidents/use-now.ts';
import { useMessageList } from '../messages/use-messages.ts';
import { messageHeadline, messagesInForce, plannedEventsByDay } from './picture-logic.ts';
import { usePlannedEvents } from './use-picture-reads.ts';

const PUBLISHED = [MessageStatus.published];

/** A panel of the picture: a heading, and a body that scrolls on its own when it must. */
function PicturePanel({
  title,
  testId,
  children,
}: {
  readonly title: string;
  readonly testId: string;
  readonly children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="panel picture-panel" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId} className="picture-panel__title">
        {title}
      </h3>
      <div className="picture-panel__body">{children}</div>
    </section>
  );
}

/** The escalations still waiting for a unit to take the case, the longest waiting first. */
export function PictureEscalations() {
  const { t, i18n } = useTranslation();
  const awaiting = useConsoleStore((state) => state.awaitingEscalations);
  const incidents = useConsoleStore((state) => state.incidents);
  const now = useNow();
  const escalations = useMemo(() => sortEscalationsOldestFirst(awaiting.values()), [awaiting]);

  return (
    <PicturePanel title={t('picture.escalations')} testId="picture-escalations">
      {escalations.length === 0 ? (
        <p className="picture-panel__empty">{t('picture.escalationsEmpty')}</p>
      ) : (
        <ol className="picture-list">
          {escalations.map((escalation) => {
            const ranOut = escalation.status === EscalationStatus.exhausted;
            const waited = formatWaited(now - Date.parse(escalation.startedAt), i18n.language);
            return (
              <li
                key={escalation.id}
                className={
                  ranOut ? 'picture-list__item picture-list__item--alert' : 'picture-list__item'
                }
                data-testid="picture-escalation"
                data-status={escalation.status}
              >
                <a className="picture-list__title" href={incidentHref(escalation.incidentId)}>
                  {incidents.get(escalation.incidentId)?.title ??
                    t('escalations.awaiting.unknownIncident')}
                </a>
                <span className="picture-list__meta">
                  <StatusMark status={escalation.status} />
                  {ranOut && <strong>{t('picture.ranOut')}</strong>}
                  <span>{escalation.unitName}</span>
                  <span data-testid="picture-escalation-waited">
                    {waited === null
                      ? t('picture.justStarted')
                      : t('picture.waited', { time: waited })}
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </PicturePanel>
  );
}

/**
 * The public messages in force now, the latest published first: the headline in the console's
 * language when the message has it (else named by its language), an exercise marked so.
 */
export function PictureMessages() {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const published = useMessageList(PUBLISHED);
  const messages = useMemo(
    () => messagesInForce(published.value ?? [], now),
    [published.value, now],
  );

  return (
    <PicturePanel title={t('picture.messages')} testId="picture-messages">
      {published.failure !== null && (
        <p className="picture-panel__failure" role="alert">
          {t('picture.messagesFailed', { reason: failureText(published.failure, t) })}
        </p>
      )}
      {published.value !== null && messages.length === 0 && (
        <p className="picture-panel__empty">{t('picture.messagesEmpty')}</p>
      )}
      {messages.length > 0 && (
        <ul className="picture-list">
          {messages.map((message) => {
            const headline = messageHeadline(message, i18n.language);
            return (
              <li
                key={message.id}
                className="picture-list__item"
                data-testid="picture-message"
                data-exercise={message.exercise}
              >
                <span className="picture-list__title">
                  {message.exercise && (
                    <strong className="picture-exercise">{t('picture.exercise')}</strong>
                  )}
                  {headline === null ? '—' : <span lang={headline.language}>{headline.text}</span>}
                  {headline !== null && headline.language !== i18n.language && (
                    <span className="picture-list__language">
                      {' '}
                      ({LANGUAGE_NAMES[headline.language]})
                    </span>
                  )}
                </span>
                <span className="picture-list__meta">
                  <span>{message.area.description}</span>
                  <span>
                    {t('picture.until', {
                      time: formatTimeWithDate(
                        new Date(message.expires),
                        now,
                        i18n.language,
                        timeZone,
                      ),
                    })}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </PicturePanel>
  );
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Friday 12 June" for a `YYYY-MM-DD` day, in the person's language. */
function formatDay(date: string, language: string): string {
  let format = dayFormats.get(language);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    dayFormats.set(language, format);
  }
  return format.format(new Date(`${date}T12:00:00Z`));
}

/** The planned events of today and the next two days, by the city's calendar day. */
export function PicturePlannedEvents() {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const planned = usePlannedEvents();
  const days = useMemo(
    () => plannedEventsByDay(planned.value ?? [], now, timeZone),
    [planned.value, now, timeZone],
  );

  return (
    <PicturePanel title={t('picture.plannedEvents')} testId="picture-planned-events">
      {planned.failure !== null && (
        <p className="picture-panel__failure" role="alert">
          {t('picture.plannedFailed', { reason: failureText(planned.failure, t) })}
        </p>
      )}
      {planned.value === null && planned.failure === null && (
        <p className="picture-panel__empty">{t('picture.loading')}</p>
      )}
      {planned.value !== null &&
        days.map((day) => (
          <section
            key={day.date}
            className="picture-day"
            data-testid="picture-day"
            data-date={day.date}
          >
            <h4 className="picture-day__title">
              {day.offset === 0
                ? `${t('picture.today')}, ${formatDay(day.date, i18n.language)}`
                : day.offset === 1
                  ? `${t('picture.tomorrow')}, ${formatDay(day.date, i18n.language)}`
                  : formatDay(day.date, i18n.language)}
            </h4>
            {day.events.length === 0 ? (
              <p className="picture-panel__empty">{t('picture.plannedEmpty')}</p>
            ) : (
              <ul className="picture-list">
                {day.events.map((event) => (
                  <PlannedEventRow key={event.id} event={event} now={now} timeZone={timeZone} />
                ))}
              </ul>
            )}
          </section>
        ))}
    </PicturePanel>
  );
}

function PlannedEventRow({
  event,
  now,
  timeZone,
}: {
  readonly event: PlannedEvent;
  readonly now: number;
  readonly timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const underWay = Date.parse(event.startsAt) <= now;
  const when = underWay
    ? t('picture.underWay', {
        time: formatTimeWithDate(new Date(event.endsAt), now, i18n.language, timeZone),
      })
    : `${formatClockTime(new Date(event.startsAt), i18n.language, timeZone)}–${formatTimeWithDate(
        new Date(event.endsAt),
        Date.parse(event.startsAt),
        i18n.language,
        timeZone,
      )}`;
  return (
    <li className="picture-list__item" data-testid="picture-planned-event">
      <span className="picture-list__title">
        <span className="picture-list__when">{when}</span> {event.title}
      </span>
      <span className="picture-list__meta">
        <span>{event.location.address ?? event.district?.name ?? ''}</span>
        {event.expectedCrowd !== undefined && (
          <span>
            {t('picture.crowd', {
              crowd: new Intl.NumberFormat(i18n.language).format(event.expectedCrowd),
            })}
          </span>
        )}
      </span>
    </li>
  );
}
