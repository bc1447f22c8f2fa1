import {
  PlannedEventKind,
  type CreatePlannedEvent,
  type Location,
  type PlannedEvent,
  type UpdatePlannedEvent,
} from '@vaka/domain';
import { parseCityTime, toCityTimeInput } from '../../lib/time-format.ts';
import { mergeDraft, mergeBySent, type MergedDraft } from '../admin/draft-merge.ts';

/** The limits of PlannedEventFieldsSchema. */
export const PLANNED_EVENT_LIMITS = {
  title: 200,
  address: 300,
  notes: 5_000,
  crowd: 10_000_000,
} as const;

/** A planned event's form as typed; times are the city's wall clock (`datetime-local`). */
export interface PlannedEventDraft {
  readonly title: string;
  readonly kind: PlannedEventKind;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly address: string;
  readonly latitude: string;
  readonly longitude: string;
  readonly expectedCrowd: string;
  readonly responsibleUnitIds: readonly string[];
  readonly notes: string;
}

/** Which message (a key under `plannedEvents.errors`) a field that cannot be sent shows. */
export type PlannedEventDraftErrors = Partial<{
  title: 'titleRequired';
  startsAt: 'timeInvalid';
  endsAt: 'timeInvalid' | 'endsBeforeStarts';
  address: 'placeRequired';
  latitude: 'latitudeInvalid';
  longitude: 'longitudeInvalid';
  expectedCrowd: 'crowdInvalid';
}>;

const HOUR = 60 * 60 * 1000;

/** An empty form: starting at the next full hour, for two hours. */
export function emptyPlannedEventDraft(now: Date, timeZone: string): PlannedEventDraft {
  const start = new Date(Math.ceil(now.getTime() / HOUR) * HOUR);
  return {
    title: '',
    kind: PlannedEventKind.other,
    startsAt: toCityTimeInput(start, timeZone),
    endsAt: toCityTimeInput(new Date(start.getTime() + 2 * HOUR), timeZone),
    address: '',
    latitude: '',
    longitude: '',
    expectedCrowd: '',
    responsibleUnitIds: [],
    notes: '',
  };
}

/** The form of an event as it is. */
export function toPlannedEventDraft(event: PlannedEvent, timeZone: string): PlannedEventDraft {
  const coordinates = event.location.coordinates;
  return {
    title: event.title,
    kind: event.kind,
    startsAt: toCityTimeInput(new Date(event.startsAt), timeZone),
    endsAt: toCityTimeInput(new Date(event.endsAt), timeZone),
    address: event.location.address ?? '',
    latitude: coordinates === undefined ? '' : String(coordinates.lat),
    longitude: coordinates === undefined ? '' : String(coordinates.lon),
    expectedCrowd: event.expectedCrowd === undefined ? '' : String(event.expectedCrowd),
    responsibleUnitIds: event.responsibleUnitIds,
    notes: event.notes,
  };
}

/** What keeps the event from being saved; an empty object when it can go. */
export function validatePlannedEventDraft(
  draft: PlannedEventDraft,
  timeZone: string,
): PlannedEventDraftErrors {
  const errors: PlannedEventDraftErrors = {};
  if (draft.title.trim() === '') errors.title = 'titleRequired';
  const startsAt = parseCityTime(draft.startsAt, timeZone);
  const endsAt = parseCityTime(draft.endsAt, timeZone);
  if (startsAt === null) errors.startsAt = 'timeInvalid';
  if (endsAt === null) errors.endsAt = 'timeInvalid';
  else if (startsAt !== null && endsAt <= startsAt) errors.endsAt = 'endsBeforeStarts';
  const latitude = parseDecimal(draft.latitude);
  const longitude = parseDecimal(draft.longitude);
  const bothOrNeither = (draft.latitude.trim() === '') === (draft.longitude.trim() === '');
  if (draft.latitude.trim() !== '' || !bothOrNeither) {
    if (latitude === null || Math.abs(latitude) > 90) errors.latitude = 'latitudeInvalid';
  }
  if (draft.longitude.trim() !== '' || !bothOrNeither) {
    if (longitude === null || Math.abs(longitude) > 180) errors.longitude = 'longitudeInvalid';
  }
  if (draft.address.trim() === '' && draft.latitude.trim() === '') errors.address = 'placeRequired';
  const crowd = draft.expectedCrowd.trim();
  if (crowd !== '' && parseCrowd(crowd) === null) errors.expectedCrowd = 'crowdInvalid';
  return errors;
}

