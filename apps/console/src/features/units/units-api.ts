import type { CreateUnit, Unit, UnitList, UpdateUnit } from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

/** The units by name; archived ones too when asked. */
export async function listUnits(api: ApiClient, archived: boolean): Promise<ApiResult<Unit[]>> {
  const result = await api.get<UnitList>(`/api/v1/units${archived ? '?archived=true' : ''}`);
  return result.outcome === 'ok' ? { ...result, body: result.body.units } : result;
}

/** One unit as it is now. */
export function getUnit(api: ApiClient, unitId: string): Promise<ApiResult<Unit>> {
  return api.get<Unit>(`/api/v1/units/${encodeURIComponent(unitId)}`);
}

/** Creates a unit with its contacts. */
export function createUnit(api: ApiClient, unit: CreateUnit): Promise<ApiResult<Unit>> {
  return api.request<Unit>('POST', '/api/v1/units', { body: unit });
}

/** Changes a unit's fields or contacts, refused (409) when someone else changed it first. */
export function updateUnit(
  api: ApiClient,
  unitId: string,
  change: UpdateUnit,
): Promise<ApiResult<Unit>> {
  return api.request<Unit>('PATCH', `/api/v1/units/${encodeURIComponent(unitId)}`, {
    body: change,
  });
}

/** Archives a unit: it stays known to the journal, but is no longer offered. */
export function archiveUnit(api: ApiClient, unitId: string): Promise<ApiResult<Unit>> {
  return api.request<Unit>('DELETE', `/api/v1/units/${encodeURIComponent(unitId)}`);
}
