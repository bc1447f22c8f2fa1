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

/** A journal row as PostgreSQL's jsonb_populate_recordset reads it (column names as keys). */
export interface JournalRowJson {
  seq: number;
  recorded_at: string;
  actor: string;
  kind: string;
  incident_id: string | null;
  data: unknown;
  prev_hash: string;
  hash: string;
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
  const { head } = await lockJournalAndRead(tx, []);
  const { rows, stored } = chainJournalEntries(head, entries, recordedAt);
  await insertJournalRows(tx, rows);
  return stored;
}

/**
 * Numbers and hashes entries after `head`. Pure: the caller must hold the journal lock from
 * reading the head until its transaction ends.
 */
export function chainJournalEntries(
  head: JournalHead,
  entries: readonly NewJournalEntry[],
  recordedAt: Date,
): { rows: JournalRowJson[]; stored: JournalEntry[] } {
  let { seq, hash } = head;
  const at = recordedAt.toISOString();
  const rows: JournalRowJson[] = [];
  const stored: JournalEntry[] = [];
  for (const entry of entries) {
    seq += 1;
    const full = { ...entry, seq, recordedAt: at } as JournalEntry;
    const entryHash = hashEntry(hash, full);
    rows.push({
      seq,
      recorded_at: at,
      actor: full.actor,
      kind: full.kind,
      incident_id: full.incidentId ?? null,
      data: full.data,
      prev_hash: hash,
      hash: entryHash,
    });
    stored.push(full);
    hash = entryHash;
  }
  return { rows, stored };
}

/** Inserts chained rows in one statement, the whole batch as one jsonb parameter. */
async function insertJournalRows(tx: Executor, rows: readonly JournalRowJson[]): Promise<void> {
  await tx.execute(
    sql`insert into journal select * from jsonb_populate_recordset(null::journal, ${JSON.stringify(rows)}::jsonb)`,
  );
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
        hashEntry(prev, toJournalEntry(row)) !== row.hash
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

function hashEntry(prevHash: string, entry: JournalEntry): string {
  const content = {
    seq: entry.seq,
    recordedAt: entry.recordedAt,
    actor: entry.actor,
    kind: entry.kind,
    incidentId: entry.incidentId ?? null,
    data: entry.data,
  };
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(stringify(content))
    .digest('hex');
}

function toJournalEntry(row: JournalRow): JournalEntry {
  return {
    seq: row.seq,
    recordedAt: row.recordedAt.toISOString(),
    actor: row.actor,
    kind: row.kind,
    incidentId: row.incidentId ?? undefined,
    data: row.data,
  } as JournalEntry;
}
