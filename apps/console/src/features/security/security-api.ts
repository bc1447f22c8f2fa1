import type { SecuritySettings } from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

/** The security settings, for the admin's screen. */
export function readSecuritySettings(api: ApiClient): Promise<ApiResult<SecuritySettings>> {
  return api.get<SecuritySettings>('/api/v1/security/settings');
}

/** Replaces the security settings. */
export function saveSecuritySettings(
  api: ApiClient,
  settings: SecuritySettings,
): Promise<ApiResult<SecuritySettings>> {
  return api.request<SecuritySettings>('PUT', '/api/v1/security/settings', { body: settings });
}
