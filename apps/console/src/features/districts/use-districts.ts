import { useEffect, useSyncExternalStore } from 'react';
import type { DistrictCollection } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiClient } from '../../lib/api.ts';

const RETRY_MS = 30_000;

let districts: DistrictCollection | null = null;
let loading = false;
const listeners = new Set<() => void>();

async function loadDistricts(api: ApiClient): Promise<void> {
  if (loading || districts !== null) return;
  loading = true;
  const result = await api.get<DistrictCollection>('/api/v1/city/districts');
  loading = false;
  if (result.outcome !== 'ok') return;
  districts = result.body;
  for (const notify of listeners) notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The city's districts (GeoJSON), loaded once for the filters and the map; null until they
 * have loaded, or for a city without any. A failed load is tried again every half minute.
 */
export function useDistricts(): DistrictCollection | null {
  const { api } = useAppServices();
  const loaded = useSyncExternalStore(subscribe, () => districts);
  useEffect(() => {
    if (loaded !== null) return;
    void loadDistricts(api);
    const retry = setInterval(() => void loadDistricts(api), RETRY_MS);
    return () => clearInterval(retry);
  }, [api, loaded]);
  return loaded;
}

/** The districts by id and name, sorted by name, for pickers. */
export function districtChoices(
  collection: DistrictCollection | null,
  language: string,
): { readonly id: string; readonly name: string }[] {
  if (collection === null) return [];
  return collection.features
    .map((feature) => ({ id: feature.properties.id, name: feature.properties.name }))
    .sort((a, b) => a.name.localeCompare(b.name, language));
}
