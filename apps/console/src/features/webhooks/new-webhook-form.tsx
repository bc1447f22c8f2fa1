import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscriber, WebhookSubscriberWithSecret } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { AdminForm } from '../admin/admin-form.tsx';
import {
  emptyWebhookDraft,
  toCreateWebhook,
  validateWebhookDraft,
  type WebhookDraft,
  type WebhookDraftErrors,
} from './webhook-draft.ts';
import { WebhookFields } from './webhook-fields.tsx';
import { SecretBox } from '../admin/secret-box.tsx';
import { createSubscriber } from './webhooks-api.ts';

/** The admin's form for a new subscriber; once added, its secret in the form's place. */
export function NewWebhookForm({
  onCreated,
}: {
  readonly onCreated: (subscriber: WebhookSubscriber) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const baseId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const urlRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<WebhookDraft>(emptyWebhookDraft);
  const [errors, setErrors] = useState<WebhookDraftErrors>({});
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState('');
  const [created, setCreated] = useState<WebhookSubscriberWithSecret | null>(null);
  const secretShown = useRef(false);

  // When the secret box gives way to the form again, the form's first field takes the focus.
  useEffect(() => {
    if (created !== null) {
      secretShown.current = true;
    } else if (secretShown.current) {
      secretShown.current = false;
      nameRef.current?.focus();
    }
  }, [created]);

  function setField<K extends keyof WebhookDraft>(field: K, value: WebhookDraft[K]): void {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(): Promise<void> {
    if (creating) return;
    const found = validateWebhookDraft(draft);
    setErrors(found);
    if (found.name !== undefined) return nameRef.current?.focus();
    if (found.url !== undefined) return urlRef.current?.focus();
    setCreating(true);
    setFailure('');
    const result = await createSubscriber(api, toCreateWebhook(draft));
    setCreating(false);
    if (result.outcome !== 'ok') {
      setFailure(failureText(result, t));
      return;
    }
    setDraft(emptyWebhookDraft());
    setCreated(result.body);
    onCreated(result.body.subscriber);
  }

  return (
    <section className="panel admin-form-panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {t('webhooks.createHeading')}
        </h2>
      </header>
      {created !== null ? (
        <SecretBox
          secret={created.secret}
          heading={t('webhooks.secretHeading', { name: created.subscriber.name })}
          usage={t('webhooks.verify')}
          words="webhooks"
          testId="webhook-secret"
          onDone={() => setCreated(null)}
        />
      ) : (
        <>
          <p className="intro-text">{t('webhooks.intro')}</p>
          <AdminForm
            labelledBy={headingId}
            testId="create-webhook"
            failure={failure}
            failureTestId="create-webhook-error"
            busy={creating}
            submitLabel={t('webhooks.create')}
            progressLabel={t('webhooks.creating')}
            onSubmit={() => void submit()}
          >
            <WebhookFields
              baseId={baseId}
              draft={draft}
              errors={errors}
              nameRef={nameRef}
              urlRef={urlRef}
              onChange={setField}
            />
          </AdminForm>
        </>
      )}
    </section>
  );
}
