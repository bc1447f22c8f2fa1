import {
  and,
  asc,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  lte,
  max,
  min,
  or,
  sql,
} from 'drizzle-orm';
import {
  JournalKind,
  KEY_EVENT_SEVERITIES,
  SituationReportStatus,
  type JournalEntry,
  type SituationReport,
} from '@vaka/domain';
import { journal, situationReports } from '../schema/index.ts';
import { toJournalEntry, type Executor } from './journal.ts';

type SituationReportRow = typeof situationReports.$inferSelect;

/** Key events that are key by their kind alone, whatever their content. */
const ALWAYS_KEY_KINDS = [
  JournalKind.readinessChanged,
  JournalKind.escalationStarted,
  JournalKind.escalationAccepted,
  JournalKind.escalationExhausted,
  JournalKind.messagePublished,
  JournalKind.messageWithdrawn,
];

/** Every kind a key event can come from by its content, without a later flag. */
const CANDIDATE_KINDS = [
  JournalKind.noteAdded,
  JournalKind.incidentOpened,
  JournalKind.incidentSplit,
  JournalKind.incidentUpdated,
  ...ALWAYS_KEY_KINDS,
];

/**
 * The journal entries that the key events recorded after `from` and up to `to` come from, oldest
 * first: the candidates (notes flagged when written, incidents opened at or raised to serious or
 * critical, incidents closed, readiness, escalations and messages, and any entry flagged since),
 * with the flags and corrections of entries of the range, up to now. `keyEventsFrom` decides.
 */
export async function listKeyEventEntries(
  db: Executor,
  range: { from: Date; to: Date },
): Promise<JournalEntry[]> {
  // NOTE: after `from` and up to `to` inclusive, so that a report's period that begins where the
  // previous one ended repeats nothing, and one that ends now misses nothing written just now.
  const inRange = and(gt(journal.recordedAt, range.from), lte(journal.recordedAt, range.to));
  // NOTE: times follow sequence numbers only roughly (a time is taken before the journal lock),
  // so the range is found by time once, and every other condition works on sequence numbers.
  const [bounds] = await db
    .select({ first: min(journal.seq), last: max(journal.seq) })
    .from(journal)
    .where(inRange);
  if (bounds?.first == null || bounds.last == null) return [];
  const { first, last } = bounds;
  const target = sql`(${journal.data} ->> 'seq')::bigint`;
  const marks = await db
    .select()
    .from(journal)
    .where(
      and(
        inArray(journal.kind, [JournalKind.entryFlagged, JournalKind.entryCorrected]),
        gte(journal.seq, first),
        sql`${target} between ${first} and ${last}`,
      ),
    )
    .orderBy(asc(journal.seq));
  const flagged = [
    ...new Set(
      marks.flatMap((row) => {
        const seq = (row.data as { seq?: unknown }).seq;
        return row.kind === JournalKind.entryFlagged && typeof seq === 'number' ? [seq] : [];
      }),
    ),
  ];
  const severities = sql.join(
    KEY_EVENT_SEVERITIES.map((severity) => sql`${severity}`),
    sql`, `,
  );
  // By kind first, so that the (kind, seq) index finds them among every report of a busy day.
  const byContent = await db
    .select()
    .from(journal)
    .where(
      and(
        inArray(journal.kind, [...CANDIDATE_KINDS]),
        gte(journal.seq, first),
        lte(journal.seq, last),
        inRange,
        or(
          and(
            eq(journal.kind, JournalKind.noteAdded),
            sql`(${journal.data} ->> 'keyEvent')::boolean`,
          ),
          and(
            inArray(journal.kind, [JournalKind.incidentOpened, JournalKind.incidentSplit]),
            sql`${journal.data} -> 'incident' ->> 'severity' in (${severities})`,
          ),
          and(
            eq(journal.kind, JournalKind.incidentUpdated),
            sql`(${journal.data} ->> 'transition' = 'close' or ${journal.data} -> 'previous' ->> 'severity' is not null)`,
          ),
          inArray(journal.kind, ALWAYS_KEY_KINDS),
        ),
      ),
    );
  const known = new Set(byContent.map((row) => row.seq));
  const unflagged = flagged.filter((seq) => !known.has(seq));
  const byFlag =
    unflagged.length === 0
      ? []
      : await db
          .select()
          .from(journal)
          .where(and(inArray(journal.seq, unflagged), inRange));
  const sources = [...byContent, ...byFlag];
  return [...sources, ...marks].sort((a, b) => a.seq - b.seq).map(toJournalEntry);
}