/** Whether a validation found nothing to fix. */
export function isValidDraft(errors: PlannedEventDraftErrors): boolean {
  return Object.values(errors).every((error) => error === undefined);
}

/** The body of `POST /api/v1/planned-events`, from a valid draft. */
export function toCreatePlannedEvent(
  draft: PlannedEventDraft,
  timeZone: string,
): CreatePlannedEvent {
  const crowd = parseCrowd(draft.expectedCrowd.trim());
  return {
    title: draft.title.trim(),
    kind: draft.kind,
    startsAt: instant(draft.startsAt, timeZone),
    endsAt: instant(draft.endsAt, timeZone),
    location: toLocation(draft),
    ...(crowd !== null && { expectedCrowd: crowd }),
    responsibleUnitIds: [...draft.responsibleUnitIds],
    notes: draft.notes.trim(),
  };
}

/** The body of `PATCH /api/v1/planned-events/:id`: only what changed; null when nothing did. */
export function plannedEventChanges(
  event: PlannedEvent,
  draft: PlannedEventDraft,
  timeZone: string,
): UpdatePlannedEvent | null {
  const wanted = toCreatePlannedEvent(draft, timeZone);
  const changes: UpdatePlannedEvent['changes'] = {};
  if (wanted.title !== event.title) changes.title = wanted.title;
  if (wanted.kind !== event.kind) changes.kind = wanted.kind;
  if (Date.parse(wanted.startsAt) !== Date.parse(event.startsAt))
    changes.startsAt = wanted.startsAt;
  if (Date.parse(wanted.endsAt) !== Date.parse(event.endsAt)) changes.endsAt = wanted.endsAt;
  if (!sameLocation(wanted.location, event.location)) changes.location = wanted.location;
  if (wanted.expectedCrowd !== event.expectedCrowd) {
    changes.expectedCrowd = wanted.expectedCrowd ?? null;
  }
  if (wanted.responsibleUnitIds.join() !== event.responsibleUnitIds.join()) {
    changes.responsibleUnitIds = wanted.responsibleUnitIds;
  }
  if (wanted.notes !== event.notes) changes.notes = wanted.notes;
  if (Object.keys(changes).length === 0) return null;
  return { expectedUpdatedAt: event.updatedAt, changes };
}

/**
 * After a 409: the form merged with the event as someone else saved it — a field left alone
 * takes their value, a changed one keeps what was typed; times and units are compared by what
 * they would send.
 */
export function mergePlannedEventDraft(
  base: PlannedEventDraft,
  mine: PlannedEventDraft,
  theirs: PlannedEventDraft,
): MergedDraft<PlannedEventDraft> {
  const trimmed = mergeBySent((value: string) => value.trim());
  return mergeDraft(base, mine, theirs, {
    title: trimmed,
    address: trimmed,
    notes: trimmed,
    expectedCrowd: mergeBySent((value: string) => parseCrowd(value.trim())),
    latitude: mergeBySent(parseDecimal),
    longitude: mergeBySent(parseDecimal),
  });
}

function toLocation(draft: PlannedEventDraft): Location {
  const address = draft.address.trim();
  const lat = parseDecimal(draft.latitude);
  const lon = parseDecimal(draft.longitude);
  return {
    ...(address !== '' && { address }),
    ...(lat !== null && lon !== null && { coordinates: { lat, lon } }),
  };
}

function sameLocation(a: Location, b: Location): boolean {
  return (
    a.address === b.address &&
    a.coordinates?.lat === b.coordinates?.lat &&
    a.coordinates?.lon === b.coordinates?.lon
  );
}

function instant(value: string, timeZone: string): string {
  return (parseCityTime(value, timeZone) ?? new Date(Number.NaN)).toISOString();
}

/** A decimal number as typed, with a point or a comma; null when it is none. */
function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** A whole number of people, spaces and separators allowed ("30 000"); null when it is none. */
function parseCrowd(text: string): number | null {
  const digits = text.replace(/[\s.,\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  const crowd = Number(digits);
  return crowd <= PLANNED_EVENT_LIMITS.crowd ? crowd : null;
}
