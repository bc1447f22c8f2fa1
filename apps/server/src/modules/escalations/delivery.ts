import type { NotificationChannel } from '@vaka/domain';
import {
  EscalationStatus,
  JournalKind,
  currentStepUndeliverable,
  isAwaitingAcknowledgement,
  type JournalEntry,
  type NewJournalEntry,
} from '@vaka/domain';
import {
  appendJournal,
  claimDueMessages,
  findEscalation,
  findNotificationOfMessage,
  finishMessage,
  lockJournal,
  saveEscalation,
  sentTimesTo,
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
const BATCH = 8;
/** Messages handled in one pass at most, so a pass always ends (a held message is not due again). */
export const PASS_LIMIT = 400;

/** What the outbox needs from the rest of the server. */
export interface DeliveryDeps {
  database: Database;
  senders: Record<NotificationChannel, Sender>;
  notifications: NotificationConfig;
  /** The server's time: sent times, retries and holds are reckoned by it. */
  clock: () => Date;
  committed: (entries: JournalEntry[]) => void;
  /** Counts each handled message by its channel and what became of it, for the metrics. */
  counted: (channel: NotificationChannel, outcome: string) => void;
}

/**
 * Sends what the outbox holds. A message is claimed (status sending, with a lease) in its own
 * short transaction, sent with no transaction open, and its outcome stored only if the claim is
 * still this attempt's, so two instances never both send it. An instance that dies mid-send
 * leaves a lease that runs out, and the message goes again: at least once, never twice while
 * everyone is alive. Gateways get the message id as an idempotency key for that case.
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
      await Promise.all(claimed.map((message) => this.#deliver(message, now)));
      handled += claimed.length;
    }
    return handled;
  }

  async #deliver(message: OutboxMessage, now: Date): Promise<void> {
    const { db } = this.#deps.database;
    const owner = await findNotificationOfMessage(db, message.id);
    if (owner) {
      // The escalation ended after this message was claimed: it has nothing to ask any more.
      const escalation = await findEscalation(db, owner.escalationId);
      if (escalation && !isAwaitingAcknowledgement(escalation.status)) {
        await this.#finish(message, { status: 'withdrawn' });
        return;
      }
    }
    const heldUntil = await this.#heldUntil(message, now);
    if (heldUntil !== undefined) {
      await this.#finish(message, { status: 'queued', error: '', retryAt: heldUntil, held: true });
      return;
    }
    try {
      await this.#deps.senders[message.channel](message);
    } catch (error) {
      const delivery =
        error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
      const last = delivery.permanent || message.attempts >= message.maxAttempts;
      const retryAt = new Date(
        this.#deps.clock().getTime() +
          (RETRY_DELAYS_MS[message.attempts - 1] ?? (RETRY_DELAYS_MS.at(-1) as number)),
      );
      await this.#finish(
        message,
        last
          ? { status: 'failed', error: delivery.message }
          : { status: 'queued', error: delivery.message, retryAt },
      );
      return;
    }
    await this.#finish(message, { status: 'sent', at: this.#deps.clock() });
  }

  /**
   * When a message may go to its recipient, if not now: at most `recipientLimit` messages per
   * window to one phone or address, so an incident storm does not flood one person.
   */
  async #heldUntil(message: OutboxMessage, now: Date): Promise<Date | undefined> {
    const { recipientLimit, recipientWindowMinutes } = this.#deps.notifications;
    const window = recipientWindowMinutes * MINUTE;
    const sent = await sentTimesTo(
      this.#deps.database.db,
      message.recipient,
      new Date(now.getTime() - window),
    );
    if (sent.length < recipientLimit) return undefined;
    const freesAt = sent[sent.length - recipientLimit] as Date;
    return new Date(freesAt.getTime() + window);
  }

  /** Stores the outcome of this attempt and journals it, unless the attempt was taken over. */
  async #finish(message: OutboxMessage, outcome: MessageOutcome): Promise<void> {
    const { db } = this.#deps.database;
    const at = this.#deps.clock();
    let written: JournalEntry[] = [];
    let stored = false;
    await db.transaction(async (tx) => {
      await lockJournal(tx);
      if (!(await finishMessage(tx, message, outcome))) return;
      stored = true;
      const owner = await findNotificationOfMessage(tx, message.id);
      let escalation = owner && (await findEscalation(tx, owner.escalationId));
      if (!owner || !escalation) return;
      if (
        outcome.status === 'failed' &&
        escalation.status === EscalationStatus.active &&
        currentStepUndeliverable(escalation) &&
        escalation.nextStepAt !== undefined &&
        Date.parse(escalation.nextStepAt) > at.getTime()
      ) {
        // Nobody in this step can answer: the next step is due now, not when the wait runs out.
        await saveEscalation(tx, {
          ...escalation,
          nextStepAt: at.toISOString(),
          updatedAt: at.toISOString(),
        });
        escalation = (await findEscalation(tx, owner.escalationId)) ?? escalation;
      }
      const head = { actor: 'system', incidentId: escalation.incidentId };
      const notificationId = owner.notificationId;
      let entry: NewJournalEntry | undefined;
      if (outcome.status === 'sent') {
        entry = {
          ...head,
          kind: JournalKind.escalationNotificationSent,
          data: { escalation, notificationId },
        };
      } else if (outcome.status === 'failed') {
        entry = {
          ...head,
          kind: JournalKind.escalationNotificationFailed,
          data: { escalation, notificationId, error: outcome.error, permanent: true },
        };
      } else if (outcome.status === 'queued' && outcome.held === true) {
        entry = {
          ...head,
          kind: JournalKind.escalationNotificationHeld,
          data: { escalation, notificationId, until: outcome.retryAt.toISOString() },
        };
      } else if (outcome.status === 'queued') {
        entry = {
          ...head,
          kind: JournalKind.escalationNotificationFailed,
          data: { escalation, notificationId, error: outcome.error, permanent: false },
        };
      }
      if (entry) written = await appendJournal(tx, [entry], at);
    });
    if (stored) {
      this.#deps.counted(
        message.channel,
        outcome.status === 'queued' ? (outcome.held === true ? 'held' : 'retry') : outcome.status,
      );
    }
    if (written.length > 0) this.#deps.committed(written);
  }
}
