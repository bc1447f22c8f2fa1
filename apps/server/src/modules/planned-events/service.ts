import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  JournalKind,
  districtAt,
  type CancelPlannedEvent,
  type CreatePlannedEvent,
  type DistrictCollection,
  type JournalEntry,
  type PlannedEvent,
  type PlannedEventQuery,
  type UpdatePlannedEvent,
} from '@vaka/domain';
import {
  appendJournal,
  findPlannedEvent,
  insertPlannedEvent,
  listPlannedEvents,
  listUnits,
  lockJournal,
  savePlannedEvent,
  type Database,
  type Executor,
} from '@vaka/db';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';

type EntryOfKind<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>;

/** How far ahead the calendar looks when the caller names no end. */
export const DEFAULT_CALENDAR_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The fields a change may touch, whose old values the journal keeps. */
const CHANGEABLE_FIELDS = [
  'title',
  'kind',
  'startsAt',
  'endsAt',
  'location',
  'expectedCrowd',
  'responsibleUnitIds',
  'notes',
] as const;

/**
 * The planned events overlapping [from, to), soonest first: from now and two weeks on when not
 * given; called-off ones only when asked for.
 */
export async function findPlannedEvents(
  database: Database,
  query: PlannedEventQuery,
  now: Date,
): Promise<PlannedEvent[]> {
  const from = query.from === undefined ? now : new Date(query.from);
  const to =
    query.to === undefined
      ? new Date(from.getTime() + DEFAULT_CALENDAR_DAYS * DAY_MS)
      : new Date(query.to);
  if (from >= to) {
    throw new BadRequestError(
      `from (${from.toISOString()}) must be before to (${to.toISOString()}): no event can fall in between`,
    );
  }
  return listPlannedEvents(database.db, { from, to, cancelled: query.cancelled === 'true' });
}

/** One planned event, cancelled or not; 404 when there is none. */
export async function getPlannedEvent(database: Database, eventId: string): Promise<PlannedEvent> {
  const event = await findPlannedEvent(database.db, eventId);
  if (!event) throw new NotFoundError(`There is no planned event ${eventId}`);
  return event;
}

/**
 * Puts a known event in the calendar, placed in its district by its coordinates, journalled in the
 * same transaction. Refused (400) when it ends before it starts or names a unit Vaka does not know.
 */
export async function createPlannedEvent(
  database: Database,
  districts: DistrictCollection,
  request: CreatePlannedEvent,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'planned_event.created'>> {
  refuseBackwardTimes(request.startsAt, request.endsAt);
  const now = at.toISOString();
  const district = districtAt(districts, request.location);
  const event: PlannedEvent = {
    id: randomUUID(),
    title: request.title.trim(),
    kind: request.kind,
    startsAt: new Date(request.startsAt).toISOString(),
    endsAt: new Date(request.endsAt).toISOString(),
    location: request.location,
    ...(district !== undefined && { district }),
    ...(request.expectedCrowd !== undefined && { expectedCrowd: request.expectedCrowd }),
    responsibleUnitIds: request.responsibleUnitIds,
    notes: request.notes,
    createdAt: now,
    createdBy: actor,
    updatedAt: now,
  };
  refuseBlankTitle(event.title);
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    await refuseUnknownUnits(tx, event.responsibleUnitIds, []);
    await insertPlannedEvent(tx, event);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.plannedEventCreated, actor, data: { event } }],
      at,
    );
    if (entry?.kind !== JournalKind.plannedEventCreated)
      throw new Error('the journal lost an entry');
    return entry;
  });
}

/**
 * Changes some fields of a planned event, journalling the values the changed ones had;
 * `expectedCrowd: null` clears the crowd. Refused (409) on a stale view or a cancelled event, and
 * (400) for what createPlannedEvent refuses or when nothing would change.
 */
