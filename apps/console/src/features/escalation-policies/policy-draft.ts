import {
  EscalationTargetKind,
  type CreateEscalationPolicy,
  type EscalationPolicy,
  type EscalationStep,
  type EscalationTarget,
  type UpdateEscalationPolicy,
} from '@vaka/domain';
import { mergeBySent, mergeDraft, type MergedDraft } from '../admin/draft-merge.ts';
import type { FieldMessage, FieldMessages } from '../schedules/field-errors.ts';
import { newRowKey } from '../schedules/schedule-draft.ts';

/** The limits of CreateEscalationPolicySchema, so the form stops the admin before the server. */
export const POLICY_LIMITS = {
  name: 200,
  repeat: 9,
  steps: 20,
  targets: 20,
  waitMinutes: 1_440,
} as const;

/** One target of a step as chosen; `key` tells rows apart on screen. */
export interface TargetDraft {
  readonly key: string;
  readonly target: EscalationTarget;
}

/** One step as typed. */
export interface StepDraft {
  readonly key: string;
  readonly waitMinutes: string;
  readonly requireAll: boolean;
  readonly targets: readonly TargetDraft[];
}

/** The escalation policy form as typed. */
export interface PolicyDraft {
  readonly name: string;
  readonly repeat: string;
  readonly steps: readonly StepDraft[];
}

export type PolicyErrorKey =
  | 'nameRequired'
  | 'repeatInvalid'
  | 'stepsRequired'
  | 'waitInvalid'
  | 'targetsRequired'
  | 'targetTwice';
export type PolicyErrors = FieldMessages<PolicyErrorKey>;

/** A new step: nobody yet, fifteen minutes to acknowledge, one acknowledgement enough. */
export function emptyStepDraft(): StepDraft {
  return { key: newRowKey('step'), waitMinutes: '15', requireAll: false, targets: [] };
}

/** A new target of a step. */
export function targetDraft(target: EscalationTarget): TargetDraft {
  return { key: newRowKey('target'), target };
}

/** An empty policy form with one step to fill in. */
export function emptyPolicyDraft(): PolicyDraft {
  return { name: '', repeat: '0', steps: [emptyStepDraft()] };
}

/** The edit form filled in from a stored policy. */
export function toPolicyDraft(policy: EscalationPolicy): PolicyDraft {
  return {
    name: policy.name,
    repeat: String(policy.repeat),
    steps: policy.steps.map((step, index) => ({
      key: `step-stored-${index}`,
      waitMinutes: String(step.waitMinutes),
      requireAll: step.requireAll,
      targets: step.targets.map((target, position) => ({
        key: `target-stored-${index}-${position}`,
        target,
      })),
    })),
  };
}

/** A target as the value of a choice in a `<select>`, e.g. `schedule:<id>`. */
export function targetValue(target: EscalationTarget): string {
  return target.kind === EscalationTargetKind.contact
    ? `contact:${target.contactId}`
    : `schedule:${target.scheduleId}`;
}

/** The target a `<select>` value names; null for any other value. */
export function targetFromValue(value: string): EscalationTarget | null {
  const [kind, id] = value.split(':');
  if (id === undefined || id === '') return null;
  if (kind === EscalationTargetKind.contact) return { kind, contactId: id };
  if (kind === EscalationTargetKind.schedule) return { kind, scheduleId: id };
  return null;
}

function isWholeNumber(value: string, min: number, max: number): boolean {
  if (!/^\d+$/.test(value.trim())) return false;
  const number = Number(value);
  return number >= min && number <= max;
}

/** What keeps the policy from being sent, by field; an empty object when it can go. */
export function validatePolicyDraft(draft: PolicyDraft): PolicyErrors {
  const errors: Record<string, FieldMessage<PolicyErrorKey>> = {};
  if (draft.name.trim() === '') errors.name = { messageKey: 'nameRequired' };
  if (!isWholeNumber(draft.repeat, 0, POLICY_LIMITS.repeat)) {
    errors.repeat = { messageKey: 'repeatInvalid' };
  }
  if (draft.steps.length === 0) errors.steps = { messageKey: 'stepsRequired' };
  draft.steps.forEach((step, index) => {
    const field = `steps[${index}]`;
    if (!isWholeNumber(step.waitMinutes, 1, POLICY_LIMITS.waitMinutes)) {
      errors[`${field}.waitMinutes`] = { messageKey: 'waitInvalid' };
    }
    if (step.targets.length === 0) errors[`${field}.targets`] = { messageKey: 'targetsRequired' };
    const seen = new Set<string>();
    step.targets.forEach(({ target }, position) => {
      const value = targetValue(target);
      if (seen.has(value)) {
        errors[`${field}.targets[${position}]`] = { messageKey: 'targetTwice' };
      }
      seen.add(value);
    });
  });
  return errors;
}

function toStep(step: StepDraft): EscalationStep {
  return {
    waitMinutes: Number(step.waitMinutes.trim()),
    requireAll: step.requireAll,
    targets: step.targets.map(({ target }) => target),
  };
}

/** The body of `POST /api/v1/units/:id/escalation-policies`. */
export function toCreatePolicy(draft: PolicyDraft): CreateEscalationPolicy {
  return {
    name: draft.name.trim(),
    repeat: Number(draft.repeat.trim()),
    steps: draft.steps.map(toStep),
  };
}

/** The `changes` of `PATCH /api/v1/escalation-policies/:id`: what changed, or null for nothing. */
export function policyChanges(
  policy: EscalationPolicy,
  draft: PolicyDraft,
): UpdateEscalationPolicy['changes'] | null {
  const wanted = toCreatePolicy(draft);
  const changes: UpdateEscalationPolicy['changes'] = {};
  if (wanted.name !== policy.name) changes.name = wanted.name;
  if (wanted.repeat !== policy.repeat) changes.repeat = wanted.repeat;
  // Both sides go through the form, so a stored step compares field for field in one order.
  const current = toCreatePolicy(toPolicyDraft(policy)).steps;
  if (JSON.stringify(wanted.steps) !== JSON.stringify(current)) changes.steps = wanted.steps;
  return Object.keys(changes).length === 0 ? null : changes;
}

/**
 * The form after someone else saved the policy: what this admin changed since `opened` is kept,
 * the rest takes the policy as it is now, so saving again does not undo the other change.
 * NOTE: the steps merge as one field. A step has no id, only its place in the order, and the steps
 * are read together (who is called when), so mixing two people's edits could make an order
 * neither meant; the admin is told when both changed them.
 */
export function rebasePolicyDraft(
  opened: EscalationPolicy,
  draft: PolicyDraft,
  current: EscalationPolicy,
): MergedDraft<PolicyDraft> {
  return mergeDraft(toPolicyDraft(opened), draft, toPolicyDraft(current), {
    name: mergeBySent((name: string) => name.trim()),
    repeat: mergeBySent((repeat: string) => Number(repeat.trim())),
    steps: mergeBySent((steps: readonly StepDraft[]) => steps.map(toStep)),
  });
}

/** The fields the policy form shows a message at, for placing a refusal of the server. */
export function policyFields(draft: PolicyDraft): ReadonlySet<string> {
  const fields = new Set(['name', 'repeat', 'steps']);
  draft.steps.forEach((step, index) => {
    const field = `steps[${index}]`;
    for (const name of ['', '.waitMinutes', '.requireAll', '.targets']) {
      fields.add(`${field}${name}`);
    }
    step.targets.forEach((_, position) => fields.add(`${field}.targets[${position}]`));
  });
  return fields;
}
