import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_KEY_SCOPES, type ApiKey, type CreatedApiKey } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { describedBy, FormField, TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import {
  API_KEY_LIMITS,
  emptyApiKeyDraft,
  SCOPE_LABEL_KEYS,
  toCreateApiKey,
  validateApiKeyDraft,
  type ApiKeyDraft,
  type ApiKeyDraftErrors,
} from './api-key-draft.ts';
import { AdminForm } from '../admin/admin-form.tsx';
import { createApiKey } from './api-keys-api.ts';
import { SecretBox } from '../admin/secret-box.tsx';

/** The admin's form for a new API key; once created, the key's secret in its place. */
export function NewApiKeyForm({ onCreated }: { readonly onCreated: (apiKey: ApiKey) => void }) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const baseId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const rateRef = useRef<HTMLInputElement>(null);
  const scopeRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<ApiKeyDraft>(emptyApiKeyDraft);
  const [errors, setErrors] = useState<ApiKeyDraftErrors>({});
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
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

  function setField<K extends keyof ApiKeyDraft>(field: K, value: ApiKeyDraft[K]): void {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(): Promise<void> {
    if (creating) return;
    const found = validateApiKeyDraft(draft);
    setErrors(found);
    if (found.name !== undefined) return nameRef.current?.focus();
    if (found.rateLimitPerMinute !== undefined) return rateRef.current?.focus();
    if (found.scopes !== undefined) return scopeRef.current?.focus();
    setCreating(true);
    setFailure('');
    const result = await createApiKey(api, toCreateApiKey(draft));
    setCreating(false);
    if (result.outcome !== 'ok') {
      setFailure(failureText(result, t));
      return;
    }
    setDraft(emptyApiKeyDraft());
    setCreated(result.body);
    onCreated(result.body.apiKey);
  }

  const errorText = (field: keyof ApiKeyDraftErrors): string | undefined => {
    const error = errors[field];
    return error === undefined ? undefined : t(`apiKeys.${error}`);
  };
  const rateId = `${baseId}-rate`;
  const scopesErrorId = `${baseId}-scopes-error`;

  return (
    <section className="panel admin-form-panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {t('apiKeys.createHeading')}
        </h2>
      </header>
      {created !== null ? (
        <SecretBox
          secret={created.secret}
          heading={t('apiKeys.secretHeading', { name: created.apiKey.name })}
          usage={t('apiKeys.secretUsage')}
          words="apiKeys"
          testId="api-key-secret"
          onDone={() => setCreated(null)}
        />
      ) : (
        <>
          <p className="intro-text">{t('apiKeys.intro')}</p>
          <AdminForm
            labelledBy={headingId}
            testId="create-api-key"
            failure={failure}
            failureTestId="create-api-key-error"
            busy={creating}
            submitLabel={t('apiKeys.create')}
            progressLabel={t('apiKeys.creating')}
            onSubmit={() => void submit()}
          >
            <TextField
              controlId={`${baseId}-name`}
              label={t('apiKeys.name')}
              hint={t('apiKeys.nameHint')}
              error={errorText('name')}
              inputRef={nameRef}
              required
              maxLength={API_KEY_LIMITS.name}
              value={draft.name}
              onChange={(value) => setField('name', value)}
            />
            <FormField
              controlId={rateId}
              label={t('apiKeys.rateLimit')}
              error={errorText('rateLimitPerMinute')}
            >
              <input
                ref={rateRef}
                id={rateId}
                className="input admin-form__number"
                type="number"
                inputMode="numeric"
                min={API_KEY_LIMITS.minRateLimit}
                max={API_KEY_LIMITS.maxRateLimit}
                step={1}
                required
                value={draft.rateLimitPerMinute}
                aria-invalid={errors.rateLimitPerMinute !== undefined}
                aria-describedby={describedBy(rateId, undefined, errorText('rateLimitPerMinute'))}
                onChange={(event) => setField('rateLimitPerMinute', event.target.value)}
              />
            </FormField>
            <fieldset className="checkbox-group">
              <legend className="form-field__label">{t('apiKeys.scopes')}</legend>
              {API_KEY_SCOPES.map((scope, index) => (
                <label key={scope} className="checkbox">
                  <input
                    ref={index === 0 ? scopeRef : undefined}
                    type="checkbox"
                    checked={draft.scopes.includes(scope)}
                    aria-describedby={errors.scopes === undefined ? undefined : scopesErrorId}
                    onChange={(event) =>
                      setField(
                        'scopes',
                        event.target.checked
                          ? [...draft.scopes, scope]
                          : draft.scopes.filter((candidate) => candidate !== scope),
                      )
                    }
                  />
                  {t(`apiKeys.scope.${SCOPE_LABEL_KEYS[scope]}`)} <code>{scope}</code>
                </label>
              ))}
              {errors.scopes !== undefined && (
                <p id={scopesErrorId} className="form-field__error">
                  {errorText('scopes')}
                </p>
              )}
            </fieldset>
          </AdminForm>
        </>
      )}
    </section>
  );
}
