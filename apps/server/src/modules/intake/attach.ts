import { createHash, randomUUID } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import {
  IncidentStatus,
  JournalKind,
  type CreateReport,
  type Incident,
  type JournalEntry,
  type Report,
} from '@vaka/domain';
import {
  appendJournal,
  findIncident,
  insertReport,
  lockJournalAndRead,
  saveIncident,
  type Database,
} from '@vaka/db';
import { IdempotencyConflictError, type IntakeContext, type IntakeResult } from './service.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';

/** What attaching a report gave: the answer for the caller, and the entries for the live hub. */
export interface AttachResult extends IntakeResult {
  /** Empty when the answer is a retry's first receipt. */
  entries: JournalEntry[];
}

/**
 * Stores a report as one more report of an open incident, in one transaction: the report, the
 * incident's new report count, and the journal's `report.received` and `incident.updated`. A retry
 * with the same idempotency key gets the first receipt. Refused (404) for an unknown incident and
 * (409) for a merged or closed one, with nothing stored.
 * NOTE: not through the batched intake: attaching is a person's or a partner's deliberate act, far
 * rarer than new reports, and it reads the incident under the lock, which a batch does not.
 */
export async function attachReport(
  database: Database,
  incidentId: string,
  input: CreateReport,
  context: IntakeContext,
): Promise<AttachResult> {
  // The target is part of what the key stands for: the same report sent to another incident, or
  // as a new one, is a different request.
  const fingerprint = createHash('sha256')
    .update(stringify({ attachTo: incidentId, report: input }) ?? '')
    .digest('hex');
  const at = context.receivedAt ?? new Date();
  return database.db.transaction(async (tx) => {
    const keys = context.idempotency ? [context.idempotency] : [];
    const { known } = await lockJournalAndRead(tx, keys);
    const [previous] = known;
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        throw new IdempotencyConflictError(
          'This Idempotency-Key was already used for a different report; send a new key for a new report',
        );
      }
      return { receipt: previous.receipt, created: false, entries: [] };
    }

    const current = await findIncident(tx, incidentId);
    if (!current) throw new NotFoundError(`There is no incident ${incidentId}`);
    if (current.mergedInto !== undefined) {
      const target = await findIncident(tx, current.mergedInto);
      throw new ConflictError(
        `The incident ${describe(current)} was merged into the incident ${target ? describe(target) : current.mergedInto}; attach the report there`,
      );
    }
    if (current.status === IncidentStatus.closed) {
      throw new ConflictError(
        `The incident ${describe(current)} is closed: reopen it first or send it as a new report`,
      );
    }

    const receivedAt = at.toISOString();
    const report: Report = {
      id: randomUUID(),
      incidentId,
      title: input.title,
      ...(input.description !== undefined && { description: input.description }),
      category: input.category,
      severity: input.severity,
      location: input.location,
      observedAt: input.observedAt ? new Date(input.observedAt).toISOString() : receivedAt,
      receivedAt,
      source: input.source,
      ...(input.reporter !== undefined && { reporter: input.reporter }),
    };
    // NOTE: the incident keeps its title, severity and place; whether the new report changes the
    // picture is the duty officer's call, as with a merge.
    const incident: Incident = {
      ...current,
      reportCount: current.reportCount + 1,
      updatedAt: receivedAt,
    };
    const entries = await appendJournal(
      tx,
      [
        { kind: JournalKind.reportReceived, actor: context.actor, incidentId, data: { report } },
        {
          kind: JournalKind.incidentUpdated,
          actor: context.actor,
          incidentId,
          data: { incident, reason: 'A report was attached', attachedReportId: report.id },
        },
      ],
      at,
    );
    const [received] = entries;
    if (received?.kind !== JournalKind.reportReceived) throw new Error('the journal lost an entry');
    // The journal lock is held until commit, so the entry's sequence is final.
    await insertReport(
      tx,
      report,
      received.seq,
      context.idempotency && { ...context.idempotency, fingerprint },
    );
    await saveIncident(tx, incident);
    return {
      receipt: { reportId: report.id, incidentId, seq: received.seq, receivedAt },
      created: true,
      entries,
    };
  });
}

/** An incident as a person recognises it in a sentence: its title, and its id to be exact. */
function describe(incident: Incident): string {
  return `"${incident.title}" (${incident.id})`;
}
