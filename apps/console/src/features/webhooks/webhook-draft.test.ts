import { describe, expect, it } from 'vitest';
import type { WebhookSubscriber } from '@vaka/domain';
import { mergeDraft } from '../admin/draft-merge.ts';
import {
  emptyWebhookDraft,
  toCreateWebhook,
  toWebhookDraft,
  validateWebhookDraft,
  webhookChanges,
} from './webhook-draft.ts';

const krisappen: WebhookSubscriber = {
  id: '7b0c4a52-9d36-4a8e-8f0e-0d5a3b1c2e01',
  name: 'Krisappen',
  url: 'https://krisappen.example/hooks/vaka',
  exercises: false,
  secretHint: 'x9Q=',
  createdAt: '2026-11-22T08:00:00.000Z',
  createdBy: 'admin',
  updatedAt: '2026-11-22T08:30:00.000Z',
  health: { pending: 0, sent: 0, failed: 0 },
};

describe('validateWebhookDraft', () => {
  it('asks for a name and a whole http or https address', () => {
    expect(validateWebhookDraft(emptyWebhookDraft())).toEqual({
      name: 'nameRequired',
      url: 'urlRequired',
    });
    for (const url of [
      'krisappen.example/hooks',
      'ftp://krisappen.example',
      'https://',
      'https:// x',
    ]) {
      expect(validateWebhookDraft({ name: 'Krisappen', url, exercises: false }), url).toEqual({
        url: 'urlInvalid',
      });
    }
    for (const url of ['https://krisappen.example/hooks/vaka', ' http://127.0.0.1:8099/in ']) {
      expect(validateWebhookDraft({ name: 'Krisappen', url, exercises: true }), url).toEqual({});
    }
  });
});

describe('what is sent', () => {
  it('a new subscriber trimmed, taking exercises only when asked', () => {
    expect(
      toCreateWebhook({
        name: ' Krisappen ',
        url: ' https://krisappen.example/in ',
        exercises: false,
      }),
    ).toEqual({ name: 'Krisappen', url: 'https://krisappen.example/in', exercises: false });
  });

  it('a change carries only what changed, on the state it was made on; nothing when nothing did', () => {
    expect(webhookChanges(krisappen, toWebhookDraft(krisappen))).toBeNull();
    expect(
      webhookChanges(krisappen, {
        ...toWebhookDraft(krisappen),
        name: 'Krisappen ',
        exercises: true,
      }),
    ).toEqual({ expectedUpdatedAt: krisappen.updatedAt, exercises: true });
    expect(
      webhookChanges(krisappen, { ...toWebhookDraft(krisappen), url: 'https://new.example/in' }),
    ).toEqual({ expectedUpdatedAt: krisappen.updatedAt, url: 'https://new.example/in' });
  });
});

describe('after someone else changed the subscriber', () => {
  it('keeps what was typed and takes someone else’s change of the fields left alone', () => {
    const moved = {
      ...krisappen,
      url: 'https://moved.example/in',
      updatedAt: '2026-11-22T09:00:00.000Z',
    };
    const typed = { ...toWebhookDraft(krisappen), name: 'Krisappen Stockholm' };
    expect(mergeDraft(toWebhookDraft(krisappen), typed, toWebhookDraft(moved)).draft).toEqual({
      name: 'Krisappen Stockholm',
      url: 'https://moved.example/in',
      exercises: false,
    });
    const retyped = { ...typed, url: 'https://mine.example/in' };
    expect(mergeDraft(toWebhookDraft(krisappen), retyped, toWebhookDraft(moved))).toEqual({
      draft: retyped,
      bothChanged: ['url'],
    });
  });
});
