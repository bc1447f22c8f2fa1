import { JournalKind, type Incident, type JournalEntry } from '@vaka/domain';
import { appendJournal, findIncident, lockJournal, saveIncident, type Database } from '@vaka/db';

export type IncidentChange = Partial<
  Pick<Incident, 'title' | 'category' | 'severity' | 'status' | 'location'>
>;

/** The incident does not exist. */
export class IncidentNotFoundError extends Error {
  override name = 'IncidentNotFoundError';
  readonly statusCode = 404;
}

/**
 * Changes an incident and journals its new state in one transaction. Returns the journal entry,
 * which the caller hands to the live hub after commit.
 */
export async function changeIncident(
  database: Database,
  incidentId: string,
  change: IncidentChange,
  context: {
    actor: string;
    reason?: string;
    /** When the change happened; defaults to now. */ at?: Date;
  },
): Promise<JournalEntry> {
  const at = context.at ?? new Date();
  return database.db.transaction(async (tx) => {
    // Under the journal lock, so two changes of one incident never overwrite each other.
    await lockJournal(tx);
    const current = await findIncident(tx, incidentId);
    if (!current) throw new IncidentNotFoundError(`There is no incident ${incidentId}`);
    const incident: Incident = { ...current, ...change, updatedAt: at.toISOString() };
    const [entry] = await appendJournal(tx, [
      {
        kind: JournalKind.incidentUpdated,
        actor: context.actor,
        incidentId,
        data: { incident, ...(context.reason !== undefined && { reason: context.reason }) },
      },
    ]);
    await saveIncident(tx, incident);
    return entry!;
  });
}