export async function updatePlannedEvent(
  database: Database,
  districts: DistrictCollection,
  eventId: string,
  request: UpdatePlannedEvent,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'planned_event.changed'>> {
  const { changes } = request;
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await findPlannedEvent(tx, eventId);
    if (!current) throw new NotFoundError(`There is no planned event ${eventId}`);
    refuseCancelled(current, 'it cannot be changed');
    refuseStale(current, request.expectedUpdatedAt);
    const { expectedCrowd: _crowd, district: _district, ...kept } = current;
    const expectedCrowd =
      changes.expectedCrowd === undefined
        ? current.expectedCrowd
        : (changes.expectedCrowd ?? undefined);
    const location = changes.location ?? current.location;
    const district = districtAt(districts, location);
    const event: PlannedEvent = {
      ...kept,
      title: changes.title?.trim() ?? current.title,
      kind: changes.kind ?? current.kind,
      startsAt: new Date(changes.startsAt ?? current.startsAt).toISOString(),
      endsAt: new Date(changes.endsAt ?? current.endsAt).toISOString(),
      location,
      ...(district !== undefined && { district }),
      ...(expectedCrowd !== undefined && { expectedCrowd }),
      responsibleUnitIds: changes.responsibleUnitIds ?? current.responsibleUnitIds,
      notes: changes.notes ?? current.notes,
    };
    refuseBlankTitle(event.title);
    refuseBackwardTimes(event.startsAt, event.endsAt);
    const previous: Record<string, unknown> = {};
    for (const field of CHANGEABLE_FIELDS) {
      if (!isDeepStrictEqual(current[field], event[field])) {
        // A crowd that was not given is journalled as null, the value that clears it.
        previous[field] = current[field] ?? null;
      }
    }
    if (Object.keys(previous).length === 0) {
      throw new BadRequestError('Nothing to change: the planned event already has these values');
    }
    await refuseUnknownUnits(tx, event.responsibleUnitIds, current.responsibleUnitIds);
    event.updatedAt = at.toISOString();
    await savePlannedEvent(tx, event);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.plannedEventChanged, actor, data: { event, previous } }],
      at,
    );
    if (entry?.kind !== JournalKind.plannedEventChanged)
      throw new Error('the journal lost an entry');
    return entry;
  });
}

/**
 * Calls a planned event off, with why: it stays in the calendar, marked. Refused (409) on a stale
 * view or when it was called off already.
 */
export async function cancelPlannedEvent(
  database: Database,
  eventId: string,
  request: CancelPlannedEvent,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'planned_event.cancelled'>> {
  const reason = request.reason.trim();
  if (reason === '') {
    throw new BadRequestError('Say why the event is called off: the reason is empty');
  }
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await findPlannedEvent(tx, eventId);
    if (!current) throw new NotFoundError(`There is no planned event ${eventId}`);
    refuseCancelled(current, 'there is nothing more to call off');
    refuseStale(current, request.expectedUpdatedAt);
    const now = at.toISOString();
    const event: PlannedEvent = {
      ...current,
      cancelledAt: now,
      cancelledBy: actor,
      cancelReason: reason,
      updatedAt: now,
    };
    await savePlannedEvent(tx, event);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.plannedEventCancelled, actor, data: { event, reason } }],
      at,
    );
    if (entry?.kind !== JournalKind.plannedEventCancelled) {
      throw new Error('the journal lost an entry');
    }
    return entry;
  });
}

function refuseBackwardTimes(startsAt: string, endsAt: string): void {
  if (Date.parse(endsAt) <= Date.parse(startsAt)) {
    throw new BadRequestError(
      `The event must end after it starts: it starts at ${startsAt} and ends at ${endsAt}`,
    );
  }
}

function refuseBlankTitle(title: string): void {
  if (title === '') throw new BadRequestError('Give the event a title: it is empty');
}

/** Refuses a change made on a view older than the event's last change. */
function refuseStale(current: PlannedEvent, expectedUpdatedAt: string): void {
  if (Date.parse(current.updatedAt) !== Date.parse(expectedUpdatedAt)) {
    throw new ConflictError(
      `Someone changed the planned event "${current.title}" at ${current.updatedAt}, after you loaded it: look at it again and retry`,
    );
  }
}

function refuseCancelled(current: PlannedEvent, consequence: string): void {
  if (current.cancelledAt === undefined) return;
  throw new ConflictError(
    `The planned event "${current.title}" was called off at ${current.cancelledAt}; ${consequence}`,
  );
}

/**
 * Refuses (400) unit ids Vaka does not know, and archived units newly named: nobody answers for
 * those any more. A unit archived after it was named may stay.
 */
async function refuseUnknownUnits(
  tx: Executor,
  unitIds: readonly string[],
  alreadyNamed: readonly string[],
): Promise<void> {
  if (unitIds.length === 0) return;
  const units = new Map(
    (await listUnits(tx, { includeArchived: true })).map((unit) => [unit.id, unit]),
  );
  const unknown = unitIds.filter((id) => !units.has(id));
  if (unknown.length > 0) {
    throw new BadRequestError(
      `There is no unit ${unknown.join(', ')}: choose the responsible units from the list of units`,
    );
  }
  const archived = unitIds
    .filter((id) => !alreadyNamed.includes(id))
    .map((id) => units.get(id))
    .filter((unit) => unit?.archivedAt !== undefined);
  if (archived.length > 0) {
    throw new BadRequestError(
      `The unit ${archived.map((unit) => unit?.name).join(', ')} is archived: choose a unit in use`,
    );
  }
}
