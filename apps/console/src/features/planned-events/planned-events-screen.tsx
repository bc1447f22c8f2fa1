import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannedEvent, Unit } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { formatClockTime, formatDateTime } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { formatLocation } from '../incidents/format-location.ts';
import { useNow } from '../incidents/use-now.ts';
import { listUnits } from '../units/units-api.ts';
import {
  CALENDAR_DAYS,
  calendarDays,
  cityDate,
  isUnderWay,
  linkedIncidentCounts,
  type CalendarDay,
} from './calendar-days.ts';
import { PlannedEventForm } from './planned-event-form.tsx';
import { cancelPlannedEvent } from './planned-events-api.ts';
import { usePlannedEvents } from './use-planned-events.ts';
import '../admin/admin.css';
import './planned-events.css';

interface PlannedEventsScreenProps {
  /** May add, change and call off events (duty officers and leadership). */
  readonly canWrite: boolean;
}

/** What the form beside the calendar is doing: nothing, adding, or changing one event. */
type FormState =
  | { readonly kind: 'closed' }
  | { readonly kind: 'new' }
  | { readonly kind: 'edit'; readonly event: PlannedEvent };

/**
 * The calendar of known events of the coming two weeks, grouped by day in the city's time zone,
 * each with its time, place, crowd, responsible units and notes; duty officers and leadership add,
 * change and call them off.
 */
