import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { IncidentDetail, JournalEntry, Report } from '@vaka/domain';
import { journal, reports } from '../schema/index.ts';
import { findIncident } from './incidents.ts';
import { journalHead, toJournalEntry, type Executor } from './journal.ts';
import { reportColumns, toReport } from './reports.ts';

/**
 * The incidents merged into this one, and those merged into them, and so on: oldest first. Their
 * journal is part of this incident's story.
 */
export async function listMergedIncidentIds(db: Executor, incidentId: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    with recursive merged(id) as (
      select id from incidents where merged_into = ${incidentId}
      union
      select incidents.id from incidents join merged on incidents.merged_into = merged.id
    )
    select incidents.id from incidents join merged using (id)
    order by incidents.opened_at, incidents.id`);
  return result.rows.map((row) => row.id);
}

/** The reports an incident has now, wherever they arrived, in the order they were received. */
export async function listIncidentReports(db: Executor, incidentId: string): Promise<Report[]> {
  const rows = await db
    .select(reportColumns)
    .from(reports)
    .where(eq(reports.incidentId, incidentId))
    .orderBy(asc(reports.receivedAt), asc(reports.id));
  return rows.map(toReport);
}

/** The journal entries about any of these incidents, oldest first. */
export async function listIncidentJournal(
  db: Executor,
  incidentIds: readonly string[],
): Promise<JournalEntry[]> {
  if (incidentIds.length === 0) return [];
  const rows = await db
    .select()
    .from(journal)
    .where(inArray(journal.incidentId, [...incidentIds]))
    .orderBy(asc(journal.seq));
  return rows.map(toJournalEntry);
}

/** One journal entry by its sequence number. */
export async function findJournalEntry(
  db: Executor,
  seq: number,
): Promise<JournalEntry | undefined> {
  const [row] = await db.select().from(journal).where(eq(journal.seq, seq));
  return row && toJournalEntry(row);
}

/**
 * An incident with its reports, the incidents merged into it and the journal of all of them.
 * Run it in one repeatable-read transaction, so that every part reflects the same `asOfSeq`.
 */
export async function readIncidentDetail(
  tx: Executor,
  incidentId: string,
): Promise<IncidentDetail | undefined> {
  const incident = await findIncident(tx, incidentId);
  if (!incident) return undefined;
  const asOfSeq = await journalHead(tx);
  const mergedFrom = await listMergedIncidentIds(tx, incidentId);
  const incidentReports = await listIncidentReports(tx, incidentId);
  const entries = await listIncidentJournal(tx, [incidentId, ...mergedFrom]);
  return { incident, reports: incidentReports, mergedFrom, entries, asOfSeq };
}
