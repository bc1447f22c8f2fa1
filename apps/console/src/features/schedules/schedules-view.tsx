import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleLayer, Unit, UnitSchedule } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { EditorRow, useRowEditor } from '../admin/row-editor.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { ScheduleForm } from './schedule-form.tsx';
import { listSchedules } from './schedules-api.ts';
import { formatCalendarDate, weekdayName, weekdayOfDate } from './shift-time.ts';
import '../admin/admin.css';
import './schedules.css';
import { withCreated, withSaved } from '../admin/named-list.ts';

const COLUMNS = 4;

/**
 * A unit's on-call schedules: everyone who may read units sees their rotations, admins create,
 * change and archive them.
 */
export function SchedulesView({
  unit,
  canManage,
}: {
  readonly unit: Unit;
  readonly canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const createPanelId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const createButtonRef = useRef<HTMLButtonElement>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  const load = useCallback(() => listSchedules(api, unit.id), [api, unit.id]);
  const { list, reload, update } = useRemoteList(load);
  const manage = canManage && unit.archivedAt === undefined;

  function onCreated(schedule: UnitSchedule): void {
    update((schedules) => withCreated(schedules, schedule, i18n.language));
    setNotice(t('schedules.created', { name: schedule.name }));
    setCreating(false);
    createButtonRef.current?.focus();
  }

  function onSaved(schedule: UnitSchedule): void {
    replace(schedule);
    if (schedule.archivedAt !== undefined) {
      setNotice(t('schedules.archivedNotice', { name: schedule.name }));
      // The row and its edit button are gone: the list's heading is where the person goes on.
      headingRef.current?.focus();
      return;
    }
    setNotice(t('schedules.saved', { name: schedule.name }));
  }

  /** Shows a version of the schedule from the server: in place, or gone once archived. */
  function replace(schedule: UnitSchedule): void {
    update((schedules) => withSaved(schedules, schedule));
  }
  return (
    <section className="panel admin-list" aria-labelledby={headingId}>
      <header className="panel__header unit-view__header">
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="panel__title">
          {t('schedules.heading')}
        </h3>
        <p className="admin-list__notice" role="status" data-testid="schedules-notice">
          {notice}
        </p>
        {manage && (
          <button
            ref={createButtonRef}
            type="button"
            className="button button--primary"
            aria-expanded={creating}
            aria-controls={creating ? createPanelId : undefined}
            onClick={() => setCreating((current) => !current)}
          >
            {t('schedules.new')}
          </button>
        )}
      </header>
      {creating && (
        <div id={createPanelId} className="unit-view__create">
          <ScheduleForm
            unit={unit}
            onSaved={onCreated}
            onCancel={() => {
              setCreating(false);
              createButtonRef.current?.focus();
            }}
          />
        </div>
      )}
      <RemoteListView
        list={list}
        loadingText={t('schedules.loading')}
        emptyText={t('schedules.empty')}
        onRetry={reload}
      >
        {(schedules) => (
          <table
            className="data-table schedule-table"
            aria-labelledby={headingId}
            data-testid="schedules-table"
          >
            <thead>
              <tr>
                <th scope="col">{t('schedules.name')}</th>
                <th scope="col">{t('schedules.timeZone')}</th>
                <th scope="col">{t('schedules.layers')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('schedules.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {schedules.map((schedule) => (
                <ScheduleRow
                  key={schedule.id}
                  unit={unit}
                  schedule={schedule}
                  canManage={manage}
                  onSaved={onSaved}
                  onReloaded={replace}
                />
              ))}
            </tbody>
          </table>
        )}
      </RemoteListView>
    </section>
  );
}

interface ScheduleRowProps {
  readonly unit: Unit;
  readonly schedule: UnitSchedule;
  readonly canManage: boolean;
  readonly onSaved: (schedule: UnitSchedule) => void;
  readonly onReloaded: (schedule: UnitSchedule) => void;
}

/** One schedule in the list, opening for an admin into a form that changes it. */
function ScheduleRow({ unit, schedule, canManage, onSaved, onReloaded }: ScheduleRowProps) {
  const { t } = useTranslation();
  const editor = useRowEditor();
  const names = new Map(unit.contacts.map((contact) => [contact.id, contact.name]));
  const { layers } = schedule.schedule;

  return (
    <>
      <tr data-testid="schedule-row" data-schedule-name={schedule.name}>
        <th scope="row">{schedule.name}</th>
        <td className="unit-view__nowrap">
          <code>{schedule.schedule.timeZone}</code>
        </td>
        <td>
          {layers.length === 0 ? (
            t('schedules.noLayersShort')
          ) : (
            <ol className="schedule-summary">
              {layers.map((layer, index) => (
                <li key={index}>
                  <LayerSummary layer={layer} names={names} />
                </li>
              ))}
            </ol>
          )}
        </td>
        <td>
          {canManage && (
            <button
              {...editor.buttonProps}
              type="button"
              className="button button--quiet button--small"
              aria-label={t('schedules.editLabel', { name: schedule.name })}
            >
              {t('schedules.edit')}
            </button>
          )}
        </td>
      </tr>
      <EditorRow editor={editor} columns={COLUMNS}>
        <ScheduleForm
          unit={unit}
          schedule={schedule}
          onCancel={editor.close}
          onReloaded={onReloaded}
          onSaved={(saved) => {
            if (saved.archivedAt === undefined) editor.close();
            onSaved(saved);
          }}
        />
      </EditorRow>
    </>
  );
}

/** One rotation in words: how it hands over, from when, who in turn, and when it applies. */
export function LayerSummary({
  layer,
  names,
}: {
  readonly layer: ScheduleLayer;
  readonly names: ReadonlyMap<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const time = layer.handoffTime;
  const date = formatCalendarDate(layer.startsAt, language);
  let rotation: string;
  if (layer.shift.kind === 'weekly') {
    const weekday = layer.handoffWeekday ?? weekdayOfDate(layer.startsAt) ?? 1;
    rotation = t('schedules.summary.weekly', {
      weekday: weekdayName(weekday, language, 'long'),
      time,
      date,
    });
  } else if (layer.shift.kind === 'daily') {
    rotation = t('schedules.summary.daily', { time, date });
  } else {
    rotation = t('schedules.summary.hours', { hours: layer.shift.hours, time, date });
  }
  const windows = (layer.restrictions ?? []).map((restriction) =>
    t('schedules.summary.window', {
      weekdays: restriction.weekdays.map((day) => weekdayName(day, language, 'short')).join(', '),
      from: restriction.startTime,
      to: restriction.endTime,
    }),
  );
  return (
    <>
      <span>{rotation} </span>
      <strong>
        {layer.participants
          .map((contactId) => names.get(contactId) ?? t('schedules.unknownContact'))
          .join(' → ')}
      </strong>
      {windows.length > 0 && (
        <span className="data-table__muted">
          {' '}
          {t('schedules.summary.only', { windows: windows.join('; ') })}
        </span>
      )}
    </>
  );
}
