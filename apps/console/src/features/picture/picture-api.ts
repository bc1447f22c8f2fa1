import type { KeyEventList, PlannedEventList } from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

/** The key events of the situation since `from`, the oldest first. */
export function listKeyEvents(api: ApiClient, from: Date): Promise<ApiResult<KeyEventList>> {
  return api.get<KeyEventList>(`/api/v1/key-events?from=${encodeURIComponent(from.toISOString())}`);
}

/** The planned events that overlap [from, to), soonest first, without cancelled ones. */
export function listPlannedEvents(
  api: ApiClient,
  from: Date,
  to: Date,
): Promise<ApiResult<PlannedEventList>> {
  const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
  return api.get<PlannedEventList>(`/api/v1/planned-events?${query}`);
}
