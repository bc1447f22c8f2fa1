import {
  SITUATION_REPORT_SECTIONS,
  type SituationReport,
  type SituationReportContent,
  type SituationReportSection,
} from '@vaka/domain';
import { parseCityTime, toCityTimeInput } from '../../lib/time-format.ts';

/** A draft's editor as typed: one text per section, and the next report's time as the city reads it. */
export type SituationReportForm = Record<SituationReportSection, string> & {
  /** An `<input type="datetime-local">` value in the city's time zone; empty when not set. */
  readonly nextReportAt: string;
};

/** Why the time of the next report cannot be sent. */
export type NextReportProblem = 'unreadable' | 'removed';

/** The editor's fields of a stored report. */
export function toReportForm(report: SituationReport, timeZone: string): SituationReportForm {
  const sections = Object.fromEntries(
    SITUATION_REPORT_SECTIONS.map((section) => [section, report.content[section]]),
  ) as Record<SituationReportSection, string>;
  return {
    ...sections,
    nextReportAt:
      report.content.nextReportAt === undefined
        ? ''
        : toCityTimeInput(new Date(report.content.nextReportAt), timeZone),
  };
}

/**
 * What keeps the next report's time from being sent: a time that is not one, or a time emptied
 * where one was stored (a change names a new time; it cannot take one away).
 */
export function nextReportProblem(
  base: SituationReport,
  form: SituationReportForm,
  timeZone: string,
): NextReportProblem | null {
  if (form.nextReportAt.trim() === '') {
    return base.content.nextReportAt === undefined ? null : 'removed';
  }
  return parseCityTime(form.nextReportAt, timeZone) === null ? 'unreadable' : null;
}

/**
 * The sections and time that differ from the stored report, as a change sends them; null when
 * nothing changed or the time cannot be read (see nextReportProblem).
 */
export function reportChanges(
  base: SituationReport,
  form: SituationReportForm,
  timeZone: string,
): Partial<SituationReportContent> | null {
  const stored = toReportForm(base, timeZone);
  const changes: Partial<SituationReportContent> = {};
  for (const section of SITUATION_REPORT_SECTIONS) {
    if (form[section] !== stored[section]) changes[section] = form[section];
  }
  // Compared as the field shows it, so seconds the field cannot show are no change.
  if (form.nextReportAt !== stored.nextReportAt && form.nextReportAt.trim() !== '') {
    const at = parseCityTime(form.nextReportAt, timeZone);
    if (at === null) return null;
    changes.nextReportAt = at.toISOString();
  }
  return Object.keys(changes).length === 0 ? null : changes;
}
