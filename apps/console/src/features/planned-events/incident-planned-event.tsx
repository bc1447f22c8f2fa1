import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, PlannedEvent } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { updateIncident } from '../incident-detail/incident-api.ts';
import { useIncidentDetailLoader } from '../incident-detail/use-incident-detail.ts';
import { useNow } from '../incidents/use-now.ts';
import { CALENDAR_DAYS, linkableEvents } from './calendar-days.ts';
import { getPlannedEvent } from './planned-events-api.ts';
import { usePlannedEvents } from './use-planned-events.ts';
import './planned-events.css';

interface IncidentPlannedEventProps {
  readonly incident: Incident;
  /** May link and unlink (duty officers). */
  readonly mayUpdate: boolean;
}

/**
 * The planned event an incident belongs to, by title and time, and for the duty officer a choice
 * of the events under way or coming to link it to, or unlinking it.
 */
export function IncidentPlannedEvent({ incident, mayUpdate }: IncidentPlannedEventProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const load = useIncidentDetailLoader();
  const timeZone = useCityTimeZone();
  const now = useNow();
  const headingId = useId();
  const selectId = useId();
  const { view } = usePlannedEvents(CALENDAR_DAYS * 24, false);
  const events = view.status === 'loaded' ? linkableEvents(view.events) : [];
  const linkedId = incident.plannedEventId;
  const linked = useLinkedEvent(linkedId, view.status === 'loaded' ? view.events : []);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState('');

  const describe = (event: PlannedEvent) =>
    t('plannedEvents.pane.event', {
      title: event.title,
      time: formatTimeWithDate(new Date(event.startsAt), now, i18n.language, timeZone),
    });

  async function link(plannedEventId: string | null): Promise<void> {
    if (busy) return;
    setBusy(true);
    setStatus('');
    setFailure('');
    const result = await updateIncident(api, incident.id, {
      changes: { plannedEventId },
      expectedUpdatedAt: incident.updatedAt,
    });
    setBusy(false);
    if (result.outcome === 'ok') {
      const event = events.find((candidate) => candidate.id === plannedEventId);
      setStatus(
        plannedEventId === null
          ? t('plannedEvents.pane.unlinkedDone')
          : t('plannedEvents.pane.linkedDone', { title: event?.title ?? '' }),
      );
      setChosen('');
      void load(incident.id);
      return;
    }
    if (result.outcome === 'rejected' && result.status === 409) {
      setFailure(t('plannedEvents.pane.conflict', { message: result.message }));
      void load(incident.id);
      return;
    }
    setFailure(failureText(result, t));
  }

  const choices = events.filter((event) => event.id !== linkedId);
  const merged = incident.mergedInto !== undefined;

  return (
    <section
      className="incident-planned-event"
      aria-labelledby={headingId}
      data-testid="incident-planned-event"
    >
      <h3 id={headingId} className="incident-pane__section-title">
        {t('plannedEvents.pane.heading')}
      </h3>
      <p data-testid="incident-planned-event-linked">
        {linkedId === undefined
          ? t('plannedEvents.pane.none')
          : linked === null
            ? t('plannedEvents.pane.loading')
            : linked.cancelledAt === undefined
              ? describe(linked)
              : t('plannedEvents.pane.cancelled', { event: describe(linked) })}
      </p>
      {mayUpdate && !merged && (
        <div className="incident-planned-event__controls">
          {choices.length > 0 && (
            <>
              <div className="form-field">
                <label className="form-field__label" htmlFor={selectId}>
                  {t('plannedEvents.pane.choose')}
                </label>
                <select
                  id={selectId}
                  className="input"
                  data-testid="incident-planned-event-choice"
                  value={chosen}
                  onChange={(change) => setChosen(change.target.value)}
                >
                  <option value="">{t('plannedEvents.pane.chooseNone')}</option>
                  {choices.map((event) => (
                    <option key={event.id} value={event.id}>
                      {describe(event)}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="button button--quiet button--small"
                data-testid="incident-planned-event-link"
                aria-disabled={busy || chosen === ''}
                onClick={() => {
                  if (chosen === '') setFailure(t('plannedEvents.pane.chooseFirst'));
                  else void link(chosen);
                }}
              >
                {t('plannedEvents.pane.link')}
              </button>
            </>
          )}
          {choices.length === 0 && linkedId === undefined && view.status === 'loaded' && (
            <p className="intro-text">{t('plannedEvents.pane.noChoices')}</p>
          )}
          {linkedId !== undefined && (
            <button
              type="button"
              className="button button--quiet button--small"
              data-testid="incident-planned-event-unlink"
              aria-disabled={busy}
              onClick={() => void link(null)}
            >
              {t('plannedEvents.pane.unlink')}
            </button>
          )}
        </div>
      )}
      <p className="admin-list__notice" role="status" data-testid="incident-planned-event-status">
        {status}
      </p>
      <p className="form-alert" role="alert" data-testid="incident-planned-event-error">
        {failure}
      </p>
    </section>
  );
}

/** The linked event: from the calendar when it is there, else read on its own (it may be past). */
function useLinkedEvent(
  eventId: string | undefined,
  listed: readonly PlannedEvent[],
): PlannedEvent | null {
  const { api } = useAppServices();
  const inList = listed.find((event) => event.id === eventId) ?? null;
  const [read, setRead] = useState<PlannedEvent | null>(null);
  useEffect(() => {
    if (eventId === undefined || inList !== null) return;
    let current = true;
    void getPlannedEvent(api, eventId).then((result) => {
      if (current && result.outcome === 'ok') setRead(result.body);
    });
    return () => {
      current = false;
    };
  }, [api, eventId, inList]);
  if (inList !== null) return inList;
  return read?.id === eventId ? read : null;
}
