import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import stringify from 'safe-stable-stringify';
import type { JournalEntry, NewJournalEntry, ReportReceipt } from '@vaka/domain';
import type { Db } from '../client.ts';
import { journal } from '../schema/index.ts';

/** A transaction or the database itself: repositories work inside either. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** The PostgreSQL channel on which a writer announces "the journal now reaches seq N". */
export const JOURNAL_CHANNEL = 'vaka_journal';

/** The previous-hash of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The journal's advisory lock: any 64-bit number will do, as long as every writer uses it. */
export const JOURNAL_LOCK_KEY = 0x7661_6b61;

type JournalRow = typeof journal.$inferSelect;

/** The newest entry's sequence and hash: what the next entry chains to. */
export interface JournalHead {
  seq: number;
  hash: string;
}

/**
 * A journal entry serialized ahead of time, so that the work done under the journal lock is
 * only numbering, hashing and joining strings.
 */
export interface PreparedJournalEntry {
  entry: NewJournalEntry;
  /** `data` as JSON, for the insert. */
  dataJson: string;
  /** The hashed content: actor, kind, incident and data with sorted keys. */
  canonical: string;
}

/** Serializes an entry for the journal; pure, so it can run before the lock is taken. */
export function prepareJournalEntry(entry: NewJournalEntry): PreparedJournalEntry {
  return { entry, dataJson: JSON.stringify(entry.data), canonical: canonicalContent(entry) };
}

/**
 * Appends entries to the journal inside the caller's transaction. Takes the journal's
 * transaction-scoped advisory lock first, so sequence numbers follow commit order: a reader that
 * has seen N never later finds an entry below N. Returns the entries as stored.
 */
export async function appendJournal(
  tx: Executor,
  entries: readonly NewJournalEntry[],
  recordedAt: Date = new Date(),
): Promise<JournalEntry[]> {
  if (entries.length === 0) return [];
  const prepared = entries.map(prepareJournalEntry);
  const { head } = await lockJournalAndRead(tx, []);
  const { rowsJson, stored } = chainJournalEntries(head, prepared, recordedAt);
  await tx.execute(
    sql`insert into journal select * from jsonb_populate_recordset(null::journal, ${rowsJson}::jsonb)`,
  );
  return stored;
}

/**
 * Numbers and hashes prepared entries after `head`, and returns them as stored and as the JSON
 * array of rows that jsonb_populate_recordset inserts. Pure: the caller must hold the journal lock
 * from reading the head until its transaction ends.
 */
export function chainJournalEntries(
  head: JournalHead,
  prepared: readonly PreparedJournalEntry[],
  recordedAt: Date,
): { rowsJson: string; stored: JournalEntry[] } {
  let { seq, hash } = head;
  const at = recordedAt.toISOString();
  const rows: string[] = [];
  const stored: JournalEntry[] = [];
  for (const { entry, dataJson, canonical } of prepared) {
    seq += 1;
    const entryHash = chainHash(hash, seq, at, canonical);
    rows.push(
      `{"seq":${seq},"recorded_at":"${at}","actor":${JSON.stringify(entry.actor)},` +
        `"kind":${JSON.stringify(entry.kind)},"incident_id":${JSON.stringify(incidentIdOf(entry))},` +
        `"data":${dataJson},"prev_hash":"${hash}","hash":"${entryHash}"}`,
    );
    stored.push({ ...entry, seq, recordedAt: at } as JournalEntry);
    hash = entryHash;
  }
  return { rowsJson: `[${rows.join(',')}]`, stored };
}

