import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { MessageStatus, PublicMessage } from '@vaka/domain';
import { journal, publicMessages, type PublicMessageContent } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type MessageRow = typeof publicMessages.$inferSelect;

/** One version of a message, as the timers find it due. */
export interface DueMessageVersion {
  id: string;
  version: number;
  /** Who scheduled its publication, when it is due to be published. */
  scheduledBy?: string;
}

/** Stores a new version of a message. */
export async function insertMessageVersion(tx: Executor, message: PublicMessage): Promise<void> {
  await tx.insert(publicMessages).values(toRow(message));
}

/**
 * Stores a version's new state. `scheduledBy` names who set its `publishAt`; null clears it, and
 * when left out it stays as it was.
 */
export async function saveMessageVersion(
  tx: Executor,
  message: PublicMessage,
  scheduledBy?: string | null,
): Promise<void> {
  await tx
    .update(publicMessages)
    .set({ ...toRow(message), ...(scheduledBy !== undefined && { scheduledBy }) })
    .where(and(eq(publicMessages.id, message.id), eq(publicMessages.version, message.version)));
}

/** Every version of a message, newest first; empty when there is no such message. */
export async function findMessageVersions(db: Executor, id: string): Promise<PublicMessage[]> {
  const rows = await db
    .select()
    .from(publicMessages)
    .where(eq(publicMessages.id, id))
    .orderBy(desc(publicMessages.version));
  return rows.map(toMessage);
}

/** Who scheduled a version's publication, if anyone did. */
export async function messageScheduledBy(
  db: Executor,
  id: string,
  version: number,
): Promise<string | undefined> {
  const [row] = await db
    .select({ scheduledBy: publicMessages.scheduledBy })
    .from(publicMessages)
    .where(and(eq(publicMessages.id, id), eq(publicMessages.version, version)));
  return row?.scheduledBy ?? undefined;
}

/**
 * Who wrote a version: whoever drafted it and whoever changed it since, from the journal, so
 * that none of them approves it.
 */
export async function messageVersionWriters(
  db: Executor,
  id: string,
  version: number,
): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ actor: journal.actor })
    .from(journal)
    .where(
      and(
        inArray(journal.kind, ['message.drafted', 'message.changed']),
        sql`${journal.data} -> 'message' ->> 'id' = ${id}`,
        sql`(${journal.data} -> 'message' ->> 'version')::int = ${version}`,
      ),
    );
  return new Set(rows.map((row) => row.actor));
}

/**
 * The latest version of each message, the most recently changed first, at most `limit`; with
 * `statuses`, only messages whose latest version has one of them.
 */
export async function listLatestMessages(
  db: Executor,
  options: { statuses?: readonly MessageStatus[]; limit: number },
): Promise<{ messages: PublicMessage[]; truncated: boolean }> {
  const latest = sql`${publicMessages.version} = (select max(m.version) from public_messages m where m.id = ${publicMessages.id})`;
  const rows = await db
    .select()
    .from(publicMessages)
    .where(
      and(
        latest,
        options.statuses === undefined
          ? undefined
          : inArray(publicMessages.status, [...options.statuses]),
      ),
    )
    .orderBy(desc(publicMessages.updatedAt), desc(publicMessages.id))
    .limit(options.limit + 1);
  return {
    messages: rows.slice(0, options.limit).map(toMessage),
    truncated: rows.length > options.limit,
  };
}

/**
 * The versions out now: published, effective at `now` and not yet expired (the expiry timer may
 * lag a moment behind), the most recently published first; exercises only when asked for.
 */
export async function listValidMessages(
  db: Executor,
  now: Date,
  options: { exercises: boolean },
): Promise<PublicMessage[]> {
  const rows = await db
    .select()
    .from(publicMessages)
    .where(
      and(
        eq(publicMessages.status, 'published'),
        lte(publicMessages.effective, now),
        gt(publicMessages.expires, now),
        options.exercises ? undefined : eq(publicMessages.exercise, false),
      ),
    )
    .orderBy(desc(publicMessages.publishedAt), desc(publicMessages.id));
  return rows.map(toMessage);
}

/**
 * Published versions still out or yet to take effect, not expired at `now`: what the staff see
 * as out, exercises included, the most recently published first.
 */
export async function listOutMessages(db: Executor, now: Date): Promise<PublicMessage[]> {
  const rows = await db
    .select()
    .from(publicMessages)
    .where(and(eq(publicMessages.status, 'published'), gt(publicMessages.expires, now)))
    .orderBy(desc(publicMessages.publishedAt), desc(publicMessages.id));
  return rows.map(toMessage);
}

/**
 * Versions that were out and were withdrawn, whose time of validity has not ended at `now`
 * (not exercises), the most recently withdrawn first: their cancellations still matter.
 */
