import type { TFunction } from 'i18next';
import {
  JournalKind,
  type ContactChannel,
  type Escalation,
  type EscalationNotification,
  type Incident,
  type IncidentFields,
  type JournalEntry,
  type PublicMessage,
} from '@vaka/domain';
import { formatLocation } from '../incidents/format-location.ts';

/** What a timeline item says: a line, the text it carries (a note's), and why, when given. */
export interface EntryText {
  readonly summary: string;
  readonly body?: string;
  readonly reason?: string;
}

/** What an entry's words depend on besides the entry. */
export interface EntryTextContext {
  /** The incident whose timeline this is: a merge or split reads differently from either side. */
  readonly incidentId: string;
  /** The incident as it was before the entry, for "from … to …". */
  readonly previous?: Incident;
  readonly t: TFunction;
}

const FIELD_ORDER = ['title', 'severity', 'category', 'location'] as const;

/** A readable line for every kind of journal entry an incident's timeline holds. */
export function describeEntry(entry: JournalEntry, context: EntryTextContext): EntryText {
  const { t } = context;
  switch (entry.kind) {
    case JournalKind.reportReceived: {
      const { report } = entry.data;
      const channel = t(`channel.${report.source.channel}`);
      return {
        summary:
          report.source.name === undefined
            ? t('timeline.reportReceived', { channel, title: report.title })
            : t('timeline.reportReceivedNamed', {
                channel,
                name: report.source.name,
                title: report.title,
              }),
        ...(report.description !== undefined && { body: report.description }),
      };
    }
    case JournalKind.incidentOpened: {
      const { incident } = entry.data;
      return {
        summary: t('timeline.opened', {
          title: incident.title,
          severity: t(`severity.${incident.severity}`),
          category: t(`category.${incident.category}`),
        }),
      };
    }
    case JournalKind.incidentUpdated: {
      const { incident, reason, transition, previous, attachedReportId } = entry.data;
      if (attachedReportId !== undefined && transition === undefined) {
        // The report's own entry just before says what came in; its reason is the server's.
        return { summary: t('timeline.reportAttached', { count: incident.reportCount }) };
      }
      const reasonPart = reason === undefined ? {} : { reason };
      if (transition !== undefined) {
        const to = t(`status.${incident.status}`);
        const from = context.previous?.status;
        return {
          summary:
            from === undefined || from === incident.status
              ? t('timeline.statusTo', { to })
              : t('timeline.statusFromTo', { from: t(`status.${from}`), to }),
          ...reasonPart,
        };
      }
      const changes = fieldChanges(previous ?? {}, incident, t);
      // The planned event is named by id only in the entry: say that the link changed.
      if (previous?.plannedEventId !== undefined) {
        changes.push(
          incident.plannedEventId === undefined
            ? t('plannedEvents.timeline.unlinked')
            : t('plannedEvents.timeline.linked'),
        );
      }
      return {
        summary: changes.length === 0 ? t('timeline.updated') : changes.join('; '),
        ...reasonPart,
      };
    }
    case JournalKind.incidentMerged: {
      const { incident, into, reportIds, reason } = entry.data;
      if (into.id === context.incidentId) {
        return {
          summary: t('timeline.mergedHere', { title: incident.title, count: reportIds.length }),
          reason,
        };
      }
      return { summary: t('timeline.mergedInto', { title: into.title }), reason };
    }
    case JournalKind.incidentSplit: {
      const { incident, from, reason } = entry.data;
      if (from.id === context.incidentId) {
        return { summary: t('timeline.splitOut', { title: incident.title }), reason };
      }
      return { summary: t('timeline.splitFrom', { title: from.title }), reason };
    }
    case JournalKind.noteAdded:
      return { summary: t('timeline.note'), body: entry.data.text };
    case JournalKind.entryFlagged: {
      const changes: string[] = [];
      if (entry.data.keyEvent !== undefined) {
        changes.push(t(entry.data.keyEvent ? 'timeline.flagKeyOn' : 'timeline.flagKeyOff'));
      }
      if (entry.data.public !== undefined) {
        changes.push(t(entry.data.public ? 'timeline.flagPublicOn' : 'timeline.flagPublicOff'));
      }
      return {
        summary: t('timeline.flagged', { seq: entry.data.seq, changes: changes.join(', ') }),
      };
    }
    case JournalKind.entryCorrected:
      return { summary: t('timeline.corrects', { seq: entry.data.seq }), body: entry.data.text };
    case JournalKind.escalationStarted: {
      const { escalation } = entry.data;
      return {
        summary: t('timeline.escalation.started', {
          unit: escalation.unitName,
          policy: escalation.policyName,
        }),
        body: escalation.brief,
      };
    }
    case JournalKind.escalationStepNotified: {
      const { escalation, round, step, reason } = entry.data;
      const names = escalation.notifications
        .filter((n) => n.round === round && n.step === step)
        .map((n) =>
          t('timeline.escalation.via', { name: n.contactName, channel: channelName(n.channel, t) }),
        );
      return {
        summary: t(
          names.length === 0 ? 'timeline.escalation.stepNobody' : 'timeline.escalation.step',
          {
            step: step + 1,
            unit: escalation.unitName,
            names: names.join(', '),
          },
        ),
        ...(reason !== 'start' && { reason: t(`timeline.escalation.reason.${reason}`) }),
      };
    }
    case JournalKind.escalationNotificationSent: {
      const notification = notificationOf(entry.data.escalation, entry.data.notificationId);
      return {
        summary: t('timeline.escalation.sent', {
          name: notification?.contactName ?? '',
          channel: channelName(notification?.channel, t),
        }),
      };
    }
    case JournalKind.escalationNotificationHeld: {
      const notification = notificationOf(entry.data.escalation, entry.data.notificationId);
      return { summary: t('timeline.escalation.held', { name: notification?.contactName ?? '' }) };
    }
    case JournalKind.escalationNotificationFailed: {
      const notification = notificationOf(entry.data.escalation, entry.data.notificationId);
      const words = {
        name: notification?.contactName ?? '',
        channel: channelName(notification?.channel, t),
      };
      return {
        summary: t(
          entry.data.permanent ? 'timeline.escalation.failed' : 'timeline.escalation.retrying',
          words,
        ),
        reason: entry.data.error,
      };
    }
    case JournalKind.escalationAccepted:
      return {
        summary: t(
          entry.data.via === 'phone'
            ? 'timeline.escalation.acceptedByPhone'
            : 'timeline.escalation.accepted',
          { by: entry.data.by, unit: entry.data.escalation.unitName },
        ),
        ...(entry.data.note !== undefined && entry.data.note !== '' && { reason: entry.data.note }),
      };
    case JournalKind.escalationDeclined:
      return {
        summary: t('timeline.escalation.declined', {
          by: entry.data.by,
          unit: entry.data.escalation.unitName,
        }),
        reason: entry.data.reason,
      };
    case JournalKind.escalationRedirected:
      return {
        summary: t('timeline.escalation.redirected', {
          by: entry.data.by,
          unit: entry.data.escalation.unitName,
          to: entry.data.escalation.redirectedTo?.unitName ?? '',
        }),
        reason: entry.data.reason,
      };
    case JournalKind.escalationCancelled:
      return {
        summary: t('timeline.escalation.cancelled', { unit: entry.data.escalation.unitName }),
        reason: entry.data.reason,
      };
    case JournalKind.escalationExhausted:
      return {
        summary: t('timeline.escalation.exhausted', { unit: entry.data.escalation.unitName }),
      };
    case JournalKind.messageDrafted:
    case JournalKind.messageChanged:
    case JournalKind.messageSubmitted:
    case JournalKind.messageReturned:
    case JournalKind.messageApproved:
    case JournalKind.messageScheduled:
    case JournalKind.messagePublished:
    case JournalKind.messageWithdrawn:
    case JournalKind.messageExpired:
      return messageText(entry, t);
    default:
      return { summary: t('timeline.other', { kind: entry.kind }) };
  }
}

