import type { StartEscalation } from '@vaka/domain';

/** The start form as typed: the unit chosen, its policy, and the brief. */
export interface StartDraft {
  readonly unitId: string | null;
  readonly policyId: string | null;
  readonly brief: string;
}

/** What is missing from the start form, by field. */
export interface StartDraftErrors {
  readonly unit?: string;
  readonly policy?: string;
  readonly brief?: string;
}

/** The longest brief the server takes; it goes into every SMS. */
export const BRIEF_MAX = 500;

/**
 * The request a start form makes, or what is missing: a unit, one of its policies and a brief
 * that says something.
 */
export function readStartDraft(
  draft: StartDraft,
  messages: { unitRequired: string; policyRequired: string; briefRequired: string },
): { errors: StartDraftErrors; request: StartEscalation | null } {
  const brief = draft.brief.trim();
  const errors: StartDraftErrors = {
    ...(draft.unitId === null && { unit: messages.unitRequired }),
    ...(draft.unitId !== null && draft.policyId === null && { policy: messages.policyRequired }),
    ...(brief === '' && { brief: messages.briefRequired }),
  };
  if (draft.unitId === null || draft.policyId === null || brief === '') {
    return { errors, request: null };
  }
  return { errors, request: { unitId: draft.unitId, policyId: draft.policyId, brief } };
}

/** The policy to keep chosen when a unit's policies arrive: the one chosen if offered, else the first. */
export function keptPolicy(
  policies: ReadonlyArray<{ readonly id: string }>,
  chosen: string | null,
): string | null {
  if (chosen !== null && policies.some((policy) => policy.id === chosen)) return chosen;
  return policies[0]?.id ?? null;
}
