import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  CATEGORIES,
  INCIDENT_STATUSES,
  IncidentStatus,
  JournalKind,
  SEVERITIES,
  allowedTransitions,
  districtAt,
  transitionStatus,
  type DistrictCollection,
  type Incident,
  type IncidentFields,
  type IncidentQuery,
  type IncidentSearchResult,
  type IncidentTransition,
  type IncidentTransitionRequest,
  type JournalEntry,
  type MergeIncidentRequest,
  type SplitReportRequest,
  type UpdateIncidentRequest,
} from '@vaka/domain';
import {
  appendJournal,
  findIncident,
  findPlannedEvent,
  findReport,
  insertIncident,
  listIncidents,
  lockJournal,
  moveReport,
  moveReports,
  saveIncident,
  searchIncidents,
  type Database,
  type Executor,
  type IncidentFilters,
} from '@vaka/db';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.ts';

export type IncidentChange = Partial<
  Pick<
    Incident,
    'title' | 'category' | 'severity' | 'status' | 'location' | 'district' | 'plannedEventId'
  >
>;

type EntryOfKind<K extends JournalEntry['kind']> = Extract<JournalEntry, { kind: K }>;

/** The fields a duty officer changes, whose old values an update journals. */
const CHANGEABLE_FIELDS = ['title', 'category', 'severity', 'location', 'plannedEventId'] as const;

/**
 * Moves an incident along its lifecycle, with why. Refused (409) when someone changed the incident
 * since the caller loaded it, when its status does not allow the transition, or when it was merged
 * into another.
 */
export async function transitionIncident(
  database: Database,
  incidentId: string,
  request: IncidentTransitionRequest,
  actor: string,
): Promise<EntryOfKind<'incident.updated'>> {
  return changeIncident(
    database,
    incidentId,
    async (current, tx) => {
      // A merged incident is closed, and reopening it would leave it without its reports.
      await refuseMerged(tx, current, 'split its reports out of that one instead');
      refuseStale(current, request.expectedUpdatedAt);
      const status = transitionStatus(current.status, request.transition);
      if (!status) {
        throw new ConflictError(
          `An incident that is ${current.status} cannot ${request.transition}; it can: ${allowedTransitions(current.status).join(', ')}`,
        );
      }
      return { status };
    },
    { actor, reason: request.reason, transition: request.transition },
  );
}

/**
 * Changes an incident's title, category, severity, location or planned event, placing it in its
 * district again when the location changes. Refused (409) on a stale view or a merged incident,
 * and (400) when nothing would change or the planned event is unknown or called off.
 */
export async function updateIncident(
  database: Database,
  districts: DistrictCollection,
  incidentId: string,
  request: UpdateIncidentRequest,
  actor: string,
): Promise<EntryOfKind<'incident.updated'>> {
  return changeIncident(
    database,
    incidentId,
    async (current, tx) => {
      await refuseMerged(tx, current, 'change that one instead');
      refuseStale(current, request.expectedUpdatedAt);
      const changes: IncidentChange = {};
      for (const field of CHANGEABLE_FIELDS) {
        const value = request.changes[field];
        if (value === undefined) continue;
        // null unlinks the planned event: the incident then has none.
        const next = value ?? undefined;
        if (!isDeepStrictEqual(next, current[field])) Object.assign(changes, { [field]: next });
      }
      if (Object.keys(changes).length === 0) {
        throw new BadRequestError('Nothing to change: the incident already has these values');
      }
      if (changes.plannedEventId !== undefined) {
        await refuseUnlinkablePlannedEvent(tx, changes.plannedEventId);
      }
      if (changes.location) changes.district = districtAt(districts, changes.location);
      return changes;
    },
    { actor, ...(request.reason !== undefined && { reason: request.reason }) },
  );
}

/**
 * Changes an incident and journals its new state, with the old values of the fields that changed,
 * in one transaction. Returns the journal entry, which the caller hands to the live hub after
 * commit.
 */
