import {
  JournalKind,
  allowedTransitions,
  transitionStatus,
  type Incident,
  type IncidentTransition,
  type IncidentTransitionRequest,
  type JournalEntry,
} from '@vaka/domain';
import { appendJournal, findIncident, lockJournal, saveIncident, type Database } from '@vaka/db';

export type IncidentChange = Partial<
  Pick<Incident, 'title' | 'category' | 'severity' | 'status' | 'location'>
>;

/** The incident does not exist. */
export class IncidentNotFoundError extends Error {
  override name = 'IncidentNotFoundError';
  readonly statusCode = 404;
}

/** The change cannot be made to the incident as it is now; the message says why and what can. */
export class IncidentConflictError extends Error {
  override name = 'IncidentConflictError';
  readonly statusCode = 409;
}

/**
 * Moves an incident along its lifecycle, with why. Refused (409) when someone changed the incident
 * since the caller loaded it, or when its status does not allow the transition.
 */
export async function transitionIncident(
  database: Database,
  incidentId: string,
  request: IncidentTransitionRequest,
  actor: string,
): Promise<JournalEntry> {
  return changeIncident(
    database,
    incidentId,
    (current) => {
      if (Date.parse(current.updatedAt) !== Date.parse(request.expectedUpdatedAt)) {
        throw new IncidentConflictError(
          `Someone changed this incident at ${current.updatedAt}, after you loaded it: look at it again and retry`,
        );
      }
      const status = transitionStatus(current.status, request.transition);
      if (!status) {
        throw new IncidentConflictError(
          `An incident that is ${current.status} cannot ${request.transition}; it can: ${allowedTransitions(current.status).join(', ')}`,
        );
      }
      return { status };
    },
    { actor, reason: request.reason, transition: request.transition },
  );
}

/**
 * Changes an incident and journals its new state in one transaction. Returns the journal entry,
 * which the caller hands to the live hub after commit.
 */
export async function changeIncident(
  database: Database,
  incidentId: string,
  change: IncidentChange | ((current: Incident) => IncidentChange),
  context: {
    actor: string;
    reason?: string;
    transition?: IncidentTransition;
    /** When the change happened; defaults to now. */ at?: Date;
  },
): Promise<JournalEntry> {
  const at = context.at ?? new Date();
  return database.db.transaction(async (tx) => {
    // Under the journal lock, so two changes of one incident never overwrite each other.
    await lockJournal(tx);
    const current = await findIncident(tx, incidentId);
    if (!current) throw new IncidentNotFoundError(`There is no incident ${incidentId}`);
    // Decided under the lock, on the incident as it is now, not as the caller last saw it.
    const changes = typeof change === 'function' ? change(current) : change;
    const incident: Incident = { ...current, ...changes, updatedAt: at.toISOString() };
    const [entry] = await appendJournal(tx, [
      {
        kind: JournalKind.incidentUpdated,
        actor: context.actor,
        incidentId,
        data: {
          incident,
          ...(context.reason !== undefined && { reason: context.reason }),
          ...(context.transition !== undefined && { transition: context.transition }),
        },
      },
    ]);
    await saveIncident(tx, incident);
    return entry!;
  });
}
