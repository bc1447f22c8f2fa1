import { API_KEY_SCOPES, ApiKeyScope, type CreateApiKey } from '@vaka/domain';

/** The limits of CreateApiKeySchema. */
export const API_KEY_LIMITS = {
  name: 200,
  minRateLimit: 1,
  maxRateLimit: 100_000,
  defaultRateLimit: 600,
} as const;

/** The new-key form as typed; the rate limit stays text until it is sent. */
export interface ApiKeyDraft {
  readonly name: string;
  readonly rateLimitPerMinute: string;
  readonly scopes: readonly ApiKeyScope[];
}

/** Which message (a key under `apiKeys`) a field that cannot be sent shows. */
export type ApiKeyDraftErrors = Partial<{
  name: 'nameRequired';
  rateLimitPerMinute: 'rateLimitInvalid';
  scopes: 'scopesRequired';
}>;

/** A new-key form with the usual limit and the one scope there is. */
export function emptyApiKeyDraft(): ApiKeyDraft {
  return {
    name: '',
    rateLimitPerMinute: String(API_KEY_LIMITS.defaultRateLimit),
    scopes: [ApiKeyScope.reportsWrite],
  };
}

/** What keeps the key from being created; an empty object when it can go. */
export function validateApiKeyDraft(draft: ApiKeyDraft): ApiKeyDraftErrors {
  const errors: ApiKeyDraftErrors = {};
  if (draft.name.trim() === '') errors.name = 'nameRequired';
  const rate = draft.rateLimitPerMinute.trim();
  const rateLimit = Number(rate);
  if (
    !/^\d+$/.test(rate) ||
    rateLimit < API_KEY_LIMITS.minRateLimit ||
    rateLimit > API_KEY_LIMITS.maxRateLimit
  ) {
    errors.rateLimitPerMinute = 'rateLimitInvalid';
  }
  if (draft.scopes.length === 0) errors.scopes = 'scopesRequired';
  return errors;
}

/** The body of `POST /api/v1/api-keys`. */
export function toCreateApiKey(draft: ApiKeyDraft): CreateApiKey {
  return {
    name: draft.name.trim(),
    scopes: API_KEY_SCOPES.filter((scope) => draft.scopes.includes(scope)),
    rateLimitPerMinute: Number(draft.rateLimitPerMinute.trim()),
  };
}

/** The translation key (under `apiKeys.scope`) naming each scope; a colon would split an i18next key. */
export const SCOPE_LABEL_KEYS = {
  [ApiKeyScope.reportsWrite]: 'reportsWrite',
} as const satisfies Record<ApiKeyScope, string>;
