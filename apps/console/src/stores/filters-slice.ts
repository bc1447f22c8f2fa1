import type { StateCreator } from 'zustand';
import type { IncidentSearchResult } from '@vaka/domain';
import { NO_FILTER, type IncidentFilter } from '../features/filters/incident-filter.ts';
import type { ApiFailure } from '../lib/api.ts';
import type { ConsoleState } from './console-store.ts';

/** The last search the server answered for the filter, and whether a newer one is on its way. */
export interface IncidentSearchState {
  /** The search the result answers (see `searchKeyOf`); null when the filter needs no search. */
  readonly key: string | null;
  readonly loading: boolean;
  readonly result: IncidentSearchResult | null;
  readonly failure: ApiFailure | null;
}

/** No search under way or shown. */
export const NO_SEARCH: IncidentSearchState = {
  key: null,
  loading: false,
  result: null,
  failure: null,
};

/** The filters above the incident list and the server's answer to them when they need one. */
export interface FiltersSlice {
  incidentFilter: IncidentFilter;
  incidentSearch: IncidentSearchState;
  /** Changes some of the filter's fields. */
  changeIncidentFilter(change: Partial<IncidentFilter>): void;
  /** Back to every open incident. */
  clearIncidentFilter(): void;
  setIncidentSearch(search: IncidentSearchState): void;
}

/** Builds the filters slice. */
export const createFiltersSlice: StateCreator<ConsoleState, [], [], FiltersSlice> = (set) => ({
  incidentFilter: NO_FILTER,
  incidentSearch: NO_SEARCH,
  changeIncidentFilter: (change) =>
    set((state) => ({ incidentFilter: { ...state.incidentFilter, ...change } })),
  clearIncidentFilter: () => set({ incidentFilter: NO_FILTER }),
  setIncidentSearch: (incidentSearch) => set({ incidentSearch }),
});
