import { desc, eq } from 'drizzle-orm';
import { JournalKind, ReadinessLevel, type Readiness } from '@vaka/domain';
import { journal } from '../schema/index.ts';
import type { Executor } from './journal.ts';

/** The readiness level in force: the last one the journal recorded, normal when none. */
export async function currentReadiness(db: Executor): Promise<Readiness> {
  const [row] = await db
    .select({ data: journal.data })
    .from(journal)
    .where(eq(journal.kind, JournalKind.readinessChanged))
    .orderBy(desc(journal.kind), desc(journal.seq))
    .limit(1);
  return row ? (row.data as { readiness: Readiness }).readiness : { level: ReadinessLevel.normal };
}
