import { Readable } from 'node:stream';
import {
  JOURNAL_VISIBILITY,
  JournalExportFormat,
  JournalKind,
  entryEventAt,
  type Escalation,
  type IncidentStatus,
  type JournalEntry,
  type Permission,
  type PublicMessage,
  type WebhookDelivery,
} from '@vaka/domain';
import {
  findIncident,
  listMergedIncidentIds,
  openSnapshot,
  readJournalRecords,
  verifyJournal,
  type Database,
  type JournalRecord,
  type JournalSelection,
  type Snapshot,
} from '@vaka/db';
import { BadRequestError, NotFoundError } from '../../errors.ts';

/** A download of journal entries: what to call the file and its content, read while it is sent. */
export interface JournalDownload {
  contentType: string;
  filename: string;
  body: Readable;
}

/** Who exports, what they may see, and in which format. */
export interface JournalExportContext {
  format: JournalExportFormat;
  /** The caller's permissions: entries of kinds they may not see are left out, not marked. */
  permissions: ReadonlySet<Permission>;
  exportedBy: string;
}

/** The longest range one export covers. */
const MAX_RANGE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The CSV columns, in order. */
export const JOURNAL_CSV_COLUMNS = [
  'seq',
  'recorded_at',
  'actor',
  'kind',
  'incident_id',
  'event_at',
  'summary',
  'data',
  'hash',
  'prev_hash',
] as const;

/** The journal entries recorded in [from, to) that the caller may see. */
export async function exportJournalRange(
  database: Database,
  range: { from: string; to: string },
  context: JournalExportContext,
): Promise<JournalDownload> {
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (from.getTime() >= to.getTime()) {
    throw new BadRequestError(`from (${range.from}) must be before to (${range.to})`);
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new BadRequestError(
      `An export covers at most ${MAX_RANGE_DAYS} days: split the range into shorter ones`,
    );
  }
  const snapshot = await openSnapshot(database.pool);
  const selection: JournalSelection = {
    kinds: visibleKinds(context.permissions),
    recordedFrom: from,
    recordedBefore: to,
  };
  return download(snapshot, selection, `journal-${fileTime(from)}-${fileTime(to)}`, context);
}

/**
 * An incident's journal as its detail shows it: its own entries and those of the incidents merged
 * into it, oldest first.
 */
export async function exportIncidentJournal(
  database: Database,
  incidentId: string,
  context: JournalExportContext,
): Promise<JournalDownload> {
  const snapshot = await openSnapshot(database.pool);
  try {
    const incident = await findIncident(snapshot.db, incidentId);
    if (!incident) throw new NotFoundError(`There is no incident ${incidentId}`);
    const mergedFrom = await listMergedIncidentIds(snapshot.db, incidentId);
    const selection: JournalSelection = {
      kinds: visibleKinds(context.permissions),
      incidentIds: [incidentId, ...mergedFrom],
    };
    return download(snapshot, selection, `incident-${incidentId}-journal`, context);
  } catch (error) {
    await snapshot.close();
    throw error;
  }
}

/** The kinds of entry these permissions may see. */
function visibleKinds(permissions: ReadonlySet<Permission>): JournalKind[] {
  return Object.values(JournalKind).filter((kind) => permissions.has(JOURNAL_VISIBILITY[kind]));
}

/** Streams the selection out of the snapshot, which it closes when done, failed or abandoned. */
function download(
  snapshot: Snapshot,
  selection: JournalSelection,
  basename: string,
  context: JournalExportContext,
): JournalDownload {
  let started = false;
  const chunks = async function* (): AsyncGenerator<string> {
    started = true;
    try {
      yield* context.format === JournalExportFormat.csv
        ? csvChunks(snapshot, selection)
        : jsonChunks(snapshot, selection, context);
    } finally {
      await snapshot.close();
    }
  };
  const body = Readable.from(chunks(), { objectMode: false });
  // A body destroyed before it was ever read never runs the generator, nor its `finally`.
  body.once('close', () => {
    if (!started) void snapshot.close();
  });
  return context.format === JournalExportFormat.csv
    ? { contentType: 'text/csv; charset=utf-8', filename: `${basename}.csv`, body }
    : { contentType: 'application/json; charset=utf-8', filename: `${basename}.json`, body };
}

