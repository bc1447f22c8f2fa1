import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, IncidentSearchHit } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiClient } from '../../lib/api.ts';
import { failureText } from '../../lib/failure-text.ts';
import { consoleStore, useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { filterIncidents, needsSearch } from './incident-filter.ts';
import { followIncidentSearch } from './incident-search.ts';

/** The incidents the list, the map and the counts show, and where they come from. */
export interface VisibleIncidents {
  readonly incidents: Incident[];
  /** `live`: the open incidents of the situation picture; `search`: the server's answer. */
  readonly mode: 'live' | 'search';
  /** A search is on its way (the last results, if any, stay until it arrives). */
  readonly loading: boolean;
  /** Why the last search failed, in the console's language. */
  readonly error: string | null;
}

let searchUsers = 0;
let stopSearch: (() => void) | null = null;

/** Keeps one search running for however many components show its results. */
function retainIncidentSearch(api: ApiClient): () => void {
  searchUsers++;
  stopSearch ??= followIncidentSearch({
    store: consoleStore,
    api,
    timeZone: () =>
      consoleStore.getState().city?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  return () => {
    searchUsers--;
    if (searchUsers === 0) {
      stopSearch?.();
      stopSearch = null;
    }
  };
}

/**
 * The incidents the current filters let through: the live open ones, newest first, or when the
 * filters need the server (words, closed incidents) the results of the search, best match first.
 * Found incidents the live picture holds show as it holds them, so they never lag behind.
 */
export function useVisibleIncidents(): VisibleIncidents {
  const { t } = useTranslation();
  const { api } = useAppServices();
  useEffect(() => retainIncidentSearch(api), [api]);
  const filter = useConsoleStore((state) => state.incidentFilter);
  const live = useConsoleStore((state) => state.incidents);
  const situationLoaded = useConsoleStore((state) => state.situationLoaded);
  const search = useConsoleStore((state) => state.incidentSearch);
  const timeZone = useCityTimeZone();
  const now = useNow();
  const searching = needsSearch(filter);

  const incidents = useMemo(() => {
    if (!searching) return filterIncidents(live.values(), filter, now, timeZone);
    return (search.result?.hits ?? []).map(({ incident }) => {
      const current = live.get(incident.id);
      return current !== undefined && current.updatedAt >= incident.updatedAt ? current : incident;
    });
  }, [searching, live, filter, now, timeZone, search.result]);

  if (!searching) return { incidents, mode: 'live', loading: !situationLoaded, error: null };
  return {
    incidents,
    mode: 'search',
    loading: search.loading || search.key === null,
    error: search.failure === null ? null : failureText(search.failure, t),
  };
}

const NO_MATCHES: IncidentSearchHit['matches'] = [];

/**
 * The passages where the search found its words in one incident, matched words between « and »
 * (show them with `<SearchPassage>`); none outside a search.
 */
export function useSearchMatches(incidentId: string): IncidentSearchHit['matches'] {
  return useConsoleStore((state) =>
    state.incidentSearch.key === null
      ? NO_MATCHES
      : (state.incidentSearch.result?.hits.find((hit) => hit.incident.id === incidentId)?.matches ??
        NO_MATCHES),
  );
}

/** Whether the search found more incidents than it brought back. */
export function useSearchTruncated(): boolean {
  return useConsoleStore(
    (state) => state.incidentSearch.key !== null && state.incidentSearch.result?.truncated === true,
  );
}
