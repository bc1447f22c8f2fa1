import { count } from 'drizzle-orm';
import { reports } from '../schema/index.ts';
import type { Executor } from './journal.ts';

/** How many reports are stored. */
export async function countReports(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(reports);
  return row?.n ?? 0;
}