export async function listWithdrawnValidMessages(
  db: Executor,
  now: Date,
): Promise<PublicMessage[]> {
  const rows = await db
    .select()
    .from(publicMessages)
    .where(
      and(
        eq(publicMessages.status, 'withdrawn'),
        isNotNull(publicMessages.publishedAt),
        gt(publicMessages.expires, now),
        eq(publicMessages.exercise, false),
      ),
    )
    .orderBy(desc(publicMessages.withdrawnAt), desc(publicMessages.id));
  return rows.map(toMessage);
}

/**
 * Approved versions whose scheduled publication is due at `now`, including those whose validity
 * ended first (the server was down, say), which the timer returns to draft.
 */
export async function dueScheduledMessages(
  db: Executor,
  now: Date,
  limit: number,
): Promise<DueMessageVersion[]> {
  const rows = await db
    .select({
      id: publicMessages.id,
      version: publicMessages.version,
      scheduledBy: publicMessages.scheduledBy,
    })
    .from(publicMessages)
    .where(
      and(
        eq(publicMessages.status, 'approved'),
        isNotNull(publicMessages.publishAt),
        lte(publicMessages.publishAt, now),
      ),
    )
    .orderBy(asc(publicMessages.publishAt))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    version: row.version,
    ...(row.scheduledBy !== null && { scheduledBy: row.scheduledBy }),
  }));
}

/** Published versions whose time of validity has ended at `now`. */
export async function dueExpiredMessages(
  db: Executor,
  now: Date,
  limit: number,
): Promise<DueMessageVersion[]> {
  return db
    .select({ id: publicMessages.id, version: publicMessages.version })
    .from(publicMessages)
    .where(and(eq(publicMessages.status, 'published'), lte(publicMessages.expires, now)))
    .orderBy(asc(publicMessages.expires))
    .limit(limit);
}

function toRow(message: PublicMessage): typeof publicMessages.$inferInsert {
  const content: PublicMessageContent = {
    category: message.category,
    urgency: message.urgency,
    severity: message.severity,
    certainty: message.certainty,
    area: message.area,
    issuer: message.issuer,
    ...(message.link !== undefined && { link: message.link }),
    variants: message.variants,
  };
  return {
    id: message.id,
    version: message.version,
    status: message.status,
    incidentId: message.incidentId ?? null,
    content,
    effective: new Date(message.effective),
    expires: new Date(message.expires),
    exercise: message.exercise,
    author: message.author,
    createdAt: new Date(message.createdAt),
    updatedAt: new Date(message.updatedAt),
    submittedAt: time(message.submittedAt),
    returnedBy: message.returnedBy ?? null,
    returnedAt: time(message.returnedAt),
    returnReason: message.returnReason ?? null,
    approvedBy: message.approvedBy ?? null,
    approvedAt: time(message.approvedAt),
    publishAt: time(message.publishAt),
    publishedBy: message.publishedBy ?? null,
    publishedAt: time(message.publishedAt),
    withdrawnBy: message.withdrawnBy ?? null,
    withdrawnAt: time(message.withdrawnAt),
    withdrawReason: message.withdrawReason ?? null,
  };
}

function toMessage(row: MessageRow): PublicMessage {
  const { content } = row;
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    ...(row.incidentId !== null && { incidentId: row.incidentId }),
    category: content.category,
    urgency: content.urgency,
    severity: content.severity,
    certainty: content.certainty,
    area: content.area,
    effective: row.effective.toISOString(),
    expires: row.expires.toISOString(),
    issuer: content.issuer,
    ...(content.link !== undefined && { link: content.link }),
    exercise: row.exercise,
    variants: content.variants,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...optional('submittedAt', row.submittedAt?.toISOString()),
    ...optional('returnedBy', row.returnedBy),
    ...optional('returnedAt', row.returnedAt?.toISOString()),
    ...optional('returnReason', row.returnReason),
    ...optional('approvedBy', row.approvedBy),
    ...optional('approvedAt', row.approvedAt?.toISOString()),
    ...optional('publishAt', row.publishAt?.toISOString()),
    ...optional('publishedBy', row.publishedBy),
    ...optional('publishedAt', row.publishedAt?.toISOString()),
    ...optional('withdrawnBy', row.withdrawnBy),
    ...optional('withdrawnAt', row.withdrawnAt?.toISOString()),
    ...optional('withdrawReason', row.withdrawReason),
  };
}

function time(iso: string | undefined): Date | null {
  return iso === undefined ? null : new Date(iso);
}

function optional<K extends string>(
  key: K,
  value: string | null | undefined,
): Partial<Record<K, string>> {
  return value === null || value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
