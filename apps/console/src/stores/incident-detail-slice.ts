import type { StateCreator } from 'zustand';
import {
  JournalKind,
  type HiddenJournalEntry,
  type Incident,
  type IncidentDetail,
  type JournalEntry,
} from '@vaka/domain';
import type { ApiFailure } from '../lib/api.ts';
import type { ConsoleState } from './console-store.ts';

/** The incident open in the middle pane, as far as the console has it. */
export interface IncidentDetailView {
  readonly incidentId: string;
  /** The last detail loaded for this incident, kept live; null until the first answer. */
  readonly detail: IncidentDetail | null;
  /** A request for the detail is under way. */
  readonly loading: boolean;
  /** Why the last request failed, until the next one succeeds. */
  readonly failure: ApiFailure | null;
  /**
   * The live entries showed a change the detail cannot follow by itself (another incident merged
   * into it, a resync after a lost connection): it is to be loaded again.
   */
  readonly stale: boolean;
  /** Entries about the incident that arrived while it was loading, applied once it has. */
  readonly pending: readonly JournalEntry[];
}

/** Which incident the duty officer has open, and its detail. */
export interface IncidentDetailSlice {
  selectedIncidentId: string | null;
  incidentDetail: IncidentDetailView | null;
  /** Opens an incident (or none); its detail is then loaded. */
  selectIncident(incidentId: string | null): void;
  /** A request for the open incident's detail has started. */
  detailRequested(incidentId: string): void;
  /** The server answered with the detail; ignored when another incident is open by now. */
  detailLoaded(detail: IncidentDetail): void;
  /** The request for the detail failed. */
  detailFailed(incidentId: string, failure: ApiFailure): void;
  /**
   * Shows what the server answered to a change this console made, before the live stream brings
   * it: the incident's new state, or the entry it journaled.
   */
  detailChanged(change: { incident?: Incident; entry?: JournalEntry }): void;
}

/** Builds the incident detail slice. */
export const createIncidentDetailSlice: StateCreator<ConsoleState, [], [], IncidentDetailSlice> = (
  set,
) => ({
  selectedIncidentId: null,
  incidentDetail: null,
  selectIncident: (incidentId) =>
    set((state) => {
      if (state.selectedIncidentId === incidentId) return state;
      return { selectedIncidentId: incidentId, incidentDetail: emptyView(incidentId) };
    }),
  detailRequested: (incidentId) =>
    set((state) => {
      const view = state.incidentDetail;
      if (view?.incidentId !== incidentId) return state;
      return { incidentDetail: { ...view, loading: true } };
    }),
  detailLoaded: (detail) =>
    set((state) => {
      const view = state.incidentDetail;
      if (view?.incidentId !== detail.incident.id) return state;
      return { incidentDetail: reduceDetailLoaded(view, detail) };
    }),
  detailFailed: (incidentId, failure) =>
    set((state) => {
      const view = state.incidentDetail;
      if (view?.incidentId !== incidentId) return state;
      return { incidentDetail: { ...view, loading: false, failure, stale: false } };
    }),
  detailChanged: (change) =>
    set((state) => {
      const view = state.incidentDetail;
      if (view === null || view.detail === null) return state;
      let detail = view.detail;
      if (change.incident !== undefined && change.incident.id === detail.incident.id) {
        detail = withIncident(detail, change.incident);
      }
      if (change.entry !== undefined) detail = applyDetailEntries(detail, [change.entry]).detail;
      return detail === view.detail ? state : { incidentDetail: { ...view, detail } };
    }),
});

function emptyView(incidentId: string | null): IncidentDetailView | null {
  if (incidentId === null) return null;
  return { incidentId, detail: null, loading: false, failure: null, stale: false, pending: [] };
}

/** A loaded detail, with whatever arrived live while it was on its way. */
export function reduceDetailLoaded(
  view: IncidentDetailView,
  loaded: IncidentDetail,
): IncidentDetailView {
  const { detail, stale } = applyDetailEntries(loaded, view.pending);
  return { ...view, detail, loading: false, failure: null, stale, pending: [] };
}

/**
 * Live journal entries change the open incident's detail: its state, reports and timeline. An
 * entry the detail cannot follow by itself marks it stale, to be loaded again.
 */