type MessageEntry = Extract<JournalEntry, { data: { message: PublicMessage } }>;

/** A step of a public message: which step, and the message by its first headline. */
function messageText(entry: MessageEntry, t: TFunction): EntryText {
  const { message } = entry.data;
  const headline =
    message.variants.find((variant) => variant.headline.trim() !== '')?.headline ??
    t('timeline.message.noHeadline');
  const words = {
    headline: message.exercise ? t('timeline.message.exercise', { headline }) : headline,
    version: message.version,
  };
  const update = message.version > 1;
  switch (entry.kind) {
    case JournalKind.messageDrafted:
      return {
        summary: t(update ? 'timeline.message.draftedUpdate' : 'timeline.message.drafted', words),
      };
    case JournalKind.messageChanged:
      return { summary: t('timeline.message.changed', words) };
    case JournalKind.messageSubmitted:
      return { summary: t('timeline.message.submitted', words) };
    case JournalKind.messageReturned:
      return { summary: t('timeline.message.returned', words), reason: entry.data.reason };
    case JournalKind.messageApproved:
      return { summary: t('timeline.message.approved', words) };
    case JournalKind.messageScheduled:
      return { summary: t('timeline.message.scheduled', words) };
    case JournalKind.messagePublished:
      return {
        summary: t(
          update ? 'timeline.message.publishedUpdate' : 'timeline.message.published',
          words,
        ),
      };
    case JournalKind.messageWithdrawn:
      return { summary: t('timeline.message.withdrawn', words), reason: entry.data.reason };
    case JournalKind.messageExpired:
      return { summary: t('timeline.message.expired', words) };
  }
}

