import {
  and,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  isNull,
  lt,
  ne,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Category, Incident, IncidentStatus, SearchMatchSource, Severity } from '@vaka/domain';
import { incidents } from '../schema/index.ts';
import type { Executor } from './journal.ts';

/** Every column but the search vector, which only the database reads. */
const { searchVector: _incidentSearchVector, ...incidentColumns } = getTableColumns(incidents);

type IncidentRow = Omit<typeof incidents.$inferSelect, 'searchVector'>;

/** Stores the new state of an incident and returns it, or undefined when there is none. */
export async function saveIncident(
  tx: Executor,
  incident: Incident,
): Promise<Incident | undefined> {
  const [row] = await tx
    .update(incidents)
    .set(toIncidentRow(incident))
    .where(eq(incidents.id, incident.id))
    .returning(incidentColumns);
  return row && toIncident(row);
}

/** Stores a new incident. */
export async function insertIncident(tx: Executor, incident: Incident): Promise<void> {
  await tx.insert(incidents).values(toIncidentRow(incident));
}

/** One incident by id. */
export async function findIncident(db: Executor, id: string): Promise<Incident | undefined> {
  const [row] = await db.select(incidentColumns).from(incidents).where(eq(incidents.id, id));
  return row && toIncident(row);
}

/** Every incident that is not closed, newest first. */
export async function listOpenIncidents(db: Executor): Promise<Incident[]> {
  const rows = await db
    .select(incidentColumns)
    .from(incidents)
    .where(ne(incidents.status, 'closed'))
    .orderBy(desc(incidents.openedAt), desc(incidents.id));
  return rows.map(toIncident);
}

/** Which incidents a list or a search covers; an absent filter lets everything through. */
export interface IncidentFilters {
  statuses?: readonly IncidentStatus[];
  severities?: readonly Severity[];
  categories?: readonly Category[];
  districtIds?: readonly string[];
  /** Opened at or after. */
  openedFrom?: Date;
  /** Opened before. */
  openedBefore?: Date;
}

/** Words to look for, as typed. */
export interface IncidentSearchText {
  text: string;
  /**
   * The last word, when it may still be half typed: `start` (letters and digits only) is matched
   * as the beginning of a word, together with the words typed `before` it.
   */
  prefix?: { before: string; start: string };
}

/** An incident a search found, with its best passages. */
export interface FoundIncident {
  incident: Incident;
  matches: Array<{ source: SearchMatchSource; text: string }>;
}

/** Incidents that pass the filters, newest first; merged ones live on in their target and are left out. */
export async function listIncidents(
  db: Executor,
  filters: IncidentFilters,
  limit: number,
): Promise<{ incidents: Incident[]; truncated: boolean }> {
  const rows = await db
    .select(incidentColumns)
    .from(incidents)
    .where(and(isNull(incidents.mergedInto), ...incidentFilters(filters)))
    .orderBy(desc(incidents.openedAt), desc(incidents.id))
    .limit(limit + 1);
  return { incidents: rows.slice(0, limit).map(toIncident), truncated: rows.length > limit };
}

/** The passages shown per incident found. */
const MATCHES_PER_INCIDENT = 3;

/**
 * Up to two fragments of a passage around the words found, marked. NOTE: fragments rather than the
 * default single cover, which cuts a short passage down to the span between the words found.
 */
const HEADLINE_OPTIONS =
  'StartSel=«, StopSel=», MaxFragments=2, MaxWords=20, MinWords=8, FragmentDelimiter=" … "';

/**
 * Full-text search over incidents (title and address), their reports (title and description) and
 * the notes and corrections in their journal, best match first. A note of an incident that was
 * merged away counts for the incident it went into.
 */
export async function searchIncidents(
  db: Executor,
  search: IncidentSearchText,
  filters: IncidentFilters,
  limit: number,
): Promise<{ hits: FoundIncident[]; truncated: boolean }> {
  const result = await db.execute<RawFoundIncident>(
    incidentSearchStatement(search, filters, limit),
  );
  return {
    hits: result.rows.slice(0, limit).map((row) => ({
      incident: fromRawIncident(row),
      matches: row.matches,
    })),
    truncated: result.rows.length > limit,
  };
}

