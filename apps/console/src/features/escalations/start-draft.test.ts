import { describe, expect, it } from 'vitest';
import { keptPolicy, readStartDraft } from './start-draft.ts';

const messages = {
  unitRequired: 'Choose a unit',
  policyRequired: 'Choose an escalation policy',
  briefRequired: 'Write a short brief',
};

describe('readStartDraft', () => {
  it('makes the request from a unit, its policy and a trimmed brief', () => {
    expect(
      readStartDraft({ unitId: 'u1', policyId: 'p1', brief: '  Take the fire  ' }, messages),
    ).toEqual({ errors: {}, request: { unitId: 'u1', policyId: 'p1', brief: 'Take the fire' } });
  });

  it('says what is missing, the policy only once a unit is chosen', () => {
    expect(readStartDraft({ unitId: null, policyId: null, brief: ' ' }, messages)).toEqual({
      errors: { unit: 'Choose a unit', brief: 'Write a short brief' },
      request: null,
    });
    expect(readStartDraft({ unitId: 'u1', policyId: null, brief: 'x' }, messages)).toEqual({
      errors: { policy: 'Choose an escalation policy' },
      request: null,
    });
  });
});

describe('keptPolicy', () => {
  it('keeps the chosen policy while offered, else takes the first, else none', () => {
    const policies = [{ id: 'p1' }, { id: 'p2' }];
    expect(keptPolicy(policies, 'p2')).toBe('p2');
    expect(keptPolicy(policies, 'gone')).toBe('p1');
    expect(keptPolicy(policies, null)).toBe('p1');
    expect(keptPolicy([], 'p1')).toBeNull();
  });
});
