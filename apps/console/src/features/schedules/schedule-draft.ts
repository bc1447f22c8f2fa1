import {
  isKnownTimeZone,
  type CreateUnitSchedule,
  type ScheduleLayer,
  type ScheduleRestriction,
  type ShiftLength,
  type UnitSchedule,
  type UpdateUnitSchedule,
} from '@vaka/domain';
import { mergeBySent, mergeDraft, type MergedDraft } from '../admin/draft-merge.ts';
import type { FieldMessage, FieldMessages } from './field-errors.ts';

/** The limits of CreateUnitScheduleSchema, so the form stops the admin before the server does. */
export const SCHEDULE_LIMITS = {
  name: 200,
  timeZone: 100,
  layers: 20,
  participants: 100,
  restrictions: 50,
  hours: 168,
} as const;

/** How a rotation hands over: every day, every week, or every so many hours. */
export type RotationKind = ShiftLength['kind'];
export const ROTATION_KINDS: readonly RotationKind[] = ['weekly', 'daily', 'hours'];

/** Monday (1) to Sunday (7), as the contract numbers weekdays. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** One place in a rotation; the same contact may take more than one. */
export interface ParticipantDraft {
  readonly key: string;
  readonly contactId: string;
}

/** A window of the week in which a rotation applies, as typed. */
export interface RestrictionDraft {
  readonly key: string;
  readonly weekdays: readonly number[];
  readonly startTime: string;
  readonly endTime: string;
}

/** One rotation as typed; `hours` counts only for an hours rotation. */
export interface LayerDraft {
  readonly key: string;
  readonly rotation: RotationKind;
  readonly hours: string;
  readonly handoffTime: string;
  /** The weekday a weekly rotation hands over on; null for the start date's. */
  readonly handoffWeekday: number | null;
  readonly startsAt: string;
  readonly participants: readonly ParticipantDraft[];
  readonly restrictions: readonly RestrictionDraft[];
}

/** The schedule form as typed. */
export interface ScheduleDraft {
  readonly name: string;
  readonly timeZone: string;
  readonly layers: readonly LayerDraft[];
}

export type ScheduleErrorKey =
  | 'nameRequired'
  | 'timeZoneRequired'
  | 'timeZoneUnknown'
  | 'participantsRequired'
  | 'hoursInvalid'
  | 'timeInvalid'
  | 'dateInvalid'
  | 'weekdaysRequired';
export type ScheduleErrors = FieldMessages<ScheduleErrorKey>;

const TIME_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

let nextKey = 0;

/** A key that tells a new row apart from the others on this page. */
export function newRowKey(kind: string): string {
  nextKey += 1;
  return `${kind}-${nextKey}`;
}

/** A new rotation: weekly, handing over at 08:00 from `startsAt`, nobody in it yet. */
export function emptyLayerDraft(startsAt: string): LayerDraft {
  return {
    key: newRowKey('layer'),
    rotation: 'weekly',
    hours: '12',
    handoffTime: '08:00',
    handoffWeekday: null,
    startsAt,
    participants: [],
    restrictions: [],
  };
}

/** A new place in a rotation. */
export function participantDraft(contactId: string): ParticipantDraft {
  return { key: newRowKey('participant'), contactId };
}

/** A new window of the week: weekday evenings and nights, which most cover rotations are. */
export function emptyRestrictionDraft(): RestrictionDraft {
  return {
    key: newRowKey('window'),
    weekdays: [1, 2, 3, 4, 5],
    startTime: '17:00',
    endTime: '08:00',
  };
}

/** An empty schedule form in the unit's time zone, with one rotation starting on `today`. */
export function emptyScheduleDraft(timeZone: string, today: string): ScheduleDraft {
  return { name: '', timeZone, layers: [emptyLayerDraft(today)] };
}

/** The edit form filled in from a stored schedule. */
export function toScheduleDraft(schedule: UnitSchedule): ScheduleDraft {
  return {
    name: schedule.name,
    timeZone: schedule.schedule.timeZone,
    layers: schedule.schedule.layers.map(toLayerDraft),
  };
}

function toLayerDraft(layer: ScheduleLayer, index: number): LayerDraft {
  return {
    key: `layer-stored-${index}`,
    rotation: layer.shift.kind,
    hours: layer.shift.kind === 'hours' ? String(layer.shift.hours) : '12',
    handoffTime: layer.handoffTime,
    handoffWeekday: layer.shift.kind === 'weekly' ? (layer.handoffWeekday ?? null) : null,
    startsAt: layer.startsAt,
    participants: layer.participants.map((contactId, position) => ({
      key: `participant-stored-${index}-${position}`,
      contactId,
    })),
    restrictions: (layer.restrictions ?? []).map((restriction, position) => ({
      key: `window-stored-${index}-${position}`,
      weekdays: restriction.weekdays,
      startTime: restriction.startTime,
      endTime: restriction.endTime,
    })),
  };
}

/** Whether a `YYYY-MM-DD` names a day of the calendar. */
function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isShiftHours(value: string): boolean {
  if (!/^\d+$/.test(value.trim())) return false;
  const hours = Number(value);
  return hours >= 1 && hours <= SCHEDULE_LIMITS.hours;
}

