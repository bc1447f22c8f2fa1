import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  JournalKind,
  isKnownTimeZone,
  onCallAt,
  onCallGaps,
  onCallShifts,
  type CreateOverride,
  type CreateUnitSchedule,
  type JournalEntry,
  type OnCallGap,
  type OnCallQuery,
  type Schedule,
  type ScheduleLayer,
  type ScheduleOnCall,
  type Unit,
  type UnitOnCall,
  type UnitSchedule,
  type UnitScheduleOverride,
  type UpdateUnitSchedule,
} from '@vaka/domain';
import {
  appendJournal,
  findSchedule,
  findUnit,
  insertSchedule,
  insertScheduleOverride,
  listUnitEscalationPolicies,
  listUnitSchedules,
  lockJournal,
  removeScheduleOverride,
  saveSchedule,
  type Database,
  type Executor,
} from '@vaka/db';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';

type EntryOfKind<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The default range of an on-call answer, and how far ahead "next" is looked for. */
const DEFAULT_RANGE = 14 * DAY;
const LONGEST_RANGE = 31 * DAY;
/** How far ahead "nobody is on call" is a warning. */
const WARNING_AHEAD = DAY;

/** A unit's schedules in use, by name; 404 when there is no such unit. */
export async function findUnitSchedules(
  database: Database,
  unitId: string,
): Promise<UnitSchedule[]> {
  await existingUnit(database.db, unitId);
  return listUnitSchedules(database.db, unitId);
}

/** One schedule, archived or not; 404 when there is none. */
export async function getSchedule(database: Database, scheduleId: string): Promise<UnitSchedule> {
  return existingSchedule(database.db, scheduleId);
}

/**
 * Creates a schedule of a unit, journalled in the same transaction. Refused (400) for a time zone
 * the runtime does not know or a participant who is not a contact of the unit, and (409) for an
 * archived unit.
 */
export async function createSchedule(
  database: Database,
  unitId: string,
  request: CreateUnitSchedule,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'schedule.created'>> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const unit = await existingUnit(tx, unitId);
    refuseArchivedUnit(unit);
    const now = at.toISOString();
    const schedule: UnitSchedule = {
      id: randomUUID(),
      unitId,
      name: scheduleName(request.name),
      schedule: {
        timeZone: checkedTimeZone(request.timeZone ?? unit.timeZone),
        layers: checkedLayers(unit, request.layers),
        overrides: [],
      },
      createdAt: now,
      updatedAt: now,
    };
    await insertSchedule(tx, schedule);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.scheduleCreated, actor, data: { schedule } }],
      at,
    );
    if (entry?.kind !== JournalKind.scheduleCreated) throw new Error('the journal lost an entry');
    return entry;
  });
}

/**
 * Changes a schedule's name, time zone or rotations, journalling its new and previous state.
 * Refused (409) on a stale view or an archived schedule or unit, and (400) for what
 * createSchedule refuses or when nothing would change.
 */
export async function updateSchedule(
  database: Database,
  scheduleId: string,
  request: UpdateUnitSchedule,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'schedule.changed'>> {
  const { changes } = request;
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await existingSchedule(tx, scheduleId);
    refuseArchivedSchedule(current, 'it cannot be changed');
    const unit = await existingUnit(tx, current.unitId);
    refuseArchivedUnit(unit);
    if (Date.parse(current.updatedAt) !== Date.parse(request.expectedUpdatedAt)) {
      throw new ConflictError(
        `Someone changed the schedule ${current.name} at ${current.updatedAt}, after you loaded it: look at it again and retry`,
      );
    }
    const schedule: UnitSchedule = {
      ...current,
      name: changes.name === undefined ? current.name : scheduleName(changes.name),
      schedule: {
        timeZone:
          changes.timeZone === undefined
            ? current.schedule.timeZone
            : checkedTimeZone(changes.timeZone),
        layers:
          changes.layers === undefined
            ? current.schedule.layers
            : checkedLayers(unit, changes.layers),
        overrides: current.schedule.overrides,
      },
    };
    if (isDeepStrictEqual(schedule, current)) {
      throw new BadRequestError('Nothing to change: the schedule already has these values');
    }
    schedule.updatedAt = at.toISOString();
    await saveSchedule(tx, schedule);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.scheduleChanged, actor, data: { schedule, previous: current } }],
      at,
    );
    if (entry?.kind !== JournalKind.scheduleChanged) throw new Error('the journal lost an entry');
    return entry;
  });
}

