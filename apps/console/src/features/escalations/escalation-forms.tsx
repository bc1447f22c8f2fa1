import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Escalation,
  EscalationPolicy,
  EscalationSuggestion,
  Incident,
  RecordAcknowledgement,
  Unit,
} from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { ActionForm } from '../incident-detail/action-form.tsx';
import { getUnit, listUnits } from '../units/units-api.ts';
import { readUnitPolicies } from './escalations-api.ts';
import { suggestionReasonText } from './escalation-text.ts';
import { BRIEF_MAX, keptPolicy, readStartDraft, type StartDraftErrors } from './start-draft.ts';
import { useLoadedFor, type LoadedFor } from './use-loaded-for.ts';

const NOTE_MAX = 1_000;
/** The radio value of "another unit", which no unit id can be. */
const OTHER_UNIT = 'other';

interface CommonProps {
  readonly busy: boolean;
  readonly onCancel: () => void;
}

/** The state of a list read for a form field, in words, when it is not there yet. */
function LoadingLine<T>({
  loaded,
  loadingText,
}: {
  readonly loaded: LoadedFor<T>;
  readonly loadingText: string;
}) {
  const { t } = useTranslation();
  if (loaded.status === 'loading') {
    return (
      <p className="form-field__hint" role="status">
        {loadingText}
      </p>
    );
  }
  if (loaded.status === 'failed') {
    return (
      <p className="form-field__error" role="alert">
        {t('escalations.startForm.loadFailed', { reason: failureText(loaded.failure, t) })}
      </p>
    );
  }
  return null;
}

/**
 * Starts an escalation: the units that answer for the incident first, with why and a warning
 * when nobody is on call, or any other unit; one of its policies; and a short brief.
 */
