import { describe, expect, it } from 'vitest';
import { JournalKind, type HiddenJournalEntry, type JournalEntry } from '../contracts/journal.ts';
import { MessageStatus, type PublicMessage } from '../contracts/message.ts';
import { applyMessages, sortMessagesNewestFirst, type MessageMap } from './situation.ts';

const MESSAGE_A = '00000000-0000-4000-8000-00000000000a';
const MESSAGE_B = '00000000-0000-4000-8000-00000000000b';

function message(
  id: string,
  version: number,
  status: PublicMessage['status'],
  overrides: Partial<PublicMessage> = {},
): PublicMessage {
  return {
    id,
    version,
    status,
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: '2026-11-22T08:00:00.000Z',
    expires: '2026-11-22T14:00:00.000Z',
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [],
    author: 'kim',
    createdAt: '2026-11-22T08:00:00.000Z',
    updatedAt: '2026-11-22T08:00:00.000Z',
    ...(status === MessageStatus.published && {
      publishedAt: `2026-11-22T08:${String(version).padStart(2, '0')}:00.000Z`,
    }),
    ...overrides,
  };
}

type MessageKind =
  | typeof JournalKind.messageDrafted
  | typeof JournalKind.messagePublished
  | typeof JournalKind.messageWithdrawn
  | typeof JournalKind.messageExpired;

let seq = 0;
function entry(kind: MessageKind, value: PublicMessage): JournalEntry {
  seq += 1;
  const data =
    kind === JournalKind.messageWithdrawn
      ? { message: value, reason: 'The pipe is mended' }
      : { message: value };
  return {
    seq,
    recordedAt: value.updatedAt,
    actor: 'kim',
    kind,
    data,
  } as JournalEntry;
}

const publishedA = (start: MessageMap = new Map()) =>
  applyMessages(start, [entry(JournalKind.messagePublished, message(MESSAGE_A, 1, 'published'))]);

describe('applyMessages', () => {
  it('keeps a published version, exercises included', () => {
    const exercise = message(MESSAGE_B, 1, 'published', { exercise: true });
    const result = applyMessages(publishedA(), [entry(JournalKind.messagePublished, exercise)]);
    expect([...result.keys()]).toEqual([MESSAGE_A, MESSAGE_B]);
    expect(result.get(MESSAGE_B)?.exercise).toBe(true);
  });

  it('ignores drafts, and keeps the published version while its update is being prepared', () => {
    const start = publishedA();
    const result = applyMessages(start, [
      entry(JournalKind.messageDrafted, message(MESSAGE_B, 1, 'draft')),
      entry(JournalKind.messageDrafted, message(MESSAGE_A, 2, 'draft')),
    ]);
    expect(result).toBe(start);
    expect(result.get(MESSAGE_A)?.version).toBe(1);
  });

  it('replaces the version an update supersedes', () => {
    const result = applyMessages(publishedA(), [
      entry(JournalKind.messagePublished, message(MESSAGE_A, 2, 'published')),
    ]);
    expect(result.get(MESSAGE_A)?.version).toBe(2);
  });

  it('drops a withdrawn message and an expired one, leaving the old map as it was', () => {
    const start = publishedA();
    const withdrawn = applyMessages(start, [
      entry(JournalKind.messageWithdrawn, message(MESSAGE_A, 1, 'withdrawn')),
    ]);
    expect(withdrawn.size).toBe(0);
    expect(start.size).toBe(1);
    const expired = applyMessages(start, [
      entry(JournalKind.messageExpired, message(MESSAGE_A, 1, 'expired')),
    ]);
    expect(expired.size).toBe(0);
  });

  it('skips entries the console may not see', () => {
    const start = publishedA();
    const hidden: HiddenJournalEntry = {
      seq: 99,
      recordedAt: '2026-11-22T09:00:00.000Z',
      kind: 'hidden',
    };
    expect(applyMessages(start, [hidden])).toBe(start);
  });
});

describe('sortMessagesNewestFirst', () => {
  it('puts the most recently published message first', () => {
    const older = message(MESSAGE_A, 1, 'published');
    const newer = message(MESSAGE_B, 3, 'published');
    expect(sortMessagesNewestFirst([older, newer]).map(({ id }) => id)).toEqual([
      MESSAGE_B,
      MESSAGE_A,
    ]);
  });
});
