import type { FastifyInstance } from 'fastify';
import type { JournalEntry, NewJournalEntry } from '@vaka/domain';
import { appendJournal, type Executor } from '@vaka/db';

/**
 * Runs a change and its journal entries in one transaction, then hands the entries to the live
 * hub: the one write path for everything but intake's batches.
 */
export async function journaled<T>(
  app: FastifyInstance,
  change: (tx: Executor) => Promise<{ entries: NewJournalEntry[]; result: T }>,
): Promise<{ result: T; stored: JournalEntry[] }> {
  const { result, stored } = await app.database.db.transaction(async (tx) => {
    const { entries, result } = await change(tx);
    return { result, stored: await appendJournal(tx, entries) };
  });
  app.liveHub.committed(stored);
  return { result, stored };
}
