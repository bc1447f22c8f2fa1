import type { CreateOverride } from '@vaka/domain';
import { parseCityTime, toCityTimeInput } from '../../lib/time-format.ts';
import type { FieldMessage, FieldMessages } from './field-errors.ts';

const HOUR = 3_600_000;

/** The limit of an override's note in CreateOverrideSchema. */
export const OVERRIDE_NOTE_LIMIT = 500;

/**
 * An override as typed: who takes over, and from when to when as wall-clock times of the unit's
 * time zone (the values of `<input type="datetime-local">`).
 */
export interface OverrideDraft {
  readonly contactId: string;
  readonly from: string;
  readonly to: string;
  readonly note: string;
}

export type OverrideErrorKey = 'contactRequired' | 'timeRequired' | 'endBeforeStart';
export type OverrideErrors = FieldMessages<OverrideErrorKey>;

/** The fields the override form shows a message at. */
export const OVERRIDE_FIELDS: ReadonlySet<string> = new Set(['contactId', 'from', 'to', 'note']);

/** A new override from the next full hour, for twelve hours: a night or a day shift. */
export function emptyOverrideDraft(now: Date, timeZone: string): OverrideDraft {
  // NOTE: the next full hour of UTC is the next full hour of every zone with a whole-hour offset,
  // which all the cities Vaka serves have.
  const from = new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
  const to = new Date(from.getTime() + 12 * HOUR);
  return {
    contactId: '',
    from: toCityTimeInput(from, timeZone),
    to: toCityTimeInput(to, timeZone),
    note: '',
  };
}

/** What keeps the override from being sent, by field; an empty object when it can go. */
export function validateOverrideDraft(draft: OverrideDraft, timeZone: string): OverrideErrors {
  const errors: Record<string, FieldMessage<OverrideErrorKey>> = {};
  if (draft.contactId === '') errors.contactId = { messageKey: 'contactRequired' };
  const from = parseCityTime(draft.from, timeZone);
  const to = parseCityTime(draft.to, timeZone);
  if (from === null) errors.from = { messageKey: 'timeRequired' };
  if (to === null) errors.to = { messageKey: 'timeRequired' };
  else if (from !== null && to <= from) errors.to = { messageKey: 'endBeforeStart' };
  return errors;
}

/** The body of `POST /api/v1/schedules/:id/overrides`; null when the draft is not valid. */
export function toCreateOverride(draft: OverrideDraft, timeZone: string): CreateOverride | null {
  const from = parseCityTime(draft.from, timeZone);
  const to = parseCityTime(draft.to, timeZone);
  if (draft.contactId === '' || from === null || to === null) return null;
  const note = draft.note.trim();
  return {
    contactId: draft.contactId,
    from: from.toISOString(),
    to: to.toISOString(),
    ...(note !== '' && { note }),
  };
}
