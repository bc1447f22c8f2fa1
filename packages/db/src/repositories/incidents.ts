import { desc, eq, ne } from 'drizzle-orm';
import type { Incident } from '@vaka/domain';
import { incidents } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type IncidentRow = typeof incidents.$inferSelect;

/** Stores the new state of an incident and returns it, or undefined when there is none. */
export async function saveIncident(
  tx: Executor,
  incident: Incident,
): Promise<Incident | undefined> {
  const [row] = await tx
    .update(incidents)
    .set(toIncidentRow(incident))
    .where(eq(incidents.id, incident.id))
    .returning();
  return row && toIncident(row);
}

/** One incident by id. */
export async function findIncident(db: Executor, id: string): Promise<Incident | undefined> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  return row && toIncident(row);
}

/** Every incident that is not closed, newest first. */
export async function listOpenIncidents(db: Executor): Promise<Incident[]> {
  const rows = await db
    .select()
    .from(incidents)
    .where(ne(incidents.status, 'closed'))
    .orderBy(desc(incidents.openedAt), desc(incidents.id));
  return rows.map(toIncident);
}

function toIncidentRow(incident: Incident): IncidentRow {
  return {
    ...incident,
    openedAt: new Date(incident.openedAt),
    updatedAt: new Date(incident.updatedAt),
    district: incident.district ?? null,
    mergedInto: incident.mergedInto ?? null,
  };
}

/** An incident as the API shows it, from its row. */
export function toIncident(row: IncidentRow): Incident {
  const { district, mergedInto, ...rest } = row;
  return {
    ...rest,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(district !== null && { district }),
    ...(mergedInto !== null && { mergedInto }),
  };
}
