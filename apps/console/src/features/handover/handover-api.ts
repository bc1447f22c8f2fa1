import type { Handover, HandoverList, HandoverStep, OnDuty, UpdateHandover } from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const handoverPath = (handoverId: string): string =>
  `/api/v1/handovers/${encodeURIComponent(handoverId)}`;

/** The latest handovers, newest first. */
export function listHandovers(api: ApiClient): Promise<ApiResult<HandoverList>> {
  return api.get<HandoverList>('/api/v1/handovers');
}

/** One handover. */
export function getHandover(api: ApiClient, handoverId: string): Promise<ApiResult<Handover>> {
  return api.get<Handover>(handoverPath(handoverId));
}

/** A new draft, which the server fills with the picture as it is now. */
export function draftHandover(api: ApiClient): Promise<ApiResult<Handover>> {
  return api.request<Handover>('POST', '/api/v1/handovers');
}

/** Changes a draft's notes, or gathers its picture again. */
export function updateHandover(
  api: ApiClient,
  handoverId: string,
  request: UpdateHandover,
): Promise<ApiResult<Handover>> {
  return api.request<Handover>('PATCH', handoverPath(handoverId), { body: request });
}

/** The incoming duty officer takes over. */
export function confirmHandover(
  api: ApiClient,
  handoverId: string,
  request: HandoverStep,
): Promise<ApiResult<Handover>> {
  return api.request<Handover>('POST', `${handoverPath(handoverId)}/confirm`, { body: request });
}

/** Who is on duty now. */
export function getOnDuty(api: ApiClient): Promise<ApiResult<OnDuty>> {
  return api.get<OnDuty>('/api/v1/duty');
}
