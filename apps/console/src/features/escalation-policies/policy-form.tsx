import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EscalationPolicy, Unit, UnitSchedule } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField, TextField } from '../../components/form-field.tsx';
import type { ApiResult } from '../../lib/api.ts';
import { failureText } from '../../lib/failure-text.ts';
import { FormActions } from '../admin/form-actions.tsx';
import { mergeNotice } from '../admin/merge-notice.ts';
import { placeRefusal, withoutFields } from '../schedules/field-errors.ts';
import {
  archiveEscalationPolicy,
  createEscalationPolicy,
  getEscalationPolicy,
  updateEscalationPolicy,
} from './escalation-policies-api.ts';
import {
  emptyPolicyDraft,
  POLICY_LIMITS,
  policyChanges,
  rebasePolicyDraft,
  policyFields,
  toCreatePolicy,
  toPolicyDraft,
  validatePolicyDraft,
  type PolicyDraft,
  type PolicyErrors,
} from './policy-draft.ts';
import { StepRows } from './step-rows.tsx';
import { ArchiveControl } from '../admin/archive-control.tsx';

interface PolicyFormProps {
  readonly unit: Unit;
  /** The unit's schedules in use, which a step can notify. */
  readonly schedules: readonly UnitSchedule[];
  /** The policy to change; a new one when absent. */
  readonly policy?: EscalationPolicy;
  /** Saved or archived, as the server answered. */
  readonly onSaved: (policy: EscalationPolicy) => void;
  /** A newer state of the policy, loaded after someone else changed it. */
  readonly onReloaded?: (policy: EscalationPolicy) => void;
  readonly onCancel?: () => void;
}

