import { createHash, randomUUID } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import {
  IncidentStatus,
  JournalKind,
  type CreateReport,
  type Incident,
  type JournalEntry,
  type Report,
  type ReportReceipt,
} from '@vaka/domain';
import { chainJournalEntries, writeIntakeBatch, type Database } from '@vaka/db';

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
    const receivedAt = new Date();
    const keys = batch.flatMap(({ context }) => context.idempotency ?? []);
    // The journal lock is taken before the keys are looked up: no other writer can store the same
    // key in between.
    const { stored, fresh, answers } = await writeIntakeBatch(
      this.database.pool,
      keys,
      ({ head, known }) => {
        const knownByKey = new Map(known.map((found) => [idempotencyId(found), found]));
        const fresh: FreshReport[] = [];
        const firstByKey = new Map<string, FreshReport>();
        const answers: Array<(receipts: Map<FreshReport, ReportReceipt>) => void> = [];
        for (const pending of batch) {
          const keyId = pending.context.idempotency && idempotencyId(pending.context.idempotency);
          const previous = keyId === undefined ? undefined : knownByKey.get(keyId);
          if (previous) {
            answers.push(() => answerRetry(pending, previous.fingerprint, previous.receipt));
            continue;
          }
          const sibling = keyId === undefined ? undefined : firstByKey.get(keyId);
          if (sibling) {
            // The same key twice in one batch: the second gets the first's receipt.
            answers.push((receipts) =>
              answerRetry(pending, sibling.pending.fingerprint, receipts.get(sibling)!),
            );
            continue;
          }
          const at = pending.context.receivedAt ?? receivedAt;
          const created: FreshReport = { pending, ...materialize(pending.input, at) };
          fresh.push(created);
          if (keyId !== undefined) firstByKey.set(keyId, created);
        }

        const { rows, stored } = chainJournalEntries(
          head,
          fresh.flatMap(({ pending, report, incident }) => [
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
          ]),
          receivedAt,
        );
        const reports = fresh.map(({ pending, report }, index) => ({
          report,
          journalSeq: stored[index * 2 + 1]!.seq,
          ...(pending.context.idempotency && {
            idempotency: { ...pending.context.idempotency, fingerprint: pending.fingerprint },
          }),
        }));
        return {
          batch: { journal: rows, incidents: fresh.map(({ incident }) => incident), reports },
          result: { stored, fresh, answers },
        };
      },
    );

    this.onCommit(stored, fresh.length);
    const receipts = new Map(
      fresh.map((created, index) => [
        created,
        receiptFor(created.report, stored[index * 2 + 1]!.seq),
      ]),
    );
    for (const [created, receipt] of receipts) created.pending.resolve({ receipt, created: true });
    for (const answer of answers) answer(receipts);
  }
}

/** A report of this batch that is new: it opens an incident. */
interface FreshReport {
  pending: PendingReport;
  report: Report;
  incident: Incident;
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

function idempotencyId({ scope, key }: { scope: string; key: string }): string {
  return `${scope}\u0000${key}`;
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
