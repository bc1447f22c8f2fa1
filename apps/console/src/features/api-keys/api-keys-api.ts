import type { ApiKey, CreateApiKey, CreatedApiKey } from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

/** Every API key, revoked ones too. */
export function listApiKeys(api: ApiClient): Promise<ApiResult<ApiKey[]>> {
  return api.get<ApiKey[]>('/api/v1/api-keys');
}

/** Creates a key; the answer carries its secret, which the server never shows again. */
export function createApiKey(
  api: ApiClient,
  apiKey: CreateApiKey,
): Promise<ApiResult<CreatedApiKey>> {
  return api.request<CreatedApiKey>('POST', '/api/v1/api-keys', { body: apiKey });
}

/** Revokes a key: from now on the server refuses it. */
export function revokeApiKey(api: ApiClient, apiKeyId: string): Promise<ApiResult<null>> {
  return api.request<null>('DELETE', `/api/v1/api-keys/${encodeURIComponent(apiKeyId)}`);
}
