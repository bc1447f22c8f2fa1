import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  JournalKind,
  WebhookEvent,
  type ChangeWebhookSubscriber,
  type CreateWebhookSubscriber,
  type JournalEntry,
  type NewJournalEntry,
  type WebhookDelivery,
  type WebhookSubscriber,
  type WebhookSubscriberStep,
  type WebhookSubscriberWithSecret,
} from '@vaka/domain';
import {
  appendJournal,
  findMessageVersions,
  findSubscriber,
  insertSubscriber,
  listSubscribers,
  listWebhookDeliveries,
  lockJournal,
  queueWebhookDeliveries,
  saveSubscriber,
  withdrawSubscriberDeliveries,
  type Database,
  type Executor,
  type StoredSubscriber,
  type SubscriberWithSecret,
} from '@vaka/db';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';
import { WEBHOOK_MAX_ATTEMPTS, type WebhookRelay } from './relay.ts';
import { newWebhookSecret } from './signing.ts';

/** What managing subscribers needs. */
export interface WebhookSetting {
  database: Database;
  relay: WebhookRelay;
  /** Hands committed entries to the live hub. */
  committed: (entries: JournalEntry[]) => void;
}

/** Every subscriber, in use first, with how its deliveries have gone; never a secret. */
export async function findSubscribers(setting: WebhookSetting): Promise<WebhookSubscriber[]> {
  return listSubscribers(setting.database.db);
}

/** The latest deliveries to one subscriber, newest first. Refused (404) for an unknown one. */
export async function subscriberDeliveries(
  setting: WebhookSetting,
  subscriberId: string,
): Promise<WebhookDelivery[]> {
  const { db } = setting.database;
  if (!(await findSubscriber(db, subscriberId))) {
    throw new NotFoundError(`There is no webhook subscriber ${subscriberId}`);
  }
  return listWebhookDeliveries(db, { subscriberId });
}

/** What was sent to the subscribers about a message, newest first. Refused (404) for an unknown one. */
export async function messageDeliveries(
  setting: WebhookSetting,
  messageId: string,
): Promise<WebhookDelivery[]> {
  const { db } = setting.database;
  if ((await findMessageVersions(db, messageId)).length === 0) {
    throw new NotFoundError(`There is no message ${messageId}`);
  }
  return listWebhookDeliveries(db, { messageId }, 500);
}

/** Adds a subscriber with a new secret, which is in this answer and never again. */
export async function createSubscriber(
  setting: WebhookSetting,
  request: CreateWebhookSubscriber,
  actor: string,
  now: Date,
): Promise<WebhookSubscriberWithSecret> {
  const at = now.toISOString();
  const secret = newWebhookSecret();
  const subscriber: SubscriberWithSecret = {
    id: randomUUID(),
    name: request.name.trim(),
    url: request.url,
    exercises: request.exercises ?? false,
    secret,
    secretHint: secret.slice(-4),
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
  };
  await write(setting, now, async (tx) => {
    await insertSubscriber(tx, subscriber);
    const entry: NewJournalEntry = {
      kind: JournalKind.webhookSubscriberCreated,
      actor,
      data: { subscriber: forJournal(withoutSecret(subscriber)) },
    };
    return { subscriberId: subscriber.id, entries: [entry] };
  });
  return { subscriber: { ...withoutSecret(subscriber), health: noHealth() }, secret };
}

/**
 * Changes a subscriber's name, address or whether it takes exercises. Refused (404) for an
 * unknown one, (409) on a stale view or when it is archived, and (400) when nothing would change.
 */
