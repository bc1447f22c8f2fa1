import { randomUUID } from 'node:crypto';
import {
  JournalKind,
  SITUATION_REPORT_SECTIONS,
  SituationReportStatus,
  keyEventsFrom,
  toKeyEvent,
  type CitySettings,
  type CreateSituationReport,
  type JournalEntry,
  type KeyEventList,
  type KeyEventQuery,
  type Language,
  type NewJournalEntry,
  type SituationReport,
  type SituationReportContent,
  type SituationReportList,
  type SituationReportStep,
  type UpdateSituationReport,
} from '@vaka/domain';
import {
  appendJournal,
  currentReadiness,
  findSituationReport,
  highestSituationReportNumber,
  highestSituationReportVersion,
  insertSituationReport,
  latestApprovedSituationReport,
  listAwaitingEscalations,
  listKeyEventEntries,
  listOpenIncidents,
  listOutMessages,
  listPlannedEvents,
  listSituationReports,
  lockJournal,
  saveSituationReport,
  situationReportWriters,
  type Database,
  type Executor,
} from '@vaka/db';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors.ts';
import { draftReportContent } from './draft.ts';
import { renderReportPdf, reportFileName } from './pdf.ts';

type EntryOfKind<K extends JournalKind> = Extract<JournalEntry, { kind: K }>;

/** What situation reports are written with: the database and the city's name, languages and time zone. */
export interface ReportSetting {
  database: Database;
  city: CitySettings;
}

const HOUR_MS = 60 * 60_000;
/** How far back the key events reach when the caller does not say. */
const DEFAULT_KEY_EVENT_HOURS = 12;
/** How far back a first report reaches, when no report was approved before. */
const FIRST_PERIOD_HOURS = 24;
/** How far ahead a report looks for planned events. */
const OUTLOOK_HOURS = 24;
/** The most key events one answer carries. */
export const MAX_KEY_EVENTS = 500;

/**
 * The key events recorded after `from` and up to `to` (default: the 12 hours before now), oldest
 * first; of more than 500, the latest 500 (`truncated`), since the latest matter most on a wall
 * screen. Refused (400) for a range that ends before it begins.
 */
export async function findKeyEvents(
  setting: ReportSetting,
  query: KeyEventQuery,
  now: Date,
): Promise<KeyEventList> {
  const to = query.to === undefined ? now : new Date(query.to);
  const from =
    query.from === undefined
      ? new Date(to.getTime() - DEFAULT_KEY_EVENT_HOURS * HOUR_MS)
      : new Date(query.from);
  if (from.getTime() >= to.getTime()) {
    throw new BadRequestError(
      `from (${from.toISOString()}) must be before to (${to.toISOString()})`,
    );
  }
  const entries = await listKeyEventEntries(setting.database.db, { from, to });
  const events = keyEventsFrom(entries, cityLanguage(setting.city));
  return {
    events: events.slice(-MAX_KEY_EVENTS).map(toKeyEvent),
    truncated: events.length > MAX_KEY_EVENTS,
  };
}

/** Every situation report: drafts first, then approved ones by number and version, newest first. */
export async function findReports(database: Database): Promise<SituationReportList> {
  return { reports: await listSituationReports(database.db) };
}

/** One situation report; refused (404) for an unknown id. */
export async function getReport(database: Database, id: string): Promise<SituationReport> {
  const report = await findSituationReport(database.db, id);
  if (!report) throw new NotFoundError(`There is no situation report ${id}`);
  return report;
}

/**
 * Starts a draft. A new one covers the time since the end of the last approved report (or the
 * last 24 hours) up to now, its sections drafted from the key events of that period and the
 * picture now, in `language` (default: the city's first). A revision (`revises`) copies the
 * approved report's period, language and content. Refused (400) for a language the city does
 * not write in or an unknown report to revise, (409) for revising a draft or an older version.
 */
