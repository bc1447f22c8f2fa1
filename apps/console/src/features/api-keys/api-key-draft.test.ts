import { describe, expect, it } from 'vitest';
import { emptyApiKeyDraft, toCreateApiKey, validateApiKeyDraft } from './api-key-draft.ts';

describe('validateApiKeyDraft', () => {
  it('asks for a name, a whole number of requests per minute and a permission', () => {
    expect(validateApiKeyDraft(emptyApiKeyDraft())).toEqual({ name: 'nameRequired' });
    for (const rateLimitPerMinute of ['0', '1.5', '100001', '', 'many']) {
      expect(
        validateApiKeyDraft({ name: 'SMHI warnings', rateLimitPerMinute, scopes: [] }),
        rateLimitPerMinute,
      ).toEqual({ rateLimitPerMinute: 'rateLimitInvalid', scopes: 'scopesRequired' });
    }
  });
});

describe('toCreateApiKey', () => {
  it('sends the trimmed name, the scope and the limit as a number', () => {
    expect(
      toCreateApiKey({
        ...emptyApiKeyDraft(),
        name: ' SMHI warnings ',
        rateLimitPerMinute: ' 120',
      }),
    ).toEqual({ name: 'SMHI warnings', scopes: ['reports:write'], rateLimitPerMinute: 120 });
  });
});
