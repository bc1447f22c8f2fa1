import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type {
  DeliveryStatus,
  Escalation,
  EscalationStatus,
  EscalationNotification,
  Language,
  NotificationChannel,
  OutboxChannel,
} from '@vaka/domain';
import {
  escalationNotifications,
  escalations,
  outbox,
  serverSecrets,
  webhookDeliveries,
} from '../schema/index.ts';
import type { Executor } from './journal.ts';

type EscalationRow = typeof escalations.$inferSelect;
type NotificationRow = typeof escalationNotifications.$inferSelect;
type OutboxRow = typeof outbox.$inferSelect;

/** An outgoing message as a sender needs it. */
export interface OutboxMessage {
  id: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  body: string;
  /** None for a webhook: its payload carries every language. */
  language: Language | undefined;
  /** This attempt's number, from 1; a sender's result only counts for its own attempt. */
  attempts: number;
  maxAttempts: number;
}

/** A new outgoing message, queued to go out at `at`. */
export interface NewOutboxMessage {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  body: string;
  language: Language;
  maxAttempts: number;
}

/** A new notification of an escalation, with its message. */
export interface NewNotification {
  id: string;
  escalationId: string;
  round: number;
  step: number;
  contactId: string;
  contactName: string;
  scheduleId?: string;
  message: NewOutboxMessage;
}

/** Stores a new escalation (without notifications; see insertNotifications). */
export async function insertEscalation(tx: Executor, escalation: Escalation): Promise<void> {
  await tx.insert(escalations).values(toRow(escalation));
}

/** Stores an escalation's new state (its notifications are stored by their own functions). */
export async function saveEscalation(tx: Executor, escalation: Escalation): Promise<void> {
  await tx.update(escalations).set(toRow(escalation)).where(eq(escalations.id, escalation.id));
}

/**
 * One escalation with its notifications and their delivery. With `lock`, the escalation's row is
 * locked for the rest of the transaction.
 */
