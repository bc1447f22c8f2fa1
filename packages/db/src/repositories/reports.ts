import { count, eq, getTableColumns } from 'drizzle-orm';
import type { Report } from '@vaka/domain';
import { reports } from '../schema/index.ts';
import type { Executor } from './journal.ts';

/** Every column but the search vector, which only the database reads. */
const { searchVector: _reportSearchVector, ...reportColumns } = getTableColumns(reports);

export { reportColumns };

type ReportRow = Omit<typeof reports.$inferSelect, 'searchVector'>;

/** How many reports are stored. */
export async function countReports(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reports);
  return row?.n ?? 0;
}

/** One report by id. */
export async function findReport(db: Executor, id: string): Promise<Report | undefined> {
  const [row] = await db.select(reportColumns).from(reports).where(eq(reports.id, id));
  return row && toReport(row);
}

/**
 * Moves every report of one incident to another and returns their ids, oldest first. The report
 * itself never changes; where it arrived stays in the journal.
 */
export async function moveReports(
  tx: Executor,
  fromIncidentId: string,
  toIncidentId: string,
): Promise<string[]> {
  const moved = await tx
    .update(reports)
    .set({ incidentId: toIncidentId })
    .where(eq(reports.incidentId, fromIncidentId))
    .returning({ id: reports.id, receivedAt: reports.receivedAt });
  return moved
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id))
    .map(({ id }) => id);
}

/** Moves one report to another incident. */
export async function moveReport(
  tx: Executor,
  reportId: string,
  toIncidentId: string,
): Promise<void> {
  await tx.update(reports).set({ incidentId: toIncidentId }).where(eq(reports.id, reportId));
}

/**
 * Stores one report, recorded by the journal entry `journalSeq`, with the idempotency key it was
 * sent with. The search vector is left to the database.
 */
export async function insertReport(
  tx: Executor,
  report: Report,
  journalSeq: number,
  idempotency?: { scope: string; key: string; fingerprint: string },
): Promise<void> {
  await tx.insert(reports).values({
    id: report.id,
    incidentId: report.incidentId,
    title: report.title,
    description: report.description ?? null,
    category: report.category,
    severity: report.severity,
    location: report.location,
    observedAt: new Date(report.observedAt),
    receivedAt: new Date(report.receivedAt),
    source: report.source,
    reporter: report.reporter ?? null,
    cap: report.cap ?? null,
    deviations: report.deviations ?? null,
    journalSeq,
    idempotencyScope: idempotency?.scope ?? null,
    idempotencyKey: idempotency?.key ?? null,
    requestFingerprint: idempotency?.fingerprint ?? null,
  });
}

/** A report as the API shows it, from its row. */
export function toReport(row: ReportRow): Report {
  return {
    id: row.id,
    incidentId: row.incidentId,
    title: row.title,
    ...(row.description !== null && { description: row.description }),
    category: row.category,
    severity: row.severity,
    location: row.location,
    observedAt: row.observedAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    source: row.source,
    ...(row.reporter !== null && { reporter: row.reporter }),
    ...(row.cap !== null && { cap: row.cap }),
    ...(row.deviations !== null && { deviations: row.deviations }),
  };
}