export function StartEscalationForm({
  incident,
  suggestions,
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly incident: Incident;
  readonly suggestions: readonly EscalationSuggestion[];
  readonly onSubmit: (request: { unitId: string; policyId: string; brief: string }) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const name = useId();
  const otherId = useId();
  const policyFieldId = useId();
  const briefId = useId();
  const [choice, setChoice] = useState<string | null>(
    () => suggestions.find((suggestion) => suggestion.policies.length > 0)?.unitId ?? null,
  );
  const [otherUnitId, setOtherUnitId] = useState<string | null>(null);
  const [policyId, setPolicyId] = useState<string | null>(null);
  const [brief, setBrief] = useState('');
  const [errors, setErrors] = useState<StartDraftErrors>({});

  const loadUnits = useCallback(() => listUnits(api, false), [api]);
  const loadPolicies = useCallback((unitId: string) => readUnitPolicies(api, unitId), [api]);
  const units = useLoadedFor<Unit[]>(choice === OTHER_UNIT ? 'units' : null, loadUnits);
  const otherPolicies = useLoadedFor<EscalationPolicy[]>(
    choice === OTHER_UNIT ? otherUnitId : null,
    loadPolicies,
  );

  const suggested = suggestions.find((suggestion) => suggestion.unitId === choice);
  const unitId = choice === OTHER_UNIT ? otherUnitId : (suggested?.unitId ?? null);
  const offered: ReadonlyArray<{ id: string; name: string }> =
    suggested?.policies ?? (otherPolicies.status === 'loaded' ? otherPolicies.value : []);
  const chosenPolicy = keptPolicy(offered, policyId);
  const suggestedIds = new Set(suggestions.map((suggestion) => suggestion.unitId));

  const clear = (field: keyof StartDraftErrors) =>
    setErrors((current) => ({ ...current, [field]: undefined }));

  return (
    <ActionForm
      testId="start-escalation-form"
      heading={t('escalations.startForm.heading')}
      submitLabel={t('escalations.startForm.submit')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        const { errors: found, request } = readStartDraft(
          { unitId, policyId: chosenPolicy, brief },
          {
            unitRequired: t('escalations.startForm.unitRequired'),
            policyRequired: t('escalations.startForm.policyRequired'),
            briefRequired: t('escalations.startForm.briefRequired'),
          },
        );
        setErrors(found);
        if (request !== null) onSubmit(request);
      }}
    >
      <fieldset className="escalation-form__units">
        <legend className="form-field__label">{t('escalations.startForm.suggested')}</legend>
        {suggestions.length === 0 && (
          <p className="form-field__hint" data-testid="escalation-no-suggestions">
            {t('escalations.startForm.noSuggestions', {
              category: t(`category.${incident.category}`),
            })}
          </p>
        )}
        {suggestions.map((suggestion) => {
          const usable = suggestion.policies.length > 0;
          return (
            <label
              key={suggestion.unitId}
              className="escalation-choice"
              data-testid="escalation-suggestion"
              data-unit-id={suggestion.unitId}
            >
              <input
                type="radio"
                name={name}
                value={suggestion.unitId}
                checked={choice === suggestion.unitId}
                disabled={!usable}
                autoFocus={choice === suggestion.unitId}
                onChange={() => {
                  setChoice(suggestion.unitId);
                  setPolicyId(null);
                  clear('unit');
                }}
              />
              <span className="escalation-choice__text">
                <strong>{suggestion.unitName}</strong>
                <span className="escalation-choice__reasons">
                  {suggestion.reasons
                    .map((reason) => suggestionReasonText(reason, incident, t))
                    .join(' · ')}
                </span>
                {suggestion.nobodyOnCall && (
                  <span
                    className="escalation-choice__warning"
                    data-testid="escalation-nobody-on-call"
                  >
                    <span aria-hidden="true">⚠ </span>
                    {t('escalations.startForm.nobodyOnCall')}
                  </span>
                )}
                {!usable && (
                  <span className="escalation-choice__warning">
                    <span aria-hidden="true">⚠ </span>
                    {t('escalations.startForm.noPolicy')}
                  </span>
                )}
              </span>
            </label>
          );
        })}
        <label className="escalation-choice" data-testid="escalation-other-unit">
          <input
            type="radio"
            name={name}
            value={OTHER_UNIT}
            checked={choice === OTHER_UNIT}
            autoFocus={choice === null}
            onChange={() => {
              setChoice(OTHER_UNIT);
              setPolicyId(null);
              clear('unit');
            }}
          />
          <span className="escalation-choice__text">
            <strong>{t('escalations.startForm.otherUnit')}</strong>
          </span>
        </label>
        {errors.unit !== undefined && choice !== OTHER_UNIT && (
          <p className="form-field__error" role="alert">
            {errors.unit}
          </p>
        )}
      </fieldset>
      {choice === OTHER_UNIT && (
        <FormField controlId={otherId} label={t('escalations.startForm.unit')} error={errors.unit}>
          <select
            id={otherId}
            className="input"
            data-testid="escalation-other-unit-select"
            value={otherUnitId ?? ''}
            aria-invalid={errors.unit !== undefined}
            aria-describedby={describedBy(otherId, undefined, errors.unit)}
            onChange={(event) => {
              setOtherUnitId(event.target.value === '' ? null : event.target.value);
              setPolicyId(null);
              clear('unit');
            }}
          >
            <option value="">{t('escalations.startForm.chooseUnit')}</option>
            {units.status === 'loaded' &&
              units.value
                .filter((unit) => !suggestedIds.has(unit.id))
                .map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.name}
                  </option>
                ))}
          </select>
          <LoadingLine loaded={units} loadingText={t('escalations.startForm.loadingUnits')} />
        </FormField>
      )}
      {unitId !== null && (
        <FormField
          controlId={policyFieldId}
          label={t('escalations.startForm.policy')}
          error={errors.policy}
        >
          <select
            id={policyFieldId}
            className="input"
            data-testid="escalation-policy-select"
            value={chosenPolicy ?? ''}
            aria-invalid={errors.policy !== undefined}
            aria-describedby={describedBy(policyFieldId, undefined, errors.policy)}
            onChange={(event) => {
              setPolicyId(event.target.value === '' ? null : event.target.value);
              clear('policy');
            }}
          >
            {offered.length === 0 && (
              <option value="">{t('escalations.startForm.noPolicy')}</option>
            )}
            {offered.map((policy) => (
              <option key={policy.id} value={policy.id}>
                {policy.name}
              </option>
            ))}
          </select>
          {choice === OTHER_UNIT && (
            <LoadingLine
              loaded={otherPolicies}
              loadingText={t('escalations.startForm.loadingPolicies')}
            />
          )}
        </FormField>
      )}
      <FormField
        controlId={briefId}
        label={t('escalations.startForm.brief')}
        hint={t('escalations.startForm.briefHint')}
        error={errors.brief}
      >
        <textarea
          id={briefId}
          className="input action-form__text"
          data-testid="escalation-brief-input"
          rows={3}
          maxLength={BRIEF_MAX}
          value={brief}
          aria-invalid={errors.brief !== undefined}
          aria-describedby={describedBy(
            briefId,
            t('escalations.startForm.briefHint'),
            errors.brief,
          )}
          onChange={(event) => {
            setBrief(event.target.value);
            clear('brief');
          }}
        />
      </FormField>
    </ActionForm>
  );
}