/** Takes the journal's transaction-scoped lock; it is held until commit or rollback. */
export async function lockJournal(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${JOURNAL_LOCK_KEY})`);
}

/** A receipt already given for an idempotency key, with the fingerprint of its request. */
export interface KnownReceipt {
  scope: string;
  key: string;
  fingerprint: string;
  receipt: ReportReceipt;
}

/** What the journal lock guards: the head to chain to, and the receipts given for some keys. */
export interface LockedJournal {
  head: JournalHead;
  known: KnownReceipt[];
}

/**
 * Takes the journal's transaction-scoped lock (held until commit or rollback) and then reads the
 * head and the receipts already given for these idempotency keys, in one round trip.
 */
export async function lockJournalAndRead(
  tx: Executor,
  keys: ReadonlyArray<{ scope: string; key: string }>,
): Promise<LockedJournal> {
  const result = await tx.execute<{ locked: RawLockedJournal }>(
    sql`select journal_lock_and_read(${JOURNAL_LOCK_KEY}, ${JSON.stringify(keys)}::jsonb) as locked`,
  );
  return fromRawLockedJournal(result.rows[0]!.locked);
}

/** The answer of journal_lock_and_read (see the migrations), before defaults. */
export interface RawLockedJournal {
  head: JournalHead | null;
  known: KnownReceipt[];
}

/** Fills in the genesis head for an empty journal. */
export function fromRawLockedJournal(raw: RawLockedJournal): LockedJournal {
  return { head: raw.head ?? { seq: 0, hash: GENESIS_HASH }, known: raw.known };
}

/** The newest sequence number, 0 for an empty journal. */
export async function journalHead(db: Executor): Promise<number> {
  return (await journalHeadWithHash(db)).seq;
}

/** The newest entry's sequence and hash, or the genesis values for an empty journal. */
async function journalHeadWithHash(db: Executor): Promise<JournalHead> {
  const [last] = await db
    .select({ seq: journal.seq, hash: journal.hash })
    .from(journal)
    .orderBy(desc(journal.seq))
    .limit(1);
  return last ?? { seq: 0, hash: GENESIS_HASH };
}

/** Entries after `afterSeq`, oldest first, at most `limit` of them. */
export async function readJournalAfter(
  db: Executor,
  afterSeq: number,
  limit: number,
): Promise<JournalEntry[]> {
  const rows = await db
    .select()
    .from(journal)
    .where(gt(journal.seq, afterSeq))
    .orderBy(asc(journal.seq))
    .limit(limit);
  return rows.map(toJournalEntry);
}

export interface JournalVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose stored hash does not match its content or its predecessor. */
  firstBadSeq?: number;
}

/** Recomputes the hash chain over the whole journal: any edit of a stored entry shows here. */
export async function verifyJournal(db: Executor, pageSize = 5_000): Promise<JournalVerification> {
  let prev = GENESIS_HASH;
  let after = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(journal)
      .where(gt(journal.seq, after))
      .orderBy(asc(journal.seq))
      .limit(pageSize);
    for (const row of rows) {
      const expectedSeq = after + 1;
      if (
        row.seq !== expectedSeq ||
        row.prevHash !== prev ||
        chainHash(
          prev,
          row.seq,
          row.recordedAt.toISOString(),
          canonicalContent(toJournalEntry(row)),
        ) !== row.hash
      ) {
        return { ok: false, checked, firstBadSeq: row.seq };
      }
      prev = row.hash;
      after = row.seq;
      checked += 1;
    }
    if (rows.length < pageSize) return { ok: true, checked };
  }
}

/** The hashed content of an entry: everything but its place in the chain, with sorted keys. */
function canonicalContent(entry: NewJournalEntry): string {
  return stringify({
    actor: entry.actor,
    kind: entry.kind,
    incidentId: incidentIdOf(entry),
    data: entry.data,
  })!;
}

/** Each entry's hash covers the previous hash, its place and time, and its content. */
function chainHash(prevHash: string, seq: number, recordedAt: string, canonical: string): string {
  return createHash('sha256')
    .update(`${prevHash}\n${seq}\n${recordedAt}\n${canonical}`)
    .digest('hex');
}

/** A journal entry as the API shows it, from its row. */
export function toJournalEntry(row: JournalRow): JournalEntry {
  return {
    seq: row.seq,
    recordedAt: row.recordedAt.toISOString(),
    actor: row.actor,
    kind: row.kind,
    ...(row.incidentId !== null && { incidentId: row.incidentId }),
    data: row.data,
  } as JournalEntry;
}

/** The incident an entry is about; security entries are about none. */
function incidentIdOf(entry: NewJournalEntry): string | null {
  return ('incidentId' in entry ? entry.incidentId : undefined) ?? null;
}