/** Archives a schedule: nobody is on call through it any more. Refused (409) when it is already. */
export async function archiveSchedule(
  database: Database,
  scheduleId: string,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'schedule.archived'>> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await existingSchedule(tx, scheduleId);
    refuseArchivedSchedule(current, 'there is nothing more to do');
    const naming = (await listUnitEscalationPolicies(tx, current.unitId)).filter((policy) =>
      policy.steps.some((step) =>
        step.targets.some(
          (target) => target.kind === 'schedule' && target.scheduleId === current.id,
        ),
      ),
    );
    if (naming.length > 0) {
      throw new ConflictError(
        `The escalation ${naming.length === 1 ? 'policy' : 'policies'} ${naming.map((policy) => policy.name).join(', ')} reach people through the schedule ${current.name}: take it out there first`,
      );
    }
    const now = at.toISOString();
    const schedule: UnitSchedule = { ...current, updatedAt: now, archivedAt: now };
    await saveSchedule(tx, schedule);
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.scheduleArchived, actor, data: { schedule } }],
      at,
    );
    if (entry?.kind !== JournalKind.scheduleArchived) throw new Error('the journal lost an entry');
    return entry;
  });
}

/**
 * Adds an override ("I take Friday night"), which wins over the rotations and over earlier
 * overrides. Refused (400) when it ends before it begins or names someone who is not a contact of
 * the unit, and (409) for an archived schedule or unit.
 */
export async function addOverride(
  database: Database,
  scheduleId: string,
  request: CreateOverride,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'schedule.override_added'>> {
  if (!(Date.parse(request.from) < Date.parse(request.to))) {
    throw new BadRequestError(
      `to: the override ends at ${request.to}, not after it begins at ${request.from}; give a later end`,
    );
  }
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await existingSchedule(tx, scheduleId);
    refuseArchivedSchedule(current, 'nobody can take over in it');
    const unit = await existingUnit(tx, current.unitId);
    refuseArchivedUnit(unit);
    refuseStranger(unit, request.contactId, 'contactId');
    const note = request.note?.trim();
    const override: UnitScheduleOverride = {
      id: randomUUID(),
      contactId: request.contactId,
      from: new Date(request.from).toISOString(),
      to: new Date(request.to).toISOString(),
      ...(note !== undefined && note !== '' && { note }),
      createdBy: actor,
      createdAt: at.toISOString(),
    };
    await insertScheduleOverride(tx, scheduleId, override);
    // NOTE: an override does not move the schedule's updatedAt, so the duty officer entering one
    // never makes an admin's edit of the rotations stale.
    const schedule: UnitSchedule = {
      ...current,
      schedule: { ...current.schedule, overrides: [...current.schedule.overrides, override] },
    };
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.scheduleOverrideAdded, actor, data: { schedule, override } }],
      at,
    );
    if (entry?.kind !== JournalKind.scheduleOverrideAdded) {
      throw new Error('the journal lost an entry');
    }
    return entry;
  });
}

/** Takes back an override. Refused (404) for one the schedule does not have in force. */
export async function removeOverride(
  database: Database,
  scheduleId: string,
  overrideId: string,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'schedule.override_removed'>> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await existingSchedule(tx, scheduleId);
    refuseArchivedSchedule(current, 'its overrides no longer count');
    const override = current.schedule.overrides.find((candidate) => candidate.id === overrideId);
    if (!override) {
      throw new NotFoundError(
        `The schedule ${current.name} has no override ${overrideId} in force; it may have been removed already`,
      );
    }
    await removeScheduleOverride(tx, overrideId, at);
    const schedule: UnitSchedule = {
      ...current,
      schedule: {
        ...current.schedule,
        overrides: current.schedule.overrides.filter((candidate) => candidate.id !== overrideId),
      },
    };
    const [entry] = await appendJournal(
      tx,
      [{ kind: JournalKind.scheduleOverrideRemoved, actor, data: { schedule, override } }],
      at,
    );
    if (entry?.kind !== JournalKind.scheduleOverrideRemoved) {
      throw new Error('the journal lost an entry');
    }
    return entry;
  });
}

/**
 * Who answers for a unit: per schedule in use, the turns in the range (now to 14 days ahead
 * unless given, at most 31 days), who is on call now and next, and when nobody is in the next 24
 * hours, in each schedule and in all of them together.
 */
