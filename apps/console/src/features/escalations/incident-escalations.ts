import type { Escalation, HiddenJournalEntry, JournalEntry } from '@vaka/domain';

/** The escalation state an entry carries, when it is about an escalation. */
function carried(entry: JournalEntry | HiddenJournalEntry): Escalation | undefined {
  if (!('data' in entry) || !('escalation' in entry.data)) return undefined;
  return entry.data.escalation;
}

/**
 * An incident's escalations, newest first, as the server answered, each replaced by the state
 * a live entry journaled after the request carried (and any started since added), so the pane
 * follows the engine at once rather than after the next answer. NOTE: entries are ordered by
 * sequence, not by `updatedAt`: a step notified or a message that failed keeps the escalation's
 * `updatedAt`. An entry a little older than the answer only shows until the answer to the
 * request that entry itself set off arrives.
 */
export function withLiveStates(
  fetched: readonly Escalation[],
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
  incidentId: string,
  afterSeq: number,
): Escalation[] {
  const byId = new Map(fetched.map((escalation) => [escalation.id, escalation]));
  for (const entry of entries) {
    const escalation = carried(entry);
    if (escalation === undefined || escalation.incidentId !== incidentId) continue;
    if (entry.seq > afterSeq) byId.set(escalation.id, escalation);
  }
  return [...byId.values()].sort((a, b) =>
    a.startedAt === b.startedAt ? b.id.localeCompare(a.id) : b.startedAt.localeCompare(a.startedAt),
  );
}

/** The sequence of the newest entry about one of the incident's escalations; 0 when none. */
export function lastEscalationSeq(
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
  incidentId: string,
): number {
  let last = 0;
  for (const entry of entries) {
    const escalation = carried(entry);
    if (escalation !== undefined && escalation.incidentId === incidentId && entry.seq > last) {
      last = entry.seq;
    }
  }
  return last;
}
