import { sql } from 'drizzle-orm';
import type { Incident, Report, ReportReceipt } from '@vaka/domain';
import { GENESIS_HASH, type Executor, type JournalHead, type JournalRowJson } from './journal.ts';

/** A report as it is stored: the report, its journal entry and the key it came with. */
export interface StoredReport {
  report: Report;
  journalSeq: number;
  idempotency?: { scope: string; key: string; fingerprint: string };
}

/** A receipt already given for an idempotency key, with the fingerprint of its request. */
export interface KnownReceipt {
  scope: string;
  key: string;
  fingerprint: string;
  receipt: ReportReceipt;
}

/**
 * The journal head and the receipts already given for these idempotency keys, in one round
 * trip. Call it holding the journal lock, so neither can change before the batch commits.
 */
export async function readHeadAndReceipts(
  tx: Executor,
  keys: ReadonlyArray<{ scope: string; key: string }>,
): Promise<{ head: JournalHead; known: KnownReceipt[] }> {
  const result = await tx.execute<{ head: JournalHead | null; known: KnownReceipt[] | null }>(sql`
    select
      (select json_build_object('seq', seq, 'hash', hash) from journal order by seq desc limit 1) as head,
      (select json_agg(json_build_object(
          'scope', r.idempotency_scope,
          'key', r.idempotency_key,
          'fingerprint', r.request_fingerprint,
          'receipt', json_build_object(
            'reportId', r.id, 'incidentId', r.incident_id, 'seq', r.journal_seq,
            'receivedAt', to_char(r.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
        from reports r
        join jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(scope text, key text)
          on r.idempotency_scope = k.scope and r.idempotency_key = k.key) as known
  `);
  const row = result.rows[0];
  return { head: row?.head ?? { seq: 0, hash: GENESIS_HASH }, known: row?.known ?? [] };
}

/**
 * Stores a batch of received reports, the incidents they open and their journal rows in one
 * statement: the whole batch travels as three jsonb parameters.
 */
export async function insertIntakeBatch(
  tx: Executor,
  batch: {
    journal: readonly JournalRowJson[];
    incidents: readonly Incident[];
    reports: readonly StoredReport[];
  },
): Promise<void> {
  const incidents = batch.incidents.map((incident) => ({
    id: incident.id,
    title: incident.title,
    category: incident.category,
    severity: incident.severity,
    status: incident.status,
    location: incident.location,
    opened_at: incident.openedAt,
    updated_at: incident.updatedAt,
    report_count: incident.reportCount,
  }));
  const reports = batch.reports.map(({ report, journalSeq, idempotency }) => ({
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
    journal_seq: journalSeq,
    idempotency_scope: idempotency?.scope ?? null,
    idempotency_key: idempotency?.key ?? null,
    request_fingerprint: idempotency?.fingerprint ?? null,
  }));
  // NOTE: the reports' foreign key to incidents is checked at the end of the statement, when the
  // incidents of the same batch are already in.
  await tx.execute(sql`
    with journal_rows as (
      insert into journal select * from jsonb_populate_recordset(null::journal, ${JSON.stringify(batch.journal)}::jsonb)
    ), incident_rows as (
      insert into incidents select * from jsonb_populate_recordset(null::incidents, ${JSON.stringify(incidents)}::jsonb)
    )
    insert into reports select * from jsonb_populate_recordset(null::reports, ${JSON.stringify(reports)}::jsonb)
  `);
}
