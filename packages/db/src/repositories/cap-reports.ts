import { and, desc, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Report } from '@vaka/domain';
import { reports } from '../schema/index.ts';
import type { Executor } from './journal.ts';
import { reportColumns, toReport } from './reports.ts';

/** What names one CAP alert: its sender and identifier, and when it was sent (a UTC instant). */
export interface CapAlertKey {
  sender: string;
  identifier: string;
  sent: string;
}

/** The report of an alert with these sender and identifier, the sent time too when given. */
function sameAlert(key: Omit<CapAlertKey, 'sent'> & { sent?: string }): SQL {
  // Written as the unique index's expressions, so that the index answers.
  const conditions = [
    sql`(${reports.cap} ->> 'sender') = ${key.sender}`,
    sql`(${reports.cap} ->> 'identifier') = ${key.identifier}`,
  ];
  if (key.sent !== undefined) conditions.push(sql`(${reports.cap} ->> 'sent') = ${key.sent}`);
  return and(isNotNull(reports.cap), ...conditions)!;
}

/** The report made from this very alert, when it arrived before, with the entry that recorded it. */
export async function findCapReport(
  db: Executor,
  key: CapAlertKey,
): Promise<{ report: Report; journalSeq: number } | undefined> {
  const [row] = await db.select(reportColumns).from(reports).where(sameAlert(key));
  return row && { report: toReport(row), journalSeq: row.journalSeq };
}

/**
 * The reports made from any of these alerts, matched on sender and identifier (the sent time
 * is compared by the caller, who knows which references gave one), the newest first.
 */
export async function findCapReports(
  db: Executor,
  keys: ReadonlyArray<Omit<CapAlertKey, 'sent'>>,
): Promise<Report[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .select(reportColumns)
    .from(reports)
    .where(or(...keys.map(sameAlert)))
    .orderBy(desc(reports.receivedAt), desc(reports.journalSeq));
  return rows.map(toReport);
}
