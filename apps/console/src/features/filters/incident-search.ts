import type { Incident, IncidentSearchResult } from '@vaka/domain';
import type { ApiClient } from '../../lib/api.ts';
import { NO_SEARCH } from '../../stores/filters-slice.ts';
import type { ConsoleState, ConsoleStore } from '../../stores/console-store.ts';
import { incidentQueryOf, searchKeyOf } from './incident-filter.ts';

/** How long typing must pause before the server is asked. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface IncidentSearchOptions {
  readonly store: ConsoleStore;
  readonly api: ApiClient;
  readonly debounceMs?: number;
  /** The city's time zone, for custom time ranges typed in city time. */
  readonly timeZone: () => string;
}

/**
 * Asks the server for the incidents the filter describes whenever it needs the server (words,
 * closed incidents), a moment after the person stops typing, and asks again when the live
 * journal changes an incident among the results or opens a new one. Writes what it finds into
 * the store. Returns a function that stops.
 */
export function followIncidentSearch({
  store,
  api,
  debounceMs = SEARCH_DEBOUNCE_MS,
  timeZone,
}: IncidentSearchOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pendingKey: string | null = null;
  // Each request is numbered; only the answer to the latest one is shown.
  let requestNumber = 0;

  const schedule = (key: string): void => {
    clearTimeout(timer);
    pendingKey = key;
    timer = setTimeout(() => void run(key), debounceMs);
  };

  const run = async (key: string): Promise<void> => {
    pendingKey = null;
    const number = ++requestNumber;
    const state = store.getState();
    const query = incidentQueryOf(state.incidentFilter, Date.now(), timeZone());
    const result = await api.get<IncidentSearchResult>(
      `/api/v1/incidents?${new URLSearchParams({ ...query }).toString()}`,
    );
    if (number !== requestNumber || store.getState().incidentSearch.key !== key) return;
    const current = store.getState().incidentSearch;
    store
      .getState()
      .setIncidentSearch(
        result.outcome === 'ok'
          ? { key, loading: false, result: result.body, failure: null }
          : { key, loading: false, result: current.result, failure: result },
      );
  };

  const onChange = (state: ConsoleState, previous: ConsoleState): void => {
    const key = searchKeyOf(state.incidentFilter);
    const search = state.incidentSearch;
    if (key !== search.key) {
      if (key === null) {
        clearTimeout(timer);
        pendingKey = null;
        requestNumber++;
        store.getState().setIncidentSearch(NO_SEARCH);
        return;
      }
      // The earlier results stay in view, marked as loading, until the new ones arrive.
      store.getState().setIncidentSearch({ ...search, key, loading: true, failure: null });
      schedule(key);
      return;
    }
    if (
      key !== null &&
      pendingKey === null &&
      state.incidents !== previous.incidents &&
      search.result !== null &&
      changedAnyOf(search.result.hits, previous.incidents, state.incidents)
    ) {
      schedule(key);
    }
  };

  const unsubscribe = store.subscribe(onChange);
  onChange(store.getState(), store.getState());
  return () => {
    unsubscribe();
    clearTimeout(timer);
    requestNumber++;
  };
}

/**
 * Whether the live picture changed or closed any of the incidents found, or opened a new one
 * (which may match the words as well).
 */
function changedAnyOf(
  hits: readonly { readonly incident: Incident }[],
  before: ReadonlyMap<string, Incident>,
  after: ReadonlyMap<string, Incident>,
): boolean {
  if (hits.some(({ incident }) => before.get(incident.id) !== after.get(incident.id))) return true;
  for (const id of after.keys()) if (!before.has(id)) return true;
  return false;
}
