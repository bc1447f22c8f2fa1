import type { Incident } from '../contracts/incident.ts';
import { IncidentStatus } from '../contracts/enums.ts';
import { JournalKind, type HiddenJournalEntry, type JournalEntry } from '../contracts/journal.ts';

/** Open incidents by id, as a console holds them. */
export type IncidentMap = ReadonlyMap<string, Incident>;

/**
 * Applies journal entries to the open incidents. Pure: returns a new map when anything changed
 * and the same map otherwise, so stores can compare by reference.
 */
export function applyJournalEntries(
  incidents: IncidentMap,
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): IncidentMap {
  let next: Map<string, Incident> | undefined;
  for (const entry of entries) {
    switch (entry.kind) {
      case JournalKind.incidentOpened:
      case JournalKind.incidentUpdated: {
        next ??= new Map(incidents);
        const incident = entry.data.incident;
        if (incident.status === IncidentStatus.closed) next.delete(incident.id);
        else next.set(incident.id, incident);
        break;
      }
      case JournalKind.reportReceived:
        break;
    }
  }
  return next ?? incidents;
}

/** Open incidents newest first, the order the duty officer's list shows. */
export function sortIncidentsNewestFirst(incidents: Iterable<Incident>): Incident[] {
  return [...incidents].sort((a, b) =>
    a.openedAt === b.openedAt ? b.id.localeCompare(a.id) : b.openedAt.localeCompare(a.openedAt),
  );
}