export async function unitOnCall(
  database: Database,
  unitId: string,
  query: OnCallQuery,
  now: Date = new Date(),
): Promise<UnitOnCall> {
  const from = query.from === undefined ? now : new Date(query.from);
  const to = query.to === undefined ? new Date(from.getTime() + DEFAULT_RANGE) : new Date(query.to);
  if (!(from < to)) {
    throw new BadRequestError(`to: the range ends at ${to.toISOString()}, not after its start`);
  }
  if (to.getTime() - from.getTime() > LONGEST_RANGE) {
    throw new BadRequestError('to: ask for at most 31 days at a time');
  }
  await existingUnit(database.db, unitId);
  const stored = await listUnitSchedules(database.db, unitId);
  const warnUntil = new Date(now.getTime() + WARNING_AHEAD);
  const schedules = stored.map((unitSchedule): ScheduleOnCall => {
    const schedule = plainSchedule(unitSchedule);
    const current = onCallAt(schedule, now);
    const ahead = onCallShifts(schedule, now, new Date(now.getTime() + DEFAULT_RANGE));
    const next = ahead.find(
      (shift) =>
        Date.parse(shift.from) > now.getTime() &&
        (current === undefined || Date.parse(shift.from) >= Date.parse(current.to)),
    );
    return {
      scheduleId: unitSchedule.id,
      name: unitSchedule.name,
      timeZone: schedule.timeZone,
      shifts: onCallShifts(schedule, from, to),
      ...(current !== undefined && { now: current }),
      ...(next !== undefined && { next }),
      gaps: onCallGaps(schedule, now, warnUntil),
    };
  });
  return {
    unitId,
    from: from.toISOString(),
    to: to.toISOString(),
    asOf: now.toISOString(),
    schedules,
    gaps: commonGaps(
      schedules.map((schedule) => schedule.gaps),
      now,
      warnUntil,
    ),
  };
}

/** The stretches in which every schedule has a gap: nobody at all is on call for the unit. */
function commonGaps(perSchedule: OnCallGap[][], from: Date, to: Date): OnCallGap[] {
  let common: Array<{ from: number; to: number }> = [{ from: from.getTime(), to: to.getTime() }];
  for (const gaps of perSchedule) {
    const next: Array<{ from: number; to: number }> = [];
    for (const a of common) {
      for (const gap of gaps) {
        const start = Math.max(a.from, Date.parse(gap.from));
        const end = Math.min(a.to, Date.parse(gap.to));
        if (start < end) next.push({ from: start, to: end });
      }
    }
    common = next;
  }
  return common.map((gap) => ({
    from: new Date(gap.from).toISOString(),
    to: new Date(gap.to).toISOString(),
  }));
}

function plainSchedule(unitSchedule: UnitSchedule): Schedule {
  return {
    timeZone: unitSchedule.schedule.timeZone,
    layers: unitSchedule.schedule.layers,
    overrides: unitSchedule.schedule.overrides.map(({ contactId, from, to }) => ({
      contactId,
      from,
      to,
    })),
  };
}

async function existingUnit(db: Executor, unitId: string): Promise<Unit> {
  const unit = await findUnit(db, unitId);
  if (!unit) throw new NotFoundError(`There is no unit ${unitId}`);
  return unit;
}

async function existingSchedule(db: Executor, scheduleId: string): Promise<UnitSchedule> {
  const schedule = await findSchedule(db, scheduleId);
  if (!schedule) throw new NotFoundError(`There is no schedule ${scheduleId}`);
  return schedule;
}

function refuseArchivedUnit(unit: Unit): void {
  if (unit.archivedAt === undefined) return;
  throw new ConflictError(
    `The unit ${unit.name} was archived at ${unit.archivedAt}; its schedules cannot be changed`,
  );
}

function refuseArchivedSchedule(schedule: UnitSchedule, consequence: string): void {
  if (schedule.archivedAt === undefined) return;
  throw new ConflictError(
    `The schedule ${schedule.name} was archived at ${schedule.archivedAt}; ${consequence}`,
  );
}

function refuseStranger(unit: Unit, contactId: string, field: string): void {
  if (unit.contacts.some((contact) => contact.id === contactId)) return;
  throw new BadRequestError(
    `${field}: ${contactId} is not a contact of the unit ${unit.name}; use the ids of its contacts`,
  );
}

function scheduleName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new BadRequestError('name: give the schedule a name');
  return trimmed;
}

function checkedTimeZone(timeZone: string): string {
  if (!isKnownTimeZone(timeZone)) {
    throw new BadRequestError(
      `timeZone: ${timeZone} is not a time zone; use an IANA name such as Europe/Stockholm`,
    );
  }
  // The runtime's own spelling, as units store theirs.
  return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
}

function checkedLayers(unit: Unit, layers: ScheduleLayer[]): ScheduleLayer[] {
  layers.forEach((layer, index) => {
    layer.participants.forEach((contactId, position) =>
      refuseStranger(unit, contactId, `layers[${index}].participants[${position}]`),
    );
  });
  return layers;
}