// Incidents and reports store their search vectors; notes are searched by an expression index.
// NOTE: noteVector must be the very expression of its index in the full-text search migration,
// or PostgreSQL cannot use the index and reads every entry of the journal.
const incidentVector = sql`${incidents.searchVector}`;
const reportVector = sql`r.search_vector`;
const noteVector = sql`vaka_search_vector(n.data ->> 'text')`;
const NOTE_KINDS = sql`('note.added', 'entry.corrected')`;

/**
 * The search as one statement (exported so that a test can EXPLAIN it). It returns up to
 * `limit + 1` incidents, the extra one telling that there were more.
 */
export function incidentSearchStatement(
  search: IncidentSearchText,
  filters: IncidentFilters,
  limit: number,
): SQL {
  const query = searchQuery(search);
  return sql`
    with recursive note_hits as (
      select n.seq, n.incident_id, n.data ->> 'text' as passage, ts_rank(${noteVector}, ${query}) as rank
      from journal n
      where n.kind in ${NOTE_KINDS} and ${noteVector} @@ ${query}
    ), note_targets as (
      -- Follows merges, so a note counts for the incident that lives on.
      select h.seq, i.id, i.merged_into from note_hits h join incidents i on i.id = h.incident_id
      union all
      select t.seq, i.id, i.merged_into from note_targets t join incidents i on i.id = t.merged_into
    ), hits as (
      select ${incidents.id} as incident_id, 'incident' as source,
        concat_ws(', ', ${incidents.title}, ${incidents.location} ->> 'address') as passage,
        ts_rank(${incidentVector}, ${query}) as rank
      from ${incidents}
      where ${incidentVector} @@ ${query} and ${incidents.mergedInto} is null
      union all
      select r.incident_id, 'report', concat_ws('. ', r.title, r.description),
        ts_rank(${reportVector}, ${query})
      from reports r
      where ${reportVector} @@ ${query}
      union all
      select t.id, 'note', h.passage, h.rank
      from note_hits h join note_targets t on t.seq = h.seq and t.merged_into is null
    ), found as (
      select ${incidents.id} as id, max(hits.rank) as best, count(*) as found_count
      from hits join ${incidents} on ${incidents.id} = hits.incident_id
      where ${and(isNull(incidents.mergedInto), ...incidentFilters(filters))}
      group by ${incidents.id}
      order by best desc, found_count desc, ${incidents.openedAt} desc, ${incidents.id} desc
      limit ${limit + 1}
    )
    select i.*, coalesce(passages.matches, '[]'::json) as matches
    from found join incidents i on i.id = found.id
    cross join lateral (
      select json_agg(json_build_object('source', best.source, 'text', best.text) order by best.rank desc) as matches
      from (
        select hits.source, hits.rank, (
          -- The headline of the language that shows the most matched words.
          select headline from unnest(array['swedish', 'finnish', 'english', 'simple']::regconfig[])
            with ordinality as language(config, preference),
            lateral ts_headline(language.config, hits.passage, ${query},
              ${HEADLINE_OPTIONS}) as headline
          order by length(headline) - length(replace(headline, '«', '')) desc, language.preference
          limit 1
        ) as text
        from hits where hits.incident_id = found.id
        order by hits.rank desc
        limit ${MATCHES_PER_INCIDENT}
      ) best
    ) passages
    order by found.best desc, found.found_count desc, i.opened_at desc, i.id desc`;
}

/**
 * The words as a text-search query: the OR of web-search queries in every language the search
 * vector holds, so a word stemmed by any of them matches; or the words before the last one with
 * the last one as the beginning of a word.
 */
