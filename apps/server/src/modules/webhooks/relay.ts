import { randomUUID } from 'node:crypto';
import {
  JournalKind,
  WebhookEvent,
  type NewJournalEntry,
  type PublicMessage,
  type WebhookPayload,
} from '@vaka/domain';
import { activeSubscribers, queueWebhookDeliveries, type Executor } from '@vaka/db';

/**
 * How many times an event is tried: with the outbox's waits (30 s, 2, 5, then every 15 min),
 * about two hours, so a partner's short outage or deployment loses nothing.
 */
export const WEBHOOK_MAX_ATTEMPTS = 10;

/**
 * Hands what the public is told to the subscribers: in the same transaction as the step that
 * published, withdrew or expired a message, an event is queued in the durable outbox for each
 * subscriber, so an event is sent if and only if the step happened.
 */
export class WebhookRelay {
  readonly #publicUrl: URL;
  readonly #wake: () => void;

  constructor(deps: { publicUrl: URL; wake: () => void }) {
    this.#publicUrl = deps.publicUrl;
    this.#wake = deps.wake;
  }

  /** Queues the events the entries make, for every subscriber that takes them; returns how many. */
  async queue(tx: Executor, entries: readonly NewJournalEntry[], now: Date): Promise<number> {
    const events = entries.flatMap((entry) => eventOf(entry) ?? []);
    if (events.length === 0) return 0;
    const subscribers = await activeSubscribers(tx);
    const deliveries = events.flatMap(({ event, message }) => {
      const body = JSON.stringify(this.payload(event, message));
      return subscribers
        .filter((subscriber) => !message.exercise || subscriber.exercises)
        .map((subscriber) => ({
          id: randomUUID(),
          subscriberId: subscriber.id,
          event,
          messageId: message.id,
          version: message.version,
          body,
          maxAttempts: WEBHOOK_MAX_ATTEMPTS,
        }));
    });
    await queueWebhookDeliveries(tx, deliveries, now);
    return deliveries.length;
  }

  /** Tells the outbox there is something to send; after the transaction has committed. */
  wake(): void {
    this.#wake();
  }

  /**
   * The event as a subscriber reads it: the version as the public sees it, and its links, at the
   * time of the step that made it.
   */
  payload(event: WebhookEvent, message: PublicMessage): WebhookPayload {
    const {
      author: _author,
      returnedBy: _returnedBy,
      returnedAt: _returnedAt,
      returnReason: _returnReason,
      approvedBy: _approvedBy,
      publishedBy: _publishedBy,
      withdrawnBy: _withdrawnBy,
      submittedAt: _submittedAt,
      approvedAt: _approvedAt,
      createdAt: _createdAt,
      ...shown
    } = message;
    return {
      type: event,
      timestamp: message.updatedAt,
      data: {
        message: shown,
        links: {
          public: new URL('/public', this.#publicUrl).href,
          // The public never learns an exercise exists, so it has no public CAP document.
          ...(!message.exercise && {
            cap: new URL(`/public/cap/${message.id}/${message.version}`, this.#publicUrl).href,
          }),
        },
      },
    };
  }
}

/** The event a journal entry is for subscribers, if any, with the version it is about. */
function eventOf(
  entry: NewJournalEntry,
): { event: WebhookEvent; message: PublicMessage } | undefined {
  switch (entry.kind) {
    case JournalKind.messagePublished:
      return {
        event:
          entry.data.message.version > 1
            ? WebhookEvent.messageUpdated
            : WebhookEvent.messagePublished,
        message: entry.data.message,
      };
    case JournalKind.messageWithdrawn:
      return { event: WebhookEvent.messageWithdrawn, message: entry.data.message };
    case JournalKind.messageExpired:
      return { event: WebhookEvent.messageExpired, message: entry.data.message };
    default:
      return undefined;
  }
}
