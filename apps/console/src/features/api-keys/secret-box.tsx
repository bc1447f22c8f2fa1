import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from '@vaka/domain';

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

/** A new key's secret, shown this once, with a way to copy it and a warning that it is now or never. */
export function SecretBox({
  created,
  onDone,
}: {
  readonly created: CreatedApiKey;
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
      data-testid="api-key-secret"
    >
      <h3 id={headingId} className="secret-box__title">
        {t('apiKeys.secretHeading', { name: created.apiKey.name })}
      </h3>
      <p id={warningId} className="secret-box__warning">
        {t('apiKeys.secretWarning')}
      </p>
      <label className="form-field__label" htmlFor={fieldId}>
        {t('apiKeys.secretLabel')}
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
          {t('apiKeys.copy')}
        </button>
      </div>
      <p className="secret-box__copy-state" role="status">
        {copyState === 'copied' && t('apiKeys.copied')}
        {copyState === 'failed' && t('apiKeys.copyFailed')}
      </p>
      <p className="form-field__hint">{t('apiKeys.secretUsage')}</p>
      <button type="button" className="button button--quiet" onClick={onDone}>
        {t('apiKeys.secretDone')}
      </button>
    </section>
  );
}
