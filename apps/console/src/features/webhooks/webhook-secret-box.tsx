import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscriberWithSecret } from '@vaka/domain';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies text to the clipboard; the old way too, for pages not served over https. */
async function copyText(text: string, fallbackField: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackField === null) return false;
    fallbackField.select();
    return document.execCommand('copy');
  }
}

/**
 * A subscriber's signing secret, new or renewed, shown this once with a way to copy it, a warning
 * that it is now or never, and how the partner checks a delivery with it.
 */
export function WebhookSecretBox({
  created,
  onDone,
}: {
  readonly created: WebhookSubscriberWithSecret;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const fieldId = useId();
  const warningId = useId();
  const fieldRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<CopyState>('idle');

  useEffect(() => {
    fieldRef.current?.focus();
    fieldRef.current?.select();
  }, []);

  async function copy(): Promise<void> {
    setCopyState((await copyText(created.secret, fieldRef.current)) ? 'copied' : 'failed');
  }

  return (
    <section
      className="secret-box"
      aria-labelledby={headingId}
      aria-describedby={warningId}
      data-testid="webhook-secret"
    >
      <h3 id={headingId} className="secret-box__title">
        {t('webhooks.secretHeading', { name: created.subscriber.name })}
      </h3>
      <p id={warningId} className="secret-box__warning">
        {t('webhooks.secretWarning')}
      </p>
      <label className="form-field__label" htmlFor={fieldId}>
        {t('webhooks.secretLabel')}
      </label>
      <div className="secret-box__row">
        <input
          ref={fieldRef}
          id={fieldId}
          className="input secret-box__value"
          readOnly
          value={created.secret}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={warningId}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t('webhooks.copy')}
        </button>
      </div>
      <p className="secret-box__copy-state" role="status">
        {copyState === 'copied' && t('webhooks.copied')}
        {copyState === 'failed' && t('webhooks.copyFailed')}
      </p>
      <p className="form-field__hint">{t('webhooks.verify')}</p>
      <button type="button" className="button button--quiet" onClick={onDone}>
        {t('webhooks.secretDone')}
      </button>
    </section>
  );
}