export async function changeSubscriber(
  setting: WebhookSetting,
  subscriberId: string,
  request: ChangeWebhookSubscriber,
  actor: string,
  now: Date,
): Promise<WebhookSubscriber> {
  const { expectedUpdatedAt, ...changes } = request;
  const changed = await write(setting, now, async (tx) => {
    const current = await inUse(tx, subscriberId, expectedUpdatedAt, 'changed');
    const previous = withoutSecret(current);
    const subscriber: StoredSubscriber = {
      ...previous,
      ...(changes.name !== undefined && { name: changes.name.trim() }),
      ...(changes.url !== undefined && { url: changes.url }),
      ...(changes.exercises !== undefined && { exercises: changes.exercises }),
      updatedAt: laterThan(current, now),
    };
    if (isDeepStrictEqual({ ...subscriber, updatedAt: '' }, { ...previous, updatedAt: '' })) {
      throw new BadRequestError('Nothing to change: the subscriber already has these settings');
    }
    await saveSubscriber(tx, subscriber);
    const entry: NewJournalEntry = {
      kind: JournalKind.webhookSubscriberChanged,
      actor,
      data: { subscriber: forJournal(subscriber), previous: forJournal(previous) },
    };
    return { subscriberId, entries: [entry] };
  });
  return withHealth(setting, changed);
}

/**
 * Gives a subscriber a new secret, in this answer and never again; what is still waiting is
 * signed with it. Refused (404) for an unknown subscriber and (409) on a stale view or archived.
 */
export async function rotateSecret(
  setting: WebhookSetting,
  subscriberId: string,
  request: WebhookSubscriberStep,
  actor: string,
  now: Date,
): Promise<WebhookSubscriberWithSecret> {
  const secret = newWebhookSecret();
  await write(setting, now, async (tx) => {
    const current = await inUse(tx, subscriberId, request.expectedUpdatedAt, 'given a new secret');
    const subscriber: StoredSubscriber = {
      ...withoutSecret(current),
      secretHint: secret.slice(-4),
      updatedAt: laterThan(current, now),
    };
    await saveSubscriber(tx, subscriber, secret);
    const entry: NewJournalEntry = {
      kind: JournalKind.webhookSecretRotated,
      actor,
      data: { subscriber: forJournal(subscriber) },
    };
    return { subscriberId, entries: [entry] };
  });
  return { subscriber: await withHealth(setting, subscriberId), secret };
}

/**
 * Archives a subscriber: it is sent nothing more, and what was waiting for it is withdrawn.
 * Refused (404) for an unknown subscriber and (409) on a stale view or when already archived.
 */
export async function archiveSubscriber(
  setting: WebhookSetting,
  subscriberId: string,
  request: WebhookSubscriberStep,
  actor: string,
  now: Date,
): Promise<WebhookSubscriber> {
  const archived = await write(setting, now, async (tx) => {
    const current = await inUse(tx, subscriberId, request.expectedUpdatedAt, 'archived');
    const at = laterThan(current, now);
    const subscriber: StoredSubscriber = {
      ...withoutSecret(current),
      archivedAt: at,
      updatedAt: at,
    };
    await saveSubscriber(tx, subscriber);
    const withdrawn = await withdrawSubscriberDeliveries(tx, subscriberId);
    const entry: NewJournalEntry = {
      kind: JournalKind.webhookSubscriberArchived,
      actor,
      data: { subscriber: forJournal(subscriber), withdrawn },
    };
    return { subscriberId, entries: [entry] };
  });
  return withHealth(setting, archived);
}

/**
 * Sends a subscriber a test event through the outbox, signed like every other, so that its
 * receiver can be checked before a real message goes out. Refused (404) for an unknown
 * subscriber and (409) for an archived one.
 */