export function PlannedEventsScreen({ canWrite }: PlannedEventsScreenProps) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const { view, reload } = usePlannedEvents(CALENDAR_DAYS * 24, showCancelled);
  const [units, setUnits] = useState<readonly Unit[]>([]);
  const [form, setForm] = useState<FormState>({ kind: 'closed' });
  const [notice, setNotice] = useState('');
  const timeZone = useCityTimeZone();
  const now = useNow();
  const incidents = useConsoleStore((state) => state.incidents);
  const linked = useMemo(() => linkedIncidentCounts(incidents.values()), [incidents]);

  useEffect(() => {
    let current = true;
    void listUnits(api, true).then((result) => {
      if (current && result.outcome === 'ok') setUnits(result.body);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const unitName = useCallback(
    (unitId: string) => units.find((unit) => unit.id === unitId)?.name ?? unitId,
    [units],
  );

  function closeForm(): void {
    setForm({ kind: 'closed' });
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  function onSaved(event: PlannedEvent, created: boolean): void {
    setNotice(
      t(created ? 'plannedEvents.created' : 'plannedEvents.changed', { title: event.title }),
    );
    closeForm();
    reload();
  }

  const days = view.status === 'loaded' ? calendarDays(view.events, new Date(now), timeZone) : [];

  return (
    <div className={canWrite && form.kind !== 'closed' ? 'admin-page' : 'planned-events-page'}>
      {canWrite && form.kind !== 'closed' && (
        <section className="panel admin-form-panel" aria-label={t('plannedEvents.formLabel')}>
          <PlannedEventForm
            key={form.kind === 'edit' ? form.event.id : 'new'}
            {...(form.kind === 'edit' && { event: form.event })}
            units={units}
            onSaved={onSaved}
            onCancel={closeForm}
          />
        </section>
      )}
      <section
        className="panel planned-events"
        aria-labelledby={headingId}
        data-testid="planned-events"
      >
        <header className="panel__header planned-events__header">
          <h2 id={headingId} ref={headingRef} className="panel__title" tabIndex={-1}>
            {t('plannedEvents.heading')}
          </h2>
          <p className="admin-list__notice" role="status" data-testid="planned-events-notice">
            {notice}
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showCancelled}
              onChange={(change) => setShowCancelled(change.target.checked)}
            />
            {t('plannedEvents.showCancelled')}
          </label>
          {canWrite && (
            <button
              type="button"
              className="button button--primary"
              data-testid="planned-event-new"
              onClick={() => {
                setNotice('');
                setForm({ kind: 'new' });
              }}
            >
              {t('plannedEvents.new')}
            </button>
          )}
        </header>
        <p className="intro-text planned-events__intro">
          {t('plannedEvents.intro', { days: CALENDAR_DAYS })}
        </p>
        {view.status === 'loading' && (
          <p className="admin-list__placeholder">{t('plannedEvents.loading')}</p>
        )}
        {view.status === 'failed' && (
          <div className="admin-list__placeholder">
            <p className="form-alert" role="alert">
              {failureText(view.failure, t)}
            </p>
            <button type="button" className="button button--quiet" onClick={reload}>
              {t('plannedEvents.retry')}
            </button>
          </div>
        )}
        {view.status === 'loaded' && days.length === 0 && (
          <p className="admin-list__placeholder" data-testid="planned-events-empty">
            {t('plannedEvents.empty', { days: CALENDAR_DAYS })}
          </p>
        )}
        {days.map((day) => (
          <CalendarDaySection
            key={day.date}
            day={day}
            now={now}
            canWrite={canWrite}
            unitName={unitName}
            linked={linked}
            onEdit={(event) => {
              setNotice('');
              setForm({ kind: 'edit', event });
            }}
            onCancelled={(event) => {
              setNotice(t('plannedEvents.cancelled', { title: event.title }));
              reload();
            }}
          />
        ))}
      </section>
    </div>
  );
}

function CalendarDaySection({
  day,
  now,
  canWrite,
  unitName,
  linked,
  onEdit,
  onCancelled,
}: {
  readonly day: CalendarDay;
  readonly now: number;
  readonly canWrite: boolean;
  readonly unitName: (unitId: string) => string;
  readonly linked: ReadonlyMap<string, number>;
  readonly onEdit: (event: PlannedEvent) => void;
  readonly onCancelled: (event: PlannedEvent) => void;
}) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const date = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day.date}T12:00:00Z`));
  const relative =
    day.offset === 0
      ? t('plannedEvents.today')
      : day.offset === 1
        ? t('plannedEvents.tomorrow')
        : null;
  return (
    <section
      className="planned-events__day"
      aria-labelledby={headingId}
      data-testid="planned-events-day"
      data-date={day.date}
      data-offset={day.offset}
    >
      <h3 id={headingId} className="planned-events__day-heading">
        {relative === null ? date : `${relative} — ${date}`}
      </h3>
      <ul className="planned-events__list">
        {day.events.map((event) => (
          <PlannedEventItem
            key={event.id}
            event={event}
            now={now}
            canWrite={canWrite}
            unitName={unitName}
            linkedCount={linked.get(event.id) ?? 0}
            onEdit={() => onEdit(event)}
            onCancelled={onCancelled}
          />
        ))}
      </ul>
    </section>
  );
}

function PlannedEventItem({
  event,
  now,
  canWrite,
  unitName,
  linkedCount,
  onEdit,
  onCancelled,
}: {
  readonly event: PlannedEvent;
  readonly now: number;
  readonly canWrite: boolean;
  readonly unitName: (unitId: string) => string;
  readonly linkedCount: number;
  readonly onEdit: () => void;
  readonly onCancelled: (event: PlannedEvent) => void;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const titleId = useId();
  const [cancelling, setCancelling] = useState(false);
  const cancelled = event.cancelledAt !== undefined;
  const starts = new Date(event.startsAt);
  const ends = new Date(event.endsAt);
  const sameDay = cityDate(starts, timeZone) === cityDate(ends, timeZone);
  const endText = sameDay
    ? formatClockTime(ends, i18n.language, timeZone)
    : formatDateTime(ends, i18n.language, timeZone);
  const startText =
    cityDate(starts, timeZone) < cityDate(new Date(now), timeZone)
      ? formatDateTime(starts, i18n.language, timeZone)
      : formatClockTime(starts, i18n.language, timeZone);
  const place = [formatLocation(event.location), event.district?.name]
    .filter((part) => part !== undefined && part !== '')
    .join(' · ');
  return (
    <li
      className={cancelled ? 'planned-event planned-event--cancelled' : 'planned-event'}
      aria-labelledby={titleId}
      data-testid="planned-event"
      data-event-id={event.id}
    >
      <p className="planned-event__time">
        <time dateTime={event.startsAt}>{startText}</time>–
        <time dateTime={event.endsAt}>{endText}</time>
        {isUnderWay(event, new Date(now)) && !cancelled && (
          <span className="planned-event__tag">{t('plannedEvents.underWay')}</span>
        )}
      </p>
      <h4 id={titleId} className="planned-event__title" data-testid="planned-event-title">
        {event.title}
      </h4>
      {cancelled && (
        <p className="planned-event__cancelled" data-testid="planned-event-cancelled">
          {t('plannedEvents.cancelledMark', { reason: event.cancelReason ?? '' })}
        </p>
      )}
      <dl className="planned-event__facts">
        <div>
          <dt>{t('plannedEvents.field.kind')}</dt>
          <dd>{t(`plannedEvents.kind.${event.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('plannedEvents.place')}</dt>
          <dd data-testid="planned-event-place">{place}</dd>
        </div>
        {event.expectedCrowd !== undefined && (
          <div>
            <dt>{t('plannedEvents.field.expectedCrowd')}</dt>
            <dd data-testid="planned-event-crowd">
              {new Intl.NumberFormat(i18n.language).format(event.expectedCrowd)}
            </dd>
          </div>
        )}
        {event.responsibleUnitIds.length > 0 && (
          <div>
            <dt>{t('plannedEvents.field.responsibleUnitIds')}</dt>
            <dd data-testid="planned-event-units">
              {event.responsibleUnitIds.map(unitName).join(', ')}
            </dd>
          </div>
        )}
        {linkedCount > 0 && (
          <div>
            <dt>{t('plannedEvents.linkedIncidents')}</dt>
            <dd data-testid="planned-event-linked">{linkedCount}</dd>
          </div>
        )}
      </dl>
      {event.notes !== '' && <p className="planned-event__notes">{event.notes}</p>}
      {canWrite && !cancelled && !cancelling && (
        <div className="planned-event__actions">
          <button
            type="button"
            className="button button--quiet button--small"
            data-testid="planned-event-edit"
            aria-label={t('plannedEvents.editNamed', { title: event.title })}
            onClick={onEdit}
          >
            {t('plannedEvents.edit')}
          </button>
          <button
            type="button"
            className="button button--danger-quiet button--small"
            data-testid="planned-event-cancel"
            aria-label={t('plannedEvents.cancelNamed', { title: event.title })}
            onClick={() => setCancelling(true)}
          >
            {t('plannedEvents.cancel')}
          </button>
        </div>
      )}
      {cancelling && (
        <CancelBox
          event={event}
          onDone={(cancelledEvent) => {
            setCancelling(false);
            onCancelled(cancelledEvent);
          }}
          onKeep={() => setCancelling(false)}
        />
      )}
    </li>
  );
}