/** Stores a new situation report. */
export async function insertSituationReport(tx: Executor, report: SituationReport): Promise<void> {
  await tx.insert(situationReports).values(toSituationReportRow(report));
}

/** Stores the new state of a situation report. */
export async function saveSituationReport(tx: Executor, report: SituationReport): Promise<void> {
  await tx
    .update(situationReports)
    .set(toSituationReportRow(report))
    .where(eq(situationReports.id, report.id));
}

/** One situation report by id. */
export async function findSituationReport(
  db: Executor,
  id: string,
): Promise<SituationReport | undefined> {
  const [row] = await db.select().from(situationReports).where(eq(situationReports.id, id));
  return row && toSituationReport(row);
}

/**
 * Every situation report: drafts first, the latest changed first, then approved ones by number
 * and version, newest first.
 */
export async function listSituationReports(db: Executor): Promise<SituationReport[]> {
  const rows = await db
    .select()
    .from(situationReports)
    .orderBy(
      sql`case when ${situationReports.status} = ${SituationReportStatus.draft} then 0 else 1 end`,
      desc(situationReports.number),
      sql`case when ${situationReports.status} = ${SituationReportStatus.draft} then ${situationReports.updatedAt} end desc`,
      desc(situationReports.version),
      desc(situationReports.id),
    );
  return rows.map(toSituationReport);
}

/** The approved report whose period ends last: where the next report's period begins. */
export async function latestApprovedSituationReport(
  db: Executor,
): Promise<SituationReport | undefined> {
  const [row] = await db
    .select()
    .from(situationReports)
    .where(eq(situationReports.status, SituationReportStatus.approved))
    .orderBy(desc(situationReports.periodTo), desc(situationReports.approvedAt))
    .limit(1);
  return row && toSituationReport(row);
}

/** The highest number given so far, 0 before the first approval. */
export async function highestSituationReportNumber(db: Executor): Promise<number> {
  const [row] = await db
    .select({ number: max(situationReports.number) })
    .from(situationReports)
    .where(isNotNull(situationReports.number));
  return row?.number ?? 0;
}

/** The highest approved version of a report number, 0 when it has none. */
export async function highestSituationReportVersion(db: Executor, number: number): Promise<number> {
  const [row] = await db
    .select({ version: max(situationReports.version) })
    .from(situationReports)
    .where(
      and(
        eq(situationReports.number, number),
        eq(situationReports.status, SituationReportStatus.approved),
      ),
    );
  return row?.version ?? 0;
}

/**
 * Who wrote a report: whoever drafted it and whoever changed it since, from the journal, so that
 * none of them approves it.
 */
export async function situationReportWriters(db: Executor, id: string): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ actor: journal.actor })
    .from(journal)
    .where(
      and(
        inArray(journal.kind, [
          JournalKind.situationReportDrafted,
          JournalKind.situationReportChanged,
        ]),
        sql`${journal.data} -> 'report' ->> 'id' = ${id}`,
      ),
    );
  return new Set(rows.map((row) => row.actor));
}

function toSituationReportRow(report: SituationReport): SituationReportRow {
  return {
    id: report.id,
    status: report.status,
    number: report.number ?? null,
    version: report.version,
    revises: report.revises ?? null,
    language: report.language,
    periodFrom: new Date(report.periodFrom),
    periodTo: new Date(report.periodTo),
    content: report.content,
    createdBy: report.createdBy,
    createdAt: new Date(report.createdAt),
    updatedAt: new Date(report.updatedAt),
    approvedBy: report.approvedBy ?? null,
    approvedAt: report.approvedAt === undefined ? null : new Date(report.approvedAt),
  };
}

/** A situation report as the API shows it, from its row. */
export function toSituationReport(row: SituationReportRow): SituationReport {
  return {
    id: row.id,
    status: row.status,
    ...(row.number !== null && { number: row.number }),
    version: row.version,
    ...(row.revises !== null && { revises: row.revises }),
    language: row.language,
    periodFrom: row.periodFrom.toISOString(),
    periodTo: row.periodTo.toISOString(),
    content: row.content,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.approvedBy !== null && { approvedBy: row.approvedBy }),
    ...(row.approvedAt !== null && { approvedAt: row.approvedAt.toISOString() }),
  };
}
