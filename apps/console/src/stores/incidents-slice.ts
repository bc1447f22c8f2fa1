import type { StateCreator } from 'zustand';
import {
  applyJournalEntries,
  IncidentStatus,
  JournalKind,
  type Incident,
  type IncidentMap,
  type JournalEntry,
  type Situation,
} from '@vaka/domain';
import type { ConsoleState } from './console-store.ts';
import { reduceDetailJournal } from './incident-detail-slice.ts';

/** How long a new or changed incident stays highlighted in the list. */
export const HIGHLIGHT_MS = 8_000;

/** Why an incident is highlighted, and since when (epoch milliseconds). */
export interface IncidentChange {
  readonly kind: 'opened' | 'updated';
  readonly at: number;
}

export type RecentChanges = ReadonlyMap<string, IncidentChange>;

/** The open incidents of the situation picture. */
export interface IncidentsSlice {
  incidents: IncidentMap;
  /** Incidents that arrived or changed a moment ago, so the list can draw the eye to them. */
  recentlyChanged: RecentChanges;
  /** Whether a snapshot has been loaded, so the list can tell "loading" from "nothing open". */
  situationLoaded: boolean;
  /** Replaces the open incidents with a snapshot (at start and after a resync). */
  loadSnapshot(situation: Situation, now: number): void;
  /**
   * Applies journal entries that follow the last applied one. `throughSeq` is the sequence read up
   * to, which is past the last entry when the entries this console may not see came after it.
   */
  applyJournal(entries: readonly JournalEntry[], now: number, throughSeq?: number): void;
  /** Forgets the situation picture, e.g. when the person signs out. */
  clearSituation(): void;
  /** Drops highlights older than HIGHLIGHT_MS. */
  expireHighlights(now: number): void;
}

/** Builds the incidents slice. */
export const createIncidentsSlice: StateCreator<ConsoleState, [], [], IncidentsSlice> = (set) => ({
  incidents: new Map(),
  recentlyChanged: new Map(),
  situationLoaded: false,
  loadSnapshot: (situation, now) =>
    set((state) => ({
      ...reduceSnapshot(state, situation, now),
      // Entries may have been missed while the connection was away: the open detail is reloaded.
      ...(state.incidentDetail?.detail != null && {
        incidentDetail: { ...state.incidentDetail, stale: true },
      }),
    })),
  applyJournal: (entries, now, throughSeq) =>
    set((state) => {
      const incidentDetail = reduceDetailJournal(state.incidentDetail, entries);
      return {
        ...reduceJournal(state, entries, now, throughSeq),
        ...(incidentDetail !== state.incidentDetail && { incidentDetail }),
      };
    }),
  clearSituation: () =>
    set({
      incidents: new Map(),
      recentlyChanged: new Map(),
      situationLoaded: false,
      lastAppliedSeq: null,
      selectedIncidentId: null,
      incidentDetail: null,
    }),
  expireHighlights: (now) =>
    set((state) => {
      const recentlyChanged = withoutExpired(state.recentlyChanged, now);
      return recentlyChanged === state.recentlyChanged ? state : { recentlyChanged };
    }),
});

type IncidentsState = Pick<ConsoleState, 'incidents' | 'recentlyChanged' | 'lastAppliedSeq'>;

/**
 * A snapshot replaces everything. After a resync, incidents that are new or changed compared with
 * what the console showed are highlighted; the very first snapshot highlights nothing.
 */
export function reduceSnapshot(
  state: IncidentsState,
  situation: Situation,
  now: number,
): Partial<ConsoleState> {
  const incidents = new Map(situation.incidents.map((incident) => [incident.id, incident]));
  let recentlyChanged = new Map(withoutExpired(state.recentlyChanged, now));
  if (state.lastAppliedSeq === null) {
    recentlyChanged = new Map();
  } else {
    for (const id of recentlyChanged.keys()) if (!incidents.has(id)) recentlyChanged.delete(id);
    for (const incident of incidents.values()) {
      const before = state.incidents.get(incident.id);
      if (before === undefined) recentlyChanged.set(incident.id, { kind: 'opened', at: now });
      else if (before.updatedAt !== incident.updatedAt)
        recentlyChanged.set(incident.id, { kind: 'updated', at: now });
    }
  }
  return { incidents, recentlyChanged, lastAppliedSeq: situation.asOfSeq, situationLoaded: true };
}

/** Journal entries change the incidents they carry and highlight them. */
export function reduceJournal(
  state: IncidentsState,
  entries: readonly JournalEntry[],
  now: number,
  throughSeq?: number,
): Partial<ConsoleState> {
  const lastAppliedSeq = throughSeq ?? entries.at(-1)?.seq;
  if (lastAppliedSeq === undefined) return {};
  const incidents = applyJournalEntries(state.incidents, entries);
  const recentlyChanged = new Map(withoutExpired(state.recentlyChanged, now));
  for (const entry of entries) {
    if (entry.kind !== JournalKind.incidentOpened && entry.kind !== JournalKind.incidentUpdated) {
      continue;
    }
    const incident: Incident = entry.data.incident;
    if (incident.status === IncidentStatus.closed) {
      recentlyChanged.delete(incident.id);
      continue;
    }
    const wasOpen = state.incidents.has(incident.id);
    const earlier = recentlyChanged.get(incident.id);
    // An incident opened a moment ago and updated since still reads as new.
    const kind = !wasOpen || earlier?.kind === 'opened' ? 'opened' : 'updated';
    recentlyChanged.set(incident.id, { kind, at: now });
  }
  if (incidents === state.incidents && sameChanges(recentlyChanged, state.recentlyChanged)) {
    return { lastAppliedSeq };
  }
  return { incidents, recentlyChanged, lastAppliedSeq };
}

function sameChanges(a: RecentChanges, b: RecentChanges): boolean {
  if (a.size !== b.size) return false;
  for (const [id, change] of a) if (b.get(id) !== change) return false;
  return true;
}

function withoutExpired(changes: RecentChanges, now: number): RecentChanges {
  let kept: Map<string, IncidentChange> | undefined;
  for (const [id, change] of changes) {
    if (now - change.at < HIGHLIGHT_MS) continue;
    kept ??= new Map(changes);
    kept.delete(id);
  }
  return kept ?? changes;
}
