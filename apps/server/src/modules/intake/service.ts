import { createHash, randomUUID } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import {
  IncidentStatus,
  JournalKind,
  districtAt,
  type CreateReport,
  type DistrictCollection,
  type DistrictRef,
  type Incident,
  type JournalEntry,
  type Report,
  type ReportReceipt,
} from '@vaka/domain';
import {
  chainJournalEntries,
  incidentRowJson,
  prepareJournalEntry,
  reportRowJson,
  reportRowWithoutSeq,
  writeIntakeBatch,
  type Database,
  type PreparedJournalEntry,
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

/** A submitted report, with everything that does not need the journal lock done already. */
interface PendingReport {
  context: IntakeContext;
  fingerprint: string;
  report: Report;
  incident: Incident;
  entries: PreparedJournalEntry[];
  incidentJson: string;
  reportJsonWithoutSeq: string;
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
  /** A transaction is begun and has not yet sent its insert. */
  private collecting = false;

  constructor(
    private readonly database: Database,
    /** The city's districts: an incident opened from a report lies in one, by its coordinates. */
    private readonly districts: DistrictCollection,
    private readonly onCommit: CommitListener,
  ) {}

  /** Stores a report (and opens its incident) durably, or returns the first receipt for a retried key. */
  submit(input: CreateReport, context: IntakeContext): Promise<IntakeResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...prepare(input, context, this.districts), resolve, reject });
      this.begin();
    });
  }

  /**
   * Begins the next transaction unless one is already waiting to collect. It collects what is
   * queued once it holds the journal lock; when it sends its insert, the next one begins, so under
   * load there is always one transaction committing and one waiting for the lock.
   */
  private begin(): void {
    if (this.collecting) return;
    this.collecting = true;
    let batch: PendingReport[] = [];
    const handOver = () => {
      if (!this.collecting) return;
      this.collecting = false;
      if (batch.length > 0 || this.queue.length > 0) this.begin();
    };
    this.commit(() => (batch = this.queue.splice(0, MAX_BATCH)), handOver)
      .catch(async () => {
        handOver();
        // NOTE: one bad report must not fail the others that shared its transaction; retry alone.
        for (const pending of batch) {
          await this.commit(
            () => [pending],
            () => {},
          ).catch((error: unknown) => pending.reject(error));
        }
      })
      .finally(handOver);
  }

  /** One transaction: the batch `take` gives once the lock is held; `onWriting` once it is sent. */
  private async commit(take: () => PendingReport[], onWriting: () => void): Promise<void> {
    let batch: PendingReport[] = [];
    // The journal lock is taken before the keys are looked up: no other writer can store the same
    // key in between. Under it, only numbering, hashing and joining strings remain to be done.
    const written = await writeIntakeBatch(this.database.pool, {
      collect: () => {
        batch = take();
        return batch.length === 0
          ? undefined
          : batch.flatMap(({ context }) => context.idempotency ?? []);
      },
      build: ({ head, known }) => {
        const knownByKey = new Map(known.map((found) => [idempotencyId(found), found]));
        const fresh: PendingReport[] = [];
        const firstByKey = new Map<string, PendingReport>();
        const answers: Array<(receipts: Map<PendingReport, ReportReceipt>) => void> = [];
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
              answerRetry(pending, sibling.fingerprint, receipts.get(sibling)!),
            );
            continue;
          }
          fresh.push(pending);
          if (keyId !== undefined) firstByKey.set(keyId, pending);
        }

        const { rowsJson, stored } = chainJournalEntries(
          head,
          fresh.flatMap(({ entries }) => entries),
          new Date(),
        );
        const reportsJson = fresh.map((pending, index) =>
          reportRowJson(pending.reportJsonWithoutSeq, stored[index * 2 + 1]!.seq),
        );
        onWriting();
        return {
          batch: {
            journalJson: rowsJson,
            incidentsJson: `[${fresh.map(({ incidentJson }) => incidentJson).join(',')}]`,
            reportsJson: `[${reportsJson.join(',')}]`,
          },
          result: { stored, fresh, answers },
        };
      },
    });
    if (!written) return;
    const { stored, fresh, answers } = written;
    this.onCommit(stored, fresh.length);
    const receipts = new Map(
      fresh.map((pending, index) => [
        pending,
        receiptFor(pending.report, stored[index * 2 + 1]!.seq),
      ]),
    );
    for (const [pending, receipt] of receipts) pending.resolve({ receipt, created: true });
    for (const answer of answers) answer(receipts);
  }
}

/** Builds the report, its incident and their journal entries and rows, before any lock. */
function prepare(
  input: CreateReport,
  context: IntakeContext,
  districts: DistrictCollection,
): Omit<PendingReport, 'resolve' | 'reject'> {
  const fingerprint = fingerprintOf(input);
  // NOTE: point-in-polygon over a city's few dozen district polygons takes microseconds, so it
  // is done here, per report, outside the journal lock.
  const district = districtAt(districts, input.location);
  const { report, incident } = materialize(input, context.receivedAt ?? new Date(), district);
  const entries = [
    {
      kind: JournalKind.incidentOpened,
      actor: context.actor,
      incidentId: incident.id,
      data: { incident },
    },
    {
      kind: JournalKind.reportReceived,
      actor: context.actor,
      incidentId: incident.id,
      data: { report },
    },
  ].map(prepareJournalEntry);
  const idempotency = context.idempotency && { ...context.idempotency, fingerprint };
  return {
    context,
    fingerprint,
    report,
    incident,
    entries,
    incidentJson: incidentRowJson(incident),
    reportJsonWithoutSeq: reportRowWithoutSeq(report, idempotency),
  };
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
  district: DistrictRef | undefined,
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
    ...(district !== undefined && { district }),
    openedAt: at,
    updatedAt: at,
    reportCount: 1,
  };
  return { report, incident };
}
