import {
  JournalKind,
  type JournalEntry,
  type Readiness,
  type SetReadinessRequest,
} from '@vaka/domain';
import { appendJournal, currentReadiness, lockJournal, type Database } from '@vaka/db';
import { ConflictError } from '../../errors.ts';

/**
 * Sets the city's readiness level, with why, in one transaction that journals it. Refused (409)
 * when the level is not the one the caller saw, or already the one asked for.
 */
export async function setReadiness(
  database: Database,
  request: SetReadinessRequest,
  actor: string,
  at: Date = new Date(),
): Promise<Extract<JournalEntry, { kind: 'readiness.changed' }>> {
  return database.db.transaction(async (tx) => {
    // Under the journal lock, so two people raising the level at once never both succeed.
    await lockJournal(tx);
    const current = await currentReadiness(tx);
    if (request.expectedLevel !== undefined && request.expectedLevel !== current.level) {
      throw new ConflictError(
        `The readiness level is ${current.level}${setBy(current)}, not ${request.expectedLevel} as you saw: look at it again and retry`,
      );
    }
    if (request.level === current.level) {
      throw new ConflictError(`The readiness level is already ${current.level}${setBy(current)}`);
    }
    const readiness: Readiness = {
      level: request.level,
      reason: request.reason,
      changedAt: at.toISOString(),
      changedBy: actor,
    };
    const [entry] = await appendJournal(tx, [
      { kind: JournalKind.readinessChanged, actor, data: { readiness, previous: current.level } },
    ]);
    if (entry?.kind !== JournalKind.readinessChanged) throw new Error('the journal lost an entry');
    return entry;
  });
}

/** Who set the level in force and when, for a sentence; nothing for the level a city starts at. */
function setBy(readiness: Readiness): string {
  if (readiness.changedBy === undefined) return '';
  return `, set by ${readiness.changedBy}${readiness.changedAt === undefined ? '' : ` at ${readiness.changedAt}`}`;
}
