import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type {
  DeliveryStatus,
  WebhookDelivery,
  WebhookEvent,
  WebhookHealth,
  WebhookSubscriber,
} from '@vaka/domain';
import { outbox, webhookDeliveries, webhookSubscribers } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type SubscriberRow = typeof webhookSubscribers.$inferSelect;

/** A subscriber without its health: what is stored and journalled. */
export type StoredSubscriber = Omit<WebhookSubscriber, 'health'>;

/** A subscriber with its secret, for signing; never answered to anyone. */
export interface SubscriberWithSecret extends StoredSubscriber {
  secret: string;
}

/** An event queued for one subscriber. */
export interface NewWebhookDelivery {
  id: string;
  subscriberId: string;
  event: WebhookEvent;
  messageId?: string;
  version?: number;
  /** The JSON payload, exactly as it is signed and sent on every attempt. */
  body: string;
  maxAttempts: number;
}

/** Stores a new subscriber with its secret. */
export async function insertSubscriber(
  tx: Executor,
  subscriber: SubscriberWithSecret,
): Promise<void> {
  await tx.insert(webhookSubscribers).values(toRow(subscriber));
}

/** Stores a subscriber's new state; its secret only when given. */
export async function saveSubscriber(
  tx: Executor,
  subscriber: StoredSubscriber,
  secret?: string,
): Promise<void> {
  const { secret: _unchanged, ...row } = toRow({ ...subscriber, secret: '' });
  await tx
    .update(webhookSubscribers)
    .set({ ...row, ...(secret !== undefined && { secret }) })
    .where(eq(webhookSubscribers.id, subscriber.id));
}

/** One subscriber with its secret, archived or not. */
export async function findSubscriber(
  db: Executor,
  id: string,
): Promise<SubscriberWithSecret | undefined> {
  const [row] = await db.select().from(webhookSubscribers).where(eq(webhookSubscribers.id, id));
  return row && fromRow(row);
}

/** Every subscriber, archived ones last, each with how its deliveries have gone. */
export async function listSubscribers(db: Executor): Promise<WebhookSubscriber[]> {
  const rows = await db
    .select()
    .from(webhookSubscribers)
    .orderBy(sql`${webhookSubscribers.archivedAt} is not null`, webhookSubscribers.name);
  const health = await subscriberHealth(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => {
    const { secret: _secret, ...subscriber } = fromRow(row);
    return { ...subscriber, health: health.get(row.id) ?? { pending: 0, sent: 0, failed: 0 } };
  });
}

/** The subscribers still in use: whom an event goes to. */
export async function activeSubscribers(
  db: Executor,
): Promise<Array<Pick<StoredSubscriber, 'id' | 'name' | 'exercises'>>> {
  return db
    .select({
      id: webhookSubscribers.id,
      name: webhookSubscribers.name,
      exercises: webhookSubscribers.exercises,
    })
    .from(webhookSubscribers)
    .where(isNull(webhookSubscribers.archivedAt));
}

/** Queues events for subscribers, to go out from `at`. */
export async function queueWebhookDeliveries(
  tx: Executor,
  deliveries: readonly NewWebhookDelivery[],
  at: Date,
): Promise<void> {
  if (deliveries.length === 0) return;
  await tx.insert(outbox).values(
    deliveries.map((delivery) => ({
      id: delivery.id,
      channel: 'webhook' as const,
      recipient: delivery.subscriberId,
      subject: delivery.event,
      body: delivery.body,
      language: null,
      status: 'queued' as const,
      attempts: 0,
      maxAttempts: delivery.maxAttempts,
      nextAttemptAt: at,
      createdAt: at,
    })),
  );
  await tx.insert(webhookDeliveries).values(
    deliveries.map((delivery) => ({
      outboxId: delivery.id,
      subscriberId: delivery.subscriberId,
      event: delivery.event,
      messageId: delivery.messageId ?? null,
      version: delivery.version ?? null,
    })),
  );
}

