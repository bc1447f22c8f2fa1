import { randomUUID } from 'node:crypto';
import {
  HandoverStatus,
  JournalKind,
  MessageStatus,
  severityRank,
  type Handover,
  type HandoverPicture,
  type HandoverStep,
  type JournalEntry,
  type NewJournalEntry,
  type OnDuty,
  type UpdateHandover,
} from '@vaka/domain';
import {
  appendJournal,
  currentReadiness,
  findHandover,
  findHandoverDraft,
  findOnDuty,
  insertHandover,
  lastIncidentNotes,
  listAwaitingEscalations,
  listHandovers,
  listLatestMessages,
  listOpenIncidents,
  listOutMessages,
  listPlannedEvents,
  lockJournal,
  saveHandover,
  type Database,
  type Executor,
} from '@vaka/db';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';

type EntryOf<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>;

/** How many handovers the list shows. */
export const HANDOVER_LIST_LIMIT = 50;
/** How far ahead the handover looks for planned events: the next shifts. */
const PLANNED_EVENTS_AHEAD_MS = 24 * 60 * 60_000;
/** At most this many messages awaiting approval are handed over; more is a backlog, not a shift. */
const PENDING_MESSAGES_LIMIT = 200;

/** A handover change and the journal entries it made (none when nothing changed). */
export interface HandoverChange {
  handover: Handover;
  entries: JournalEntry[];
}

/** The latest handovers, newest first. */
export async function findHandovers(database: Database): Promise<Handover[]> {
  return listHandovers(database.db, HANDOVER_LIST_LIMIT);
}

/** One handover; 404 when there is none. */
export async function getHandover(database: Database, handoverId: string): Promise<Handover> {
  const handover = await findHandover(database.db, handoverId);
  if (!handover) throw new NotFoundError(`There is no handover ${handoverId}`);
  return handover;
}

/** Who is on duty now: whoever confirmed the latest handover. */
export async function whoIsOnDuty(database: Database): Promise<OnDuty> {
  return findOnDuty(database.db);
}

/**
 * Drafts the handover with the picture as it is now and empty notes, journalled in the same
 * transaction. Refused (409, naming it) while another draft is still in progress, so a shift has
 * one handover.
 */
export async function draftHandover(
  database: Database,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOf<'handover.drafted'>> {
  return database.db.transaction(async (tx) => {
    // Under the journal lock, so two duty officers drafting at once never make two drafts, and
    // the picture is that of the journal as it stands.
    await lockJournal(tx);
    const draft = await findHandoverDraft(tx);
    if (draft) {
      throw new ConflictError(
        `Handover ${draft.id}, drafted by ${draft.createdBy} at ${draft.createdAt}, is still in progress: carry on with it, or have it confirmed, before drafting another`,
      );
    }
    const now = at.toISOString();
    const handover: Handover = {
      id: randomUUID(),
      status: HandoverStatus.draft,
      picture: await gatherPicture(tx, at),
      notes: '',
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    };
    await insertHandover(tx, handover);
    return append(
      tx,
      { kind: JournalKind.handoverDrafted, actor, data: { handover } },
      at,
      JournalKind.handoverDrafted,
    );
  });
}

/**
 * Changes a draft's notes and/or gathers its picture again. Refused (409) when someone changed it
 * after the caller loaded it, or once it is confirmed. A change that changes nothing is no entry.
 */
export async function updateHandover(
  database: Database,
  handoverId: string,
  request: UpdateHandover,
  actor: string,
  at: Date = new Date(),
): Promise<HandoverChange> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await lockedDraft(tx, handoverId, request.expectedUpdatedAt, 'changed');
    const notes = request.notes ?? current.notes;
    const refresh = request.refresh === true;
    if (notes === current.notes && !refresh) return { handover: current, entries: [] };
    const handover: Handover = {
      ...current,
      notes,
      picture: refresh ? await gatherPicture(tx, at) : current.picture,
      updatedAt: nextUpdatedAt(current, at),
    };
    await saveHandover(tx, handover);
    const entry = await append(
      tx,
      { kind: JournalKind.handoverChanged, actor, data: { handover } },
      at,
      JournalKind.handoverChanged,
    );
    return { handover, entries: [entry] };
  });
}

/**
 * The incoming duty officer confirms the handover as they read it, and is on duty from now.
 * Refused (403) for the person who drafted it, and (409) when it changed after they loaded it or
 * is confirmed already.
 */