/** The admin's form for an escalation policy: name, repeat and ordered steps, and archiving it. */
export function PolicyForm({
  unit,
  schedules,
  policy,
  onSaved,
  onReloaded,
  onCancel,
}: PolicyFormProps) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const baseId = useId();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // The state of the policy this form started from, newer after a reload.
  const [base, setBase] = useState<EscalationPolicy | undefined>(policy);
  const [draft, setDraft] = useState<PolicyDraft>(() =>
    policy === undefined ? emptyPolicyDraft() : toPolicyDraft(policy),
  );
  const [errors, setErrors] = useState<PolicyErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const [confirmingArchive, setConfirmingArchive] = useState(false);

  function change(next: Partial<PolicyDraft>, fields?: readonly string[]): void {
    setDraft((current) => ({ ...current, ...next }));
    setErrors((current) => (fields === undefined ? {} : withoutFields(current, fields)));
  }

  const errorOf = (field: string): string | undefined => {
    const error = errors[field];
    if (error === undefined) return undefined;
    return 'sentence' in error
      ? error.sentence
      : t(`escalationPolicies.errors.${error.messageKey}`);
  };

  /** Takes the person to the first field with a message, once the messages are drawn. */
  function focusFirstError(): void {
    requestAnimationFrame(() => {
      const form = formRef.current;
      const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (invalid) return invalid.focus();
      // A message of a group (a step's targets) is at the group's first control.
      form
        ?.querySelector('.form-field__error')
        ?.closest('fieldset')
        ?.querySelector<HTMLElement>('input, select, button')
        ?.focus();
    });
  }

  async function submit(): Promise<void> {
    if (busy) return;
    const found = validatePolicyDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(t('escalationPolicies.fixErrors'));
      focusFirstError();
      return;
    }
    let result: ApiResult<EscalationPolicy>;
    if (base === undefined) {
      setBusy(true);
      setFailure('');
      result = await createEscalationPolicy(api, unit.id, toCreatePolicy(draft));
    } else {
      const changes = policyChanges(base, draft);
      if (changes === null) return onCancel?.();
      setBusy(true);
      setFailure('');
      result = await updateEscalationPolicy(api, base.id, {
        changes,
        expectedUpdatedAt: base.updatedAt,
      });
    }
    if (result.outcome === 'ok') {
      setBusy(false);
      if (base === undefined) setDraft(emptyPolicyDraft());
      onSaved(result.body);
      return;
    }
    if (result.outcome === 'rejected' && result.status === 409 && base !== undefined) {
      // Someone else changed the policy: what this admin changed is kept, the fields they left
      // alone take the new state, so saving again does not undo the other change.
      const reloaded = await getEscalationPolicy(api, base.id);
      setBusy(false);
      if (reloaded.outcome === 'ok' && reloaded.body.updatedAt !== base.updatedAt) {
        const current = reloaded.body;
        const { bothChanged } = rebasePolicyDraft(base, draft, current);
        setDraft((typed) => rebasePolicyDraft(base, typed, current).draft);
        setErrors({});
        setBase(current);
        onReloaded?.(current);
        const labels = bothChanged.map((field) => t(`escalationPolicies.${field}`));
        setFailure(
          `${t('escalationPolicies.changedElsewhere', { message: result.message })} ${mergeNotice(t, i18n.language, labels)}`,
        );
        return;
      }
    }
    setBusy(false);
    const placed =
      result.outcome === 'rejected' && result.status === 400
        ? placeRefusal(result.message, policyFields(draft))
        : null;
    if (placed !== null) {
      setErrors({ [placed.field]: { sentence: placed.sentence } });
      setFailure(t('escalationPolicies.fixErrors'));
      focusFirstError();
      return;
    }
    setFailure(failureText(result, t));
  }

  async function archive(): Promise<void> {
    if (busy || base === undefined) return;
    setBusy(true);
    setFailure('');
    const result = await archiveEscalationPolicy(api, base.id);
    setBusy(false);
    if (result.outcome !== 'ok') {
      setConfirmingArchive(false);
      setFailure(failureText(result, t));
      return;
    }
    onSaved(result.body);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape' && onCancel !== undefined) {
      event.preventDefault();
      onCancel();
    }
  }

  const repeatId = `${baseId}-repeat`;
  const repeatHint = t('escalationPolicies.repeatHint');

  return (
    <form
      ref={formRef}
      className="admin-form schedule-form"
      data-testid={base === undefined ? 'create-policy' : 'edit-policy'}
      aria-labelledby={headingId}
      aria-busy={busy}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h4 id={headingId} className="admin-form__title">
        {base === undefined
          ? t('escalationPolicies.createHeading')
          : t('escalationPolicies.editHeading', { name: base.name })}
      </h4>
      <p className="form-alert" role="alert" data-testid="policy-form-alert">
        {failure}
      </p>
      <div className="schedule-form__columns">
        <TextField
          controlId={`${baseId}-name`}
          label={t('escalationPolicies.name')}
          hint={t('escalationPolicies.nameHint')}
          error={errorOf('name')}
          autoFocus
          required
          maxLength={POLICY_LIMITS.name}
          value={draft.name}
          onChange={(name) => change({ name }, ['name'])}
        />
        <FormField
          controlId={repeatId}
          label={t('escalationPolicies.repeat')}
          hint={repeatHint}
          error={errorOf('repeat')}
        >
          <input
            id={repeatId}
            className="input admin-form__number"
            type="number"
            inputMode="numeric"
            min={0}
            max={POLICY_LIMITS.repeat}
            required
            value={draft.repeat}
            aria-invalid={errorOf('repeat') !== undefined}
            aria-describedby={describedBy(repeatId, repeatHint, errorOf('repeat'))}
            onChange={(event) => change({ repeat: event.target.value }, ['repeat'])}
          />
        </FormField>
      </div>
      <StepRows
        baseId={baseId}
        steps={draft.steps}
        contacts={unit.contacts}
        schedules={schedules}
        errorOf={errorOf}
        onChange={(steps, fields) => change({ steps }, fields && [...fields, 'steps'])}
      />
      <FormActions
        submitLabel={
          base === undefined ? t('escalationPolicies.create') : t('escalationPolicies.save')
        }
        progressLabel={
          base === undefined ? t('escalationPolicies.creating') : t('escalationPolicies.saving')
        }
        busy={busy && !confirmingArchive}
        cancelLabel={t('escalationPolicies.cancel')}
        onCancel={onCancel}
      />
      {base !== undefined && (
        <ArchiveControl
          idBase={baseId}
          className="schedule-form__archive"
          busy={busy}
          confirming={confirmingArchive}
          onConfirming={setConfirmingArchive}
          onArchive={() => void archive()}
          labels={{
            archive: t('escalationPolicies.archive'),
            question: t('escalationPolicies.archiveQuestion', { name: base.name }),
            confirm: t('escalationPolicies.archiveConfirm'),
            keep: t('escalationPolicies.archiveKeep'),
            archiving: t('escalationPolicies.archiving'),
          }}
        />
      )}
    </form>
  );
}
