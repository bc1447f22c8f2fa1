import type { CapFeedList } from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

/** The configured CAP feeds and how each stands. */
export function listCapFeeds(api: ApiClient): Promise<ApiResult<CapFeedList>> {
  return api.get<CapFeedList>('/api/v1/cap-feeds');
}
