import type { Language, Severity } from '../contracts/enums.ts';
import { severityRank } from '../contracts/enums.ts';
import { JournalKind, type JournalEntry } from '../contracts/journal.ts';
import type { PublicMessage } from '../contracts/message.ts';
import type { ReadinessLevel } from '../contracts/readiness.ts';
import { KeyEventKind, type KeyEvent } from '../contracts/situation-report.ts';
import { IncidentTransition } from './incident-lifecycle.ts';
import { buildTimeline } from './timeline.ts';

/**
 * A key event with what a situation report says of it besides its line: the severity an incident
 * was opened or raised at, the readiness level set, and whether a message was an exercise.
 */
export interface KeyEventDetail extends KeyEvent {
  severity?: Severity;
  level?: ReadinessLevel;
  exercise?: boolean;
}

/** The journal kinds a key event can come from, besides the flags and corrections of notes. */
export const KEY_EVENT_SOURCE_KINDS: readonly JournalKind[] = [
  JournalKind.noteAdded,
  JournalKind.reportReceived,
  JournalKind.incidentOpened,
  JournalKind.incidentSplit,
  JournalKind.incidentUpdated,
  JournalKind.readinessChanged,
  JournalKind.escalationStarted,
  JournalKind.escalationAccepted,
  JournalKind.escalationExhausted,
  JournalKind.messagePublished,
  JournalKind.messageWithdrawn,
];

/** The severities an incident is a key event at: opened at them, or raised to them. */
export const KEY_EVENT_SEVERITIES: readonly Severity[] = ['serious', 'critical'];

const READINESS_WORDS: Record<Language, Record<ReadinessLevel, string>> = {
  sv: {
    normal: 'Normal',
    reinforced: 'Förstärkt beredskap',
    staff_mode: 'Stabsläge',
    crisis_leadership: 'Central krisledning aktiverad',
  },
  fi: {
    normal: 'Normaali',
    reinforced: 'Tehostettu valmius',
    staff_mode: 'Esikuntatoiminta',
    crisis_leadership: 'Keskitetty johto käynnistetty',
  },
  en: {
    normal: 'Normal',
    reinforced: 'Reinforced readiness',
    staff_mode: 'Staff mode',
    crisis_leadership: 'Crisis leadership activated',
  },
  cs: {
    normal: 'Běžný stav',
    reinforced: 'Zvýšená pohotovost',
    staff_mode: 'Krizový štáb svolán',
    crisis_leadership: 'Krizové řízení aktivováno',
  },
};

/** The mark of an exercise, as CAP documents of the city say it. */
const EXERCISE_WORD: Record<Language, string> = {
  sv: 'ÖVNING',
  fi: 'HARJOITUS',
  en: 'EXERCISE',
  cs: 'CVIČENÍ',
};

/** A readiness level in words, in one of the city's languages. */
export function readinessLevelText(level: ReadinessLevel, language: Language): string {
  return READINESS_WORDS[language][level];
}

/** Whether a severity makes an incident a key event. */
export function isKeySeverity(severity: Severity): boolean {
  return severityRank(severity) >= severityRank('serious');
}

/**
 * The key events among journal entries, oldest first (by when they happened, then by sequence):
 * notes flagged as key events — by themselves or by a later entry.flagged, the last flag winning —
 * with their latest correction's text and time; incidents opened at serious or critical severity
 * or raised to it, incidents closed, readiness changes, escalations started, accepted or run out,
 * and messages published or withdrawn (an exercise marked so in the text). Words Vaka adds (a
 * readiness level, the exercise mark) and a message's headline are in `language` when it has one.
 * Flags and corrections of entries not among `entries` are left aside. Pure.
 */