/** Records that the unit took the case by phone: who answered, if one of its contacts, and a note. */
export function AcknowledgeForm({
  escalation,
  busy,
  onCancel,
  onSubmit,
}: CommonProps & {
  readonly escalation: Escalation;
  readonly onSubmit: (request: Omit<RecordAcknowledgement, 'expectedUpdatedAt'>) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const contactId = useId();
  const noteId = useId();
  const [contact, setContact] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const loadUnit = useCallback((unitId: string) => getUnit(api, unitId), [api]);
  const unit = useLoadedFor<Unit>(escalation.unitId, loadUnit);
  return (
    <ActionForm
      testId="acknowledge-escalation-form"
      heading={t('escalations.acknowledge')}
      submitLabel={t('escalations.acknowledgeForm.submit')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        if (note.trim() === '') {
          setError(t('escalations.acknowledgeForm.noteRequired'));
          return;
        }
        onSubmit({ ...(contact !== '' && { contactId: contact }), note: note.trim() });
      }}
    >
      <FormField
        controlId={contactId}
        label={t('escalations.acknowledgeForm.contact')}
        optionalLabel={t('actions.optional')}
      >
        <select
          id={contactId}
          className="input"
          data-testid="acknowledge-contact"
          value={contact}
          onChange={(event) => setContact(event.target.value)}
        >
          <option value="">{t('escalations.acknowledgeForm.contactNone')}</option>
          {unit.status === 'loaded' &&
            unit.value.contacts.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
        </select>
      </FormField>
      <FormField controlId={noteId} label={t('escalations.acknowledgeForm.note')} error={error}>
        <textarea
          id={noteId}
          className="input action-form__text"
          data-testid="acknowledge-note"
          rows={2}
          autoFocus
          maxLength={NOTE_MAX}
          value={note}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy(noteId, undefined, error)}
          onChange={(event) => {
            setNote(event.target.value);
            setError(undefined);
          }}
        />
      </FormField>
    </ActionForm>
  );
}

/** Calls an escalation off, saying why. */
export function CancelEscalationForm({
  busy,
  onCancel,
  onSubmit,
}: CommonProps & { readonly onSubmit: (reason: string) => void }) {
  const { t } = useTranslation();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <ActionForm
      testId="cancel-escalation-form"
      heading={t('escalations.cancel')}
      submitLabel={t('escalations.cancelForm.submit')}
      busy={busy}
      onCancel={onCancel}
      onSubmit={() => {
        if (reason.trim() === '') setError(t('escalations.cancelForm.reasonRequired'));
        else onSubmit(reason.trim());
      }}
    >
      <FormField controlId={reasonId} label={t('escalations.cancelForm.reason')} error={error}>
        <input
          id={reasonId}
          className="input"
          data-testid="cancel-escalation-reason"
          autoComplete="off"
          autoFocus
          maxLength={NOTE_MAX}
          value={reason}
          aria-invalid={error !== undefined}
          aria-describedby={describedBy(reasonId, undefined, error)}
          onChange={(event) => {
            setReason(event.target.value);
            setError(undefined);
          }}
        />
      </FormField>
    </ActionForm>
  );
}
