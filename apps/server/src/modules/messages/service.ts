import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  JournalKind,
  MessageAction,
  MessageStatus,
  approvalRefusal,
  buildTimeline,
  messageActionsFrom,
  messageDraftFromIncident,
  messageProblems,
  nextMessageStatus,
  polygonProblem,
  ringCorners,
  MAX_CORNERS,
  type CitySettings,
  type CreateMessageRequest,
  type DistrictCollection,
  type JournalEntry,
  type MessageArea,
  type MessageDetail,
  type MessageDraft,
  type MessageFields,
  type MessageList,
  type MessageQuery,
  type MessageStatus as MessageStatusType,
  type MessageStepRequest,
  type NewJournalEntry,
  type PolygonProblem,
  type PublicMessage,
  type PublishMessageRequest,
  type ReturnMessageRequest,
  type UpdateMessageRequest,
  type WithdrawMessageRequest,
} from '@vaka/domain';
import {
  appendJournal,
  findIncident,
  findMessageVersions,
  insertMessageVersion,
  listIncidentJournal,
  listLatestMessages,
  listMergedIncidentIds,
  lockJournal,
  messageScheduledBy,
  messageVersionWriters,
  saveMessageVersion,
  type Database,
  type Executor,
} from '@vaka/db';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';
import { assertCategoryInUse } from '../city/taxonomy.ts';
import type { WebhookRelay } from '../webhooks/relay.ts';
import { capDocument } from './cap-document.ts';
import { problemText } from './problem-text.ts';

type EntryOfKind<K extends JournalKind> = Extract<JournalEntry, { kind: K }>;
type NewEntryOfKind<K extends JournalKind> = Extract<NewJournalEntry, { kind: K }>;

/** What messages are checked against: the city's categories, languages and districts. */
export interface MessageSetting extends MessageWriter {
  city: CitySettings;
  districts: DistrictCollection;
}

/** What changing a message needs: the database, and whom to tell what goes out. */
export interface MessageWriter {
  database: Database;
  /** Queues events for the webhook subscribers in the same transaction; none in some tests. */
  relay?: WebhookRelay;
}

/** Who the journal names for what the timers do. */
const SYSTEM = 'system';

/** The fields an author writes, in the order a change lists them. */
const MESSAGE_FIELDS = [
  'category',
  'urgency',
  'severity',
  'certainty',
  'area',
  'effective',
  'expires',
  'issuer',
  'link',
  'exercise',
  'variants',
] as const satisfies ReadonlyArray<keyof MessageFields>;

/** The statuses of a version still on its way out, before it is published. */
const UNPUBLISHED: readonly MessageStatusType[] = [
  MessageStatus.draft,
  MessageStatus.inReview,
  MessageStatus.approved,
];

const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

/** The latest version of each message, the most recently changed first. */
export async function findMessages(database: Database, query: MessageQuery): Promise<MessageList> {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (limit > MAX_LIMIT) {
    throw new BadRequestError(`limit must be at most ${MAX_LIMIT}; it was ${limit}`);
  }
  const statuses = query.status?.split(',') as MessageStatusType[] | undefined;
  return listLatestMessages(database.db, { ...(statuses !== undefined && { statuses }), limit });
}

/** Every version of a message, newest first, and what keeps the latest from approval. */
export async function getMessage(
  setting: MessageSetting,
  messageId: string,
): Promise<MessageDetail> {
  const versions = await findMessageVersions(setting.database.db, messageId);
  const [latest] = versions;
  if (latest === undefined) throw new NotFoundError(`There is no message ${messageId}`);
  return { versions, problems: messageProblems(latest, setting.city.messageLanguages) };
}

/**
 * The CAP sender of every document: the host name of the address the public reaches Vaka at,
 * which is the city's own and the same across restarts and instances.
 */
export function capSender(publicUrl: URL): string {
  return publicUrl.hostname;
}

/**
 * A version that went out as an OASIS CAP 1.2 alert: an Alert, an Update referencing the versions
 * out before it, or, once withdrawn, a Cancel. Refused (404) for an unknown message or version,
 * and (409) for a version that was never published.
 */
