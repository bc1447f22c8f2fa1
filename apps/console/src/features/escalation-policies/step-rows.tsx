import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, EscalationTarget, UnitSchedule } from '@vaka/domain';
import { describedBy, FormField } from '../../components/form-field.tsx';
import {
  buttonAfterMove,
  RowOrderButtons,
  useFocusAfterRender,
} from '../schedules/ordered-rows.tsx';
import { moveRow } from '../units/unit-draft.ts';
import {
  emptyStepDraft,
  POLICY_LIMITS,
  targetDraft,
  targetFromValue,
  targetValue,
  type StepDraft,
} from './policy-draft.ts';

interface StepRowsProps {
  readonly baseId: string;
  readonly steps: readonly StepDraft[];
  /** The unit's contacts and schedules in use: what a step can notify. */
  readonly contacts: readonly Contact[];
  readonly schedules: readonly UnitSchedule[];
  /** The message of a field by its name, e.g. `steps[0].targets[1]`; undefined when none. */
  readonly errorOf: (field: string) => string | undefined;
  /**
   * The new steps; `changedFields` are the fields whose messages no longer fit, or absent when
   * rows moved, came or went and every message must go (their numbers changed).
   */
  readonly onChange: (steps: StepDraft[], changedFields?: readonly string[]) => void;
}

