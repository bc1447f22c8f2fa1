import {
  KeyEventKind,
  messageHeadline,
  readinessLevelText,
  severityRank,
  type Escalation,
  type Incident,
  type KeyEventDetail,
  type Language,
  type PlannedEvent,
  type PublicMessage,
  type Readiness,
  type SituationReportContent,
} from '@vaka/domain';
import { REPORT_WORDS, type ReportWords } from './words.ts';

/** The picture now, as a draft describes it. */
export interface ReportPicture {
  readiness: Readiness;
  /** The open incidents. */
  incidents: readonly Incident[];
  /** Escalations still awaiting acknowledgement, run out ones included. */
  escalations: readonly Escalation[];
  /** Public messages valid now. */
  messages: readonly PublicMessage[];
  /** Planned events of the next 24 hours. */
  plannedEvents: readonly PlannedEvent[];
}

/** What a draft is made from: the key events of its period and the picture at its end. */
export interface DraftSource {
  language: Language;
  timeZone: string;
  periodFrom: Date;
  periodTo: Date;
  /** Oldest first. */
  keyEvents: readonly KeyEventDetail[];
  picture: ReportPicture;
}

/** How many incidents a section names before it counts the rest. */
const MAX_INCIDENTS = 25;
/** How many key events the actions section lists before it refers to the journal. */
const MAX_ACTIONS = 200;

/**
 * The sections of a situation report as Vaka drafts them, in the report's language: the
 * situation (readiness and the open incidents by severity), the key events in time order, what
 * was said to the public, escalations awaiting an answer, the planned events of the next 24
 * hours, and a line asking the duty officer for the consequences. Pure.
 */
export function draftReportContent(source: DraftSource): SituationReportContent {
  const words = REPORT_WORDS[source.language];
  const time = timeWriter(source, words);
  return {
    situation: situationText(source, words),
    consequences: words.consequencesPrompt,
    actions: actionsText(source, words, time),
    communication: communicationText(source, words, time),
    needs: needsText(source, words, time),
    outlook: outlookText(source, words, time),
  };
}

function situationText({ picture, language }: DraftSource, words: ReportWords): string {
  const { readiness, incidents } = picture;
  const level = readinessLevelText(readiness.level, language);
  const lines = [
    `${words.readiness}: ${level}${readiness.reason === undefined ? '' : ` (${readiness.reason})`}.`,
  ];
  if (incidents.length === 0) {
    lines.push(words.noOpenIncidents);
    return lines.join('\n');
  }
  const ordered = [...incidents].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      Date.parse(a.openedAt) - Date.parse(b.openedAt),
  );
  const counts = (['critical', 'serious', 'moderate', 'minor'] as const)
    .map((severity) => ({
      severity,
      count: incidents.filter((incident) => incident.severity === severity).length,
    }))
    .filter(({ count }) => count > 0)
    .map(({ severity, count }) => `${words.severity[severity].toLowerCase()} ${count}`);
  lines.push(`${words.openIncidents(incidents.length)} (${counts.join(', ')}).`);
  for (const incident of ordered.slice(0, MAX_INCIDENTS)) {
    lines.push(
      `– ${words.severity[incident.severity]}: ${incident.title} (${words.status[incident.status]})`,
    );
  }
  if (ordered.length > MAX_INCIDENTS) lines.push(words.more(ordered.length - MAX_INCIDENTS));
  return lines.join('\n');
}

function actionsText(source: DraftSource, words: ReportWords, time: TimeWriter): string {
  const { keyEvents } = source;
  if (keyEvents.length === 0) return words.noKeyEvents;
  const lines = keyEvents.slice(0, MAX_ACTIONS).map((event) => keyEventLine(event, words, time));
  if (keyEvents.length > MAX_ACTIONS) lines.push(words.moreInJournal);
  return lines.join('\n');
}

