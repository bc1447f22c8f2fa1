import { and, asc, gt, gte, inArray, lt, lte, max, min } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import type { JournalEntry } from '@vaka/domain';
import type { Db } from '../client.ts';
import * as schema from '../schema/index.ts';
import { journal } from '../schema/index.ts';
import { toJournalEntry, type Executor } from './journal.ts';

/** A journal entry with its links in the hash chain, as an export shows it. */
export interface JournalRecord {
  entry: JournalEntry;
  hash: string;
  prevHash: string;
}

/** Which entries to read: of some kinds, and either recorded in a time range or about some incidents. */
export type JournalSelection = { kinds: readonly string[] } & (
  { recordedFrom: Date; recordedBefore: Date } | { incidentIds: readonly string[] }
);

/**
 * Reads the selected entries oldest first, a page at a time, so that an export of a year holds
 * only one page in memory. Run it in one snapshot (see `openSnapshot`), so pages do not shift.
 */
export async function* readJournalRecords(
  db: Executor,
  selection: JournalSelection,
  pageSize = 2_000,
): AsyncGenerator<JournalRecord[]> {
  if (selection.kinds.length === 0) return;
  const kinds = inArray(journal.kind, [...selection.kinds]);
  let afterSeq = 0;
  let where;
  if ('incidentIds' in selection) {
    if (selection.incidentIds.length === 0) return;
    where = and(kinds, inArray(journal.incidentId, [...selection.incidentIds]));
  } else {
    const inRange = and(
      gte(journal.recordedAt, selection.recordedFrom),
      lt(journal.recordedAt, selection.recordedBefore),
    );
    // NOTE: times follow sequence numbers only roughly (a time is taken before the journal lock),
    // so the range is found by time once, and then paged by sequence number within its bounds.
    const [bounds] = await db
      .select({ first: min(journal.seq), last: max(journal.seq) })
      .from(journal)
      .where(inRange);
    if (bounds?.first == null || bounds.last == null) return;
    afterSeq = bounds.first - 1;
    where = and(kinds, inRange, lte(journal.seq, bounds.last));
  }
  for (;;) {
    const rows = await db
      .select()
      .from(journal)
      .where(and(where, gt(journal.seq, afterSeq)))
      .orderBy(asc(journal.seq))
      .limit(pageSize);
    if (rows.length > 0) {
      yield rows.map((row) => ({
        entry: toJournalEntry(row),
        hash: row.hash,
        prevHash: row.prevHash,
      }));
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    afterSeq = last.seq;
  }
}

/** A read-only, repeatable-read transaction on a connection of its own. */
export interface Snapshot {
  db: Db;
  /** Ends the transaction and gives the connection back; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Opens a snapshot for a read that outlives one callback, such as a download streamed while it is
 * read: everything read through it reflects the same moment. Close it in a `finally`.
 */
export async function openSnapshot(pool: pg.Pool): Promise<Snapshot> {
  const client = await pool.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
  } catch (error) {
    client.release(true);
    throw error;
  }
  let closed = false;
  return {
    db: drizzle(client, { schema }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.query('commit');
        client.release();
      } catch {
        // A read-only transaction has nothing to lose; the broken connection is dropped.
        client.release(true);
      }
    },
  };
}