async function* jsonChunks(
  snapshot: Snapshot,
  selection: JournalSelection,
  context: JournalExportContext,
): AsyncGenerator<string> {
  const exportedAt = new Date().toISOString();
  yield '{"entries":[';
  let separator = '';
  for await (const page of readJournalRecords(snapshot.db, selection)) {
    let chunk = '';
    for (const record of page) {
      chunk += separator + JSON.stringify(record.entry);
      separator = ',';
    }
    yield chunk;
  }
  // NOTE: the links are read in a second pass over the same snapshot rather than held in memory,
  // so a year's export streams in constant memory.
  yield '],"chain":[';
  separator = '';
  for await (const page of readJournalRecords(snapshot.db, selection)) {
    let chunk = '';
    for (const { entry, hash, prevHash } of page) {
      chunk += `${separator}{"seq":${entry.seq},"hash":"${hash}","prevHash":"${prevHash}"}`;
      separator = ',';
    }
    yield chunk;
  }
  // The same snapshot: the verification covers every entry exported. NOTE: it walks the whole
  // journal from its first entry, which is what makes it evidence, and what a long journal pays.
  const verification = await verifyJournal(snapshot.db);
  yield `],"exportedAt":${JSON.stringify(exportedAt)},"exportedBy":${JSON.stringify(context.exportedBy)},"verification":${JSON.stringify(verification)}}`;
}

async function* csvChunks(snapshot: Snapshot, selection: JournalSelection): AsyncGenerator<string> {
  // The byte order mark tells spreadsheet programs the file is UTF-8, so å, ä and ö show right.
  yield `\uFEFF${csvLine(JOURNAL_CSV_COLUMNS)}`;
  const summarize = entrySummarizer();
  for await (const page of readJournalRecords(snapshot.db, selection)) {
    yield page.map((record) => csvLine(csvFields(record, summarize(record.entry)))).join('');
  }
}

function csvFields(record: JournalRecord, summary: string): string[] {
  const { entry } = record;
  return [
    String(entry.seq),
    entry.recordedAt,
    entry.actor,
    entry.kind,
    ('incidentId' in entry ? entry.incidentId : undefined) ?? '',
    entryEventAt(entry) ?? '',
    summary,
    JSON.stringify(entry.data),
    record.hash,
    record.prevHash,
  ];
}

/** One CSV line (RFC 4180, CRLF), every cell escaped and defused. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * A CSV cell. A cell that a spreadsheet would take for a formula (= + - @, or a tab or carriage
 * return before one) gets a leading apostrophe, so text someone typed never runs as one; a cell
 * with a quote, comma or line break is quoted.
 */
