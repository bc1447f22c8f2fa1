import { createHash, randomUUID } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import {
  IncidentStatus,
  JournalKind,
  type CreateReport,
  type Incident,
  type JournalEntry,
  type NewJournalEntry,
  type Report,
  type ReportReceipt,
} from '@vaka/domain';
import {
  appendJournal,
  findReceiptsByKeys,
  insertIncidents,
  insertReports,
  lockJournal,
  type Database,
  type StoredReport,
} from '@vaka/db';

/** Who sends a report, and the key that makes a retried send safe. */
export interface IntakeContext {
  actor: string;
  idempotency?: { scope: string; key: string };
  /** When the report really reached the unit, for imported and demo reports; defaults to now. */
  receivedAt?: Date;
}

export interface IntakeResult {
  receipt: ReportReceipt;
  /** False when the idempotency key was seen before and this is the first answer again. */
  created: boolean;
}

/** The idempotency key was used before for a different report. */
export class IdempotencyConflictError extends Error {
  override name = 'IdempotencyConflictError';
  readonly statusCode = 422;
}

interface PendingReport {
  input: CreateReport;
  context: IntakeContext;
  fingerprint: string;
  resolve(result: IntakeResult): void;
  reject(error: unknown): void;
}

/** What one commit produced, handed to whoever wants to know (the live hub, metrics). */
export type CommitListener = (entries: readonly JournalEntry[], reportsCreated: number) => void;

const MAX_BATCH = 500;

/**
 * Stores reports. Concurrent submissions are grouped into one transaction (group commit): while
 * one transaction commits, the next batch gathers, so intake approaches the database's commit
 * ceiling while the journal stays in commit order. A receipt is given only after the commit.
 */
export class ReportIntake {
  private queue: PendingReport[] = [];
  private committing = false;

  constructor(
    private readonly database: Database,
    private readonly onCommit: CommitListener,
  ) {}

