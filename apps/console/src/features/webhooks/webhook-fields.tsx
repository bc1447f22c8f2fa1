import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form-field.tsx';
import { WEBHOOK_LIMITS, type WebhookDraft, type WebhookDraftErrors } from './webhook-draft.ts';

interface WebhookFieldsProps {
  readonly baseId: string;
  readonly draft: WebhookDraft;
  readonly errors: WebhookDraftErrors;
  readonly nameRef: RefObject<HTMLInputElement | null>;
  readonly urlRef: RefObject<HTMLInputElement | null>;
  readonly autoFocus?: boolean;
  readonly onChange: <K extends keyof WebhookDraft>(field: K, value: WebhookDraft[K]) => void;
}

/** A subscriber's name, address and whether it takes exercises, as a new or changed one. */
export function WebhookFields({
  baseId,
  draft,
  errors,
  nameRef,
  urlRef,
  autoFocus,
  onChange,
}: WebhookFieldsProps) {
  const { t } = useTranslation();
  const errorText = (field: keyof WebhookDraftErrors): string | undefined => {
    const error = errors[field];
    return error === undefined ? undefined : t(`webhooks.errors.${error}`);
  };
  return (
    <>
      <TextField
        controlId={`${baseId}-name`}
        label={t('webhooks.name')}
        hint={t('webhooks.nameHint')}
        error={errorText('name')}
        inputRef={nameRef}
        autoFocus={autoFocus}
        required
        maxLength={WEBHOOK_LIMITS.name}
        value={draft.name}
        onChange={(value) => onChange('name', value)}
      />
      <TextField
        controlId={`${baseId}-url`}
        label={t('webhooks.url')}
        hint={t('webhooks.urlHint')}
        error={errorText('url')}
        inputRef={urlRef}
        verbatim
        required
        maxLength={WEBHOOK_LIMITS.url}
        value={draft.url}
        onChange={(value) => onChange('url', value)}
      />
      <div className="checkbox-group">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.exercises}
            aria-describedby={`${baseId}-exercises-hint`}
            onChange={(event) => onChange('exercises', event.target.checked)}
          />
          {t('webhooks.exercises')}
        </label>
        <p id={`${baseId}-exercises-hint`} className="form-field__hint">
          {t('webhooks.exercisesHint')}
        </p>
      </div>
    </>
  );
}