export async function confirmHandover(
  database: Database,
  handoverId: string,
  request: HandoverStep,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOf<'handover.confirmed'>> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await findHandover(tx, handoverId);
    if (!current) throw new NotFoundError(`There is no handover ${handoverId}`);
    refuseConfirmed(current, 'confirmed again');
    if (current.createdBy === actor) {
      throw new ForbiddenError(
        'You drafted this handover, so you cannot take it over yourself: the incoming duty officer confirms it, signed in as themselves',
      );
    }
    refuseStale(current, request.expectedUpdatedAt);
    const handover: Handover = {
      ...current,
      status: HandoverStatus.confirmed,
      confirmedBy: actor,
      confirmedAt: at.toISOString(),
      updatedAt: nextUpdatedAt(current, at),
    };
    await saveHandover(tx, handover);
    return append(
      tx,
      { kind: JournalKind.handoverConfirmed, actor, data: { handover } },
      at,
      JournalKind.handoverConfirmed,
    );
  });
}

/**
 * What is handed over, as it stands at `at`: readiness, open incidents most severe first with
 * their last note, escalations awaiting acknowledgement, messages out and awaiting approval, and
 * the planned events of the next 24 hours.
 */
async function gatherPicture(tx: Executor, at: Date): Promise<HandoverPicture> {
  const readiness = await currentReadiness(tx);
  const openIncidents = await listOpenIncidents(tx);
  // Most severe first; among equals the newest first, as the open list already is.
  const incidents = [...openIncidents].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity),
  );
  const notes = await lastIncidentNotes(
    tx,
    incidents.map((incident) => incident.id),
  );
  const escalations = await listAwaitingEscalations(tx);
  const messagesValid = await listOutMessages(tx, at);
  const { messages: messagesPending } = await listLatestMessages(tx, {
    statuses: [MessageStatus.inReview, MessageStatus.approved],
    limit: PENDING_MESSAGES_LIMIT,
  });
  const plannedEvents = await listPlannedEvents(tx, {
    from: at,
    to: new Date(at.getTime() + PLANNED_EVENTS_AHEAD_MS),
    cancelled: false,
  });
  return {
    gatheredAt: at.toISOString(),
    readiness,
    incidents: incidents.map((incident) => {
      const lastNote = notes.get(incident.id);
      return { incident, ...(lastNote !== undefined && { lastNote }) };
    }),
    escalations,
    messagesValid,
    messagesPending,
    plannedEvents,
  };
}

/** The draft to change, checked: it exists, is not confirmed, and is the one the caller saw. */
async function lockedDraft(
  tx: Executor,
  handoverId: string,
  expectedUpdatedAt: string,
  action: string,
): Promise<Handover> {
  const current = await findHandover(tx, handoverId);
  if (!current) throw new NotFoundError(`There is no handover ${handoverId}`);
  refuseConfirmed(current, action);
  refuseStale(current, expectedUpdatedAt);
  return current;
}

function refuseConfirmed(handover: Handover, action: string): void {
  if (handover.status !== HandoverStatus.confirmed) return;
  throw new ConflictError(
    `Handover ${handover.id} was confirmed by ${handover.confirmedBy ?? '?'} at ${handover.confirmedAt ?? '?'}: it cannot be ${action}; draft a new one for the next shift`,
  );
}

function refuseStale(handover: Handover, expectedUpdatedAt: string): void {
  if (Date.parse(handover.updatedAt) === Date.parse(expectedUpdatedAt)) return;
  throw new ConflictError(
    `Someone changed handover ${handover.id} at ${handover.updatedAt}, after you loaded it: read it again and retry`,
  );
}

/**
 * The time of a change, always after the previous one: two changes within one millisecond would
 * otherwise look alike to the stale check.
 */
function nextUpdatedAt(current: Handover, at: Date): string {
  return new Date(Math.max(at.getTime(), Date.parse(current.updatedAt) + 1)).toISOString();
}

/** Appends one entry and returns it as stored, with its kind known to the compiler. */
async function append<K extends JournalEntry['kind']>(
  tx: Executor,
  entry: NewJournalEntry,
  at: Date,
  kind: K,
): Promise<EntryOf<K>> {
  const [stored] = await appendJournal(tx, [entry], at);
  if (stored?.kind !== kind) throw new Error(`the journal did not store the ${kind} entry`);
  return stored as EntryOf<K>;
}