export function reduceDetailJournal(
  view: IncidentDetailView | null,
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): IncidentDetailView | null {
  if (view === null || entries.length === 0) return view;
  let next = view;
  if (view.loading || view.detail === null) {
    // The answer on its way may be older than these: they are applied to it when it arrives.
    const mergedFrom = view.detail?.mergedFrom ?? [];
    const concerning = entries.filter(
      (entry): entry is JournalEntry =>
        entry.kind !== 'hidden' && concerns(entry, view.incidentId, mergedFrom),
    );
    if (concerning.length > 0) next = { ...view, pending: [...view.pending, ...concerning] };
  }
  if (next.detail === null) return next;
  const { detail, stale } = applyDetailEntries(next.detail, entries);
  if (detail === next.detail && !stale) return next;
  return { ...next, detail, stale: next.stale || stale };
}

/** Whether an entry belongs in the journal of this incident (or of one merged into it). */
function concerns(entry: JournalEntry, incidentId: string, mergedFrom: readonly string[]): boolean {
  if (!('incidentId' in entry) || entry.incidentId === undefined) return false;
  if (entry.incidentId === incidentId || mergedFrom.includes(entry.incidentId)) return true;
  if (entry.kind === JournalKind.incidentMerged) return entry.data.into.id === incidentId;
  if (entry.kind === JournalKind.incidentSplit) return entry.data.from.id === incidentId;
  return false;
}

/** The incident's new state, unless the detail already shows a later one. */
function withIncident(detail: IncidentDetail, incident: Incident): IncidentDetail {
  if (Date.parse(incident.updatedAt) < Date.parse(detail.incident.updatedAt)) return detail;
  if (incident === detail.incident) return detail;
  return { ...detail, incident };
}

/**
 * Applies entries to a detail. Entries it holds already (by sequence) are skipped, so the same
 * entry from the server's answer and from the live stream counts once.
 */
export function applyDetailEntries(
  detail: IncidentDetail,
  entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>,
): { detail: IncidentDetail; stale: boolean } {
  let next = detail;
  let stale = false;
  const known = new Set(detail.entries.map((entry) => entry.seq));
  for (const entry of entries) {
    if (entry.kind === 'hidden' || entry.seq <= detail.asOfSeq || known.has(entry.seq)) continue;
    const ownId = next.incident.id;
    if (!concerns(entry, ownId, next.mergedFrom)) continue;
    known.add(entry.seq);
    next = { ...next, entries: insertBySeq(next.entries, entry) };
    switch (entry.kind) {
      case JournalKind.incidentOpened:
      case JournalKind.incidentUpdated:
        if (entry.incidentId === ownId) next = withIncident(next, entry.data.incident);
        break;
      case JournalKind.reportReceived:
        if (
          entry.data.report.incidentId === ownId &&
          !next.reports.some((report) => report.id === entry.data.report.id)
        ) {
          next = { ...next, reports: [...next.reports, entry.data.report] };
        }
        break;
      case JournalKind.incidentMerged:
        if (entry.data.into.id === ownId) {
          // The duplicate's reports and journal come with it: only the server has them all.
          next = withIncident(next, entry.data.into);
          next = { ...next, mergedFrom: [...next.mergedFrom, entry.incidentId] };
          stale = true;
        } else if (entry.incidentId === ownId) {
          next = withIncident(next, entry.data.incident);
          stale = true;
        }
        break;
      case JournalKind.incidentSplit:
        if (entry.data.from.id === ownId) {
          next = withIncident(next, entry.data.from);
          next = {
            ...next,
            reports: next.reports.filter((report) => report.id !== entry.data.reportId),
          };
        } else if (entry.incidentId === ownId) {
          next = withIncident(next, entry.data.incident);
        }
        break;
      default:
        break;
    }
  }
  return { detail: next, stale };
}

function insertBySeq(entries: readonly JournalEntry[], entry: JournalEntry): JournalEntry[] {
  const last = entries.at(-1);
  if (last === undefined || last.seq < entry.seq) return [...entries, entry];
  const index = entries.findIndex((existing) => existing.seq > entry.seq);
  return [...entries.slice(0, index), entry, ...entries.slice(index)];
}
