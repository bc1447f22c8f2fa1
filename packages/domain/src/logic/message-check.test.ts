import { describe, expect, it } from 'vitest';
import type { MessageFields, MessageVariant } from '../contracts/message.ts';
import {
  approvable,
  approvalRefusal,
  defaultMessageLanguages,
  messageActionsFrom,
  messageProblems,
  nextMessageStatus,
} from './message-check.ts';

/** A complete variant in a language; override what the test is about. */
function variant(language: MessageVariant['language'], overrides: Partial<MessageVariant> = {}) {
  return {
    language,
    headline: 'Vattenläcka på Götgatan',
    description: 'En vattenledning har brustit vid Götgatan 78.',
    instruction: 'Undvik området. Koka vattnet före användning.',
    sms: 'Vattenläcka på Götgatan: undvik området, koka vattnet. Mer: stockholm.se/kris',
    push: 'Vattenläcka på Götgatan: undvik området',
    social: 'Vattenläcka på Götgatan 78. Undvik området och koka vattnet. #Stockholm',
    ...overrides,
  };
}

function message(overrides: Partial<MessageFields> = {}) {
  return {
    variants: [variant('sv'), variant('en')],
    issuer: 'Stockholms stad',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: '2026-11-22T08:00:00.000Z',
    expires: '2026-11-22T20:00:00.000Z',
    ...overrides,
  };
}

const stockholm = { required: ['sv' as const], expected: ['en' as const] };
const helsinki = { required: ['fi' as const, 'sv' as const], expected: ['en' as const] };

describe('messageProblems', () => {
  it('finds nothing in a complete message in the city’s languages', () => {
    expect(messageProblems(message(), stockholm)).toEqual([]);
  });

  it('blocks a missing required language, and only points out a missing expected one', () => {
    const problems = messageProblems(message({ variants: [variant('sv')] }), helsinki);
    expect(problems).toEqual([
      { kind: 'language_missing', language: 'fi', blocking: true },
      { kind: 'language_missing', language: 'en', blocking: false },
    ]);
    expect(approvable(problems)).toBe(false);
    const onlyEnglishMissing = messageProblems(
      message({ variants: [variant('fi'), variant('sv')] }),
      helsinki,
    );
    expect(approvable(onlyEnglishMissing)).toBe(true);
    expect(onlyEnglishMissing).toHaveLength(1);
  });

  it('blocks an empty text and a rendition too long for its channel, saying by how much', () => {
    const problems = messageProblems(
      message({
        variants: [
          variant('sv', { instruction: '  ', push: 'x'.repeat(179) }),
          variant('en', { sms: 'a'.repeat(460), social: '🔥'.repeat(281) }),
        ],
      }),
      stockholm,
    );
    expect(problems).toEqual([
      { kind: 'text_missing', language: 'sv', field: 'instruction', blocking: true },
      {
        kind: 'too_long',
        language: 'sv',
        field: 'push',
        length: 179,
        limit: 178,
        unit: 'characters',
        blocking: true,
      },
      {
        kind: 'too_long',
        language: 'en',
        field: 'sms',
        length: 4,
        limit: 3,
        unit: 'segments',
        blocking: true,
      },
      {
        kind: 'too_long',
        language: 'en',
        field: 'social',
        length: 281,
        limit: 280,
        unit: 'characters',
        blocking: true,
      },
    ]);
  });

  it('counts a Czech SMS in UCS-2 segments: three fit 201 characters, not 459', () => {
    const plzen = { required: ['cs' as const], expected: [] };
    const czech = (length: number) =>
      message({ variants: [variant('cs', { sms: 'ř'.repeat(length) })] });
    expect(approvable(messageProblems(czech(201), plzen))).toBe(true);
    expect(messageProblems(czech(202), plzen)).toEqual([
      expect.objectContaining({ kind: 'too_long', field: 'sms', length: 4 }),
    ]);
  });

  it('blocks a language twice, no issuer, no area and a validity that ends before it begins', () => {
    const problems = messageProblems(
      message({
        variants: [variant('sv'), variant('sv')],
        issuer: ' ',
        area: { description: '', districtIds: [] },
        expires: '2026-11-22T07:00:00.000Z',
      }),
      stockholm,
    );
    expect(problems.map((problem) => problem.kind)).toEqual([
      'language_twice',
      'language_missing',
      'issuer_missing',
      'area_missing',
      'validity',
    ]);
  });
});

describe('the life of a message', () => {
  it('goes draft → in review → approved → published, and ends withdrawn, expired or superseded', () => {
    expect(nextMessageStatus('draft', 'submit')).toBe('in_review');
    expect(nextMessageStatus('in_review', 'approve')).toBe('approved');
    expect(nextMessageStatus('in_review', 'return_to_draft')).toBe('draft');
    expect(nextMessageStatus('approved', 'publish')).toBe('published');
    expect(nextMessageStatus('published', 'withdraw')).toBe('withdrawn');
    expect(nextMessageStatus('published', 'supersede')).toBe('superseded');
    expect(nextMessageStatus('draft', 'publish')).toBeUndefined();
    expect(nextMessageStatus('published', 'edit')).toBeUndefined();
    expect(messageActionsFrom('withdrawn')).toEqual([]);
    expect(messageActionsFrom('published')).toEqual(['withdraw', 'expire', 'supersede']);
  });

  it('never lets the author approve their own message', () => {
    expect(approvalRefusal({ author: 'kib' }, 'kib')).toBe('own_message');
    expect(approvalRefusal({ author: 'kib' }, 'ledning')).toBeUndefined();
  });

  it('owes the city’s first language, and expects the others, unless the city says otherwise', () => {
    expect(defaultMessageLanguages(['fi', 'sv', 'en'])).toEqual({
      required: ['fi'],
      expected: ['sv', 'en'],
    });
  });
});
