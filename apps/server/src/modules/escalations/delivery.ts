import {
  EscalationStatus,
  JournalKind,
  currentStepUndeliverable,
  isAwaitingAcknowledgement,
  type Escalation,
  type JournalEntry,
  type NewJournalEntry,
  type OutboxChannel,
  type WebhookDelivery,
} from '@vaka/domain';
import {
  appendJournal,
  claimDueMessages,
  findEscalation,
  messageOwners,
  finishMessage,
  lockJournal,
  saveEscalation,
  lastSentTimesTo,
  listWebhookDeliveries,
  webhookOwners,
  type Database,
  type MessageOutcome,
  type OutboxMessage,
} from '@vaka/db';
import type { NotificationConfig } from '../../config.ts';
import { DeliveryError, type Sender } from './channels.ts';

const MINUTE = 60_000;
/** How long a claimed message is this instance's before another may take it over. */
const LEASE_MS = 2 * MINUTE;
/** Waits before the second, third… attempt; the last repeats. */
const RETRY_DELAYS_MS = [30_000, 2 * MINUTE, 5 * MINUTE, 15 * MINUTE];
/** Messages claimed at once, and sent side by side. */
const BATCH = 16;
/** Messages handled in one pass at most, so a pass always ends (a held message is not due again). */
export const PASS_LIMIT = 400;

/** What the outbox needs from the rest of the server. */
export interface DeliveryDeps {
  database: Database;
  senders: Record<OutboxChannel, Sender>;
  notifications: NotificationConfig;
  /** The server's time: sent times, retries and holds are reckoned by it. */
  clock: () => Date;
  committed: (entries: JournalEntry[]) => void;
  /** Counts each handled message by its channel and what became of it, for the metrics. */
  counted: (channel: OutboxChannel, outcome: string) => void;
}

/** A claimed message and what became of this attempt. */
interface Attempt {
  message: OutboxMessage;
  outcome: MessageOutcome;
}

/** Whose each claimed message is: an escalation's notification, or a subscriber's delivery. */
interface Owners {
  escalations: Awaited<ReturnType<typeof messageOwners>>;
  webhooks: Awaited<ReturnType<typeof webhookOwners>>;
}

/**
 * Sends what the outbox holds. A batch of messages is claimed (status sending, with a lease) in
 * one short statement, sent side by side with no transaction open, and the batch's outcomes are
 * stored and journalled in one transaction, each only if its claim is still this attempt's, so two
 * instances never both send a message. An instance that dies mid-send leaves a lease that runs
 * out, and the message goes again: at least once, never twice while everyone is alive. Gateways
 * get the message id as an idempotency key for that case.
 */
export class OutboxDelivery {
  readonly #deps: DeliveryDeps;

  constructor(deps: DeliveryDeps) {
    this.#deps = deps;
  }

  /**
   * Sends the messages due at `now`, at most `PASS_LIMIT` of them; returns how many were handled.
   * A pass that reaches the limit leaves the rest to the next, which the engine runs at once.
   */
  async deliverDue(now: Date): Promise<number> {
    const { db } = this.#deps.database;
    let handled = 0;
    while (handled < PASS_LIMIT) {
      const claimed = await claimDueMessages(db, now, new Date(now.getTime() + LEASE_MS), BATCH);
      if (claimed.length === 0) break;
      const ids = claimed.map((message) => message.id);
      const owners: Owners = {
        escalations: await messageOwners(db, ids),
        webhooks: await webhookOwners(db, ids),
      };
      await this.#finish(await this.#attempt(claimed, owners, now), owners);
      handled += claimed.length;
    }
    return handled;
  }