/** Asks why the event is called off, then calls it off. */
function CancelBox({
  event,
  onDone,
  onKeep,
}: {
  readonly event: PlannedEvent;
  readonly onDone: (event: PlannedEvent) => void;
  readonly onKeep: () => void;
}) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState('');
  const [busy, setBusy] = useState(false);

  async function confirm(): Promise<void> {
    if (busy) return;
    if (reason.trim() === '') {
      setFailure(t('plannedEvents.errors.reasonRequired'));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setBusy(true);
    const result = await cancelPlannedEvent(api, event.id, {
      expectedUpdatedAt: event.updatedAt,
      reason: reason.trim(),
    });
    setBusy(false);
    if (result.outcome === 'ok') onDone(result.body);
    else setFailure(failureText(result, t));
  }

  return (
    <form
      className="confirm-box"
      data-testid="planned-event-cancel-box"
      noValidate
      onKeyDown={(keyEvent) => {
        if (keyEvent.key === 'Escape') {
          keyEvent.preventDefault();
          onKeep();
        }
      }}
      onSubmit={(submitEvent) => {
        submitEvent.preventDefault();
        void confirm();
      }}
    >
      <p className="confirm-box__question">
        {t('plannedEvents.cancelQuestion', { title: event.title })}
      </p>
      <label className="form-field__label" htmlFor={reasonId}>
        {t('plannedEvents.reason')}
      </label>
      <textarea
        id={reasonId}
        className="input"
        rows={2}
        maxLength={2_000}
        autoFocus
        value={reason}
        aria-invalid={failure !== ''}
        onChange={(change) => {
          setReason(change.target.value);
          setFailure('');
        }}
      />
      <p className="form-alert" role="alert">
        {failure}
      </p>
      <div className="admin-form__actions">
        <button type="submit" className="button button--danger" aria-disabled={busy}>
          {t('plannedEvents.confirmCancel')}
        </button>
        <button type="button" className="button button--quiet" onClick={onKeep}>
          {t('plannedEvents.keep')}
        </button>
      </div>
    </form>
  );
}
