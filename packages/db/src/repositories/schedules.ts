import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { UnitSchedule, UnitScheduleOverride } from '@vaka/domain';
import { scheduleOverrides, schedules } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type ScheduleRow = typeof schedules.$inferSelect;
type OverrideRow = typeof scheduleOverrides.$inferSelect;

/** Stores a new schedule; its overrides are added one by one with insertScheduleOverride. */
export async function insertSchedule(tx: Executor, schedule: UnitSchedule): Promise<void> {
  await tx.insert(schedules).values(toScheduleRow(schedule));
}

/** Stores the new name, time zone, rotations and times of a schedule. */
export async function saveSchedule(tx: Executor, schedule: UnitSchedule): Promise<void> {
  await tx.update(schedules).set(toScheduleRow(schedule)).where(eq(schedules.id, schedule.id));
}

/** Stores a new override of a schedule. */
export async function insertScheduleOverride(
  tx: Executor,
  scheduleId: string,
  override: UnitScheduleOverride,
): Promise<void> {
  await tx.insert(scheduleOverrides).values({
    id: override.id,
    scheduleId,
    contactId: override.contactId,
    fromAt: new Date(override.from),
    toAt: new Date(override.to),
    note: override.note ?? null,
    createdBy: override.createdBy,
    createdAt: new Date(override.createdAt),
    removedAt: null,
  });
}

/** Marks an override removed; it keeps its row for the record. */
export async function removeScheduleOverride(
  tx: Executor,
  overrideId: string,
  at: Date,
): Promise<void> {
  await tx
    .update(scheduleOverrides)
    .set({ removedAt: at })
    .where(eq(scheduleOverrides.id, overrideId));
}

/** One schedule by id, archived or not, with its overrides in force, in the order entered. */
export async function findSchedule(db: Executor, id: string): Promise<UnitSchedule | undefined> {
  const [row] = await db.select().from(schedules).where(eq(schedules.id, id));
  if (!row) return undefined;
  return toSchedule(row, await currentOverrides(db, [id]));
}

/** A unit's schedules in use, by name, with their overrides in force. */
export async function listUnitSchedules(db: Executor, unitId: string): Promise<UnitSchedule[]> {
  const rows = await db
    .select()
    .from(schedules)
    .where(and(eq(schedules.unitId, unitId), isNull(schedules.archivedAt)))
    .orderBy(asc(sql`lower(${schedules.name})`), asc(schedules.id));
  const overrides = await currentOverrides(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toSchedule(row, overrides));
}

// NOTE: every override not removed is kept in the schedule, ended ones too; a schedule's
// overrides are few (a handful a week), and the on-call computation skips those outside its range.
async function currentOverrides(db: Executor, scheduleIds: string[]): Promise<OverrideRow[]> {
  if (scheduleIds.length === 0) return [];
  return db
    .select()
    .from(scheduleOverrides)
    .where(
      and(inArray(scheduleOverrides.scheduleId, scheduleIds), isNull(scheduleOverrides.removedAt)),
    )
    .orderBy(asc(scheduleOverrides.createdAt), asc(scheduleOverrides.id));
}

function toScheduleRow(schedule: UnitSchedule): ScheduleRow {
  return {
    id: schedule.id,
    unitId: schedule.unitId,
    name: schedule.name,
    definition: { timeZone: schedule.schedule.timeZone, layers: schedule.schedule.layers },
    createdAt: new Date(schedule.createdAt),
    updatedAt: new Date(schedule.updatedAt),
    archivedAt: schedule.archivedAt === undefined ? null : new Date(schedule.archivedAt),
  };
}

function toSchedule(row: ScheduleRow, overrides: readonly OverrideRow[]): UnitSchedule {
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    schedule: {
      timeZone: row.definition.timeZone,
      layers: row.definition.layers,
      overrides: overrides.filter((override) => override.scheduleId === row.id).map(toOverride),
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.archivedAt !== null && { archivedAt: row.archivedAt.toISOString() }),
  };
}

function toOverride(row: OverrideRow): UnitScheduleOverride {
  return {
    id: row.id,
    contactId: row.contactId,
    from: row.fromAt.toISOString(),
    to: row.toAt.toISOString(),
    ...(row.note !== null && { note: row.note }),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