/** Withdraws a subscriber's deliveries that have not gone out; returns how many. */
export async function withdrawSubscriberDeliveries(
  tx: Executor,
  subscriberId: string,
): Promise<number> {
  const rows = await tx
    .update(outbox)
    .set({ status: 'withdrawn', heldUntil: null })
    .where(
      and(
        eq(outbox.status, 'queued'),
        inArray(
          outbox.id,
          tx
            .select({ id: webhookDeliveries.outboxId })
            .from(webhookDeliveries)
            .where(eq(webhookDeliveries.subscriberId, subscriberId)),
        ),
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}

/** Whose each webhook delivery is, and whether that subscriber is archived, by outbox id. */
export async function webhookOwners(
  db: Executor,
  outboxIds: readonly string[],
): Promise<Map<string, { subscriberId: string; archived: boolean }>> {
  if (outboxIds.length === 0) return new Map();
  const rows = await db
    .select({
      outboxId: webhookDeliveries.outboxId,
      subscriberId: webhookDeliveries.subscriberId,
      archivedAt: webhookSubscribers.archivedAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscribers, eq(webhookSubscribers.id, webhookDeliveries.subscriberId))
    .where(inArray(webhookDeliveries.outboxId, [...outboxIds]));
  return new Map(
    rows.map((row) => [
      row.outboxId,
      { subscriberId: row.subscriberId, archived: row.archivedAt !== null },
    ]),
  );
}

/**
 * Deliveries, newest first: of one subscriber, of one message, or the ones named by id (in any
 * order then).
 */
export async function listWebhookDeliveries(
  db: Executor,
  filter: { subscriberId: string } | { messageId: string } | { ids: readonly string[] },
  limit = 100,
): Promise<WebhookDelivery[]> {
  if ('ids' in filter && filter.ids.length === 0) return [];
  const where =
    'subscriberId' in filter
      ? eq(webhookDeliveries.subscriberId, filter.subscriberId)
      : 'messageId' in filter
        ? eq(webhookDeliveries.messageId, filter.messageId)
        : inArray(webhookDeliveries.outboxId, [...filter.ids]);
  const rows = await db
    .select({
      delivery: webhookDeliveries,
      subscriberName: webhookSubscribers.name,
      message: {
        status: outbox.status,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        createdAt: outbox.createdAt,
        sentAt: outbox.sentAt,
        nextAttemptAt: outbox.nextAttemptAt,
      },
    })
    .from(webhookDeliveries)
    .innerJoin(outbox, eq(outbox.id, webhookDeliveries.outboxId))
    .innerJoin(webhookSubscribers, eq(webhookSubscribers.id, webhookDeliveries.subscriberId))
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(webhookDeliveries.outboxId))
    .limit(limit);
  return rows.map(({ delivery, subscriberName, message }) => ({
    id: delivery.outboxId,
    subscriberId: delivery.subscriberId,
    subscriberName,
    event: delivery.event,
    ...(delivery.messageId !== null && { messageId: delivery.messageId }),
    ...(delivery.version !== null && { version: delivery.version }),
    status: message.status satisfies DeliveryStatus,
    attempts: message.attempts,
    ...(message.lastError !== null && { lastError: message.lastError }),
    createdAt: message.createdAt.toISOString(),
    ...(message.sentAt !== null && { sentAt: message.sentAt.toISOString() }),
    ...(message.status === 'queued' && {
      nextAttemptAt: message.nextAttemptAt.toISOString(),
    }),
  }));
}

/** Counts of each subscriber's deliveries by outcome, its last success and its open error. */
async function subscriberHealth(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, WebhookHealth>> {
  if (ids.length === 0) return new Map();
  const result = await db.execute<{
    subscriber_id: string;
    pending: number;
    sent: number;
    failed: number;
    last_sent_at: Date | string | null;
    last_error: string | null;
  }>(sql`
    select ${webhookDeliveries.subscriberId} as subscriber_id,
      count(*) filter (where ${outbox.status} in ('queued', 'sending'))::int as pending,
      count(*) filter (where ${outbox.status} = 'sent')::int as sent,
      count(*) filter (where ${outbox.status} = 'failed')::int as failed,
      max(${outbox.sentAt}) as last_sent_at,
      (array_agg(${outbox.lastError} order by ${outbox.createdAt} desc) filter (
        where ${outbox.lastError} is not null and ${outbox.status} in ('queued', 'sending', 'failed')
      ))[1] as last_error
    from ${webhookDeliveries} join ${outbox} on ${outbox.id} = ${webhookDeliveries.outboxId}
    where ${inArray(webhookDeliveries.subscriberId, [...ids])}
    group by ${webhookDeliveries.subscriberId}`);
  return new Map(
    result.rows.map((row) => [
      row.subscriber_id,
      {
        pending: row.pending,
        sent: row.sent,
        failed: row.failed,
        ...(row.last_sent_at !== null && {
          lastSentAt: new Date(row.last_sent_at).toISOString(),
        }),
        ...(row.last_error !== null && { lastError: row.last_error }),
      },
    ]),
  );
}

function toRow(subscriber: SubscriberWithSecret): typeof webhookSubscribers.$inferInsert {
  return {
    id: subscriber.id,
    name: subscriber.name,
    url: subscriber.url,
    secret: subscriber.secret,
    exercises: subscriber.exercises,
    createdAt: new Date(subscriber.createdAt),
    createdBy: subscriber.createdBy,
    updatedAt: new Date(subscriber.updatedAt),
    archivedAt: subscriber.archivedAt === undefined ? null : new Date(subscriber.archivedAt),
  };
}

function fromRow(row: SubscriberRow): SubscriberWithSecret {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    secret: row.secret,
    secretHint: row.secret.slice(-4),
    exercises: row.exercises,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    ...(row.archivedAt !== null && { archivedAt: row.archivedAt.toISOString() }),
  };
}
