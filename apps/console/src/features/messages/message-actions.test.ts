import { describe, expect, it } from 'vitest';
import type { MessageProblem } from '@vaka/domain';
import { offeredActions, type MessagePowers } from './message-actions.ts';

const communicator: MessagePowers = { mayWrite: true, mayApprove: true, username: 'eva' };
const leadership: MessagePowers = { mayWrite: false, mayApprove: true, username: 'lars' };
const dutyOfficer: MessagePowers = { mayWrite: true, mayApprove: false, username: 'tor' };
const missingSwedish: MessageProblem[] = [
  { kind: 'language_missing', language: 'sv', blocking: true },
];

describe('offeredActions', () => {
  it('lets a writer edit a draft, and refuses submitting while a problem blocks it', () => {
    const draft = { status: 'draft', author: 'eva' } as const;
    expect(offeredActions(draft, [], false, communicator)).toEqual([
      { action: 'edit' },
      { action: 'submit' },
    ]);
    expect(offeredActions(draft, missingSwedish, false, communicator)).toEqual([
      { action: 'edit' },
      { action: 'submit', refusal: 'problems' },
    ]);
    expect(offeredActions(draft, [], false, leadership)).toEqual([]);
  });

  it('shows the author approval refused, and another approver the approval', () => {
    const inReview = { status: 'in_review', author: 'eva' } as const;
    expect(offeredActions(inReview, [], false, communicator)).toEqual([
      { action: 'approve', refusal: 'own_message' },
      { action: 'return' },
    ]);
    expect(offeredActions(inReview, [], false, leadership)).toEqual([{ action: 'approve' }]);
    expect(offeredActions(inReview, [], false, dutyOfficer)).toEqual([{ action: 'return' }]);
  });

  it('offers publishing once approved, and update and withdrawal once out', () => {
    expect(offeredActions({ status: 'approved', author: 'eva' }, [], false, dutyOfficer)).toEqual([
      { action: 'publish' },
      { action: 'return' },
    ]);
    expect(offeredActions({ status: 'published', author: 'eva' }, [], true, dutyOfficer)).toEqual([
      { action: 'update' },
      { action: 'withdraw' },
    ]);
    // An update being drafted: the published version can still be withdrawn.
    expect(offeredActions({ status: 'draft', author: 'tor' }, [], true, dutyOfficer)).toEqual([
      { action: 'edit' },
      { action: 'submit' },
      { action: 'withdraw' },
    ]);
    expect(offeredActions({ status: 'withdrawn', author: 'eva' }, [], false, communicator)).toEqual(
      [],
    );
  });
});
