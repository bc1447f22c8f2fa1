import { desc, eq, sql } from 'drizzle-orm';
import {
  HandoverStatus,
  JournalKind,
  type Handover,
  type HandoverIncident,
  type OnDuty,
} from '@vaka/domain';
import { handovers, users } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type HandoverRow = typeof handovers.$inferSelect;
type LastNote = NonNullable<HandoverIncident['lastNote']>;

/** Stores a new handover. */
export async function insertHandover(tx: Executor, handover: Handover): Promise<void> {
  await tx.insert(handovers).values(toRow(handover));
}

/** Stores the new notes, picture or confirmation of a handover. */
export async function saveHandover(tx: Executor, handover: Handover): Promise<void> {
  await tx.update(handovers).set(toRow(handover)).where(eq(handovers.id, handover.id));
}

/** One handover by id. */
export async function findHandover(db: Executor, id: string): Promise<Handover | undefined> {
  const [row] = await db.select().from(handovers).where(eq(handovers.id, id));
  return row && toHandover(row);
}

/** The handover in progress: the draft not yet confirmed, if there is one. */
export async function findHandoverDraft(db: Executor): Promise<Handover | undefined> {
  const [row] = await db
    .select()
    .from(handovers)
    .where(eq(handovers.status, HandoverStatus.draft))
    .orderBy(desc(handovers.createdAt), desc(handovers.id))
    .limit(1);
  return row && toHandover(row);
}

/** The latest handovers, newest first, at most `limit`. */
export async function listHandovers(db: Executor, limit: number): Promise<Handover[]> {
  const rows = await db
    .select()
    .from(handovers)
    .orderBy(desc(handovers.createdAt), desc(handovers.id))
    .limit(limit);
  return rows.map(toHandover);
}

/**
 * Who is on duty: the person who confirmed the latest handover, with their name as the accounts
 * table has it now (the username when the account is gone); nobody before the first.
 */
export async function findOnDuty(db: Executor): Promise<OnDuty> {
  const [row] = await db
    .select({
      handoverId: handovers.id,
      username: handovers.confirmedBy,
      confirmedAt: handovers.confirmedAt,
      displayName: users.displayName,
    })
    .from(handovers)
    .leftJoin(users, eq(users.username, handovers.confirmedBy))
    .where(eq(handovers.status, HandoverStatus.confirmed))
    .orderBy(desc(handovers.confirmedAt), desc(handovers.id))
    .limit(1);
  if (!row || row.username === null || row.confirmedAt === null) return {};
  return {
    onDuty: {
      username: row.username,
      displayName: row.displayName ?? row.username,
      since: row.confirmedAt.toISOString(),
      handoverId: row.handoverId,
    },
  };
}

/**
 * The last note written on each of these incidents, by incident id, with its text as last
 * corrected (the note itself stays as it was in the journal).
 */
export async function lastIncidentNotes(
  db: Executor,
  incidentIds: readonly string[],
): Promise<Map<string, LastNote>> {
  if (incidentIds.length === 0) return new Map();
  const result = await db.execute<{
    incident_id: string;
    recorded_at: Date | string;
    actor: string;
    text: string;
  }>(sql`
    select distinct on (note.incident_id)
      note.incident_id, note.recorded_at, note.actor,
      coalesce(correction.data->>'text', note.data->>'text') as text
    from journal note
    left join lateral (
      select c.data from journal c
      where c.incident_id = note.incident_id
        and c.kind = ${JournalKind.entryCorrected}
        and (c.data->>'seq')::bigint = note.seq
      order by c.seq desc
      limit 1
    ) correction on true
    where note.kind = ${JournalKind.noteAdded}
      and note.incident_id in (${sql.join(
        incidentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
    order by note.incident_id, note.seq desc`);
  return new Map(
    result.rows.map((row) => [
      row.incident_id,
      { text: row.text, at: new Date(row.recorded_at).toISOString(), actor: row.actor },
    ]),
  );
}

function toRow(handover: Handover): HandoverRow {
  return {
    id: handover.id,
    status: handover.status,
    picture: handover.picture,
    notes: handover.notes,
    createdBy: handover.createdBy,
    createdAt: new Date(handover.createdAt),
    updatedAt: new Date(handover.updatedAt),
    confirmedBy: handover.confirmedBy ?? null,
    confirmedAt: handover.confirmedAt === undefined ? null : new Date(handover.confirmedAt),
  };
}

function toHandover(row: HandoverRow): Handover {
  return {
    id: row.id,
    status: row.status,
    picture: row.picture,
    notes: row.notes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.confirmedBy !== null && { confirmedBy: row.confirmedBy }),
    ...(row.confirmedAt !== null && { confirmedAt: row.confirmedAt.toISOString() }),
  };
}