function notificationOf(escalation: Escalation, id: string): EscalationNotification | undefined {
  return escalation.notifications.find((notification) => notification.id === id);
}

function channelName(channel: ContactChannel | undefined, t: TFunction): string {
  return channel === undefined ? '' : t(`escalations.channel.${channel}`);
}

function fieldChanges(previous: IncidentFields, incident: Incident, t: TFunction): string[] {
  const changes: string[] = [];
  for (const field of FIELD_ORDER) {
    const before = previous[field];
    if (before === undefined) continue;
    changes.push(
      t('timeline.fieldChanged', {
        field: t(`timeline.field.${field}`),
        from: fieldText(field, before, t),
        to: fieldText(field, incident[field], t),
      }),
    );
  }
  return changes;
}

function fieldText<F extends (typeof FIELD_ORDER)[number]>(
  field: F,
  value: Incident[F],
  t: TFunction,
): string {
  switch (field) {
    case 'severity':
      return t(`severity.${value as Incident['severity']}`);
    case 'category':
      return t(`category.${value as Incident['category']}`);
    case 'location':
      return formatLocation(value as Incident['location']);
    default:
      return String(value);
  }
}

/**
 * The incident as it stood before each entry that changed it, by the entry's sequence, so a
 * status change can say what it changed from.
 */
export function statesBefore(entries: readonly JournalEntry[]): Map<number, Incident> {
  const before = new Map<number, Incident>();
  const current = new Map<string, Incident>();
  for (const entry of entries) {
    switch (entry.kind) {
      case JournalKind.incidentOpened:
        current.set(entry.incidentId, entry.data.incident);
        break;
      case JournalKind.incidentUpdated: {
        const earlier = current.get(entry.incidentId);
        if (earlier !== undefined) before.set(entry.seq, earlier);
        current.set(entry.incidentId, entry.data.incident);
        break;
      }
      case JournalKind.incidentMerged:
        current.set(entry.incidentId, entry.data.incident);
        current.set(entry.data.into.id, entry.data.into);
        break;
      case JournalKind.incidentSplit:
        current.set(entry.incidentId, entry.data.incident);
        current.set(entry.data.from.id, entry.data.from);
        break;
      default:
        break;
    }
  }
  return before;
}