export async function findEscalation(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<Escalation | undefined> {
  const query = db.select().from(escalations).where(eq(escalations.id, id));
  const [row] = options.lock === true ? await query.for('update') : await query;
  if (!row) return undefined;
  const [escalation] = await withNotifications(db, [row]);
  return escalation;
}

/** An incident's escalations, newest first. */
export async function listIncidentEscalations(
  db: Executor,
  incidentId: string,
): Promise<Escalation[]> {
  const rows = await db
    .select()
    .from(escalations)
    .where(eq(escalations.incidentId, incidentId))
    .orderBy(desc(escalations.startedAt), desc(escalations.id));
  return withNotifications(db, rows);
}

/** Escalations still awaiting acknowledgement (active or run out), oldest first. */
export async function listAwaitingEscalations(db: Executor): Promise<Escalation[]> {
  const rows = await db
    .select()
    .from(escalations)
    .where(inArray(escalations.status, ['active', 'exhausted']))
    .orderBy(asc(escalations.startedAt), asc(escalations.id));
  return withNotifications(db, rows);
}

/** The active escalations whose next step is due at `now`, earliest first. */
export async function dueEscalationIds(db: Executor, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: escalations.id })
    .from(escalations)
    .where(and(eq(escalations.status, 'active'), lte(escalations.nextStepAt, now)))
    .orderBy(asc(escalations.nextStepAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** When the earliest active escalation's next step is due, if any. */
export async function nextEscalationDue(db: Executor): Promise<Date | undefined> {
  const [row] = await db
    .select({
      at: sql<Date | null>`min(${escalations.nextStepAt})`.mapWith(escalations.nextStepAt),
    })
    .from(escalations)
    .where(eq(escalations.status, 'active'));
  return row?.at ?? undefined;
}

/** Queues notifications and their messages, to go out from `at`. */
export async function insertNotifications(
  tx: Executor,
  notifications: readonly NewNotification[],
  at: Date,
): Promise<void> {
  if (notifications.length === 0) return;
  await tx.insert(outbox).values(
    notifications.map(({ message }) => ({
      ...message,
      status: 'queued' as const,
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
    })),
  );
  await tx.insert(escalationNotifications).values(
    notifications.map((notification) => ({
      id: notification.id,
      escalationId: notification.escalationId,
      round: notification.round,
      step: notification.step,
      contactId: notification.contactId,
      contactName: notification.contactName,
      scheduleId: notification.scheduleId ?? null,
      outboxId: notification.message.id,
      queuedAt: at,
    })),
  );
}

/** Records a person's answer to a notification. */
export async function saveNotificationResponse(
  tx: Executor,
  notification: Pick<EscalationNotification, 'id' | 'response' | 'respondedAt' | 'responseReason'>,
): Promise<void> {
  await tx
    .update(escalationNotifications)
    .set({
      response: notification.response ?? null,
      respondedAt:
        notification.respondedAt === undefined ? null : new Date(notification.respondedAt),
      responseReason: notification.responseReason ?? null,
    })
    .where(eq(escalationNotifications.id, notification.id));
}

/** Withdraws an escalation's messages that have not gone out yet; returns how many. */
export async function withdrawQueuedMessages(tx: Executor, escalationId: string): Promise<number> {
  const rows = await tx
    .update(outbox)
    .set({ status: 'withdrawn', heldUntil: null })
    .where(
      and(
        eq(outbox.status, 'queued'),
        inArray(
          outbox.id,
          tx
            .select({ id: escalationNotifications.outboxId })
            .from(escalationNotifications)
            .where(eq(escalationNotifications.escalationId, escalationId)),
        ),
      ),
    )
    .returning({ id: outbox.id });
  return rows.length;
}

/**
 * Claims up to `limit` messages due at `now` for sending: queued ones whose time has come, and
 * ones whose sender's lease ran out. Each gets status `sending`, a lease until `leaseUntil` and
 * its next attempt number. Rows another instance is claiming are skipped, so each claim is one
 * instance's.
 */
export async function claimDueMessages(
  db: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxMessage[]> {
  const result = await db.execute<{
    id: string;
    channel: OutboxChannel;
    recipient: string;
    subject: string;
    body: string;
    language: Language | null;
    attempts: number;
    max_attempts: number;
  }>(sql`
    with webhook_heads as (
      -- A subscriber is sent its events one at a time, in the order they were queued, so an
      -- update never overtakes the message it updates: only each subscriber's first event still
      -- on its way may go. Found once per claim from the rows on their way, by queue order.
      select distinct on (${webhookDeliveries.subscriberId}) ${webhookDeliveries.outboxId} as id
      from ${outbox} join ${webhookDeliveries} on ${webhookDeliveries.outboxId} = ${outbox.id}
      where ${outbox.status} in ('queued', 'sending') and ${outbox.channel} = 'webhook'
      order by ${webhookDeliveries.subscriberId}, ${webhookDeliveries.seq}
    )
    update ${outbox} set status = 'sending', lease_until = ${leaseUntil},
      attempts = ${outbox.attempts} + 1, held_until = null
    where ${outbox.id} in (
      select id from ${outbox}
      where ((status = 'queued' and next_attempt_at <= ${now})
         or (status = 'sending' and lease_until <= ${now}))
        -- People's messages need no such order.
        and (channel <> 'webhook' or id in (select id from webhook_heads))
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    returning id, channel, recipient, subject, body, language, attempts, max_attempts`);
  return result.rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    language: row.language ?? undefined,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

/** How a send attempt ended, to be stored. */
export type MessageOutcome =
  | { status: 'sent'; at: Date }
  | { status: 'queued'; error: string; retryAt: Date; held?: boolean }
  | { status: 'failed'; error: string }
  | { status: 'withdrawn' };

/**
 * Stores how a claimed attempt ended, unless the attempt is no longer the message's current one
 * (its lease ran out and another instance took it over). Returns whether it was stored.
 */
export async function finishMessage(
  tx: Executor,
  message: Pick<OutboxMessage, 'id' | 'attempts'>,
  outcome: MessageOutcome,
): Promise<boolean> {
  const fields =
    outcome.status === 'sent'
      ? { status: outcome.status, sentAt: outcome.at, leaseUntil: null, lastError: null }
      : outcome.status === 'queued'
        ? {
            status: outcome.status,
            nextAttemptAt: outcome.retryAt,
            leaseUntil: null,
            ...(outcome.held === true
              ? // A hold is not an attempt: give the attempt back.
                { heldUntil: outcome.retryAt, attempts: sql`${outbox.attempts} - 1` }
              : { lastError: outcome.error }),
          }
        : outcome.status === 'failed'
          ? { status: outcome.status, leaseUntil: null, lastError: outcome.error }
          : { status: outcome.status, leaseUntil: null };
  const rows = await tx
    .update(outbox)
    .set(fields)
    .where(
      and(
        eq(outbox.id, message.id),
        eq(outbox.status, 'sending'),
        eq(outbox.attempts, message.attempts),
      ),
    )
    .returning({ id: outbox.id });
  return rows.length === 1;
}

/** The notification, escalation and escalation status each message belongs to, by message id. */
export async function messageOwners(
  db: Executor,
  outboxIds: readonly string[],
): Promise<
  Map<string, { notificationId: string; escalationId: string; status: EscalationStatus }>
> {
  if (outboxIds.length === 0) return new Map();
  const rows = await db
    .select({
      outboxId: escalationNotifications.outboxId,
      notificationId: escalationNotifications.id,
      escalationId: escalationNotifications.escalationId,
      status: escalations.status,
    })
    .from(escalationNotifications)
    .innerJoin(escalations, eq(escalations.id, escalationNotifications.escalationId))
    .where(inArray(escalationNotifications.outboxId, [...outboxIds]));
  return new Map(rows.map(({ outboxId, ...owner }) => [outboxId, owner]));
}

/** When the newest `limit` messages to a recipient sent after `since` went, oldest first. */
export async function lastSentTimesTo(
  db: Executor,
  recipient: string,
  since: Date,
  limit: number,
): Promise<Date[]> {
  const rows = await db
    .select({ sentAt: outbox.sentAt })
    .from(outbox)
    .where(and(eq(outbox.recipient, recipient), isNotNull(outbox.sentAt), gt(outbox.sentAt, since)))
    .orderBy(desc(outbox.sentAt))
    .limit(limit);
  return rows.flatMap((row) => (row.sentAt === null ? [] : [row.sentAt])).reverse();
}

/** A server secret by name, made and stored by `make` the first time it is asked for. */
export async function serverSecret(
  db: Executor,
  name: string,
  make: () => string,
  at: Date = new Date(),
): Promise<string> {
  // Two instances starting together both try; the first insert wins and both read it back.
  await db
    .insert(serverSecrets)
    .values({ name, value: make(), createdAt: at })
    .onConflictDoNothing({ target: serverSecrets.name });
  const [row] = await db.select().from(serverSecrets).where(eq(serverSecrets.name, name));
  if (!row) throw new Error(`the server secret ${name} was not stored`);
  return row.value;
}

async function withNotifications(db: Executor, rows: EscalationRow[]): Promise<Escalation[]> {
  if (rows.length === 0) return [];
  const notifications = await db
    .select()
    .from(escalationNotifications)
    .innerJoin(outbox, eq(escalationNotifications.outboxId, outbox.id))
    .where(
      inArray(
        escalationNotifications.escalationId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(
      asc(escalationNotifications.queuedAt),
      asc(escalationNotifications.round),
      asc(escalationNotifications.step),
      asc(escalationNotifications.id),
    );
  const byEscalation = new Map<string, EscalationNotification[]>();
  for (const { escalation_notifications: notification, outbox: message } of notifications) {
    const list = byEscalation.get(notification.escalationId) ?? [];
    list.push(toNotification(notification, message));
    byEscalation.set(notification.escalationId, list);
  }
  return rows.map((row) => toEscalation(row, byEscalation.get(row.id) ?? []));
}

function toNotification(row: NotificationRow, message: OutboxRow): EscalationNotification {
  return {
    id: row.id,
    round: row.round,
    step: row.step,
    contactId: row.contactId,
    contactName: row.contactName,
    ...(row.scheduleId !== null && { scheduleId: row.scheduleId }),
    // An escalation's messages are always to a person, in their language.
    channel: message.channel as NotificationChannel,
    address: message.recipient,
    language: message.language as Language,
    delivery: message.status satisfies DeliveryStatus,
    attempts: message.attempts,
    ...(message.lastError !== null && { lastError: message.lastError }),
    ...(message.heldUntil !== null && { heldUntil: message.heldUntil.toISOString() }),
    queuedAt: row.queuedAt.toISOString(),
    ...(message.sentAt !== null && { sentAt: message.sentAt.toISOString() }),
    ...(row.response !== null && { response: row.response }),
    ...(row.respondedAt !== null && { respondedAt: row.respondedAt.toISOString() }),
    ...(row.responseReason !== null && { responseReason: row.responseReason }),
  };
}

function toRow(escalation: Escalation): EscalationRow {
  return {
    id: escalation.id,
    incidentId: escalation.incidentId,
    unitId: escalation.unitId,
    unitName: escalation.unitName,
    policyId: escalation.policyId,
    policyName: escalation.policyName,
    steps: escalation.steps,
    repeat: escalation.repeat,
    brief: escalation.brief,
    status: escalation.status,
    round: escalation.round,
    step: escalation.step,
    nextStepAt: escalation.nextStepAt === undefined ? null : new Date(escalation.nextStepAt),
    skipped: escalation.skipped,
    startedAt: new Date(escalation.startedAt),
    startedBy: escalation.startedBy,
    updatedAt: new Date(escalation.updatedAt),
    endedAt: escalation.endedAt === undefined ? null : new Date(escalation.endedAt),
    endedBy: escalation.endedBy ?? null,
    endReason: escalation.endReason ?? null,
    redirectedTo: escalation.redirectedTo ?? null,
  };
}

function toEscalation(row: EscalationRow, notifications: EscalationNotification[]): Escalation {
  return {
    id: row.id,
    incidentId: row.incidentId,
    unitId: row.unitId,
    unitName: row.unitName,
    policyId: row.policyId,
    policyName: row.policyName,
    steps: row.steps,
    repeat: row.repeat,
    brief: row.brief,
    status: row.status,
    round: row.round,
    step: row.step,
    ...(row.nextStepAt !== null && { nextStepAt: row.nextStepAt.toISOString() }),
    notifications,
    skipped: row.skipped,
    startedAt: row.startedAt.toISOString(),
    startedBy: row.startedBy,
    updatedAt: row.updatedAt.toISOString(),
    ...(row.endedAt !== null && { endedAt: row.endedAt.toISOString() }),
    ...(row.endedBy !== null && { endedBy: row.endedBy }),
    ...(row.endReason !== null && { endReason: row.endReason }),
    ...(row.redirectedTo !== null && { redirectedTo: row.redirectedTo }),
  };
}

/** The escalation a notification belongs to. */
export async function findEscalationOfNotification(
  db: Executor,
  notificationId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ escalationId: escalationNotifications.escalationId })
    .from(escalationNotifications)
    .where(eq(escalationNotifications.id, notificationId));
  return row?.escalationId;
}
