import { and, asc, eq, gt, isNull, lt, type SQL } from 'drizzle-orm';
import type { PlannedEvent } from '@vaka/domain';
import { plannedEvents } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type PlannedEventRow = typeof plannedEvents.$inferSelect;

/** Which planned events a list covers: those overlapping [from, to). */
export interface PlannedEventWindow {
  from: Date;
  to: Date;
  /** Called-off events too, marked; left out when false. */
  cancelled: boolean;
}

/** Stores a new planned event. */
export async function insertPlannedEvent(tx: Executor, event: PlannedEvent): Promise<void> {
  await tx.insert(plannedEvents).values(toPlannedEventRow(event));
}

/** Stores the new state of a planned event. */
export async function savePlannedEvent(tx: Executor, event: PlannedEvent): Promise<void> {
  await tx
    .update(plannedEvents)
    .set(toPlannedEventRow(event))
    .where(eq(plannedEvents.id, event.id));
}

/** One planned event by id, cancelled or not. */
export async function findPlannedEvent(
  db: Executor,
  id: string,
): Promise<PlannedEvent | undefined> {
  const [row] = await db.select().from(plannedEvents).where(eq(plannedEvents.id, id));
  return row && toPlannedEvent(row);
}

/**
 * The planned events under way at some moment of [from, to), soonest first; an event that began
 * before `from` and is still going counts.
 */
export async function listPlannedEvents(
  db: Executor,
  window: PlannedEventWindow,
): Promise<PlannedEvent[]> {
  const conditions: SQL[] = [
    lt(plannedEvents.startsAt, window.to),
    gt(plannedEvents.endsAt, window.from),
  ];
  if (!window.cancelled) conditions.push(isNull(plannedEvents.cancelledAt));
  const rows = await db
    .select()
    .from(plannedEvents)
    .where(and(...conditions))
    .orderBy(asc(plannedEvents.startsAt), asc(plannedEvents.endsAt), asc(plannedEvents.id));
  return rows.map(toPlannedEvent);
}

function toPlannedEventRow(event: PlannedEvent): PlannedEventRow {
  return {
    id: event.id,
    title: event.title,
    kind: event.kind,
    startsAt: new Date(event.startsAt),
    endsAt: new Date(event.endsAt),
    location: event.location,
    district: event.district ?? null,
    expectedCrowd: event.expectedCrowd ?? null,
    responsibleUnitIds: event.responsibleUnitIds,
    notes: event.notes,
    createdAt: new Date(event.createdAt),
    createdBy: event.createdBy,
    updatedAt: new Date(event.updatedAt),
    cancelledAt: event.cancelledAt === undefined ? null : new Date(event.cancelledAt),
    cancelledBy: event.cancelledBy ?? null,
    cancelReason: event.cancelReason ?? null,
  };
}

/** A planned event as the API shows it, from its row. */
function toPlannedEvent(row: PlannedEventRow): PlannedEvent {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    location: row.location,
    ...(row.district !== null && { district: row.district }),
    ...(row.expectedCrowd !== null && { expectedCrowd: row.expectedCrowd }),
    responsibleUnitIds: row.responsibleUnitIds,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    ...(row.cancelledAt !== null && { cancelledAt: row.cancelledAt.toISOString() }),
    ...(row.cancelledBy !== null && { cancelledBy: row.cancelledBy }),
    ...(row.cancelReason !== null && { cancelReason: row.cancelReason }),
  };
}