export async function pingSubscriber(
  setting: WebhookSetting,
  subscriberId: string,
  actor: string,
  now: Date,
): Promise<WebhookDelivery> {
  const id = randomUUID();
  await write(setting, now, async (tx) => {
    const subscriber = await findSubscriber(tx, subscriberId);
    if (!subscriber) throw new NotFoundError(`There is no webhook subscriber ${subscriberId}`);
    if (subscriber.archivedAt !== undefined) {
      throw new ConflictError(
        `${subscriber.name} was archived at ${subscriber.archivedAt} and is sent nothing more`,
      );
    }
    const body = JSON.stringify({
      type: WebhookEvent.ping,
      timestamp: now.toISOString(),
      data: { subscriber: subscriber.name },
    });
    await queueWebhookDeliveries(
      tx,
      [
        {
          id,
          subscriberId,
          event: WebhookEvent.ping,
          body,
          maxAttempts: WEBHOOK_MAX_ATTEMPTS,
        },
      ],
      now,
    );
    const [delivery] = await listWebhookDeliveries(tx, { ids: [id] });
    if (!delivery) throw new Error('a queued delivery was not stored');
    const entry: NewJournalEntry = { kind: JournalKind.webhookPinged, actor, data: { delivery } };
    return { subscriberId, entries: [entry] };
  });
  setting.relay.wake();
  const [delivery] = await listWebhookDeliveries(setting.database.db, { ids: [id] });
  if (!delivery) throw new Error('a queued delivery was not stored');
  return delivery;
}

/**
 * One change under the journal lock, so two admins never overwrite each other, journalled in the
 * same transaction; returns the id of the subscriber it changed.
 */
async function write(
  setting: WebhookSetting,
  now: Date,
  work: (tx: Executor) => Promise<{ subscriberId: string; entries: NewJournalEntry[] }>,
): Promise<string> {
  const { subscriberId, stored } = await setting.database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const { subscriberId, entries } = await work(tx);
    return { subscriberId, stored: await appendJournal(tx, entries, now) };
  });
  setting.committed(stored);
  return subscriberId;
}

/** The subscriber, if it exists, is in use and has not changed since the caller's view. */
async function inUse(
  tx: Executor,
  subscriberId: string,
  expectedUpdatedAt: string,
  what: string,
): Promise<SubscriberWithSecret> {
  const subscriber = await findSubscriber(tx, subscriberId);
  if (!subscriber) throw new NotFoundError(`There is no webhook subscriber ${subscriberId}`);
  if (subscriber.archivedAt !== undefined) {
    throw new ConflictError(
      `${subscriber.name} was archived at ${subscriber.archivedAt} and cannot be ${what}`,
    );
  }
  if (Date.parse(subscriber.updatedAt) !== Date.parse(expectedUpdatedAt)) {
    throw new ConflictError(
      `Someone changed ${subscriber.name} at ${subscriber.updatedAt}, after you loaded it: look at it again and retry`,
    );
  }
  return subscriber;
}

async function withHealth(
  setting: WebhookSetting,
  subscriberId: string,
): Promise<WebhookSubscriber> {
  const subscriber = (await listSubscribers(setting.database.db)).find(
    (candidate) => candidate.id === subscriberId,
  );
  if (!subscriber) throw new Error('a stored subscriber was not found');
  return subscriber;
}

function withoutSecret({ secret: _secret, ...subscriber }: SubscriberWithSecret): StoredSubscriber {
  return subscriber;
}

/**
 * A subscriber as the journal keeps it: its address without a password or query, where a bridge's
 * URL often carries its own token, since the journal is exported and kept for years.
 */
function forJournal(subscriber: StoredSubscriber): StoredSubscriber {
  const url = new URL(subscriber.url);
  const hidden = url.username !== '' || url.password !== '' || url.search !== '';
  url.username = '';
  url.password = '';
  url.search = '';
  return { ...subscriber, url: hidden ? `${url.href}?…` : url.href };
}

function noHealth(): WebhookSubscriber['health'] {
  return { pending: 0, sent: 0, failed: 0 };
}

/** Now, or just after the last change if the clock has not moved on, so an old view is stale. */
function laterThan(subscriber: StoredSubscriber, now: Date): string {
  return new Date(Math.max(now.getTime(), Date.parse(subscriber.updatedAt) + 1)).toISOString();
}