  /** Withdraws, holds or sends each claimed message; the sends run side by side. */
  async #attempt(claimed: OutboxMessage[], owners: Owners, now: Date): Promise<Attempt[]> {
    const decided: Attempt[] = [];
    const toSend: OutboxMessage[] = [];
    // Messages of this batch that will go, by recipient: they count toward the limit too.
    const going = new Map<string, number>();
    for (const message of claimed) {
      const owner = owners.escalations.get(message.id);
      if (
        (owner && !isAwaitingAcknowledgement(owner.status)) ||
        owners.webhooks.get(message.id)?.archived === true
      ) {
        // The escalation ended, or the subscriber was archived, after this message was queued.
        decided.push({ message, outcome: { status: 'withdrawn' } });
        continue;
      }
      // The limit spares people a flood; a partner's system takes what comes.
      const heldUntil =
        message.channel === 'webhook'
          ? undefined
          : await this.#heldUntil(message, now, going.get(message.recipient) ?? 0);
      if (heldUntil !== undefined) {
        decided.push({
          message,
          outcome: { status: 'queued', error: '', retryAt: heldUntil, held: true },
        });
        continue;
      }
      going.set(message.recipient, (going.get(message.recipient) ?? 0) + 1);
      toSend.push(message);
    }
    const sent = await Promise.all(
      toSend.map(async (message): Promise<Attempt> => ({
        message,
        outcome: await this.#send(message),
      })),
    );
    return [...decided, ...sent];
  }

  async #send(message: OutboxMessage): Promise<MessageOutcome> {
    try {
      await this.#deps.senders[message.channel](message);
      return { status: 'sent', at: this.#deps.clock() };
    } catch (error) {
      const delivery =
        error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
      if (delivery.permanent || message.attempts >= message.maxAttempts) {
        return { status: 'failed', error: delivery.message };
      }
      const delay = RETRY_DELAYS_MS[message.attempts - 1] ?? (RETRY_DELAYS_MS.at(-1) as number);
      return {
        status: 'queued',
        error: delivery.message,
        retryAt: new Date(this.#deps.clock().getTime() + delay),
      };
    }
  }

  /**
   * When a message may go to its recipient, if not now: at most `recipientLimit` messages per
   * window to one phone or address, so an incident storm does not flood one person. `alsoGoing`
   * counts this batch's messages to the same recipient, as if sent now.
   */
  async #heldUntil(
    message: OutboxMessage,
    now: Date,
    alsoGoing: number,
  ): Promise<Date | undefined> {
    const { recipientLimit, recipientWindowMinutes } = this.#deps.notifications;
    const window = recipientWindowMinutes * MINUTE;
    const sent = [
      ...(await lastSentTimesTo(
        this.#deps.database.db,
        message.recipient,
        new Date(now.getTime() - window),
        recipientLimit,
      )),
      ...Array.from({ length: alsoGoing }, () => now),
    ];
    if (sent.length < recipientLimit) return undefined;
    const freesAt = sent[sent.length - recipientLimit] as Date;
    return new Date(freesAt.getTime() + window);
  }

  /**
   * Stores the batch's outcomes and journals them in one transaction, leaving out any attempt
   * another instance has taken over. A step none of whose messages could be delivered is made due
   * now: nobody in it can answer.
   */
  async #finish(attempts: Attempt[], owners: Owners): Promise<void> {
    const { db } = this.#deps.database;
    const at = this.#deps.clock();
    let written: JournalEntry[] = [];
    const stored: Attempt[] = [];
    await db.transaction(async (tx) => {
      await lockJournal(tx);
      for (const attempt of attempts) {
        if (await finishMessage(tx, attempt.message, attempt.outcome)) stored.push(attempt);
      }
      const escalations = new Map<string, Escalation>();
      for (const escalationId of new Set(
        stored.flatMap(({ message }) => owners.escalations.get(message.id)?.escalationId ?? []),
      )) {
        let escalation = await findEscalation(tx, escalationId);
        if (!escalation) continue;
        if (
          escalation.status === EscalationStatus.active &&
          currentStepUndeliverable(escalation) &&
          escalation.nextStepAt !== undefined &&
          Date.parse(escalation.nextStepAt) > at.getTime()
        ) {
          await saveEscalation(tx, {
            ...escalation,
            nextStepAt: at.toISOString(),
            updatedAt: at.toISOString(),
          });
          escalation = (await findEscalation(tx, escalationId)) ?? escalation;
        }
        escalations.set(escalationId, escalation);
      }
      const deliveries = new Map(
        (
          await listWebhookDeliveries(tx, {
            ids: stored.flatMap(({ message }) =>
              owners.webhooks.has(message.id) ? message.id : [],
            ),
          })
        ).map((delivery) => [delivery.id, delivery]),
      );
      const entries = stored.flatMap(({ message, outcome }) => {
        const delivery = deliveries.get(message.id);
        if (delivery) return webhookEntry(delivery, outcome);
        const owner = owners.escalations.get(message.id);
        const escalation = owner && escalations.get(owner.escalationId);
        if (!owner || !escalation) return [];
        return journalEntry(escalation, owner.notificationId, outcome);
      });
      written = await appendJournal(tx, entries, at);
    });
    for (const { message, outcome } of stored) {
      this.#deps.counted(
        message.channel,
        outcome.status === 'queued' ? (outcome.held === true ? 'held' : 'retry') : outcome.status,
      );
    }
    if (written.length > 0) this.#deps.committed(written);
  }
}

/**
 * What the journal says about one delivery to a subscriber: taken, or not (for now or for good).
 * A withdrawal says nothing: the archiving did.
 */
function webhookEntry(delivery: WebhookDelivery, outcome: MessageOutcome): NewJournalEntry[] {
  const head = { actor: 'system' };
  switch (outcome.status) {
    case 'sent':
      return [{ ...head, kind: JournalKind.webhookDelivered, data: { delivery } }];
    case 'failed':
    case 'queued':
      return [
        {
          ...head,
          kind: JournalKind.webhookDeliveryFailed,
          data: { delivery, error: outcome.error, permanent: outcome.status === 'failed' },
        },
      ];
    case 'withdrawn':
      return [];
  }
}

/** What the journal says about one attempt; a withdrawal says nothing (the end of it did). */
function journalEntry(
  escalation: Escalation,
  notificationId: string,
  outcome: MessageOutcome,
): NewJournalEntry[] {
  const head = { actor: 'system', incidentId: escalation.incidentId };
  switch (outcome.status) {
    case 'sent':
      return [
        {
          ...head,
          kind: JournalKind.escalationNotificationSent,
          data: { escalation, notificationId },
        },
      ];
    case 'failed':
      return [
        {
          ...head,
          kind: JournalKind.escalationNotificationFailed,
          data: { escalation, notificationId, error: outcome.error, permanent: true },
        },
      ];
    case 'queued':
      return [
        outcome.held === true
          ? {
              ...head,
              kind: JournalKind.escalationNotificationHeld,
              data: { escalation, notificationId, until: outcome.retryAt.toISOString() },
            }
          : {
              ...head,
              kind: JournalKind.escalationNotificationFailed,
              data: { escalation, notificationId, error: outcome.error, permanent: false },
            },
      ];
    case 'withdrawn':
      return [];
  }
}
