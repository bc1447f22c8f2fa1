import type { CitySettings } from '@vaka/domain';
import type { FetchFunction } from '../../lib/api.ts';

export interface LoadCitySettingsOptions {
  readonly baseUrl: string;
  readonly fetch: FetchFunction;
  readonly onLoaded: (city: CitySettings) => void;
  readonly retryMs?: number;
}

/** Loads `GET /api/v1/city`, retrying until it succeeds; returns a function that gives up. */
export function loadCitySettings({
  baseUrl,
  fetch,
  onLoaded,
  retryMs = 5_000,
}: LoadCitySettingsOptions): () => void {
  let cancelled = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const attempt = async (): Promise<void> => {
    try {
      const response = await fetch(`${baseUrl}/api/v1/city`, {
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`GET /api/v1/city answered ${response.status}`);
      const city = (await response.json()) as CitySettings;
      if (!cancelled) onLoaded(city);
    } catch (error) {
      if (cancelled) return;
      console.warn('Could not load the city settings; retrying', error);
      retryTimer = setTimeout(() => void attempt(), retryMs);
    }
  };
  void attempt();

  return () => {
    cancelled = true;
    clearTimeout(retryTimer);
  };
}
