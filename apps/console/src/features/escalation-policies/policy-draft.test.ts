import { describe, expect, it } from 'vitest';
import type { EscalationPolicy } from '@vaka/domain';
import { placeRefusal } from '../schedules/field-errors.ts';
import { moveRow } from '../units/unit-draft.ts';
import {
  emptyPolicyDraft,
  emptyStepDraft,
  policyChanges,
  policyFields,
  rebasePolicyDraft,
  targetDraft,
  targetFromValue,
  targetValue,
  toCreatePolicy,
  toPolicyDraft,
  validatePolicyDraft,
  type PolicyDraft,
} from './policy-draft.ts';

const PRIMARY = '00000000-0000-4000-8000-000000000051';
const EVA = '00000000-0000-4000-8000-0000000000e1';

const onCallThenEva: EscalationPolicy = {
  id: '00000000-0000-4000-8000-000000000061',
  unitId: '00000000-0000-4000-8000-000000000001',
  name: 'Water main burst',
  repeat: 2,
  steps: [
    { waitMinutes: 10, requireAll: false, targets: [{ kind: 'schedule', scheduleId: PRIMARY }] },
    { waitMinutes: 15, requireAll: true, targets: [{ kind: 'contact', contactId: EVA }] },
  ],
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-21T08:00:00.000Z',
};

describe('a new escalation policy', () => {
  it('starts with one step and no repeat', () => {
    const draft = emptyPolicyDraft();
    expect(draft).toMatchObject({ name: '', repeat: '0' });
    expect(draft.steps).toHaveLength(1);
  });

  it('is sent with its steps and targets in the order shown', () => {
    const draft: PolicyDraft = {
      name: ' Water main burst ',
      repeat: ' 2 ',
      steps: [
        {
          ...emptyStepDraft(),
          waitMinutes: '10',
          targets: [targetDraft({ kind: 'schedule', scheduleId: PRIMARY })],
        },
        {
          ...emptyStepDraft(),
          waitMinutes: '15',
          requireAll: true,
          targets: [targetDraft({ kind: 'contact', contactId: EVA })],
        },
      ],
    };
    expect(toCreatePolicy(draft)).toEqual({
      name: onCallThenEva.name,
      repeat: onCallThenEva.repeat,
      steps: onCallThenEva.steps,
    });
  });

  it('is stopped with a message at each field that keeps it from going', () => {
    const eva = targetDraft({ kind: 'contact', contactId: EVA });
    expect(
      validatePolicyDraft({
        name: '',
        repeat: '10',
        steps: [
          { ...emptyStepDraft(), waitMinutes: '0' },
          { ...emptyStepDraft(), waitMinutes: '1441', targets: [eva, { ...eva, key: 'again' }] },
        ],
      }),
    ).toEqual({
      name: { messageKey: 'nameRequired' },
      repeat: { messageKey: 'repeatInvalid' },
      'steps[0].waitMinutes': { messageKey: 'waitInvalid' },
      'steps[0].targets': { messageKey: 'targetsRequired' },
      'steps[1].waitMinutes': { messageKey: 'waitInvalid' },
      'steps[1].targets[1]': { messageKey: 'targetTwice' },
    });
    expect(validatePolicyDraft({ name: 'x', repeat: '0', steps: [] })).toEqual({
      steps: { messageKey: 'stepsRequired' },
    });
  });

  it('offers targets as choices that read back as the same target', () => {
    for (const target of onCallThenEva.steps.flatMap((step) => step.targets)) {
      expect(targetFromValue(targetValue(target))).toEqual(target);
    }
    expect(targetFromValue('')).toBeNull();
    expect(targetFromValue('team:x')).toBeNull();
  });
});

describe('a change of an escalation policy', () => {
  it('sends nothing when nothing changed, and only the repeat when only it did', () => {
    const draft = toPolicyDraft(onCallThenEva);
    expect(policyChanges(onCallThenEva, draft)).toBeNull();
    expect(policyChanges(onCallThenEva, { ...draft, repeat: '0' })).toEqual({ repeat: 0 });
  });

  it('sends every step in the new order when one moved', () => {
    const draft = toPolicyDraft(onCallThenEva);
    const steps = moveRow(draft.steps, draft.steps[1]?.key ?? '', -1);
    expect(policyChanges(onCallThenEva, { ...draft, steps })).toEqual({
      steps: [onCallThenEva.steps[1], onCallThenEva.steps[0]],
    });
  });
});

describe('a refusal of the server', () => {
  const fields = policyFields(toPolicyDraft(onCallThenEva));

  it('shows at the target the service names', () => {
    expect(
      placeRefusal(
        `steps[0].targets[0]: the schedule Primary was archived at 2026-11-21T08:00:00.000Z; nobody is on call through it, choose a schedule in use`,
        fields,
      )?.field,
    ).toBe('steps[0].targets[0]');
  });

  it('shows a schema refusal at the step field it names', () => {
    expect(placeRefusal('body/changes/steps/1/waitMinutes must be <= 1440', fields)).toEqual({
      field: 'steps[1].waitMinutes',
      sentence: 'must be <= 1440',
    });
    expect(placeRefusal('body/repeat must be <= 9', fields)?.field).toBe('repeat');
  });
});

describe('after someone else saved the policy', () => {
  const shorter: EscalationPolicy = {
    ...onCallThenEva,
    steps: onCallThenEva.steps.map((step) => ({ ...step, waitMinutes: 5 })),
    updatedAt: '2026-11-21T09:00:00.000Z',
  };

  it('saving again sends only the name this admin changed, so the shorter waits stay', () => {
    const draft = { ...toPolicyDraft(onCallThenEva), name: 'Burst water main', repeat: ' 2' };
    const rebased = rebasePolicyDraft(onCallThenEva, draft, shorter);
    expect(rebased.bothChanged).toEqual([]);
    expect(policyChanges(shorter, rebased.draft)).toEqual({ name: 'Burst water main' });
  });

  it('keeps the steps as typed when both changed them, and names them', () => {
    const typed = toPolicyDraft(onCallThenEva);
    const draft = { ...typed, steps: typed.steps.slice(0, 1) };
    const rebased = rebasePolicyDraft(onCallThenEva, draft, shorter);
    expect(rebased.bothChanged).toEqual(['steps']);
    expect(policyChanges(shorter, rebased.draft)).toEqual({ steps: [onCallThenEva.steps[0]] });
  });
});
