import { isAwaitingAcknowledgement, type Escalation } from '../contracts/escalation.ts';
import type { Incident } from '../contracts/incident.ts';
import { MessageStatus, type PublicMessage } from '../contracts/message.ts';
import type { Readiness } from '../contracts/readiness.ts';
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
        putIncident(next, entry.data.incident);
        break;
      }
      case JournalKind.incidentMerged:
        next ??= new Map(incidents);
        putIncident(next, entry.data.incident);
        putIncident(next, entry.data.into);
        break;
      case JournalKind.incidentSplit:
        next ??= new Map(incidents);
        putIncident(next, entry.data.from);
        putIncident(next, entry.data.incident);
        break;
      default:
        break;
    }
  }
  return next ?? incidents;
}

/** Keeps an incident's new state if it is open, forgets it once closed. */
function putIncident(incidents: Map<string, Incident>, incident: Incident): void {
  if (incident.status === IncidentStatus.closed) incidents.delete(incident.id);
  else incidents.set(incident.id, incident);
}

/** The readiness level after these entries. */
export function applyReadiness(
  readiness: Readiness,
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): Readiness {
  let next = readiness;
  for (const entry of entries) {
    if (entry.kind === JournalKind.readinessChanged) next = entry.data.readiness;
  }
  return next;
}

/** Open incidents newest first, the order the duty officer's list shows. */
export function sortIncidentsNewestFirst(incidents: Iterable<Incident>): Incident[] {
  return [...incidents].sort((a, b) =>
    a.openedAt === b.openedAt ? b.id.localeCompare(a.id) : b.openedAt.localeCompare(a.openedAt),
  );
}

/** Escalations awaiting acknowledgement by id, as a console holds them. */
export type EscalationMap = ReadonlyMap<string, Escalation>;

/**
 * Applies journal entries to the escalations awaiting acknowledgement: an escalation's entry
 * carries its whole new state, kept while it awaits and forgotten once it is over. Pure, and the
 * same map when nothing changed.
 */
export function applyEscalations(
  escalations: EscalationMap,
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): EscalationMap {
  let next: Map<string, Escalation> | undefined;
  for (const entry of entries) {
    if (!('data' in entry) || !('escalation' in entry.data)) continue;
    const { escalation } = entry.data;
    next ??= new Map(escalations);
    if (isAwaitingAcknowledgement(escalation.status)) next.set(escalation.id, escalation);
    else next.delete(escalation.id);
  }
  return next ?? escalations;
}

/** Escalations oldest first, the order of the list of those awaiting acknowledgement. */
export function sortEscalationsOldestFirst(escalations: Iterable<Escalation>): Escalation[] {
  return [...escalations].sort((a, b) =>
    a.startedAt === b.startedAt ? a.id.localeCompare(b.id) : a.startedAt.localeCompare(b.startedAt),
  );
}

/** Published messages by message id (one version each), as a console holds them. */
export type MessageMap = ReadonlyMap<string, PublicMessage>;

/**
 * Applies journal entries to the published messages: a message entry carries the version's whole
 * new state; a published version is kept (replacing the one it updates), and it is forgotten once
 * withdrawn, expired or superseded. Steps of a newer version still being prepared leave the
 * published one as it is. Pure, and the same map when nothing changed.
 */
export function applyMessages(
  messages: MessageMap,
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): MessageMap {
  let next: Map<string, PublicMessage> | undefined;
  for (const entry of entries) {
    if (!('data' in entry) || !('message' in entry.data)) continue;
    const { message } = entry.data;
    const held = (next ?? messages).get(message.id);
    if (message.status === MessageStatus.published) {
      if (held !== undefined && held.version > message.version) continue;
      next ??= new Map(messages);
      next.set(message.id, message);
    } else if (ENDED.has(message.status) && held?.version === message.version) {
      next ??= new Map(messages);
      next.delete(message.id);
    }
  }
  return next ?? messages;
}

const ENDED: ReadonlySet<string> = new Set([
  MessageStatus.withdrawn,
  MessageStatus.expired,
  MessageStatus.superseded,
]);

/** Published messages, the most recently published first, the order of the situation picture. */
export function sortMessagesNewestFirst(messages: Iterable<PublicMessage>): PublicMessage[] {
  return [...messages].sort((a, b) => {
    const [first, second] = [a.publishedAt ?? '', b.publishedAt ?? ''];
    return first === second ? b.id.localeCompare(a.id) : second.localeCompare(first);
  });
}
