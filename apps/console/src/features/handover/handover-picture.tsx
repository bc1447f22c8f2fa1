import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EscalationStatus, type HandoverPicture, type PublicMessage } from '@vaka/domain';
import { LANGUAGE_NAMES } from '../../i18n/i18n.ts';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { incidentHref } from '../incidents/incident-hash.ts';
import { SeverityBadge } from '../incidents/severity-badge.tsx';
import { useNow } from '../incidents/use-now.ts';
import { messageHeadline } from './handover-logic.ts';
import '../incidents/incidents.css';

/** One group of the picture: a heading with how many, and its items or a sentence saying none. */
function PictureGroup({
  title,
  count,
  empty,
  testId,
  children,
}: {
  readonly title: string;
  readonly count: number;
  readonly empty: string;
  readonly testId: string;
  readonly children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="handover-group" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId} className="handover-group__title">
        {title} <span className="handover-group__count">({count})</span>
      </h3>
      {count === 0 ? <p className="handover-group__empty">{empty}</p> : children}
    </section>
  );
}

/** A time as the shift reads it: the clock today, with the day otherwise. */
function useShiftTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const now = useNow();
  return (iso) => formatTimeWithDate(new Date(iso), now, i18n.language, timeZone);
}

/** A message's headline in the console's language, else named with the language it is in. */
function MessageHeadline({ message }: { readonly message: PublicMessage }) {
  const { t, i18n } = useTranslation();
  const shown = messageHeadline(message, i18n.language);
  if (shown === null)
    return <span className="handover-item__title">{t('handover.noHeadline')}</span>;
  return (
    <span className="handover-item__title" lang={shown.language}>
      {shown.headline}
      {shown.language !== i18n.language && (
        <span className="handover-item__meta"> ({LANGUAGE_NAMES[shown.language]})</span>
      )}
    </span>
  );
}

/**
 * What is handed over, as gathered: the readiness level, open incidents with their state and last
 * note, escalations awaiting, messages in force and awaiting, and the planned events ahead.
 */
export function HandoverPictureView({ picture }: { readonly picture: HandoverPicture }) {
  const { t, i18n } = useTranslation();
  const numberFormat = new Intl.NumberFormat(i18n.language);
  const time = useShiftTime();
  const incidentTitles = new Map(
    picture.incidents.map(({ incident }) => [incident.id, incident.title]),
  );

  return (
    <div className="handover-picture" data-testid="handover-picture">
      <p className="handover-picture__readiness" data-testid="handover-readiness">
        <span className="handover-picture__label">{t('handover.readiness')}:</span>{' '}
        <strong>{t(`readiness.level.${picture.readiness.level}`)}</strong>
      </p>

      <PictureGroup
        title={t('handover.incidents')}
        count={picture.incidents.length}
        empty={t('handover.incidentsEmpty')}
        testId="handover-incidents"
      >
        <ol className="handover-list">
          {picture.incidents.map(({ incident, lastNote }) => (
            <li key={incident.id} className="handover-item" data-testid="handover-incident">
              <div className="handover-item__head">
                <SeverityBadge severity={incident.severity} />
                <a className="handover-item__title" href={incidentHref(incident.id)}>
                  {incident.title}
                </a>
                <span className="handover-item__meta">{t(`status.${incident.status}`)}</span>
              </div>
              {lastNote === undefined ? (
                <p className="handover-item__note handover-item__note--none">
                  {t('handover.noNote')}
                </p>
              ) : (
                <p className="handover-item__note" data-testid="handover-last-note">
                  <span className="handover-item__meta">
                    {t('handover.lastNote', { time: time(lastNote.at), actor: lastNote.actor })}
                  </span>{' '}
                  {lastNote.text}
                </p>
              )}
            </li>
          ))}
        </ol>
      </PictureGroup>

      <PictureGroup
        title={t('handover.escalations')}
        count={picture.escalations.length}
        empty={t('handover.escalationsEmpty')}
        testId="handover-escalations"
      >
        <ol className="handover-list">
          {picture.escalations.map((escalation) => (
            <li key={escalation.id} className="handover-item" data-testid="handover-escalation">
              <div className="handover-item__head">
                <a className="handover-item__title" href={incidentHref(escalation.incidentId)}>
                  {incidentTitles.get(escalation.incidentId) ?? t('handover.unknownIncident')}
                </a>
                <span>{escalation.unitName}</span>
                <span className="handover-item__meta">
                  {t('handover.escalationSince', { time: time(escalation.startedAt) })}
                </span>
                {escalation.status === EscalationStatus.exhausted && (
                  <strong className="handover-item__alert">{t('handover.ranOut')}</strong>
                )}
              </div>
            </li>
          ))}
        </ol>
      </PictureGroup>

      <PictureGroup
        title={t('handover.messagesValid')}
        count={picture.messagesValid.length}
        empty={t('handover.messagesValidEmpty')}
        testId="handover-messages-valid"
      >
        <ol className="handover-list">
          {picture.messagesValid.map((message) => (
            <li key={`${message.id}-${message.version}`} className="handover-item">
              <div className="handover-item__head">
                <MessageHeadline message={message} />
                <span className="handover-item__meta">
                  {t('handover.validUntil', { time: time(message.expires) })}
                </span>
              </div>
            </li>
          ))}
        </ol>
      </PictureGroup>

      <PictureGroup
        title={t('handover.messagesPending')}
        count={picture.messagesPending.length}
        empty={t('handover.messagesPendingEmpty')}
        testId="handover-messages-pending"
      >
        <ol className="handover-list">
          {picture.messagesPending.map((message) => (
            <li key={`${message.id}-${message.version}`} className="handover-item">
              <div className="handover-item__head">
                <MessageHeadline message={message} />
                <span className="handover-item__meta">
                  {message.status === 'approved'
                    ? t('handover.messageStatus.approved')
                    : t('handover.messageStatus.in_review')}
                  {message.publishAt !== undefined &&
                    `, ${t('handover.publishAt', { time: time(message.publishAt) })}`}
                </span>
              </div>
            </li>
          ))}
        </ol>
      </PictureGroup>

      <PictureGroup
        title={t('handover.plannedEvents')}
        count={picture.plannedEvents.length}
        empty={t('handover.plannedEventsEmpty')}
        testId="handover-planned-events"
      >
        <ol className="handover-list">
          {picture.plannedEvents.map((event) => (
            <li key={event.id} className="handover-item" data-testid="handover-planned-event">
              <div className="handover-item__head">
                <span className="handover-item__title">{event.title}</span>
                <span>
                  {t('handover.plannedTime', {
                    from: time(event.startsAt),
                    to: time(event.endsAt),
                  })}
                </span>
                {event.location.address !== undefined && (
                  <span className="handover-item__meta">{event.location.address}</span>
                )}
                {event.expectedCrowd !== undefined && (
                  <span className="handover-item__meta">
                    {t('handover.crowd', { crowd: numberFormat.format(event.expectedCrowd) })}
                  </span>
                )}
              </div>
              {event.notes.trim() !== '' && <p className="handover-item__note">{event.notes}</p>}
            </li>
          ))}
        </ol>
      </PictureGroup>
    </div>
  );
}