function searchQuery({ text, prefix }: IncidentSearchText): SQL {
  const whole = anyLanguage(text);
  if (prefix === undefined) return whole;
  if (!/^[\p{L}\p{N}]+$/u.test(prefix.start)) {
    throw new Error('the beginning of a word to search for is letters and digits only');
  }
  const starts = [...new Set([prefix.start, foldUmlauts(prefix.start)])].map(
    (start) => sql`to_tsquery('simple'::regconfig, ${`${start}:*`})`,
  );
  // NOTE: with nothing before the last word, the first query is empty, and && keeps the other.
  return sql`(${whole} || (${anyLanguage(prefix.before)} && (${sql.join(starts, sql` || `)})))`;
}

/** The text as a web-search query in each language, and folded (see foldUmlauts), OR-ed. */
function anyLanguage(text: string): SQL {
  const variants = [...new Set([text, foldUmlauts(text)])];
  const queries = variants.flatMap((variant) =>
    SEARCH_LANGUAGES.map((config) => sql`websearch_to_tsquery(${config}, ${variant})`),
  );
  return sql`(${sql.join(queries, sql` || `)})`;
}

/** The text-search configurations of vaka_search_vector, in the full-text search migration. */
const SEARCH_LANGUAGES = [
  sql`'simple'::regconfig`,
  sql`'swedish'::regconfig`,
  sql`'finnish'::regconfig`,
  sql`'english'::regconfig`,
];

/**
 * Swedish bends many words by umlaut (brand, bränder; stad, städer; bok, böcker), which the
 * stemmers do not undo. NOTE: searching also for the word with ä and ö folded to a and o lets
 * "bränder" find "brand"; the other way round would need the stored vectors to hold folded words.
 */
function foldUmlauts(text: string): string {
  return text.replace(
    /[äÄöÖ]/g,
    (letter) => ({ ä: 'a', Ä: 'A', ö: 'o', Ö: 'O' })[letter] ?? letter,
  );
}

/** The filters as conditions on the incidents table. */
function incidentFilters(filters: IncidentFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.statuses) conditions.push(inArray(incidents.status, [...filters.statuses]));
  if (filters.severities) conditions.push(inArray(incidents.severity, [...filters.severities]));
  if (filters.categories) conditions.push(inArray(incidents.category, [...filters.categories]));
  if (filters.districtIds) {
    conditions.push(inArray(sql`${incidents.district} ->> 'id'`, [...filters.districtIds]));
  }
  if (filters.openedFrom) conditions.push(gte(incidents.openedAt, filters.openedFrom));
  if (filters.openedBefore) conditions.push(lt(incidents.openedAt, filters.openedBefore));
  return conditions;
}

/** A row of the search, with the incident's columns as PostgreSQL names them. */
interface RawFoundIncident extends Record<string, unknown> {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  status: IncidentStatus;
  location: Incident['location'];
  opened_at: Date | string;
  updated_at: Date | string;
  report_count: number;
  district: NonNullable<Incident['district']> | null;
  merged_into: string | null;
  planned_event_id: string | null;
  matches: FoundIncident['matches'];
}

function fromRawIncident(row: RawFoundIncident): Incident {
  return toIncident({
    id: row.id,
    title: row.title,
    category: row.category,
    severity: row.severity,
    status: row.status,
    location: row.location,
    openedAt: new Date(row.opened_at),
    updatedAt: new Date(row.updated_at),
    reportCount: row.report_count,
    district: row.district,
    mergedInto: row.merged_into,
    plannedEventId: row.planned_event_id,
  });
}

function toIncidentRow(incident: Incident): IncidentRow {
  return {
    ...incident,
    openedAt: new Date(incident.openedAt),
    updatedAt: new Date(incident.updatedAt),
    district: incident.district ?? null,
    mergedInto: incident.mergedInto ?? null,
    plannedEventId: incident.plannedEventId ?? null,
  };
}

/** An incident as the API shows it, from its row. */
export function toIncident(row: IncidentRow): Incident {
  const { district, mergedInto, plannedEventId, ...rest } = row;
  return {
    ...rest,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(district !== null && { district }),
    ...(mergedInto !== null && { mergedInto }),
    ...(plannedEventId !== null && { plannedEventId }),
  };
}
