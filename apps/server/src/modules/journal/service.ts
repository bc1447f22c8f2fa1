import {
  JournalKind,
  type AddNoteRequest,
  type CorrectEntryRequest,
  type FlagEntryRequest,
  type JournalEntry,
  type NewJournalEntry,
} from '@vaka/domain';
import {
  appendJournal,
  findIncident,
  findJournalEntry,
  lockJournal,
  type Database,
  type Executor,
} from '@vaka/db';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';

type EntryOf<K extends JournalKind> = Extract<JournalEntry, { kind: K }>;
export type NoteAddedEntry = EntryOf<typeof JournalKind.noteAdded>;
export type EntryFlaggedEntry = EntryOf<typeof JournalKind.entryFlagged>;
export type EntryCorrectedEntry = EntryOf<typeof JournalKind.entryCorrected>;

/** How far ahead of the server's clock an event time may be: clocks of people's devices differ. */
const EVENT_TIME_TOLERANCE_MS = 5 * 60_000;

/**
 * Adds a note to an incident. A closed incident takes notes (things are learnt afterwards); one
 * merged into another does not, since its story goes on there (409 naming it).
 */
export async function addNote(
  database: Database,
  incidentId: string,
  request: AddNoteRequest,
  actor: string,
  now: Date = new Date(),
): Promise<NoteAddedEntry> {
  checkEventAt(request.eventAt, now);
  return database.db.transaction(async (tx) => {
    // Under the journal lock, so a merge cannot slip in between the check and the note.
    await lockJournal(tx);
    const incident = await findIncident(tx, incidentId);
    if (!incident) throw new NotFoundError(`There is no incident ${incidentId}`);
    if (incident.mergedInto !== undefined) {
      throw new ConflictError(
        `Incident ${incidentId} was merged into incident ${incident.mergedInto}: add the note there`,
      );
    }
    return append(
      tx,
      {
        kind: JournalKind.noteAdded,
        actor,
        incidentId,
        data: {
          text: request.text,
          ...(request.eventAt !== undefined && { eventAt: request.eventAt }),
          keyEvent: request.keyEvent ?? false,
          public: request.public ?? false,
        },
      },
      now,
      JournalKind.noteAdded,
    );
  });
}

/**
 * Marks or unmarks an entry of an incident as a key event or as released to the public. The flag
 * entry belongs to the same incident. NOTE: a flag or a correction cannot itself be flagged: the
 * flags belong to the entry they are about, where the timeline and the situation report read them.
 */
export async function flagEntry(
  database: Database,
  seq: number,
  request: FlagEntryRequest,
  actor: string,
  now: Date = new Date(),
): Promise<EntryFlaggedEntry> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const target = await incidentEntry(tx, seq, 'flagged');
    if (target.kind === JournalKind.entryFlagged || target.kind === JournalKind.entryCorrected) {
      const what = target.kind === JournalKind.entryFlagged ? 'sets the flags of' : 'corrects';
      throw new ConflictError(
        `Entry ${seq} ${what} entry ${target.data.seq}: flag entry ${target.data.seq} instead`,
      );
    }
    return append(
      tx,
      {
        kind: JournalKind.entryFlagged,
        actor,
        incidentId: target.incidentId,
        data: {
          seq,
          ...(request.keyEvent !== undefined && { keyEvent: request.keyEvent }),
          ...(request.public !== undefined && { public: request.public }),
        },
      },
      now,
      JournalKind.entryFlagged,
    );
  });
}

/**
 * Corrects an entry of an incident; the corrected entry stays as it was, and the correction belongs
 * to the same incident. NOTE: a correction is of the original entry, never of another correction
 * (correct the original again: the latest correction stands), and flags are changed by flagging again.
 */
export async function correctEntry(
  database: Database,
  seq: number,
  request: CorrectEntryRequest,
  actor: string,
  now: Date = new Date(),
): Promise<EntryCorrectedEntry> {
  checkEventAt(request.eventAt, now);
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const target = await incidentEntry(tx, seq, 'corrected');
    if (target.kind === JournalKind.entryCorrected) {
      throw new ConflictError(
        `Entry ${seq} is a correction of entry ${target.data.seq}: correct entry ${target.data.seq} again instead`,
      );
    }
    if (target.kind === JournalKind.entryFlagged) {
      throw new ConflictError(
        `Entry ${seq} sets the flags of entry ${target.data.seq}: flag entry ${target.data.seq} again instead`,
      );
    }
    return append(
      tx,
      {
        kind: JournalKind.entryCorrected,
        actor,
        incidentId: target.incidentId,
        data: {
          seq,
          text: request.text,
          ...(request.eventAt !== undefined && { eventAt: request.eventAt }),
        },
      },
      now,
      JournalKind.entryCorrected,
    );
  });
}

/** Refuses an event time more than a few minutes ahead: what is written down has happened. */
function checkEventAt(eventAt: string | undefined, now: Date): void {
  if (eventAt === undefined) return;
  if (Date.parse(eventAt) > now.getTime() + EVENT_TIME_TOLERANCE_MS) {
    throw new BadRequestError(
      `eventAt ${eventAt} is in the future (it is now ${now.toISOString()}): give the time it happened, at most 5 minutes ahead`,
    );
  }
}

/** The entry at `seq`, which must be about an incident. */
async function incidentEntry(
  tx: Executor,
  seq: number,
  action: 'flagged' | 'corrected',
): Promise<JournalEntry & { incidentId: string }> {
  const entry = await findJournalEntry(tx, seq);
  if (!entry) throw new NotFoundError(`There is no journal entry ${seq}`);
  const incidentId = 'incidentId' in entry ? entry.incidentId : undefined;
  if (incidentId === undefined) {
    throw new ConflictError(
      `Entry ${seq} (${entry.kind}) is about no incident: only an incident's entries can be ${action}`,
    );
  }
  return { ...entry, incidentId };
}

/** Appends one entry and returns it as stored, with its kind known to the compiler. */
async function append<K extends JournalKind>(
  tx: Executor,
  entry: NewJournalEntry,
  at: Date,
  kind: K,
): Promise<EntryOf<K>> {
  const [stored] = await appendJournal(tx, [entry], at);
  if (!isKind(stored, kind)) throw new Error(`the journal did not store the ${kind} entry`);
  return stored;
}

function isKind<K extends JournalKind>(
  entry: JournalEntry | undefined,
  kind: K,
): entry is EntryOf<K> {
  return entry?.kind === kind;
}
