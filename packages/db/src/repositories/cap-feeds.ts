import { eq, inArray, sql } from 'drizzle-orm';
import { capFeeds, type CapFeedStatus } from '../schema/index.ts';
import type { Executor } from './journal.ts';

/** A polled CAP feed as the poller reads it. */
export interface CapFeedRow {
  url: string;
  name: string;
  etag: string | undefined;
  lastModified: string | undefined;
  nextPollAt: Date;
  lastStatus: CapFeedStatus | undefined;
  lastError: string | undefined;
  lastPolledAt: Date | undefined;
  /** The last poll that went well: the feed answered, and every alert it lists was taken. */
  lastSucceededAt: Date | undefined;
  /** The first failed poll since the last good one; undefined while the feed works. */
  failingSince: Date | undefined;
  /** Alerts of the last poll: stored as new reports, and recognised as already stored. */
  lastAlerts: CapFeedAlertCounts;
  /** Alerts of every poll so far. */
  totalAlerts: CapFeedAlertCounts;
  /** When the feed last brought an alert Vaka did not have. */
  lastNewAlertAt: Date | undefined;
}

/** Alerts a feed brought: stored as new reports, and delivered again (already stored). */
export interface CapFeedAlertCounts {
  new: number;
  repeated: number;
}

type Row = typeof capFeeds.$inferSelect;

function fromRow(row: Row): CapFeedRow {
  return {
    url: row.url,
    name: row.name,
    etag: row.etag ?? undefined,
    lastModified: row.lastModified ?? undefined,
    nextPollAt: row.nextPollAt,
    lastStatus: row.lastStatus ?? undefined,
    lastError: row.lastError ?? undefined,
    lastPolledAt: row.lastPolledAt ?? undefined,
    lastSucceededAt: row.lastSucceededAt ?? undefined,
    failingSince: row.failingSince ?? undefined,
    lastAlerts: { new: row.lastNewAlerts, repeated: row.lastRepeatedAlerts },
    totalAlerts: { new: row.totalNewAlerts, repeated: row.totalRepeatedAlerts },
    lastNewAlertAt: row.lastNewAlertAt ?? undefined,
  };
}

/** Adds the configured feeds not yet known, due now; a known feed keeps its state and takes its new name. */
export async function registerCapFeeds(
  db: Executor,
  feeds: ReadonlyArray<{ url: string; name: string }>,
  now: Date,
): Promise<void> {
  if (feeds.length === 0) return;
  await db
    .insert(capFeeds)
    .values(feeds.map((feed) => ({ url: feed.url, name: feed.name, nextPollAt: now })))
    .onConflictDoUpdate({ target: capFeeds.url, set: { name: sql`excluded.name` } });
}

/**
 * Claims one feed of `urls` that is due at `now` by moving its next poll to `nextPollAt`, so no
 * other instance takes it; a feed another instance is claiming at this moment is skipped.
 * NOTE: the claim is its own statement, not held through the fetch: a poll that dies half way
 * is simply tried again at the next interval.
 */
export async function claimDueCapFeed(
  db: Executor,
  urls: readonly string[],
  now: Date,
  nextPollAt: (url: string) => Date,
): Promise<CapFeedRow | undefined> {
  if (urls.length === 0) return undefined;
  const candidates = await db.execute<{ url: string }>(sql`
    select url from ${capFeeds}
    where url in (${sql.join(
      urls.map((url) => sql`${url}`),
      sql`, `,
    )}) and next_poll_at <= ${now}
    order by next_poll_at
    limit 1`);
  const [candidate] = candidates.rows;
  if (!candidate) return undefined;
  const claimed = await db.execute<{ url: string }>(sql`
    update ${capFeeds} set next_poll_at = ${nextPollAt(candidate.url)}
    where url = (
      select url from ${capFeeds}
      where url = ${candidate.url} and next_poll_at <= ${now}
      for update skip locked
    )
    returning url`);
  const [row] = claimed.rows;
  if (!row) return undefined;
  return findCapFeed(db, row.url);
}

/** One feed's state, by its URL. */
export async function findCapFeed(db: Executor, url: string): Promise<CapFeedRow | undefined> {
  const [row] = await db.select().from(capFeeds).where(eq(capFeeds.url, url));
  return row && fromRow(row);
}

/** The state of the feeds with these URLs, in no particular order; unknown ones are left out. */
export async function listCapFeeds(db: Executor, urls: readonly string[]): Promise<CapFeedRow[]> {
  if (urls.length === 0) return [];
  const rows = await db
    .select()
    .from(capFeeds)
    .where(inArray(capFeeds.url, [...urls]));
  return rows.map(fromRow);
}

/**
 * Stores how a poll went and what it brought: a failed poll starts the feed's failing period
 * unless one is running, a good one ends it. Validators are replaced only when given (null
 * clears them).
 */
export async function recordCapFeedPoll(
  db: Executor,
  url: string,
  outcome: {
    status: CapFeedStatus;
    error: string | undefined;
    polledAt: Date;
    alerts: CapFeedAlertCounts;
    validators?: { etag: string | null; lastModified: string | null };
  },
): Promise<void> {
  const failed = outcome.status === 'failed';
  const { polledAt, alerts } = outcome;
  await db
    .update(capFeeds)
    .set({
      lastStatus: outcome.status,
      lastError: outcome.error ?? null,
      lastPolledAt: polledAt,
      failingSince: failed ? sql`coalesce(${capFeeds.failingSince}, ${polledAt})` : null,
      lastNewAlerts: alerts.new,
      lastRepeatedAlerts: alerts.repeated,
      totalNewAlerts: sql`${capFeeds.totalNewAlerts} + ${alerts.new}`,
      totalRepeatedAlerts: sql`${capFeeds.totalRepeatedAlerts} + ${alerts.repeated}`,
      ...(alerts.new > 0 && { lastNewAlertAt: polledAt }),
      ...(!failed && { lastSucceededAt: polledAt }),
      ...(outcome.validators && {
        etag: outcome.validators.etag,
        lastModified: outcome.validators.lastModified,
      }),
    })
    .where(eq(capFeeds.url, url));
}