  /** Stores a report (and opens its incident) durably, or returns the first receipt for a retried key. */
  submit(input: CreateReport, context: IntakeContext): Promise<IntakeResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, context, fingerprint: fingerprintOf(input), resolve, reject });
      if (!this.committing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.committing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.commit(batch);
        } catch {
          // NOTE: one bad report must not fail the others that shared its transaction; retry alone.
          for (const pending of batch) {
            await this.commit([pending]).catch((error: unknown) => pending.reject(error));
          }
        }
      }
    } finally {
      this.committing = false;
    }
  }

  private async commit(batch: PendingReport[]): Promise<void> {
    const settled: Array<() => void> = [];
    const { entries, created } = await this.database.db.transaction(async (tx) => {
      // Lock before looking up keys: no other writer can store the same key in between.
      await lockJournal(tx);
      const known = await this.knownReceipts(tx, batch);
      const receivedAt = new Date();
      const fresh: Array<{ pending: PendingReport; report: Report; incident: Incident }> = [];
      const firstByKey = new Map<string, { pending: PendingReport; report: Report }>();
      for (const pending of batch) {
        const keyId = idempotencyId(pending.context);
        const previous = keyId === undefined ? undefined : known.get(keyId);
        if (previous) {
          settled.push(() => answerRetry(pending, previous.fingerprint, previous.receipt));
          continue;
        }
        const sibling = keyId === undefined ? undefined : firstByKey.get(keyId);
        if (sibling) {
          // The same key twice in one batch: the second waits for the first's receipt.
          settled.push(() => {
            const receipt = receiptFor(sibling.report, storedSeq.get(sibling.report.id)!);
            answerRetry(pending, sibling.pending.fingerprint, receipt);
          });
          continue;
        }
        const { report, incident } = materialize(
          pending.input,
          pending.context.receivedAt ?? receivedAt,
        );
        fresh.push({ pending, report, incident });
        if (keyId !== undefined) firstByKey.set(keyId, { pending, report });
      }

      const newEntries: NewJournalEntry[] = fresh.flatMap(({ pending, report, incident }) => [
        {
          kind: JournalKind.incidentOpened,
          actor: pending.context.actor,
          incidentId: incident.id,
          data: { incident },
        },
        {
          kind: JournalKind.reportReceived,
          actor: pending.context.actor,
          incidentId: incident.id,
          data: { report },
        },
      ]);
      const stored = await appendJournal(tx, newEntries, receivedAt);
      const storedSeq = new Map<string, number>();
      const reports: StoredReport[] = fresh.map(({ pending, report }, index) => {
        const journalSeq = stored[index * 2 + 1]!.seq;
        storedSeq.set(report.id, journalSeq);
        const { idempotency } = pending.context;
        return {
          report,
          journalSeq,
          ...(idempotency && { idempotency: { ...idempotency, fingerprint: pending.fingerprint } }),
        };
      });
      await insertIncidents(
        tx,
        fresh.map(({ incident }) => incident),
      );
      await insertReports(tx, reports);
      for (const { pending, report } of fresh) {
        settled.push(() =>
          pending.resolve({
            receipt: receiptFor(report, storedSeq.get(report.id)!),
            created: true,
          }),
        );
      }
      return { entries: stored, created: fresh.length };
    });
    this.onCommit(entries, created);
    for (const settle of settled) settle();
  }

  private async knownReceipts(
    tx: Parameters<typeof findReceiptsByKeys>[0],
    batch: readonly PendingReport[],
  ): Promise<Map<string, { fingerprint: string; receipt: ReportReceipt }>> {
    const keysByScope = new Map<string, string[]>();
    for (const { context } of batch) {
      if (!context.idempotency) continue;
      const { scope, key } = context.idempotency;
      keysByScope.set(scope, [...(keysByScope.get(scope) ?? []), key]);
    }
    const known = new Map<string, { fingerprint: string; receipt: ReportReceipt }>();
    for (const [scope, keys] of keysByScope) {
      for (const found of await findReceiptsByKeys(tx, scope, keys)) {
        known.set(idempotencyId({ actor: '', idempotency: { scope, key: found.key } })!, found);
      }
    }
    return known;
  }
}

function answerRetry(pending: PendingReport, fingerprint: string, receipt: ReportReceipt): void {
  if (fingerprint !== pending.fingerprint) {
    pending.reject(
      new IdempotencyConflictError(
        'This Idempotency-Key was already used for a different report; send a new key for a new report',
      ),
    );
  } else {
    pending.resolve({ receipt, created: false });
  }
}

function idempotencyId(context: IntakeContext): string | undefined {
  return context.idempotency && `${context.idempotency.scope}\u0000${context.idempotency.key}`;
}

function receiptFor(report: Report, seq: number): ReportReceipt {
  return { reportId: report.id, incidentId: report.incidentId, seq, receivedAt: report.receivedAt };
}

function fingerprintOf(input: CreateReport): string {
  return createHash('sha256').update(stringify(input)).digest('hex');
}

/** Builds the stored report and the incident it opens (one to one until merging exists). */
function materialize(
  input: CreateReport,
  receivedAt: Date,
): { report: Report; incident: Incident } {
  const at = receivedAt.toISOString();
  const incidentId = randomUUID();
  const report: Report = {
    id: randomUUID(),
    incidentId,
    title: input.title,
    ...(input.description !== undefined && { description: input.description }),
    category: input.category,
    severity: input.severity,
    location: input.location,
    observedAt: input.observedAt ? new Date(input.observedAt).toISOString() : at,
    receivedAt: at,
    source: input.source,
    ...(input.reporter !== undefined && { reporter: input.reporter }),
  };
  const incident: Incident = {
    id: incidentId,
    title: input.title,
    category: input.category,
    severity: input.severity,
    status: IncidentStatus.new,
    location: input.location,
    openedAt: at,
    updatedAt: at,
    reportCount: 1,
  };
  return { report, incident };
}