export async function changeIncident(
  database: Database,
  incidentId: string,
  change:
    | IncidentChange
    | ((current: Incident, tx: Executor) => IncidentChange | Promise<IncidentChange>),
  context: {
    actor: string;
    reason?: string;
    transition?: IncidentTransition;
    /** When the change happened; defaults to now. */ at?: Date;
  },
): Promise<EntryOfKind<'incident.updated'>> {
  const at = context.at ?? new Date();
  return database.db.transaction(async (tx) => {
    // Under the journal lock, so two changes of one incident never overwrite each other.
    await lockJournal(tx);
    const current = await findIncident(tx, incidentId);
    if (!current) throw new NotFoundError(`There is no incident ${incidentId}`);
    // Decided under the lock, on the incident as it is now, not as the caller last saw it.
    const changes = typeof change === 'function' ? await change(current, tx) : change;
    const incident: Incident = { ...current, ...changes, updatedAt: at.toISOString() };
    if (incident.district === undefined) delete incident.district;
    if (incident.plannedEventId === undefined) delete incident.plannedEventId;
    const previous: IncidentFields = {};
    for (const field of CHANGEABLE_FIELDS) {
      if (field in changes && !isDeepStrictEqual(current[field], incident[field])) {
        // An incident linked to no planned event had null, the value that unlinks it.
        Object.assign(previous, { [field]: current[field] ?? null });
      }
    }
    const [entry] = await appendJournal(tx, [
      {
        kind: JournalKind.incidentUpdated,
        actor: context.actor,
        incidentId,
        data: {
          incident,
          ...(context.reason !== undefined && { reason: context.reason }),
          ...(context.transition !== undefined && { transition: context.transition }),
          ...(Object.keys(previous).length > 0 && { previous }),
        },
      },
    ]);
    await saveIncident(tx, incident);
    if (entry?.kind !== JournalKind.incidentUpdated) throw new Error('the journal lost an entry');
    return entry;
  });
}

/**
 * Merges a duplicate into the incident that goes on: every report of the duplicate moves, the
 * duplicate closes, and one journal entry tells both new states. NOTE: the severity is left as it
 * is; whether the merged picture is more serious is the duty officer's call.
 */
export async function mergeIncident(
  database: Database,
  duplicateId: string,
  request: MergeIncidentRequest,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'incident.merged'>> {
  if (duplicateId === request.into) {
    throw new BadRequestError(
      'An incident cannot be merged into itself: choose the incident that goes on',
    );
  }
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const duplicate = await findIncident(tx, duplicateId);
    if (!duplicate) throw new NotFoundError(`There is no incident ${duplicateId}`);
    const into = await findIncident(tx, request.into);
    if (!into) {
      throw new NotFoundError(`There is no incident ${request.into} to merge into`);
    }
    await refuseMerged(tx, duplicate, 'it cannot be merged again');
    await refuseMerged(tx, into, 'merge into that one instead');
    if (into.status === IncidentStatus.closed) {
      throw new ConflictError(
        `The incident ${describe(into)} is closed: reopen it first, then merge into it`,
      );
    }
    refuseStale(duplicate, request.expectedUpdatedAt);
    if (request.intoExpectedUpdatedAt !== undefined) {
      refuseStale(into, request.intoExpectedUpdatedAt, `the incident ${describe(into)}`);
    }
    const reportIds = await moveReports(tx, duplicate.id, into.id);
    const updatedAt = at.toISOString();
    const merged: Incident = {
      ...duplicate,
      status: IncidentStatus.closed,
      mergedInto: into.id,
      reportCount: 0,
      updatedAt,
    };
    const continued: Incident = {
      ...into,
      reportCount: into.reportCount + reportIds.length,
      updatedAt,
    };
    const [entry] = await appendJournal(tx, [
      {
        kind: JournalKind.incidentMerged,
        actor,
        incidentId: duplicate.id,
        data: { incident: merged, into: continued, reportIds, reason: request.reason },
      },
    ]);
    await saveIncident(tx, merged);
    await saveIncident(tx, continued);
    if (entry?.kind !== JournalKind.incidentMerged) throw new Error('the journal lost an entry');
    return entry;
  });
}

/**
 * Moves one report out of an incident into a new incident opened from it, acknowledged since the
 * duty officer opened it. The report's own title, category, severity and place start the new one.
 */
export async function splitReport(
  database: Database,
  districts: DistrictCollection,
  incidentId: string,
  request: SplitReportRequest,
  actor: string,
  at: Date = new Date(),
): Promise<EntryOfKind<'incident.split'>> {
  return database.db.transaction(async (tx) => {
    await lockJournal(tx);
    const from = await findIncident(tx, incidentId);
    if (!from) throw new NotFoundError(`There is no incident ${incidentId}`);
    await refuseMerged(tx, from, 'its reports are there now: split from that one instead');
    const report = await findReport(tx, request.reportId);
    if (!report) throw new NotFoundError(`There is no report ${request.reportId}`);
    refuseStale(from, request.expectedUpdatedAt);
    if (report.incidentId !== from.id) {
      const owner = await findIncident(tx, report.incidentId);
      throw new ConflictError(
        `The report is not in this incident but in the incident ${owner ? describe(owner) : report.incidentId}: split it from that one`,
      );
    }
    if (from.reportCount <= 1) {
      throw new ConflictError(
        'This is the only report of the incident, so there is nothing to split it from: change the incident instead',
      );
    }
    const updatedAt = at.toISOString();
    const district = districtAt(districts, report.location);
    const opened: Incident = {
      id: randomUUID(),
      title: report.title,
      category: report.category,
      severity: report.severity,
      status: IncidentStatus.acknowledged,
      location: report.location,
      ...(district !== undefined && { district }),
      openedAt: updatedAt,
      updatedAt,
      reportCount: 1,
    };
    const left: Incident = { ...from, reportCount: from.reportCount - 1, updatedAt };
    const [entry] = await appendJournal(tx, [
      {
        kind: JournalKind.incidentSplit,
        actor,
        incidentId: opened.id,
        data: { incident: opened, from: left, reportId: report.id, reason: request.reason },
      },
    ]);
    await insertIncident(tx, opened);
    await moveReport(tx, report.id, opened.id);
    await saveIncident(tx, left);
    if (entry?.kind !== JournalKind.incidentSplit) throw new Error('the journal lost an entry');
    return entry;
  });
}