export function csvCell(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/**
 * A short readable line for each entry, such as "Status new → acknowledged: on our way". It
 * remembers the status of each incident it has seen, to name where a status change came from.
 */
export function entrySummarizer(): (entry: JournalEntry) => string {
  const statusOf = new Map<string, IncidentStatus>();
  return (entry) => {
    switch (entry.kind) {
      case JournalKind.reportReceived: {
        const { report } = entry.data;
        const via = report.source.name ?? report.source.channel;
        return `Report: ${report.title} (${report.category}, ${report.severity}, via ${via})`;
      }
      case JournalKind.incidentOpened: {
        const { incident } = entry.data;
        statusOf.set(incident.id, incident.status);
        return `Incident opened: ${incident.title} (${incident.category}, ${incident.severity})`;
      }
      case JournalKind.incidentUpdated: {
        const { incident, previous, transition } = entry.data;
        const before = statusOf.get(incident.id);
        statusOf.set(incident.id, incident.status);
        const why = because(entry.data.reason);
        if (transition !== undefined) {
          return before === undefined
            ? `Status → ${incident.status} (${transition})${why}`
            : `Status ${before} → ${incident.status}${why}`;
        }
        if (entry.data.attachedReportId !== undefined) {
          return `Report ${entry.data.attachedReportId} added; ${incident.reportCount} reports`;
        }
        const now = new Map<string, unknown>(Object.entries(incident));
        const changes = Object.entries(previous ?? {}).map(
          ([field, value]) => `${field} ${shown(value)} → ${shown(now.get(field))}`,
        );
        return `Changed ${changes.length > 0 ? changes.join(', ') : 'the incident'}${why}`;
      }
      case JournalKind.incidentMerged: {
        const { incident, into, reason } = entry.data;
        statusOf.set(incident.id, incident.status);
        statusOf.set(into.id, into.status);
        return `Merged into ${into.title} (${into.id})${because(reason)}`;
      }
      case JournalKind.incidentSplit: {
        const { incident, from, reportId, reason } = entry.data;
        statusOf.set(incident.id, incident.status);
        statusOf.set(from.id, from.status);
        return `Report ${reportId} split off from ${from.title} (${from.id})${because(reason)}`;
      }
      case JournalKind.noteAdded:
        return entry.data.text;
      case JournalKind.entryFlagged: {
        const flags = [
          entry.data.keyEvent !== undefined && `key event ${onOff(entry.data.keyEvent)}`,
          entry.data.public !== undefined && `public ${onOff(entry.data.public)}`,
        ].filter((flag) => flag !== false);
        return `Entry ${entry.data.seq}: ${flags.join(', ')}`;
      }
      case JournalKind.entryCorrected:
        return `Correction of entry ${entry.data.seq}: ${entry.data.text}`;
      case JournalKind.readinessChanged:
        return `Readiness ${entry.data.previous} → ${entry.data.readiness.level}${because(entry.data.readiness.reason)}`;
      case JournalKind.signedIn:
        return `Signed in (${entry.data.method})`;
      case JournalKind.signInFailed:
        return `Sign-in failed for ${entry.data.username} from ${entry.data.ip}: ${entry.data.reason}`;
      case JournalKind.signedOut:
        return entry.data.everywhere ? 'Signed out everywhere' : 'Signed out';
      case JournalKind.passwordChanged:
        return 'Password changed';
      case JournalKind.userCreated:
        return `User created: ${entry.data.user.username} (${entry.data.user.roles.join(', ')})`;
      case JournalKind.userChanged:
        return `User changed: ${entry.data.user.username}, roles ${entry.data.previousRoles.join(', ') || 'none'} → ${entry.data.user.roles.join(', ') || 'none'}${entry.data.user.disabled ? ', disabled' : ''}`;
      case JournalKind.apiKeyCreated:
        return `API key created: ${entry.data.apiKey.name}`;
      case JournalKind.apiKeyRevoked:
        return `API key revoked: ${entry.data.apiKey.name}`;
      case JournalKind.secondFactorEnabled:
        return 'Authentication code set up';
      case JournalKind.securitySettingsChanged:
        return 'Security settings changed';
      case JournalKind.userPreferencesChanged:
        return `Console language ${entry.data.previous ?? 'not chosen'} → ${entry.data.language}`;
      case JournalKind.unitCreated:
        return `Unit created: ${entry.data.unit.name} (${entry.data.unit.contacts.length} contacts)`;
      case JournalKind.unitChanged:
        return `Unit changed: ${entry.data.previous.name === entry.data.unit.name ? entry.data.unit.name : `${entry.data.previous.name} → ${entry.data.unit.name}`}`;
      case JournalKind.unitArchived:
        return `Unit archived: ${entry.data.unit.name}`;
      case JournalKind.scheduleCreated:
        return `Schedule created: ${entry.data.schedule.name} (${entry.data.schedule.schedule.layers.length} layers, ${entry.data.schedule.schedule.timeZone})`;
      case JournalKind.scheduleChanged:
        return `Schedule changed: ${entry.data.previous.name === entry.data.schedule.name ? entry.data.schedule.name : `${entry.data.previous.name} → ${entry.data.schedule.name}`}`;
      case JournalKind.scheduleArchived:
        return `Schedule archived: ${entry.data.schedule.name}`;
      case JournalKind.scheduleOverrideAdded:
        return `Override in ${entry.data.schedule.name}: contact ${entry.data.override.contactId} on call ${entry.data.override.from} – ${entry.data.override.to}${because(entry.data.override.note)}`;
      case JournalKind.scheduleOverrideRemoved:
        return `Override removed from ${entry.data.schedule.name}: contact ${entry.data.override.contactId}, ${entry.data.override.from} – ${entry.data.override.to}`;
      case JournalKind.escalationPolicyCreated:
        return `Escalation policy created: ${entry.data.policy.name} (${entry.data.policy.steps.length} steps, repeated ${entry.data.policy.repeat} times)`;
      case JournalKind.escalationPolicyChanged:
        return `Escalation policy changed: ${entry.data.previous.name === entry.data.policy.name ? entry.data.policy.name : `${entry.data.previous.name} → ${entry.data.policy.name}`}`;
      case JournalKind.escalationPolicyArchived:
        return `Escalation policy archived: ${entry.data.policy.name}`;
      case JournalKind.escalationStarted: {
        const { escalation } = entry.data;
        return `Escalation to ${escalation.unitName} started (${escalation.policyName}): ${escalation.brief}`;
      }
      case JournalKind.escalationStepNotified: {
        const { escalation, round, step, reason } = entry.data;
        const names = escalation.notifications
          .filter((n) => n.round === round && n.step === step)
          .map((n) => `${n.contactName} by ${n.channel}`);
        return `Escalation to ${escalation.unitName}, step ${step + 1}${round > 0 ? ` (repeat ${round})` : ''} (${reason}): ${names.join(', ') || 'nobody to notify'}`;
      }
      case JournalKind.escalationNotificationSent:
        return `Sent: ${notificationLine(entry.data.escalation, entry.data.notificationId)}`;
      case JournalKind.escalationNotificationHeld:
        return `Held until ${entry.data.until} by the recipient's rate limit: ${notificationLine(entry.data.escalation, entry.data.notificationId)}`;
      case JournalKind.escalationNotificationFailed:
        return `${entry.data.permanent ? 'Failed' : 'Failed, will retry'}: ${notificationLine(entry.data.escalation, entry.data.notificationId)}: ${entry.data.error}`;
      case JournalKind.escalationAccepted:
        return `${entry.data.by} accepted for ${entry.data.escalation.unitName} (${entry.data.via})${because(entry.data.note)}`;
      case JournalKind.escalationDeclined:
        return `${entry.data.by} declined for ${entry.data.escalation.unitName}${because(entry.data.reason)}`;
      case JournalKind.escalationRedirected:
        return `${entry.data.by} redirected from ${entry.data.escalation.unitName} to ${entry.data.escalation.redirectedTo?.unitName ?? 'another unit'}${because(entry.data.reason)}`;
      case JournalKind.escalationCancelled:
        return `Escalation to ${entry.data.escalation.unitName} cancelled${because(entry.data.reason)}`;
      case JournalKind.escalationExhausted:
        return `Escalation to ${entry.data.escalation.unitName} ran out: nobody took the case`;
      case JournalKind.messageDrafted:
        return entry.data.message.version === 1
          ? `Message drafted: ${messageLine(entry.data.message)}`
          : `Update drafted: ${messageLine(entry.data.message)}`;
      case JournalKind.messageChanged:
        return `Message changed: ${messageLine(entry.data.message)}; ${Object.keys(entry.data.previous).join(', ')}`;
      case JournalKind.messageSubmitted:
        return `Message submitted for review: ${messageLine(entry.data.message)}`;
      case JournalKind.messageReturned:
        return `Message returned to draft: ${messageLine(entry.data.message)}${because(entry.data.reason)}`;
      case JournalKind.messageApproved:
        return `Message approved: ${messageLine(entry.data.message)}`;
      case JournalKind.messageScheduled:
        return `Message to be published at ${entry.data.message.publishAt ?? ''}: ${messageLine(entry.data.message)}`;
      case JournalKind.messagePublished:
        return `Message published: ${messageLine(entry.data.message)}${entry.data.superseded === undefined ? '' : `, replacing version ${entry.data.superseded.version}`}`;
      case JournalKind.messageWithdrawn:
        return `Message withdrawn: ${messageLine(entry.data.message)}${entry.data.discarded === undefined ? '' : `, and version ${entry.data.discarded.version}, not yet out`}${because(entry.data.reason)}`;
      case JournalKind.messageExpired:
        return `Message expired: ${messageLine(entry.data.message)}`;
      case JournalKind.webhookSubscriberCreated:
        return `Webhook subscriber added: ${entry.data.subscriber.name} (${entry.data.subscriber.url})`;
      case JournalKind.webhookSubscriberChanged: {
        const { subscriber, previous } = entry.data;
        return `Webhook subscriber changed: ${previous.name === subscriber.name ? subscriber.name : `${previous.name} → ${subscriber.name}`}${previous.url === subscriber.url ? '' : `, ${previous.url} → ${subscriber.url}`}`;
      }
      case JournalKind.webhookSecretRotated:
        return `Webhook subscriber given a new secret: ${entry.data.subscriber.name}`;
      case JournalKind.webhookSubscriberArchived:
        return `Webhook subscriber archived: ${entry.data.subscriber.name} (${entry.data.withdrawn} waiting deliveries withdrawn)`;
      case JournalKind.webhookPinged:
        return `Test event queued for ${entry.data.delivery.subscriberName}`;
      case JournalKind.webhookDelivered:
        return `${deliveryLine(entry.data.delivery)} delivered`;
      case JournalKind.webhookDeliveryFailed:
        return `${deliveryLine(entry.data.delivery)} ${entry.data.permanent ? 'failed for good' : 'failed, to be tried again'}: ${entry.data.error}`;
      case JournalKind.plannedEventCreated:
        return `Planned event added: ${entry.data.event.title} (${entry.data.event.startsAt} – ${entry.data.event.endsAt})`;
      case JournalKind.plannedEventChanged:
        return `Planned event changed: ${entry.data.event.title} (${Object.keys(entry.data.previous).join(', ')})`;
      case JournalKind.plannedEventCancelled:
        return `Planned event cancelled: ${entry.data.event.title}${because(entry.data.reason)}`;
      case JournalKind.situationReportDrafted:
        return `Situation report drafted (${entry.data.report.language}, ${entry.data.report.periodFrom} – ${entry.data.report.periodTo})`;
      case JournalKind.situationReportChanged:
        return `Situation report draft changed (${Object.keys(entry.data.previous).join(', ')})`;
      case JournalKind.situationReportApproved:
        return `Situation report ${entry.data.report.number ?? '?'}${entry.data.report.version > 1 ? ` version ${entry.data.report.version}` : ''} approved`;
      case JournalKind.handoverDrafted:
        return `Handover drafted by ${entry.data.handover.createdBy}`;
      case JournalKind.handoverChanged:
        return 'Handover changed';
      case JournalKind.handoverConfirmed:
        return `Handover confirmed: ${entry.data.handover.confirmedBy ?? '?'} took over from ${entry.data.handover.createdBy}`;
    }
  };
}

/** A webhook delivery in a summary: the event, the version it is about, and to whom. */
function deliveryLine(delivery: WebhookDelivery): string {
  const version =
    delivery.messageId === undefined
      ? ''
      : ` of message ${delivery.messageId} v${delivery.version ?? '?'}`;
  return `Webhook ${delivery.event}${version} to ${delivery.subscriberName}`;
}

/** A message version in a summary: its first headline, its version, and whether it is a drill. */
function messageLine(message: PublicMessage): string {
  const headline = message.variants.find((variant) => variant.headline.trim() !== '')?.headline;
  return `${headline ?? '(no headline)'} (version ${message.version}${message.exercise ? ', exercise' : ''})`;
}

function notificationLine(escalation: Escalation, notificationId: string): string {
  const notification = escalation.notifications.find((n) => n.id === notificationId);
  return notification === undefined
    ? notificationId
    : `${notification.contactName} by ${notification.channel} to ${notification.address}`;
}

function because(reason: string | undefined): string {
  return reason === undefined || reason === '' ? '' : `: ${reason}`;
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}

/** A field's value in a summary: a location by its address, anything else as it is. */
function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'address' in value) {
    return String(value.address);
  }
  return JSON.stringify(value) ?? '';
}

/** A time for a file name: 2026-11-22T08:00:00.000Z becomes 20261122T080000Z. */
function fileTime(time: Date): string {
  return time
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(/[-:]/g, '');
}
