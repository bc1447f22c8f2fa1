import { and, count, eq, inArray } from 'drizzle-orm';
import type { Report, ReportReceipt } from '@vaka/domain';
import { reports } from '../schema/index.ts';
import type { Executor } from './journal.ts';

/** A report as it is stored: the report, its journal entry and the key it came with. */
export interface StoredReport {
  report: Report;
  journalSeq: number;
  idempotency?: { scope: string; key: string; fingerprint: string };
}

/** A receipt already given for an idempotency key, with the fingerprint of its request. */
export interface KnownReceipt {
  key: string;
  fingerprint: string;
  receipt: ReportReceipt;
}

/** Stores received reports. */
export async function insertReports(tx: Executor, stored: readonly StoredReport[]): Promise<void> {
  if (stored.length === 0) return;
  await tx.insert(reports).values(
    stored.map(({ report, journalSeq, idempotency }) => ({
      ...report,
      description: report.description ?? null,
      reporter: report.reporter ?? null,
      observedAt: new Date(report.observedAt),
      receivedAt: new Date(report.receivedAt),
      journalSeq,
      idempotencyScope: idempotency?.scope ?? null,
      idempotencyKey: idempotency?.key ?? null,
      requestFingerprint: idempotency?.fingerprint ?? null,
    })),
  );
}

/** The receipts already given to this caller for any of these idempotency keys. */
export async function findReceiptsByKeys(
  db: Executor,
  scope: string,
  keys: readonly string[],
): Promise<KnownReceipt[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .select({
      key: reports.idempotencyKey,
      fingerprint: reports.requestFingerprint,
      reportId: reports.id,
      incidentId: reports.incidentId,
      seq: reports.journalSeq,
      receivedAt: reports.receivedAt,
    })
    .from(reports)
    .where(and(eq(reports.idempotencyScope, scope), inArray(reports.idempotencyKey, [...keys])));
  return rows.map((row) => ({
    key: row.key!,
    fingerprint: row.fingerprint ?? '',
    receipt: {
      reportId: row.reportId,
      incidentId: row.incidentId,
      seq: row.seq,
      receivedAt: row.receivedAt.toISOString(),
    },
  }));
}

/** How many reports are stored. */
export async function countReports(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reports);
  return row?.n ?? 0;
}