export async function messageCap(
  setting: MessageSetting & { publicUrl: URL },
  messageId: string,
  versionNumber: number,
): Promise<string> {
  const versions = await findMessageVersions(setting.database.db, messageId);
  if (versions.length === 0) throw new NotFoundError(`There is no message ${messageId}`);
  const version = versions.find((candidate) => candidate.version === versionNumber);
  if (version === undefined) {
    throw new NotFoundError(
      `The message has no version ${versionNumber}; it has versions 1 to ${versions.length}`,
    );
  }
  if (version.publishedAt === undefined) {
    throw new ConflictError(
      `Version ${versionNumber} is ${version.status} and was never published, so it has no CAP document`,
    );
  }
  return versionCap(setting, versions, version);
}

/**
 * A published version as the CAP document Vaka sends out, in the city's name, referencing the
 * message's earlier versions that went out: the one way every CAP document of a message is
 * written, for the staff and for the public feed alike.
 */
export function versionCap(
  setting: Pick<MessageSetting, 'city' | 'districts'> & { publicUrl: URL },
  versions: readonly PublicMessage[],
  version: PublicMessage,
): string {
  return capDocument(version, {
    sender: capSender(setting.publicUrl),
    senderName: setting.city.name,
    districts: setting.districts,
    earlier: versions,
    publicUrl: new URL('/public', setting.publicUrl),
  });
}

/**
 * A message drafted from an incident: its category and place, in every language the city owes,
 * with the facts its journal released to the public (notes flagged public, as corrected, of the
 * incident and those merged into it), issued by the city.
 */
export async function incidentMessageDraft(
  setting: MessageSetting,
  incidentId: string,
  now: Date,
): Promise<MessageDraft> {
  const { db } = setting.database;
  const incident = await findIncident(db, incidentId);
  if (!incident) throw new NotFoundError(`There is no incident ${incidentId}`);
  const mergedFrom = await listMergedIncidentIds(db, incidentId);
  const items = buildTimeline(await listIncidentJournal(db, [incidentId, ...mergedFrom]));
  const corrections = new Map<number, string>();
  for (const { entry } of items) {
    if (entry.kind === JournalKind.entryCorrected) corrections.set(entry.seq, entry.data.text);
  }
  const facts = items.flatMap(({ entry, public: released, correctedBy }) => {
    if (entry.kind !== JournalKind.noteAdded || !released) return [];
    const latestCorrection = correctedBy.at(-1);
    const text =
      latestCorrection === undefined ? entry.data.text : corrections.get(latestCorrection);
    return text === undefined ? [] : [text];
  });
  const fields = messageDraftFromIncident(incident, {
    issuer: setting.city.name,
    languages: setting.city.messageLanguages,
    facts,
    now,
  });
  return { incidentId, ...fields };
}

/**
 * Drafts a new message, version 1, by the caller. Refused (400) for a category the city does not
 * use, a district it does not have, an open polygon or an incident that does not exist.
 */