export async function createReport(
  setting: ReportSetting,
  request: CreateSituationReport,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'situation_report.drafted'>> {
  const { database, city } = setting;
  const at = now.toISOString();
  let report: SituationReport;
  if (request.revises !== undefined) {
    if (request.language !== undefined) {
      throw new BadRequestError(
        'language: a revision keeps the language of the report it corrects; leave language out',
      );
    }
    const revised = await database.db.transaction(
      async (tx) => revisable(tx, request.revises ?? ''),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    report = {
      id: randomUUID(),
      status: SituationReportStatus.draft,
      version: revised.version + 1,
      revises: revised.id,
      language: revised.language,
      periodFrom: revised.periodFrom,
      periodTo: revised.periodTo,
      content: revised.content,
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    };
  } else {
    const language = request.language ?? cityLanguage(city);
    if (!city.languages.includes(language)) {
      throw new BadRequestError(
        `language: ${city.name} writes its reports in ${city.languages.join(', ')}; ${language} is not one of them`,
      );
    }
    // NOTE: the draft is gathered in a snapshot of its own before the write, so the journal is
    // not locked while the period's key events are read; a report approved in between moves
    // this draft's start by nothing worse than an overlap the duty officer sees and edits.
    const { periodFrom, content } = await database.db.transaction(
      async (tx) => gatherDraft(tx, city, language, now),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    report = {
      id: randomUUID(),
      status: SituationReportStatus.draft,
      version: 1,
      language,
      periodFrom: periodFrom.toISOString(),
      periodTo: at,
      content,
      createdBy: actor,
      createdAt: at,
      updatedAt: at,
    };
  }
  const entries = await database.db.transaction(async (tx) => {
    await lockJournal(tx);
    await insertSituationReport(tx, report);
    return appendJournal(
      tx,
      [{ kind: JournalKind.situationReportDrafted, actor, data: { report } }],
      now,
    );
  });
  return only(entries, JournalKind.situationReportDrafted);
}

/**
 * Changes sections of a draft (and when the next report comes), journalling what they said
 * before. Refused (404) for an unknown report, (409) on a stale view or an approved report, and
 * (400) when nothing would change.
 */
export async function updateReport(
  setting: ReportSetting,
  id: string,
  request: UpdateSituationReport,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'situation_report.changed'>> {
  const entries = await writeReport(setting, id, now, async (current, tx) => {
    refuseApproved(current, 'changed');
    refuseStale(current, request.expectedUpdatedAt);
    const content: SituationReportContent = { ...current.content };
    const previous: Record<string, unknown> = {};
    for (const section of SITUATION_REPORT_SECTIONS) {
      const text = request.content[section];
      if (text !== undefined && text !== current.content[section]) {
        previous[section] = current.content[section];
        content[section] = text;
      }
    }
    const { nextReportAt } = request.content;
    if (
      nextReportAt !== undefined &&
      Date.parse(nextReportAt) !== Date.parse(current.content.nextReportAt ?? '')
    ) {
      previous.nextReportAt = current.content.nextReportAt ?? null;
      content.nextReportAt = new Date(nextReportAt).toISOString();
    }
    if (Object.keys(previous).length === 0) {
      throw new BadRequestError('Nothing to change: the draft already says this');
    }
    const report: SituationReport = { ...current, content, updatedAt: laterThan(current, now) };
    await saveSituationReport(tx, report);
    return [{ kind: JournalKind.situationReportChanged, actor, data: { report, previous } }];
  });
  return only(entries, JournalKind.situationReportChanged);
}

/**
 * Approves a draft: it gets the next number, or, when it revises an approved report, that
 * report's number and the next version; from now on it never changes. Refused (403) to whoever
 * drafted or changed it, (409) on a stale view, an approved report or an empty situation section,
 * and (404) for an unknown report.
 */
export async function approveReport(
  setting: ReportSetting,
  id: string,
  request: SituationReportStep,
  actor: string,
  now: Date,
): Promise<EntryOfKind<'situation_report.approved'>> {
  const entries = await writeReport(setting, id, now, async (current, tx) => {
    refuseApproved(current, 'approved again');
    refuseStale(current, request.expectedUpdatedAt);
    if ((await situationReportWriters(tx, current.id)).has(actor)) {
      throw new ForbiddenError(
        'You drafted or changed this situation report, so someone else in the leadership must approve it: a report is always approved by a person who did not write it',
      );
    }
    if (current.content.situation.trim() === '') {
      throw new ConflictError(
        'The situation section is empty: the report must say how the city stands before it is approved',
      );
    }
    const { number, version } = await numberFor(tx, current);
    const at = laterThan(current, now);
    const report: SituationReport = {
      ...current,
      status: SituationReportStatus.approved,
      number,
      version,
      approvedBy: actor,
      approvedAt: at,
      updatedAt: at,
    };
    await saveSituationReport(tx, report);
    return [{ kind: JournalKind.situationReportApproved, actor, data: { report } }];
  });
  return only(entries, JournalKind.situationReportApproved);
}

/** A situation report as an A4 PDF in its language, and the name to save it under. */
export async function reportPdf(
  setting: ReportSetting,
  id: string,
): Promise<{ pdf: Buffer; fileName: string }> {
  const report = await getReport(setting.database, id);
  const pdf = await renderReportPdf(report, setting.city);
  return { pdf, fileName: reportFileName(report) };
}

/** The period, key events and picture of a new draft, and the sections drafted from them. */
async function gatherDraft(
  tx: Executor,
  city: CitySettings,
  language: Language,
  now: Date,
): Promise<{ periodFrom: Date; content: SituationReportContent }> {
  const previous = await latestApprovedSituationReport(tx);
  const fallback = new Date(now.getTime() - FIRST_PERIOD_HOURS * HOUR_MS);
  const periodFrom =
    previous === undefined || Date.parse(previous.periodTo) >= now.getTime()
      ? fallback
      : new Date(previous.periodTo);
  const keyEvents = keyEventsFrom(
    await listKeyEventEntries(tx, { from: periodFrom, to: now }),
    language,
  );
  const picture = {
    readiness: await currentReadiness(tx),
    incidents: await listOpenIncidents(tx),
    escalations: await listAwaitingEscalations(tx),
    messages: await listOutMessages(tx, now),
    plannedEvents: await listPlannedEvents(tx, {
      from: now,
      to: new Date(now.getTime() + OUTLOOK_HOURS * HOUR_MS),
      cancelled: false,
    }),
  };
  const content = draftReportContent({
    language,
    timeZone: city.timeZone,
    periodFrom,
    periodTo: now,
    keyEvents,
    picture,
  });
  return { periodFrom, content };
}

/** The approved report a revision corrects: the latest version of its number. */
async function revisable(tx: Executor, id: string): Promise<SituationReport> {
  const revised = await findSituationReport(tx, id);
  if (!revised) throw new BadRequestError(`revises: there is no situation report ${id}`);
  if (revised.status !== SituationReportStatus.approved || revised.number === undefined) {
    throw new ConflictError(
      'revises: that report is still a draft; change the draft itself instead of revising it',
    );
  }
  const latest = await highestSituationReportVersion(tx, revised.number);
  if (latest > revised.version) {
    throw new ConflictError(
      `revises: report ${revised.number} has a newer version ${latest}; revise that one`,
    );
  }
  return revised;
}

/** The number and version a draft takes at approval. */
async function numberFor(
  tx: Executor,
  draft: SituationReport,
): Promise<{ number: number; version: number }> {
  if (draft.revises === undefined) {
    return { number: (await highestSituationReportNumber(tx)) + 1, version: 1 };
  }
  const revised = await findSituationReport(tx, draft.revises);
  if (revised?.number === undefined) {
    throw new Error(`situation report ${draft.id} revises ${draft.revises}, which has no number`);
  }
  // Two revisions of one report approved one after the other take the versions in that order.
  const version = (await highestSituationReportVersion(tx, revised.number)) + 1;
  return { number: revised.number, version };
}

/**
 * Runs a change of one report in a transaction that holds the journal lock, which also keeps
 * two approvals from taking the same number. Refused (404) for an unknown report.
 */
async function writeReport(
  setting: ReportSetting,
  id: string,
  now: Date,
  work: (current: SituationReport, tx: Executor) => Promise<NewJournalEntry[]>,
): Promise<JournalEntry[]> {
  return setting.database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const current = await findSituationReport(tx, id);
    if (!current) throw new NotFoundError(`There is no situation report ${id}`);
    const entries = await work(current, tx);
    return appendJournal(tx, entries, now);
  });
}

function refuseApproved(report: SituationReport, what: string): void {
  if (report.status === SituationReportStatus.approved) {
    throw new ConflictError(
      `Situation report ${report.number ?? ''} version ${report.version} is approved and cannot be ${what}: an approved report never changes; draft a revision of it instead`,
    );
  }
}

/** Refuses a change made on a view older than the report's last change. */
function refuseStale(report: SituationReport, expectedUpdatedAt: string): void {
  if (Date.parse(report.updatedAt) !== Date.parse(expectedUpdatedAt)) {
    throw new ConflictError(
      `Someone changed this situation report at ${report.updatedAt}, after you loaded it: look at it again and retry`,
    );
  }
}

/**
 * The time of a change: now, or just after the last change if the clock has not moved on since,
 * so that a view before the change is always seen as stale.
 */
function laterThan(report: SituationReport, now: Date): string {
  return new Date(Math.max(now.getTime(), Date.parse(report.updatedAt) + 1)).toISOString();
}

/** The city's first language: the one its reports are written in unless asked otherwise. */
function cityLanguage(city: CitySettings): Language {
  const [first] = city.languages;
  if (first === undefined) throw new Error('a city without languages');
  return first;
}

function only<K extends JournalKind>(entries: readonly JournalEntry[], kind: K): EntryOfKind<K> {
  const [entry] = entries;
  if (entry?.kind !== kind) throw new Error('the journal lost an entry');
  return entry as EntryOfKind<K>;
}
