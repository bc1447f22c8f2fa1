import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OnCallShift, ScheduleOnCall, Unit, UnitOnCall, UnitSchedule } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiResult } from '../../lib/api.ts';
import { formatClockTime } from '../../lib/time-format.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { gapWarnings, timelineRows, type GapWarning } from './on-call-timeline.ts';
import { ScheduleOverrides } from './schedule-overrides.tsx';
import { getOnCall, listSchedules } from './schedules-api.ts';
import { formatShiftTime } from './shift-time.ts';
import './schedules.css';

/** How often the view asks again, so "now" stays now on a screen left open. */
const REFRESH_MS = 60_000;

/** The server's answer about who is on call, with the schedules' overrides (they carry ids). */
interface OnCallPicture {
  readonly onCall: UnitOnCall;
  readonly schedules: readonly UnitSchedule[];
}

interface OnCallViewProps {
  readonly unit: Unit;
  /** Whether this person may enter and take back overrides. */
  readonly canOverride: boolean;
}

/**
 * Who answers for a unit: per schedule who is on call now and next, a warning when nobody is in
 * the next 24 hours, and the turns of the coming two weeks, all on the unit's clock.
 */
export function OnCallView({ unit, canOverride }: OnCallViewProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const cityTimeZone = useCityTimeZone();
  const headingId = useId();
  const [notice, setNotice] = useState('');
  const load = useCallback(async (): Promise<ApiResult<OnCallPicture[]>> => {
    const [onCall, schedules] = await Promise.all([
      getOnCall(api, unit.id),
      listSchedules(api, unit.id),
    ]);
    if (onCall.outcome !== 'ok') return onCall;
    if (schedules.outcome !== 'ok') return schedules;
    return { ...onCall, body: [{ onCall: onCall.body, schedules: schedules.body }] };
  }, [api, unit.id]);
  const { list, reload } = useRemoteList(load);

  useEffect(() => {
    const timer = window.setInterval(reload, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  function onOverridesChanged(sentence: string): void {
    setNotice(sentence);
    reload();
  }

  return (
    <section className="panel on-call" aria-labelledby={headingId} data-testid="on-call">
      <header className="panel__header unit-view__header">
        <h3 id={headingId} className="panel__title">
          {t('onCall.heading')}
        </h3>
        <p className="admin-list__notice" role="status" data-testid="on-call-notice">
          {notice}
        </p>
        <button type="button" className="button button--quiet button--small" onClick={reload}>
          {t('onCall.refresh')}
        </button>
      </header>
      <RemoteListView
        list={list}
        loadingText={t('onCall.loading')}
        emptyText={t('onCall.loading')}
        onRetry={reload}
      >
        {([picture]) =>
          picture !== undefined && (
            <div className="on-call__body">
              <p className="on-call__zone">
                {t('onCall.asOf', {
                  time: formatClockTime(
                    new Date(picture.onCall.asOf),
                    i18n.language,
                    unit.timeZone,
                  ),
                  timeZone: unit.timeZone,
                })}
                {unit.timeZone !== cityTimeZone && (
                  <> {t('onCall.otherZone', { timeZone: cityTimeZone })}</>
                )}
              </p>
              <GapWarnings
                unit={unit}
                warnings={gapWarnings(picture.onCall.gaps, picture.onCall.asOf)}
              />
              {picture.onCall.schedules.length === 0 ? (
                <p className="admin-list__placeholder">{t('onCall.noSchedules')}</p>
              ) : (
                <div className="on-call__schedules">
                  {picture.onCall.schedules.map((onCall) => (
                    <ScheduleOnCallCard
                      key={onCall.scheduleId}
                      unit={unit}
                      onCall={onCall}
                      schedule={picture.schedules.find((s) => s.id === onCall.scheduleId)}
                      picture={picture.onCall}
                      canOverride={canOverride}
                      onOverridesChanged={onOverridesChanged}
                    />
                  ))}
                </div>
              )}
            </div>
          )
        }
      </RemoteListView>
    </section>
  );
}

/** The warning that nobody answers for the unit in the next 24 hours: in words, not colour only. */
function GapWarnings({ unit, warnings }: { readonly unit: Unit; readonly warnings: GapWarning[] }) {
  const { t, i18n } = useTranslation();
  if (warnings.length === 0) return null;
  const time = (iso: string): string =>
    formatShiftTime(new Date(iso), i18n.language, unit.timeZone);
  return (
    <div className="on-call-warning" data-testid="on-call-warning">
      <h4 className="on-call-warning__title">
        <span aria-hidden="true">⚠ </span>
        {t('onCall.warningTitle')}
      </h4>
      <ul className="on-call-warning__list">
        {warnings.map((warning) => (
          <li key={warning.from}>
            {warning.kind === 'allDay'
              ? t('onCall.nobodyAllDay', { name: unit.name })
              : warning.kind === 'until'
                ? t('onCall.nobodyNow', { name: unit.name, to: time(warning.to) })
                : warning.kind === 'onwards'
                  ? t('onCall.nobodyOnwards', { name: unit.name, from: time(warning.from) })
                  : t('onCall.nobodyLater', {
                      name: unit.name,
                      from: time(warning.from),
                      to: time(warning.to),
                    })}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface ScheduleOnCallCardProps {
  readonly unit: Unit;
  readonly onCall: ScheduleOnCall;
  /** The stored schedule, for its overrides; absent if it went between the two answers. */
  readonly schedule: UnitSchedule | undefined;
  readonly picture: UnitOnCall;
  readonly canOverride: boolean;
  readonly onOverridesChanged: (notice: string) => void;
}

/** One schedule: who now, who next and when they take over, the overrides, the coming turns. */
function ScheduleOnCallCard({
  unit,
  onCall,
  schedule,
  picture,
  canOverride,
  onOverridesChanged,
}: ScheduleOnCallCardProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const tableHeadingId = useId();
  const time = (iso: string): string =>
    formatShiftTime(new Date(iso), i18n.language, unit.timeZone);
  const rows = timelineRows(onCall, picture.from, picture.to, picture.asOf);

  return (
    <article
      className="on-call-schedule"
      aria-labelledby={headingId}
      data-testid="on-call-schedule"
      data-schedule-name={onCall.name}
    >
      <h4 id={headingId} className="on-call-schedule__title">
        {onCall.name}
        {onCall.timeZone !== unit.timeZone && (
          <span className="data-table__muted">
            {' '}
            {t('onCall.scheduleZone', { timeZone: onCall.timeZone })}
          </span>
        )}
      </h4>
      <div className="on-call-schedule__body">
        <div className="on-call-schedule__side">
          <dl className="on-call-now">
            <div className="on-call-now__item" data-testid="on-call-now">
              <dt>{t('onCall.now')}</dt>
              <dd>
                {onCall.now === undefined ? (
                  <strong>{t('onCall.nobody')}</strong>
                ) : (
                  <>
                    <OnCallPerson unit={unit} shift={onCall.now} />
                    <span className="on-call-now__when">
                      {t('onCall.until', { time: time(onCall.now.to) })}
                    </span>
                  </>
                )}
              </dd>
            </div>
            <div className="on-call-now__item" data-testid="on-call-next">
              <dt>{t('onCall.next')}</dt>
              <dd>
                {onCall.next === undefined ? (
                  <strong>{t('onCall.nobodyNext')}</strong>
                ) : (
                  <>
                    <OnCallPerson unit={unit} shift={onCall.next} />
                    <span className="on-call-now__when">
                      {t('onCall.handoff', { time: time(onCall.next.from) })}
                    </span>
                  </>
                )}
              </dd>
            </div>
          </dl>
          {schedule !== undefined && (
            <ScheduleOverrides
              unit={unit}
              schedule={schedule}
              asOf={picture.asOf}
              canOverride={canOverride}
              onChanged={onOverridesChanged}
            />
          )}
        </div>
        <div className="on-call-schedule__turns">
          <h5 id={tableHeadingId} className="on-call-overrides__title">
            {t('onCall.comingTurns')}
          </h5>
          <table className="data-table on-call-table" aria-labelledby={tableHeadingId}>
            <thead>
              <tr>
                <th scope="col">{t('onCall.who')}</th>
                <th scope="col">{t('onCall.from')}</th>
                <th scope="col">{t('onCall.to')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) =>
                row.kind === 'gap' ? (
                  <tr
                    key={`gap-${row.from}`}
                    className="on-call-table__gap"
                    data-testid="on-call-gap"
                  >
                    <th scope="row">
                      <span className="tag tag--gap">{t('onCall.gap')}</span> {t('onCall.nobody')}
                      {row.current && <CurrentTag />}
                    </th>
                    <td>{time(row.from)}</td>
                    <td>{time(row.to)}</td>
                  </tr>
                ) : (
                  <tr
                    key={`shift-${row.from}`}
                    className={row.current ? 'on-call-table__current' : undefined}
                    data-testid="on-call-turn"
                    data-source={row.source}
                  >
                    <th scope="row">
                      {contactName(unit, row.contactId, t('schedules.unknownContact'))}
                      {row.source === 'override' && (
                        <>
                          {' '}
                          <span className="tag">{t('onCall.override')}</span>
                        </>
                      )}
                      {row.current && <CurrentTag />}
                    </th>
                    <td>{time(row.from)}</td>
                    <td>{time(row.to)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      </div>
    </article>
  );
}

function CurrentTag() {
  const { t } = useTranslation();
  return (
    <>
      {' '}
      <span className="tag tag--now">{t('onCall.nowTag')}</span>
    </>
  );
}

/** Who is on call, with how to reach them, and whether an override put them there. */
function OnCallPerson({ unit, shift }: { readonly unit: Unit; readonly shift: OnCallShift }) {
  const { t } = useTranslation();
  const contact = unit.contacts.find((candidate) => candidate.id === shift.contactId);
  return (
    <span className="on-call-person">
      <strong className="on-call-person__name" data-testid="on-call-person">
        {contact?.name ?? t('schedules.unknownContact')}
      </strong>
      {shift.source === 'override' && (
        <>
          {' '}
          <span className="tag">{t('onCall.override')}</span>
        </>
      )}
      {contact !== undefined && (
        <span className="on-call-person__reach">
          {[contact.phone, contact.email].filter((way) => way !== undefined).join(' · ')}
        </span>
      )}
    </span>
  );
}

function contactName(unit: Unit, contactId: string, unknown: string): string {
  return unit.contacts.find((contact) => contact.id === contactId)?.name ?? unknown;
}