/** A key event as a report lists it: its time, what kind of event, and its line. */
function keyEventLine(event: KeyEventDetail, words: ReportWords, time: TimeWriter): string {
  const severity = event.severity === undefined ? '' : ` (${words.severity[event.severity]})`;
  const kind =
    event.kind === KeyEventKind.incidentOpened || event.kind === KeyEventKind.incidentRaised
      ? `${words.keyEvent[event.kind]}${severity}`
      : words.keyEvent[event.kind];
  return `${time.at(event.at)} ${kind}: ${event.text}`;
}

function communicationText(source: DraftSource, words: ReportWords, time: TimeWriter): string {
  const said = source.keyEvents.filter(
    (event) =>
      event.kind === KeyEventKind.messagePublished || event.kind === KeyEventKind.messageWithdrawn,
  );
  const lines =
    said.length === 0
      ? [words.noMessagesInPeriod]
      : [words.messagesInPeriod, ...said.map((event) => keyEventLine(event, words, time))];
  const { messages } = source.picture;
  if (messages.length === 0) {
    lines.push(words.noValidMessages);
  } else {
    lines.push(words.validMessages(messages.length));
    for (const message of messages) {
      const headline = messageHeadline(message, source.language);
      const mark = message.exercise ? `${words.exercise}: ` : '';
      lines.push(`– ${mark}${headline} (${words.validUntil} ${time.at(message.expires)})`);
    }
  }
  return lines.join('\n');
}

function needsText(source: DraftSource, words: ReportWords, time: TimeWriter): string {
  const lines: string[] = [];
  const { escalations } = source.picture;
  if (escalations.length === 0) {
    lines.push(words.noAwaiting);
  } else {
    lines.push(words.awaiting);
    for (const escalation of escalations) {
      const state =
        escalation.status === 'exhausted'
          ? words.exhausted
          : `${words.since} ${time.at(escalation.startedAt)}`;
      lines.push(`– ${escalation.unitName}: ${escalation.brief} (${state})`);
    }
  }
  const ranOut = source.keyEvents.filter(
    (event) => event.kind === KeyEventKind.escalationExhausted,
  );
  if (ranOut.length > 0) {
    lines.push(words.nobodyAnswered);
    for (const event of ranOut) lines.push(`– ${time.at(event.at)} ${event.text}`);
  }
  return lines.join('\n');
}

function outlookText(source: DraftSource, words: ReportWords, time: TimeWriter): string {
  const events = source.picture.plannedEvents;
  if (events.length === 0) return words.noPlannedEvents;
  const count = new Intl.NumberFormat(words.locale);
  const lines = [words.plannedEvents];
  for (const event of events) {
    const parts = [`${time.span(event.startsAt, event.endsAt)} ${event.title}`];
    if (event.location.address !== undefined) parts.push(event.location.address);
    if (event.expectedCrowd !== undefined) {
      parts.push(words.people(count.format(event.expectedCrowd)));
    }
    if (event.cancelledAt !== undefined) parts.push(words.cancelled);
    lines.push(`– ${parts.join(', ')}`);
  }
  return lines.join('\n');
}

interface TimeWriter {
  /** A moment in the city's time zone: the time alone within the report's day, else with the date. */
  at(iso: string): string;
  /** From one moment to another, the end's date left out when it is the start's. */
  span(fromIso: string, toIso: string): string;
}

/** Writes times in the city's time zone and the report's language. */
function timeWriter(source: DraftSource, words: ReportWords): TimeWriter {
  const day = new Intl.DateTimeFormat(words.locale, {
    timeZone: source.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const clock = new Intl.DateTimeFormat(words.locale, {
    timeZone: source.timeZone,
    hour: '2-digit',
    minute: '2-digit',
  });
  const dated = new Intl.DateTimeFormat(words.locale, {
    timeZone: source.timeZone,
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const reportDay = day.format(source.periodTo);
  const at = (iso: string) => {
    const moment = new Date(iso);
    return day.format(moment) === reportDay ? clock.format(moment) : dated.format(moment);
  };
  return {
    at,
    span(fromIso, toIso) {
      const sameDay = day.format(new Date(fromIso)) === day.format(new Date(toIso));
      return `${at(fromIso)}–${sameDay ? clock.format(new Date(toIso)) : at(toIso)}`;
    },
  };
}