/** The most incidents one list or search returns. */
const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;
/** A last word shorter than this is not taken as the start of a longer one: it would match too much. */
const MIN_PREFIX_LENGTH = 3;

/**
 * Incidents by filters, newest first, or by words, best match first with the passages that
 * matched. Merged incidents are never listed: they live on in the incident they went into.
 */
export async function findIncidents(
  database: Database,
  query: IncidentQuery,
): Promise<IncidentSearchResult> {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (limit > MAX_LIMIT) {
    throw new BadRequestError(`limit must be at most ${MAX_LIMIT}; it was ${limit}`);
  }
  const filters = filtersOf(query);
  if (query.q === undefined) {
    const { incidents, truncated } = await listIncidents(database.db, filters, limit);
    return { hits: incidents.map((incident) => ({ incident, matches: [] })), truncated };
  }
  const text = query.q.trim();
  if (!/[\p{L}\p{N}]/u.test(text)) {
    throw new BadRequestError(
      `The search "${query.q}" has no letters or digits to look for: type a word`,
    );
  }
  // The last word may be half typed, unless a quote or a minus makes it part of something else.
  const lastWord = /(?:^|\s)([\p{L}\p{N}]+)$/u.exec(text)?.[1];
  const prefix =
    lastWord !== undefined && [...lastWord].length >= MIN_PREFIX_LENGTH
      ? { before: text.slice(0, -lastWord.length), start: lastWord }
      : undefined;
  return searchIncidents(
    database.db,
    { text, ...(prefix !== undefined && { prefix }) },
    filters,
    limit,
  );
}

/** The query's comma-separated lists and times as filters; the schema has checked their values. */
function filtersOf(query: IncidentQuery): IncidentFilters {
  const from = query.from === undefined ? undefined : new Date(query.from);
  const to = query.to === undefined ? undefined : new Date(query.to);
  if (from && to && from >= to) {
    throw new BadRequestError(
      `from (${query.from}) must be before to (${query.to}): no incident opens in between`,
    );
  }
  const districtIds = query.district
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return {
    ...(query.status !== undefined && { statuses: listOf(query.status, INCIDENT_STATUSES) }),
    ...(query.severity !== undefined && { severities: listOf(query.severity, SEVERITIES) }),
    ...(query.category !== undefined && { categories: listOf(query.category, CATEGORIES) }),
    ...(districtIds !== undefined && { districtIds }),
    ...(from !== undefined && { openedFrom: from }),
    ...(to !== undefined && { openedBefore: to }),
  };
}

function listOf<T extends string>(list: string, allowed: readonly T[]): T[] {
  return allowed.filter((value) => list.split(',').includes(value));
}

/** Refuses a change made on a view older than the incident's last change. */
function refuseStale(current: Incident, expectedUpdatedAt: string, which = 'this incident'): void {
  if (Date.parse(current.updatedAt) !== Date.parse(expectedUpdatedAt)) {
    throw new ConflictError(
      `Someone changed ${which} at ${current.updatedAt}, after you loaded it: look at it again and retry`,
    );
  }
}

/** Refuses (400) to link an incident to a planned event Vaka does not know or that was called off. */
async function refuseUnlinkablePlannedEvent(tx: Executor, plannedEventId: string): Promise<void> {
  const event = await findPlannedEvent(tx, plannedEventId);
  if (!event) {
    throw new BadRequestError(
      `There is no planned event ${plannedEventId}: choose one from the calendar`,
    );
  }
  if (event.cancelledAt !== undefined) {
    throw new BadRequestError(
      `The planned event "${event.title}" was called off at ${event.cancelledAt}: an incident cannot be linked to it`,
    );
  }
}

/** Refuses any change of an incident that was merged into another, naming that one. */
async function refuseMerged(tx: Executor, incident: Incident, advice: string): Promise<void> {
  if (incident.mergedInto === undefined) return;
  const target = await findIncident(tx, incident.mergedInto);
  throw new ConflictError(
    `The incident ${describe(incident)} was merged into the incident ${target ? describe(target) : incident.mergedInto}; ${advice}`,
  );
}

/** An incident as a person recognises it in a sentence: its title, and its id to be exact. */
function describe(incident: Incident): string {
  return `"${incident.title}" (${incident.id})`;
}
