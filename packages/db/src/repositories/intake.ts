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
    district: incident.district ?? null,
    merged_into: incident.mergedInto ?? null,
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

// Named, because the search vectors are computed by the database and cannot be inserted.
const INCIDENT_COLUMNS =
  'id, title, category, severity, status, location, opened_at, updated_at, report_count, district, merged_into';
const REPORT_COLUMNS =
  'id, incident_id, title, description, category, severity, location, observed_at, received_at, source, reporter, journal_seq, idempotency_scope, idempotency_key, request_fingerprint';

// NOTE: the reports' foreign key to incidents is checked at the end of the statement, when the
// incidents of the same batch are already in.
const INSERT_BATCH = `
  with journal_rows as (
    insert into journal select * from jsonb_populate_recordset(null::journal, $1::jsonb)
  ), incident_rows as (
    insert into incidents (${INCIDENT_COLUMNS})
    select ${INCIDENT_COLUMNS} from jsonb_populate_recordset(null::incidents, $2::jsonb)
  )
  insert into reports (${REPORT_COLUMNS})
  select ${REPORT_COLUMNS} from jsonb_populate_recordset(null::reports, $3::jsonb)`;

/** The steps of one intake transaction, called while it holds the journal lock. */
export interface IntakeSteps<T> {
  /**
   * Decides what this transaction carries, once the lock is held, and returns its idempotency
   * keys; undefined when there is nothing to write after all.
   */
  collect(): ReadonlyArray<{ scope: string; key: string }> | undefined;
  /** What to write, given the journal head and the receipts already given for the keys. */
  build(locked: LockedJournal): { batch: IntakeBatch; result: T };
}

/**
 * Runs one intake transaction: begin and take the journal lock, collect what to write, look up
 * its idempotency keys (only when it has any), insert everything and commit. NOTE: the batch is
 * collected only once the lock is held, so a transaction can be begun while the one before is
 * still committing: its wait for the lock overlaps the other's fsync, and the reports that arrive
 * meanwhile are all in it. This is intake's hot path, so it drives a pg client directly, queueing
 * each query behind the one before instead of waiting for its answer first.
 */
export async function writeIntakeBatch<T>(
  pool: pg.Pool,
  steps: IntakeSteps<T>,
): Promise<T | undefined> {
  const client = await pool.connect();
  let failed = false;
  // Queued queries settle together before either is judged, so no rejection is left unhandled.
  try {
    const begun = client.query('begin');
    const lockedQuery = client.query<{ locked: RawLockedJournal }>(LOCK_AND_READ, [
      JOURNAL_LOCK_KEY,
      '[]',
    ]);
    const [begin, lock] = await Promise.allSettled([begun, lockedQuery]);
    if (begin.status === 'rejected') throw begin.reason;
    if (lock.status === 'rejected') throw lock.reason;
    const keys = steps.collect();
    if (keys === undefined) {
      await client.query('commit');
      return undefined;
    }
    let locked = fromRawLockedJournal(lock.value.rows[0]!.locked);
    if (keys.length > 0) {
      // Taking the lock again is harmless; this time the function also finds the keys.
      const withKeys = await client.query<{ locked: RawLockedJournal }>(LOCK_AND_READ, [
        JOURNAL_LOCK_KEY,
        JSON.stringify(keys),
      ]);
      locked = fromRawLockedJournal(withKeys.rows[0]!.locked);
    }
    const { batch, result } = steps.build(locked);
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
