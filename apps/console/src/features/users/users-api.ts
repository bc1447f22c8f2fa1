import type { CreateUser, UpdateUser, User } from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

/** Every account, for the admin's list. */
export function listUsers(api: ApiClient): Promise<ApiResult<User[]>> {
  return api.get<User[]>('/api/v1/users');
}

/** Creates an account with a first password its owner must change. */
export function createUser(api: ApiClient, user: CreateUser): Promise<ApiResult<User>> {
  return api.request<User>('POST', '/api/v1/users', { body: user });
}

/** Changes an account's name, roles or whether it is disabled. */
export function updateUser(
  api: ApiClient,
  userId: string,
  changes: UpdateUser,
): Promise<ApiResult<User>> {
  return api.request<User>('PATCH', `/api/v1/users/${encodeURIComponent(userId)}`, {
    body: changes,
  });
}
