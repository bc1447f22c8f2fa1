import type pg from 'pg';
import type { Incident, Report } from '@vaka/domain';
import {
  JOURNAL_LOCK_KEY,
  fromRawLockedJournal,
  type LockedJournal,
  type RawLockedJournal,
} from './journal.ts';

/** What one intake transaction writes: JSON arrays of rows, as jsonb_populate_recordset reads them. */
export interface IntakeBatch {
  journalJson: string;
  incidentsJson: string;
  reportsJson: string;
}

/** An incident as a row in JSON, serialized before the journal lock is taken. */
export function incidentRowJson(incident: Incident): string {
  return JSON.stringify({
    id: incident.id,
    title: incident.title,
    category: incident.category,
    severity: incident.severity,
    status: incident.status,
    location: incident.location,
    opened_at: incident.openedAt,
    updated_at: incident.updatedAt,
    report_count: incident.reportCount,
  });
}

/**
 * A report as a row in JSON without its journal sequence, which is only known under the lock;
 * `reportRowJson` adds it.
 */
export function reportRowWithoutSeq(
  report: Report,
  idempotency?: { scope: string; key: string; fingerprint: string },
): string {
  return JSON.stringify({
    id: report.id,
    incident_id: report.incidentId,
    title: report.title,
    description: report.description ?? null,
    category: report.category,
    severity: report.severity,
    location: report.location,
    observed_at: report.observedAt,
    received_at: report.receivedAt,
    source: report.source,
    reporter: report.reporter ?? null,
    idempotency_scope: idempotency?.scope ?? null,
    idempotency_key: idempotency?.key ?? null,
    request_fingerprint: idempotency?.fingerprint ?? null,
  });
}

/** The report row with the sequence of the journal entry that recorded it. */
export function reportRowJson(rowWithoutSeq: string, journalSeq: number): string {
  return `{"journal_seq":${journalSeq},${rowWithoutSeq.slice(1)}`;
}

const LOCK_AND_READ = 'select journal_lock_and_read($1, $2::jsonb) as locked';

// NOTE: the reports' foreign key to incidents is checked at the end of the statement, when the
// incidents of the same batch are already in.
const INSERT_BATCH = `
  with journal_rows as (
    insert into journal select * from jsonb_populate_recordset(null::journal, $1::jsonb)
  ), incident_rows as (
    insert into incidents select * from jsonb_populate_recordset(null::incidents, $2::jsonb)
  )
  insert into reports select * from jsonb_populate_recordset(null::reports, $3::jsonb)`;

/**
 * Runs one intake transaction in four statements and two waits: begin with the journal lock and
 * what it guards, let `build` decide what to write, then insert everything and commit. This is
 * the hot path of intake, so it drives a pg client directly: each query is queued behind the one
 * before instead of waiting for its answer first.
 */
export async function writeIntakeBatch<T>(
  pool: pg.Pool,
  keys: ReadonlyArray<{ scope: string; key: string }>,
  build: (locked: LockedJournal) => { batch: IntakeBatch; result: T },
): Promise<T> {
  const client = await pool.connect();
  let failed = false;
  // Queued queries settle together before either is judged, so no rejection is left unhandled.
  try {
    const begun = client.query('begin');
    const locked = client.query<{ locked: RawLockedJournal }>(LOCK_AND_READ, [
      JOURNAL_LOCK_KEY,
      JSON.stringify(keys),
    ]);
    const [begin, lock] = await Promise.allSettled([begun, locked]);
    if (begin.status === 'rejected') throw begin.reason;
    if (lock.status === 'rejected') throw lock.reason;
    const { batch, result } = build(fromRawLockedJournal(lock.value.rows[0]!.locked));
    const inserted = client.query(INSERT_BATCH, [
      batch.journalJson,
      batch.incidentsJson,
      batch.reportsJson,
    ]);
    const committed = client.query('commit');
    const [insert, commit] = await Promise.allSettled([inserted, committed]);
    if (insert.status === 'rejected') throw insert.reason;
    if (commit.status === 'rejected') throw commit.reason;
    return result;
  } catch (error) {
    failed = true;
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release(failed);
  }
}
