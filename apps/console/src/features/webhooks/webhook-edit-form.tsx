import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscriber } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { mergeDraft } from '../admin/draft-merge.ts';
import { FormActions } from '../admin/form-actions.tsx';
import {
  toWebhookDraft,
  validateWebhookDraft,
  webhookChanges,
  type WebhookDraft,
  type WebhookDraftErrors,
} from './webhook-draft.ts';
import { WebhookFields } from './webhook-fields.tsx';
import { changeSubscriber } from './webhooks-api.ts';

interface WebhookEditFormProps {
  readonly subscriber: WebhookSubscriber;
  readonly onSaved: (subscriber: WebhookSubscriber) => void;
  /** Reads the subscribers again after a refusal: the subscriber as it is now, if it still is. */
  readonly onStale: () => Promise<WebhookSubscriber | undefined>;
  readonly onCancel: () => void;
}

/** The admin's form that changes a subscriber's name, address or whether it takes exercises. */
export function WebhookEditForm({ subscriber, onSaved, onStale, onCancel }: WebhookEditFormProps) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const baseId = useId();
  const headingId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  // The state this form started from, newer after someone else's change was loaded.
  const [base, setBase] = useState(subscriber);
  const [draft, setDraft] = useState<WebhookDraft>(() => toWebhookDraft(subscriber));
  const [errors, setErrors] = useState<WebhookDraftErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  function setField<K extends keyof WebhookDraft>(field: K, value: WebhookDraft[K]): void {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(): Promise<void> {
    if (busy) return;
    const found = validateWebhookDraft(draft);
    setErrors(found);
    if (found.name !== undefined || found.url !== undefined) {
      setFailure(t('webhooks.fixErrors'));
      (found.name !== undefined ? nameRef : urlRef).current?.focus();
      return;
    }
    const change = webhookChanges(base, draft);
    if (change === null) return onCancel();
    setBusy(true);
    setFailure('');
    const result = await changeSubscriber(api, base.id, change);
    if (result.outcome === 'ok') {
      setBusy(false);
      onSaved(result.body);
      return;
    }
    if (result.outcome === 'rejected' && result.status === 409) {
      // Someone else changed or archived it: show its new state and keep what was typed.
      const current = await onStale();
      setBusy(false);
      if (current !== undefined && current.archivedAt !== undefined) {
        setFailure(t('webhooks.archivedElsewhere', { name: current.name }));
        return;
      }
      if (current !== undefined && current.updatedAt !== base.updatedAt) {
        // What was typed is kept; the fields left alone take the other change.
        setDraft((typed) => mergeDraft(toWebhookDraft(base), typed, toWebhookDraft(current)).draft);
        setBase(current);
        setFailure(t('webhooks.changedElsewhere', { name: current.name }));
        return;
      }
    }
    setBusy(false);
    setFailure(failureText(result, t));
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form
      className="admin-form admin-form--inline"
      data-testid="edit-webhook"
      aria-labelledby={headingId}
      aria-busy={busy}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id={headingId} className="admin-form__title">
        {t('webhooks.editHeading', { name: base.name })}
      </h3>
      <p className="form-alert" role="alert" data-testid="edit-webhook-error">
        {failure}
      </p>
      <WebhookFields
        baseId={baseId}
        draft={draft}
        errors={errors}
        nameRef={nameRef}
        urlRef={urlRef}
        autoFocus
        onChange={setField}
      />
      <FormActions
        submitLabel={t('webhooks.save')}
        progressLabel={t('webhooks.saving')}
        busy={busy}
        cancelLabel={t('webhooks.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
