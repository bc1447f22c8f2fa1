import type {
  CancelPlannedEvent,
  CreatePlannedEvent,
  PlannedEvent,
  PlannedEventList,
  UpdatePlannedEvent,
} from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const eventPath = (eventId: string): string =>
  `/api/v1/planned-events/${encodeURIComponent(eventId)}`;

/** The planned events overlapping [from, to), soonest first; cancelled ones too when asked. */
export async function listPlannedEvents(
  api: ApiClient,
  window: { readonly from: Date; readonly to: Date; readonly cancelled: boolean },
): Promise<ApiResult<PlannedEvent[]>> {
  const query = new URLSearchParams({
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    cancelled: String(window.cancelled),
  });
  const result = await api.get<PlannedEventList>(`/api/v1/planned-events?${query.toString()}`);
  return result.outcome === 'ok' ? { ...result, body: result.body.events } : result;
}

/** One planned event as it is now. */
export function getPlannedEvent(api: ApiClient, eventId: string): Promise<ApiResult<PlannedEvent>> {
  return api.get<PlannedEvent>(eventPath(eventId));
}

/** Puts an event in the calendar. */
export function createPlannedEvent(
  api: ApiClient,
  event: CreatePlannedEvent,
): Promise<ApiResult<PlannedEvent>> {
  return api.request<PlannedEvent>('POST', '/api/v1/planned-events', { body: event });
}

/** Changes an event, refused (409) when someone else changed it first. */
export function updatePlannedEvent(
  api: ApiClient,
  eventId: string,
  change: UpdatePlannedEvent,
): Promise<ApiResult<PlannedEvent>> {
  return api.request<PlannedEvent>('PATCH', eventPath(eventId), { body: change });
}

/** Calls an event off, with why. */
export function cancelPlannedEvent(
  api: ApiClient,
  eventId: string,
  request: CancelPlannedEvent,
): Promise<ApiResult<PlannedEvent>> {
  return api.request<PlannedEvent>('POST', `${eventPath(eventId)}/cancel`, { body: request });
}
