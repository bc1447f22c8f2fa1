import type {
  CreateOverride,
  CreateUnitSchedule,
  UnitOnCall,
  UnitSchedule,
  UnitScheduleList,
  UpdateUnitSchedule,
} from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const unitPath = (unitId: string): string => `/api/v1/units/${encodeURIComponent(unitId)}`;
const schedulePath = (scheduleId: string): string =>
  `/api/v1/schedules/${encodeURIComponent(scheduleId)}`;

/** A unit's schedules in use, by name, with their overrides. */
export async function listSchedules(
  api: ApiClient,
  unitId: string,
): Promise<ApiResult<UnitSchedule[]>> {
  const result = await api.get<UnitScheduleList>(`${unitPath(unitId)}/schedules`);
  return result.outcome === 'ok' ? { ...result, body: result.body.schedules } : result;
}

/** Who is on call for a unit now, next, and in the coming two weeks, per schedule. */
export function getOnCall(api: ApiClient, unitId: string): Promise<ApiResult<UnitOnCall>> {
  return api.get<UnitOnCall>(`${unitPath(unitId)}/on-call`);
}

/** One schedule as it is now. */
export function getSchedule(api: ApiClient, scheduleId: string): Promise<ApiResult<UnitSchedule>> {
  return api.get<UnitSchedule>(schedulePath(scheduleId));
}

/** Creates a schedule of a unit. */
export function createSchedule(
  api: ApiClient,
  unitId: string,
  schedule: CreateUnitSchedule,
): Promise<ApiResult<UnitSchedule>> {
  return api.request<UnitSchedule>('POST', `${unitPath(unitId)}/schedules`, { body: schedule });
}

/** Changes a schedule's name, time zone or rotations, refused (409) when someone else did first. */
export function updateSchedule(
  api: ApiClient,
  scheduleId: string,
  change: UpdateUnitSchedule,
): Promise<ApiResult<UnitSchedule>> {
  return api.request<UnitSchedule>('PATCH', schedulePath(scheduleId), { body: change });
}

/** Archives a schedule: nobody is on call through it any more. */
export function archiveSchedule(
  api: ApiClient,
  scheduleId: string,
): Promise<ApiResult<UnitSchedule>> {
  return api.request<UnitSchedule>('DELETE', schedulePath(scheduleId));
}

/** Someone takes over for a while ("I take Friday night"). */
export function addOverride(
  api: ApiClient,
  scheduleId: string,
  override: CreateOverride,
): Promise<ApiResult<UnitSchedule>> {
  return api.request<UnitSchedule>('POST', `${schedulePath(scheduleId)}/overrides`, {
    body: override,
  });
}

/** Takes back an override. */
export function removeOverride(
  api: ApiClient,
  scheduleId: string,
  overrideId: string,
): Promise<ApiResult<UnitSchedule>> {
  return api.request<UnitSchedule>(
    'DELETE',
    `${schedulePath(scheduleId)}/overrides/${encodeURIComponent(overrideId)}`,
  );
}