export function keyEventsFrom(
  entries: readonly JournalEntry[],
  language: Language,
): KeyEventDetail[] {
  const items = buildTimeline(entries);
  const corrections = new Map<number, { text: string; eventAt?: string }>();
  for (const { entry } of items) {
    if (entry.kind === JournalKind.entryCorrected) {
      corrections.set(entry.seq, {
        text: entry.data.text,
        ...(entry.data.eventAt !== undefined && { eventAt: entry.data.eventAt }),
      });
    }
  }
  const events: KeyEventDetail[] = [];
  for (const item of items) {
    const { entry } = item;
    const base = { seq: entry.seq, at: entry.recordedAt, actor: entry.actor };
    switch (entry.kind) {
      case JournalKind.noteAdded:
      case JournalKind.reportReceived: {
        if (!item.keyEvent) break;
        // The latest correction stands, and its event time if it gave one.
        const latest = item.correctedBy.at(-1);
        const correction = latest === undefined ? undefined : corrections.get(latest);
        const text =
          correction?.text ??
          (entry.kind === JournalKind.noteAdded ? entry.data.text : reportLine(entry));
        const at = correction?.eventAt ?? item.eventAt ?? entry.recordedAt;
        events.push({
          ...base,
          at,
          kind: KeyEventKind.note,
          incidentId: entry.incidentId,
          text,
        });
        break;
      }
      case JournalKind.incidentOpened:
      case JournalKind.incidentSplit: {
        const { incident } = entry.data;
        if (!isKeySeverity(incident.severity)) break;
        events.push({
          ...base,
          // When it came in: a report passed on later, or imported, was recorded after that.
          at: incident.openedAt,
          kind: KeyEventKind.incidentOpened,
          incidentId: incident.id,
          text: incident.title,
          severity: incident.severity,
        });
        break;
      }
      case JournalKind.incidentUpdated: {
        const { incident, previous, transition } = entry.data;
        if (transition === IncidentTransition.close) {
          events.push({
            ...base,
            kind: KeyEventKind.incidentClosed,
            incidentId: incident.id,
            text: incident.title,
            severity: incident.severity,
          });
        }
        const before = previous?.severity;
        if (
          before !== undefined &&
          isKeySeverity(incident.severity) &&
          severityRank(incident.severity) > severityRank(before)
        ) {
          events.push({
            ...base,
            kind: KeyEventKind.incidentRaised,
            incidentId: incident.id,
            text: incident.title,
            severity: incident.severity,
          });
        }
        break;
      }
      case JournalKind.readinessChanged: {
        const { readiness } = entry.data;
        const level = readinessLevelText(readiness.level, language);
        events.push({
          ...base,
          kind: KeyEventKind.readinessChanged,
          text: readiness.reason === undefined ? level : `${level}: ${readiness.reason}`,
          level: readiness.level,
        });
        break;
      }
      case JournalKind.escalationStarted:
      case JournalKind.escalationExhausted: {
        const { escalation } = entry.data;
        events.push({
          ...base,
          kind:
            entry.kind === JournalKind.escalationStarted
              ? KeyEventKind.escalationStarted
              : KeyEventKind.escalationExhausted,
          incidentId: entry.incidentId,
          text: `${escalation.unitName}: ${escalation.brief}`,
        });
        break;
      }
      case JournalKind.escalationAccepted: {
        const { escalation, by } = entry.data;
        events.push({
          ...base,
          kind: KeyEventKind.escalationAccepted,
          incidentId: entry.incidentId,
          text: `${escalation.unitName}: ${by}`,
        });
        break;
      }
      case JournalKind.messagePublished:
      case JournalKind.messageWithdrawn: {
        const { message } = entry.data;
        const headline = messageHeadline(message, language);
        const line = message.exercise ? `${EXERCISE_WORD[language]}: ${headline}` : headline;
        events.push({
          ...base,
          ...(entry.incidentId !== undefined && { incidentId: entry.incidentId }),
          kind:
            entry.kind === JournalKind.messagePublished
              ? KeyEventKind.messagePublished
              : KeyEventKind.messageWithdrawn,
          text:
            entry.kind === JournalKind.messageWithdrawn ? `${line} (${entry.data.reason})` : line,
          exercise: message.exercise,
        });
        break;
      }
      default:
        break;
    }
  }
  // NOTE: a note may tell of something that happened before entries recorded ahead of it, so
  // the order is by when it happened; the sort is stable, and ties keep the journal's order.
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.seq - b.seq);
}

/** A message's headline in `language`, else in the first language that has one. */
export function messageHeadline(message: PublicMessage, language: Language): string {
  const own = message.variants.find(
    (variant) => variant.language === language && variant.headline.trim() !== '',
  );
  const any = message.variants.find((variant) => variant.headline.trim() !== '');
  return (own ?? any)?.headline.trim() ?? message.id;
}

function reportLine(entry: Extract<JournalEntry, { kind: 'report.received' }>): string {
  const { title, description } = entry.data.report;
  return description === undefined || description.trim() === ''
    ? title
    : `${title}: ${description}`;
}

/** Only the fields of the contract, for an answer that must carry nothing more. */
export function toKeyEvent(detail: KeyEventDetail): KeyEvent {
  return {
    seq: detail.seq,
    at: detail.at,
    kind: detail.kind,
    ...(detail.incidentId !== undefined && { incidentId: detail.incidentId }),
    text: detail.text,
    actor: detail.actor,
  };
}