/** What keeps the schedule from being sent, by field; an empty object when it can go. */
export function validateScheduleDraft(draft: ScheduleDraft): ScheduleErrors {
  const errors: Record<string, FieldMessage<ScheduleErrorKey>> = {};
  if (draft.name.trim() === '') errors.name = { messageKey: 'nameRequired' };
  const timeZone = draft.timeZone.trim();
  if (timeZone === '') errors.timeZone = { messageKey: 'timeZoneRequired' };
  else if (!isKnownTimeZone(timeZone)) errors.timeZone = { messageKey: 'timeZoneUnknown' };
  draft.layers.forEach((layer, index) => {
    const field = `layers[${index}]`;
    if (layer.rotation === 'hours' && !isShiftHours(layer.hours)) {
      errors[`${field}.shift.hours`] = { messageKey: 'hoursInvalid' };
    }
    if (!TIME_PATTERN.test(layer.handoffTime)) {
      errors[`${field}.handoffTime`] = { messageKey: 'timeInvalid' };
    }
    if (!isDate(layer.startsAt)) errors[`${field}.startsAt`] = { messageKey: 'dateInvalid' };
    if (layer.participants.length === 0) {
      errors[`${field}.participants`] = { messageKey: 'participantsRequired' };
    }
    layer.restrictions.forEach((restriction, position) => {
      const window = `${field}.restrictions[${position}]`;
      if (restriction.weekdays.length === 0) {
        errors[`${window}.weekdays`] = { messageKey: 'weekdaysRequired' };
      }
      if (!TIME_PATTERN.test(restriction.startTime)) {
        errors[`${window}.startTime`] = { messageKey: 'timeInvalid' };
      }
      if (!TIME_PATTERN.test(restriction.endTime)) {
        errors[`${window}.endTime`] = { messageKey: 'timeInvalid' };
      }
    });
  });
  return errors;
}

function toShift(layer: LayerDraft): ShiftLength {
  if (layer.rotation === 'hours') return { kind: 'hours', hours: Number(layer.hours.trim()) };
  return { kind: layer.rotation };
}

function toRestriction(restriction: RestrictionDraft): ScheduleRestriction {
  return {
    weekdays: [...restriction.weekdays].sort((a, b) => a - b),
    startTime: restriction.startTime,
    endTime: restriction.endTime,
  };
}

function toLayer(layer: LayerDraft): ScheduleLayer {
  return {
    participants: layer.participants.map((participant) => participant.contactId),
    shift: toShift(layer),
    handoffTime: layer.handoffTime,
    ...(layer.rotation === 'weekly' &&
      layer.handoffWeekday !== null && { handoffWeekday: layer.handoffWeekday }),
    startsAt: layer.startsAt,
    ...(layer.restrictions.length > 0 && { restrictions: layer.restrictions.map(toRestriction) }),
  };
}

/** The body of `POST /api/v1/units/:id/schedules`. */
export function toCreateSchedule(draft: ScheduleDraft): CreateUnitSchedule {
  return {
    name: draft.name.trim(),
    timeZone: draft.timeZone.trim(),
    layers: draft.layers.map(toLayer),
  };
}

/** The `changes` of `PATCH /api/v1/schedules/:id`: only what changed, or null when nothing did. */
export function scheduleChanges(
  schedule: UnitSchedule,
  draft: ScheduleDraft,
): UpdateUnitSchedule['changes'] | null {
  const wanted = toCreateSchedule(draft);
  const changes: UpdateUnitSchedule['changes'] = {};
  if (wanted.name !== schedule.name) changes.name = wanted.name;
  if (wanted.timeZone !== schedule.schedule.timeZone) changes.timeZone = wanted.timeZone;
  // Both sides go through the form, so a stored layer compares field for field in one order.
  const current = toCreateSchedule(toScheduleDraft(schedule)).layers;
  if (JSON.stringify(wanted.layers) !== JSON.stringify(current)) changes.layers = wanted.layers;
  return Object.keys(changes).length === 0 ? null : changes;
}

const trimmed = mergeBySent((text: string) => text.trim());

/**
 * The form after someone else saved the schedule: what this admin changed since `opened` is
 * kept, the rest takes the schedule as it is now, so saving again does not undo the other change.
 * NOTE: the rotations merge as one field. A rotation has no id, only its place, and a rotation is
 * read as a whole (who, how long, from when), so mixing two people's edits of one could make a
 * rotation neither meant; the admin is told when both changed them.
 */
export function rebaseScheduleDraft(
  opened: UnitSchedule,
  draft: ScheduleDraft,
  current: UnitSchedule,
): MergedDraft<ScheduleDraft> {
  return mergeDraft(toScheduleDraft(opened), draft, toScheduleDraft(current), {
    name: trimmed,
    timeZone: trimmed,
    layers: mergeBySent((layers: readonly LayerDraft[]) => layers.map(toLayer)),
  });
}

const LAYER_FIELDS = [
  '',
  '.shift',
  '.shift.hours',
  '.handoffTime',
  '.handoffWeekday',
  '.startsAt',
  '.participants',
  '.restrictions',
];

/** The fields the schedule form shows a message at, for placing a refusal of the server. */
export function scheduleFields(draft: ScheduleDraft): ReadonlySet<string> {
  const fields = new Set(['name', 'timeZone', 'layers']);
  draft.layers.forEach((layer, index) => {
    const field = `layers[${index}]`;
    for (const name of LAYER_FIELDS) fields.add(`${field}${name}`);
    layer.participants.forEach((_, position) => fields.add(`${field}.participants[${position}]`));
    layer.restrictions.forEach((_, position) => {
      const window = `${field}.restrictions[${position}]`;
      for (const name of ['', '.weekdays', '.startTime', '.endTime'])
        fields.add(`${window}${name}`);
    });
  });
  return fields;
}