export async function createMessage(
  setting: MessageSetting,
  request: CreateMessageRequest,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'message.drafted'>> {
  const { incidentId, ...fields } = request;
  checkFields(setting, fields);
  const at = now.toISOString();
  const message: PublicMessage = {
    id: randomUUID(),
    version: 1,
    status: MessageStatus.draft,
    ...(incidentId !== undefined && { incidentId }),
    ...fieldsOf(normalized(fields)),
    author: actor,
    createdAt: at,
    updatedAt: at,
  };
  const entries = await setting.database.db.transaction(async (tx) => {
    await lockJournal(tx);
    if (incidentId !== undefined && !(await findIncident(tx, incidentId))) {
      throw new BadRequestError(`incidentId: there is no incident ${incidentId}`);
    }
    await insertMessageVersion(tx, message);
    return appendJournal(tx, [messageEntry(JournalKind.messageDrafted, actor, { message })], now);
  });
  return only(entries, JournalKind.messageDrafted);
}

/**
 * Changes the latest version while it is a draft, journalling the old values of what changed.
 * Refused (409) on a stale view or when it is no longer a draft, and (400) for what createMessage
 * refuses or when nothing would change.
 */
export async function updateMessage(
  setting: MessageSetting,
  messageId: string,
  request: UpdateMessageRequest,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'message.changed'>> {
  const { link, ...changes } = request.changes;
  checkFields(setting, changes);
  const entries = await writeMessage(setting, messageId, now, async (versions, tx) => {
    const latest = latestOf(versions);
    refuseStale(latest, request.expectedUpdatedAt);
    const status = transition(latest, MessageAction.edit, versions);
    const message: PublicMessage = {
      ...latest,
      ...normalized(changes),
      status,
      updatedAt: laterThan(latest, now),
    };
    if (link === null) delete message.link;
    else if (link !== undefined) message.link = link;
    const previous: Record<string, unknown> = {};
    for (const field of MESSAGE_FIELDS) {
      if (!isDeepStrictEqual(latest[field], message[field]))
        previous[field] = latest[field] ?? null;
    }
    if (Object.keys(previous).length === 0) {
      throw new BadRequestError('Nothing to change: the draft already says this');
    }
    await saveMessageVersion(tx, message);
    return [
      messageEntry(JournalKind.messageChanged, actor, {
        message,
        previous: previous as NewEntryOfKind<'message.changed'>['data']['previous'],
      }),
    ];
  });
  return only(entries, JournalKind.messageChanged);
}

/**
 * Sends the draft to review. Refused (409) on a stale view, when it is not a draft, and when
 * something keeps it from approval: a required language missing, an empty text, a rendition past
 * its channel's limit, no issuer, no area, or a validity that ends before it begins.
 */
export async function submitMessage(
  setting: MessageSetting,
  messageId: string,
  request: MessageStepRequest,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'message.submitted'>> {
  const entries = await writeMessage(setting, messageId, now, async (versions, tx) => {
    const latest = latestOf(versions);
    refuseStale(latest, request.expectedUpdatedAt);
    const status = transition(latest, MessageAction.submit, versions);
    refuseBlocked(setting, latest, 'cannot go to review yet');
    const at = laterThan(latest, now);
    // Submitted again: what was asked of the author has been done.
    const { returnedBy: _b, returnedAt: _a, returnReason: _r, ...resubmitted } = latest;
    const message: PublicMessage = { ...resubmitted, status, submittedAt: at, updatedAt: at };
    await saveMessageVersion(tx, message);
    return [messageEntry(JournalKind.messageSubmitted, actor, { message })];
  });
  return only(entries, JournalKind.messageSubmitted);
}

/**
 * Sends a version in review, or approved and not yet out, back to draft with what must change;
 * its approval and any scheduled publication are void. Refused (400) without a reason and (409)
 * on a stale view or from another status.
 */
export async function returnMessage(
  setting: MessageSetting,
  messageId: string,
  request: ReturnMessageRequest,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'message.returned'>> {
  const reason = request.reason.trim();
  if (reason === '') {
    throw new BadRequestError('reason: say what must change before the message can go out');
  }
  const entries = await writeMessage(setting, messageId, now, async (versions, tx) => {
    const latest = latestOf(versions);
    refuseStale(latest, request.expectedUpdatedAt);
    transition(latest, MessageAction.returnToDraft, versions);
    return [await returnToDraft(tx, latest, { by: actor, reason, now })];
  });
  return only(entries, JournalKind.messageReturned);
}

/**
 * Approves the version in review. Refused (403) when the approver wrote it: a public message
 * always has a second pair of eyes; and (409) on a stale view, from another status, or when
 * something keeps it from approval.
 */
export async function approveMessage(
  setting: MessageSetting,
  messageId: string,
  request: MessageStepRequest,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'message.approved'>> {
  const entries = await writeMessage(setting, messageId, now, async (versions, tx) => {
    const latest = latestOf(versions);
    refuseStale(latest, request.expectedUpdatedAt);
    const status = transition(latest, MessageAction.approve, versions);
    if (approvalRefusal(latest, actor) === 'own_message') {
      throw new ForbiddenError(
        `You wrote version ${latest.version} of this message, so someone else must approve it: a public message is always approved by a second person`,
      );
    }
    if ((await messageVersionWriters(tx, latest.id, latest.version)).has(actor)) {
      throw new ForbiddenError(
        `You changed version ${latest.version} of this message while it was a draft, so someone else must approve it: a public message is always approved by a person who did not write it`,
      );
    }
    // The city's languages may have changed since it was submitted.
    refuseBlocked(setting, latest, 'cannot be approved');
    const at = laterThan(latest, now);
    const message: PublicMessage = {
      ...latest,
      status,
      approvedBy: actor,
      approvedAt: at,
      updatedAt: at,
    };
    await saveMessageVersion(tx, message);
    return [messageEntry(JournalKind.messageApproved, actor, { message })];
  });
  return only(entries, JournalKind.messageApproved);
}

/**
 * Publishes the approved version now, superseding the version it updates; or, with a `publishAt`
 * in the future, schedules it (it stays approved until the timer publishes it). Refused (409) on
 * a stale view, from another status, or when it has expired; (400) when `publishAt` is not
 * before it expires.
 */
export async function publishMessage(
  setting: MessageSetting,
  messageId: string,
  request: PublishMessageRequest,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'message.published'> | EntryOfKind<'message.scheduled'>> {
  const entries = await writeMessage(setting, messageId, now, async (versions, tx) => {
    const latest = latestOf(versions);
    refuseStale(latest, request.expectedUpdatedAt);
    transition(latest, MessageAction.publish, versions);
    const expires = Date.parse(latest.expires);
    if (expires <= now.getTime()) {
      throw new ConflictError(
        `Version ${latest.version} expired at ${latest.expires}, before it went out: return it to draft and give it a new time of validity`,
      );
    }
    const publishAt = request.publishAt === undefined ? undefined : new Date(request.publishAt);
    if (publishAt === undefined || publishAt.getTime() <= now.getTime()) {
      return [await publishVersion(tx, versions, latest, { by: actor, actor, now })];
    }
    if (publishAt.getTime() >= expires) {
      throw new BadRequestError(
        `publishAt ${request.publishAt} is not before the message expires (${latest.expires}): publish it earlier, or return it to draft and change its time of validity`,
      );
    }
    const message: PublicMessage = {
      ...latest,
      publishAt: publishAt.toISOString(),
      updatedAt: laterThan(latest, now),
    };
    await saveMessageVersion(tx, message, actor);
    return [messageEntry(JournalKind.messageScheduled, actor, { message })];
  });
  const [entry] = entries;
  if (
    entry?.kind !== JournalKind.messagePublished &&
    entry?.kind !== JournalKind.messageScheduled
  ) {
    throw new Error('the journal lost an entry');
  }
  return entry;
}

/**
 * Withdraws the published version, with why; a newer version still being prepared goes with it,
 * since the message it would update no longer holds. Refused (400) without a reason, and (409)
 * on a stale view of the published version or when no version is out.
 */
export async function withdrawMessage(
  setting: MessageSetting,
  messageId: string,
  request: WithdrawMessageRequest,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'message.withdrawn'>> {
  const reason = request.reason.trim();
  if (reason === '') {
    throw new BadRequestError('reason: say why the message is withdrawn; the public is told');
  }
  const entries = await writeMessage(setting, messageId, now, async (versions, tx) => {
    const latest = latestOf(versions);
    const published = versions.find((version) => version.status === MessageStatus.published);
    if (published === undefined) {
      throw new ConflictError(
        `No version of this message is out to withdraw: version ${latest.version} is ${latest.status}; ${whatCanBeDone(latest, versions)}`,
      );
    }
    refuseStale(published, request.expectedUpdatedAt);
    const status = transition(published, MessageAction.withdraw, versions);
    const at = laterThan(published, now);
    const withdrawal = { withdrawnBy: actor, withdrawnAt: at, withdrawReason: reason };
    const message: PublicMessage = { ...published, status, ...withdrawal, updatedAt: at };
    await saveMessageVersion(tx, message);
    let discarded: PublicMessage | undefined;
    if (latest !== published && UNPUBLISHED.includes(latest.status)) {
      const { publishAt: _p, ...pending } = latest;
      discarded = { ...pending, status, ...withdrawal, updatedAt: laterThan(latest, now) };
      await saveMessageVersion(tx, discarded, null);
    }
    return [
      messageEntry(JournalKind.messageWithdrawn, actor, {
        message,
        reason,
        ...(discarded !== undefined && { discarded }),
      }),
    ];
  });
  return only(entries, JournalKind.messageWithdrawn);
}

/**
 * Starts an update: a new draft version, by the caller, copied from the published one, which
 * stays out until the update is published. Refused (409) on a stale view of the published version,
 * when a newer version is already being prepared, or when no version is out.
 */
export async function draftNewVersion(
  setting: MessageSetting,
  messageId: string,
  request: MessageStepRequest,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'message.drafted'>> {
  const entries = await writeMessage(setting, messageId, now, async (versions, tx) => {
    const latest = latestOf(versions);
    if (latest.status !== MessageStatus.published) {
      const out = versions.some((version) => version.status === MessageStatus.published);
      throw new ConflictError(
        out
          ? `Version ${latest.version} (${latest.status}) is already the update of this message: change that one`
          : `Version ${latest.version} is ${latest.status}, not published: only a published message gets a new version; ${whatCanBeDone(latest, versions)}`,
      );
    }
    refuseStale(latest, request.expectedUpdatedAt);
    const at = laterThan(latest, now);
    const message: PublicMessage = {
      id: latest.id,
      version: latest.version + 1,
      status: MessageStatus.draft,
      ...(latest.incidentId !== undefined && { incidentId: latest.incidentId }),
      ...fieldsOf(latest),
      author: actor,
      createdAt: at,
      updatedAt: at,
    };
    await insertMessageVersion(tx, message);
    return [messageEntry(JournalKind.messageDrafted, actor, { message })];
  });
  return only(entries, JournalKind.messageDrafted);
}

/**
 * Publishes a version whose scheduled time has come, by whoever scheduled it; nothing when it is
 * no longer due (returned to draft, published by hand, or handled by another instance). A version
 * whose validity ended before it could go out (the server was down at the time) goes back to
 * draft with why, so the communicator sees it did not go out instead of it waiting silently.
 */
export async function publishDueMessage(
  writer: MessageWriter,
  due: { id: string; version: number },
  now: Date,
): Promise<JournalEntry[]> {
  return writeMessage(writer, due.id, now, async (versions, tx) => {
    const version = versions.find((candidate) => candidate.version === due.version);
    if (
      version?.status !== MessageStatus.approved ||
      version.publishAt === undefined ||
      Date.parse(version.publishAt) > now.getTime()
    ) {
      return [];
    }
    if (Date.parse(version.expires) <= now.getTime()) {
      const reason = `It was to go out at ${version.publishAt}, but its time of validity ended at ${version.expires} before it could: give it a new time of validity and submit it again`;
      return [await returnToDraft(tx, version, { by: SYSTEM, reason, now })];
    }
    const by = (await messageScheduledBy(tx, version.id, version.version)) ?? SYSTEM;
    return [
      await publishVersion(tx, versions, version, { by, actor: SYSTEM, now, scheduled: true }),
    ];
  });
}

/** Expires a published version whose time of validity has ended; nothing when it is not due. */
export async function expireDueMessage(
  writer: MessageWriter,
  due: { id: string; version: number },
  now: Date,
): Promise<JournalEntry[]> {
  return writeMessage(writer, due.id, now, async (versions, tx) => {
    const version = versions.find((candidate) => candidate.version === due.version);
    if (version === undefined || Date.parse(version.expires) > now.getTime()) return [];
    const status = nextMessageStatus(version.status, MessageAction.expire);
    if (status === undefined) return [];
    const message: PublicMessage = { ...version, status, updatedAt: laterThan(version, now) };
    await saveMessageVersion(tx, message);
    return [messageEntry(JournalKind.messageExpired, SYSTEM, { message })];
  });
}

/**
 * Sends a version in review or approved back to draft with what must change, for its author to
 * read: its submission, approval and any schedule are void.
 */
async function returnToDraft(
  tx: Executor,
  version: PublicMessage,
  context: { by: string; reason: string; now: Date },
): Promise<NewJournalEntry> {
  const { submittedAt: _s, approvedBy: _b, approvedAt: _a, publishAt: _p, ...kept } = version;
  const at = laterThan(version, context.now);
  const message: PublicMessage = {
    ...kept,
    status: MessageStatus.draft,
    returnedBy: context.by,
    returnedAt: at,
    returnReason: context.reason,
    updatedAt: at,
  };
  await saveMessageVersion(tx, message, null);
  return messageEntry(JournalKind.messageReturned, context.by, {
    message,
    reason: context.reason,
  });
}

/** Publishes a version, superseding the one that was out before it. */
async function publishVersion(
  tx: Executor,
  versions: readonly PublicMessage[],
  version: PublicMessage,
  context: { by: string; actor: string; now: Date; scheduled?: boolean },
): Promise<NewJournalEntry> {
  const at = laterThan(version, context.now);
  const out = versions.find(
    (candidate) =>
      candidate.status === MessageStatus.published && candidate.version !== version.version,
  );
  let superseded: PublicMessage | undefined;
  if (out !== undefined) {
    const status = nextMessageStatus(out.status, MessageAction.supersede) ?? out.status;
    superseded = { ...out, status, updatedAt: laterThan(out, context.now) };
    await saveMessageVersion(tx, superseded);
  }
  // A publication by hand replaces a schedule; one by the schedule keeps the time it was set for.
  const { publishAt: _p, ...unscheduled } = version;
  const message: PublicMessage = {
    ...(context.scheduled === true ? version : unscheduled),
    status: MessageStatus.published,
    publishedBy: context.by,
    publishedAt: at,
    updatedAt: at,
  };
  await saveMessageVersion(tx, message, context.scheduled === true ? undefined : null);
  return messageEntry(JournalKind.messagePublished, context.actor, {
    message,
    ...(superseded !== undefined && { superseded }),
  });
}

/**
 * Changes one message under the journal lock, so two changes of it never overwrite each other,
 * and journals the change in the same transaction, with the subscribers' events for what went out.
 * `work` decides on the versions as they are now.
 */
async function writeMessage(
  writer: MessageWriter,
  messageId: string,
  now: Date,
  work: (versions: PublicMessage[], tx: Executor) => Promise<NewJournalEntry[]>,
): Promise<JournalEntry[]> {
  let events = 0;
  const written = await writer.database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const versions = await findMessageVersions(tx, messageId);
    if (versions.length === 0) throw new NotFoundError(`There is no message ${messageId}`);
    const entries = await work(versions, tx);
    events = (await writer.relay?.queue(tx, entries, now)) ?? 0;
    return appendJournal(tx, entries, now);
  });
  if (events > 0) writer.relay?.wake();
  return written;
}

/** A message journal entry, about the message's incident when it has one. */
function messageEntry<K extends JournalKind>(
  kind: K,
  actor: string,
  data: NewEntryOfKind<K>['data'] & { message: PublicMessage },
): NewJournalEntry {
  const { incidentId } = data.message;
  return { kind, actor, ...(incidentId !== undefined && { incidentId }), data } as NewJournalEntry;
}

function only<K extends JournalKind>(entries: readonly JournalEntry[], kind: K): EntryOfKind<K> {
  const [entry] = entries;
  if (entry?.kind !== kind) throw new Error('the journal lost an entry');
  return entry as EntryOfKind<K>;
}

function latestOf(versions: readonly PublicMessage[]): PublicMessage {
  const [latest] = versions;
  if (latest === undefined) throw new Error('a message without versions');
  return latest;
}

/**
 * The time of a change of a version: now, or just after its last change if the clock has not
 * moved on since, so that a view before the change is always seen as stale.
 */
function laterThan(version: PublicMessage, now: Date): string {
  return new Date(Math.max(now.getTime(), Date.parse(version.updatedAt) + 1)).toISOString();
}

/** Refuses a step taken on a view older than the version's last change. */
function refuseStale(version: PublicMessage, expectedUpdatedAt: string): void {
  if (Date.parse(version.updatedAt) !== Date.parse(expectedUpdatedAt)) {
    throw new ConflictError(
      `Someone changed version ${version.version} of this message at ${version.updatedAt}, after you loaded it: look at it again and retry`,
    );
  }
}

const ACTION_WORDS: Record<MessageAction, string> = {
  [MessageAction.edit]: 'be changed',
  [MessageAction.submit]: 'be submitted for review',
  [MessageAction.returnToDraft]: 'be returned to draft',
  [MessageAction.approve]: 'be approved',
  [MessageAction.publish]: 'be published',
  [MessageAction.withdraw]: 'be withdrawn',
  [MessageAction.expire]: 'expire',
  [MessageAction.supersede]: 'be superseded',
};

/** The status an action leads to; refused (409) naming what can be done instead. */
function transition(
  version: PublicMessage,
  action: MessageAction,
  versions: readonly PublicMessage[],
): MessageStatusType {
  const status = nextMessageStatus(version.status, action);
  if (status === undefined) {
    throw new ConflictError(
      `Version ${version.version} of this message is ${version.status} and cannot ${ACTION_WORDS[action]}; ${whatCanBeDone(version, versions)}`,
    );
  }
  return status;
}

const ACTION_ADVICE: Partial<Record<MessageAction, string>> = {
  [MessageAction.edit]: 'change it',
  [MessageAction.submit]: 'submit it for review',
  [MessageAction.returnToDraft]: 'return it to draft',
  [MessageAction.approve]: 'approve it',
  [MessageAction.publish]: 'publish it',
  [MessageAction.withdraw]: 'withdraw it',
};

/** What a person can do with a message whose latest version is this, in words. */
function whatCanBeDone(version: PublicMessage, versions: readonly PublicMessage[]): string {
  // Only a person's actions: expiring and superseding are the system's.
  const actions = messageActionsFrom(version.status).flatMap((action) => {
    const advice = ACTION_ADVICE[action];
    return advice === undefined ? [] : [advice];
  });
  const latest = versions[0];
  if (version.status === MessageStatus.published && latest === version) {
    actions.push('draft a new version of it');
  }
  return actions.length === 0
    ? 'it is final: nothing more can be done with it'
    : `what can be done now: ${actions.join(', ')}`;
}

/** Refuses (409) a version that something keeps from approval, listing what. */
function refuseBlocked(setting: MessageSetting, version: PublicMessage, what: string): void {
  const blocking = messageProblems(version, setting.city.messageLanguages).filter(
    (problem) => problem.blocking,
  );
  if (blocking.length > 0) {
    throw new ConflictError(
      `Version ${version.version} ${what}: ${blocking.map(problemText).join('; ')}`,
    );
  }
}

/** Refuses (400) a category the city does not use, an unknown district or an open polygon. */
function checkFields(setting: MessageSetting, fields: Partial<MessageFields>): void {
  if (fields.category !== undefined) assertCategoryInUse(setting.city, fields.category);
  if (fields.area !== undefined) checkArea(setting, fields.area);
}

function checkArea(setting: MessageSetting, area: MessageArea): void {
  const known = new Set(setting.districts.features.map((feature) => feature.properties.id));
  const unknown = area.districtIds.find((id) => !known.has(id));
  if (unknown !== undefined) {
    throw new BadRequestError(
      `area.districtIds: there is no district ${unknown} in ${setting.city.name}; use the ids of GET /api/v1/city/districts`,
    );
  }
  if (area.polygon === undefined) return;
  const first = area.polygon[0];
  const last = area.polygon.at(-1);
  if (first !== undefined && last !== undefined && !isDeepStrictEqual(first, last)) {
    throw new BadRequestError(
      'area.polygon must end at the point it starts from: a CAP area is a closed polygon',
    );
  }
  const problem = polygonProblem(ringCorners(area.polygon));
  if (problem !== null) throw new BadRequestError(`area.polygon: ${polygonProblemText(problem)}`);
}

/** Why a drawn area is refused, in words, as the console says it. */
function polygonProblemText(problem: PolygonProblem): string {
  switch (problem.kind) {
    case 'tooFew':
      return `an area needs at least 3 corners; it has ${problem.corners}`;
    case 'tooMany':
      return `an area has at most ${MAX_CORNERS} corners; it has ${problem.corners}`;
    case 'noArea':
      return 'its corners lie on one line, so it encloses no area';
    case 'selfIntersecting':
      return `the side from corner ${problem.sides[0]} and the side from corner ${problem.sides[1]} cross or touch; draw the area so its sides do not cross`;
  }
}

/** Times as the database gives them back, so that what is answered is what is stored. */
function normalized<F extends Partial<MessageFields>>(fields: F): F {
  return {
    ...fields,
    ...(fields.effective !== undefined && {
      effective: new Date(fields.effective).toISOString(),
    }),
    ...(fields.expires !== undefined && { expires: new Date(fields.expires).toISOString() }),
  };
}

/** Only the fields an author writes, from a request or a version. */
function fieldsOf(source: MessageFields): MessageFields {
  return {
    category: source.category,
    urgency: source.urgency,
    severity: source.severity,
    certainty: source.certainty,
    area: source.area,
    effective: source.effective,
    expires: source.expires,
    issuer: source.issuer,
    ...(source.link !== undefined && { link: source.link }),
    exercise: source.exercise,
    variants: source.variants,
  };
}