/** A policy's steps in order, each with its wait and its targets, added, moved and removed by keyboard. */
export function StepRows({ baseId, steps, contacts, schedules, errorOf, onChange }: StepRowsProps) {
  const { t } = useTranslation();
  const focusAfterRender = useFocusAfterRender();
  const addId = `${baseId}-add-step`;
  const stepId = (step: StepDraft): string => `${baseId}-step-${step.key}`;

  function setStep(index: number, step: StepDraft, fields?: readonly string[]): void {
    onChange(
      steps.map((current, at) => (at === index ? step : current)),
      fields?.map((field) => `steps[${index}]${field}`),
    );
  }

  function move(step: StepDraft, index: number, offset: -1 | 1): void {
    onChange(moveRow(steps, step.key, offset));
    focusAfterRender(`${stepId(step)}-${buttonAfterMove(index + offset, steps.length, offset)}`);
  }

  function remove(index: number): void {
    const remaining = steps.filter((_, at) => at !== index);
    onChange(remaining);
    const next = remaining[Math.min(index, remaining.length - 1)];
    focusAfterRender(next === undefined ? addId : `${stepId(next)}-wait`);
  }

  function add(): void {
    const step = emptyStepDraft();
    onChange([...steps, step]);
    focusAfterRender(`${stepId(step)}-wait`);
  }

  return (
    <fieldset className="policy-steps" aria-describedby={`${baseId}-steps-hint`}>
      <legend className="form-field__label">{t('escalationPolicies.steps')}</legend>
      <p id={`${baseId}-steps-hint`} className="form-field__hint">
        {t('escalationPolicies.stepsHint')}
      </p>
      {errorOf('steps') !== undefined && <p className="form-field__error">{errorOf('steps')}</p>}
      <ol className="policy-steps__list">
        {steps.map((step, index) => (
          <li key={step.key} data-testid="policy-step">
            <StepFields
              id={stepId(step)}
              index={index}
              count={steps.length}
              step={step}
              contacts={contacts}
              schedules={schedules}
              errorOf={(field) => errorOf(`steps[${index}]${field}`)}
              onChange={(next, fields) => setStep(index, next, fields)}
              onMove={(offset) => move(step, index, offset)}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      {steps.length < POLICY_LIMITS.steps && (
        <div>
          <button id={addId} type="button" className="button button--quiet" onClick={add}>
            {t('escalationPolicies.addStep')}
          </button>
        </div>
      )}
    </fieldset>
  );
}

interface StepFieldsProps {
  readonly id: string;
  readonly index: number;
  readonly count: number;
  readonly step: StepDraft;
  readonly contacts: readonly Contact[];
  readonly schedules: readonly UnitSchedule[];
  readonly errorOf: (field: string) => string | undefined;
  /** The step changed; the messages of `fields` go, or all of them when absent. */
  onChange(step: StepDraft, fields?: readonly string[]): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}

function StepFields({
  id,
  index,
  count,
  step,
  contacts,
  schedules,
  errorOf,
  onChange,
  onMove,
  onRemove,
}: StepFieldsProps) {
  const { t } = useTranslation();
  const focusAfterRender = useFocusAfterRender();
  const [choice, setChoice] = useState('');
  const number = index + 1;
  const waitError = errorOf('.waitMinutes');
  const targetsError = errorOf('.targets');
  const selectId = `${id}-target-choice`;
  const chosen = new Set(step.targets.map(({ target }) => targetValue(target)));
  const choices = [
    ...schedules.map((schedule) => ({
      value: targetValue({ kind: 'schedule', scheduleId: schedule.id }),
      label: t('escalationPolicies.scheduleTarget', { name: schedule.name }),
      group: 'schedule' as const,
    })),
    ...contacts.map((contact) => ({
      value: targetValue({ kind: 'contact', contactId: contact.id }),
      label: contact.name,
      group: 'contact' as const,
    })),
  ].filter((option) => !chosen.has(option.value));
  const offered = choices.some((option) => option.value === choice) ? choice : choices[0]?.value;

  function targetName(target: EscalationTarget): string {
    if (target.kind === 'contact') {
      return (
        contacts.find((contact) => contact.id === target.contactId)?.name ??
        t('schedules.unknownContact')
      );
    }
    const schedule = schedules.find((candidate) => candidate.id === target.scheduleId);
    return schedule === undefined
      ? t('escalationPolicies.unknownSchedule')
      : t('escalationPolicies.scheduleTarget', { name: schedule.name });
  }

  function addTarget(): void {
    const target = offered === undefined ? null : targetFromValue(offered);
    if (target === null) return;
    const added = targetDraft(target);
    onChange({ ...step, targets: [...step.targets, added] });
    setChoice('');
    // With the last choice taken the list of choices goes: the focus stays with the new target.
    if (choices.length <= 1) focusAfterRender(`${id}-target-${added.key}-remove`);
  }

  function removeTarget(position: number): void {
    const remaining = step.targets.filter((_, at) => at !== position);
    onChange({ ...step, targets: remaining });
    const next = remaining[Math.min(position, remaining.length - 1)];
    focusAfterRender(next === undefined ? selectId : `${id}-target-${next.key}-remove`);
  }

  return (
    <fieldset className="policy-step">
      <legend className="schedule-layer__legend">
        {t('escalationPolicies.stepNumber', { number })}
      </legend>
      {errorOf('') !== undefined && <p className="form-field__error">{errorOf('')}</p>}
      <div className="policy-step__fields">
        <FormField
          controlId={`${id}-wait`}
          label={t('escalationPolicies.waitMinutes')}
          hint={t('escalationPolicies.waitMinutesHint')}
          error={waitError}
        >
          <input
            id={`${id}-wait`}
            className="input admin-form__number"
            type="number"
            inputMode="numeric"
            min={1}
            max={POLICY_LIMITS.waitMinutes}
            required
            value={step.waitMinutes}
            aria-invalid={waitError !== undefined}
            aria-describedby={describedBy(
              `${id}-wait`,
              t('escalationPolicies.waitMinutesHint'),
              waitError,
            )}
            onChange={(event) =>
              onChange({ ...step, waitMinutes: event.target.value }, ['.waitMinutes'])
            }
          />
        </FormField>
        <label className="checkbox policy-step__require-all">
          <input
            type="checkbox"
            checked={step.requireAll}
            onChange={(event) =>
              onChange({ ...step, requireAll: event.target.checked }, ['.requireAll'])
            }
          />
          {t('escalationPolicies.requireAll')}
        </label>
      </div>
      <fieldset
        className="schedule-layer__group"
        aria-describedby={targetsError === undefined ? undefined : `${id}-targets-error`}
      >
        <legend className="form-field__label">{t('escalationPolicies.targets', { number })}</legend>
        {targetsError !== undefined && (
          <p className="form-field__error" id={`${id}-targets-error`}>
            {targetsError}
          </p>
        )}
        <ul className="ordered-rows">
          {step.targets.map(({ key, target }, position) => {
            const name = targetName(target);
            const error = errorOf(`.targets[${position}]`);
            return (
              <li key={key} className="ordered-row" data-testid="policy-target">
                <span className="ordered-row__name">{name}</span>
                <div className="ordered-row__actions">
                  <button
                    id={`${id}-target-${key}-remove`}
                    type="button"
                    className="button button--danger-quiet button--small"
                    aria-label={t('escalationPolicies.removeTargetLabel', { name, number })}
                    onClick={() => removeTarget(position)}
                  >
                    {t('schedules.order.remove')}
                  </button>
                </div>
                {error !== undefined && <p className="form-field__error">{error}</p>}
              </li>
            );
          })}
        </ul>
        {choices.length === 0 ? (
          <p className="form-field__hint">
            {contacts.length === 0 && schedules.length === 0
              ? t('escalationPolicies.nothingToNotify')
              : t('escalationPolicies.everyoneChosen')}
          </p>
        ) : (
          step.targets.length < POLICY_LIMITS.targets && (
            <div className="ordered-rows__add">
              <FormField controlId={selectId} label={t('escalationPolicies.targetChoice')}>
                <select
                  id={selectId}
                  className="input"
                  value={offered ?? ''}
                  onChange={(event) => setChoice(event.target.value)}
                  onKeyDown={(event) => {
                    // Enter adds the chosen target, as the button beside it does.
                    if (event.key !== 'Enter') return;
                    event.preventDefault();
                    addTarget();
                  }}
                >
                  {(['schedule', 'contact'] as const).map((group) => {
                    const options = choices.filter((option) => option.group === group);
                    if (options.length === 0) return null;
                    return (
                      <optgroup
                        key={group}
                        label={
                          group === 'schedule'
                            ? t('escalationPolicies.schedulesGroup')
                            : t('escalationPolicies.contactsGroup')
                        }
                      >
                        {options.map((option) => (
                          <option key={option.value} value={option.value}>
                            {option.label}
                          </option>
                        ))}
                      </optgroup>
                    );
                  })}
                </select>
              </FormField>
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('escalationPolicies.addTargetLabel', { number })}
                onClick={addTarget}
              >
                {t('escalationPolicies.addTarget')}
              </button>
            </div>
          )
        )}
      </fieldset>
      <RowOrderButtons
        id={id}
        index={index}
        count={count}
        name={t('escalationPolicies.stepNumber', { number })}
        named
        onMove={onMove}
        onRemove={onRemove}
      />
    </fieldset>
  );
}
