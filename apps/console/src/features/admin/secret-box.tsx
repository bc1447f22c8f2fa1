import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

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
 * A new secret (an API key's, a webhook subscriber's signing secret), shown this once, with a
 * way to copy it, a warning that it is now or never, and how it is used. `words` names the
 * screen whose texts it speaks with.
 */
export function SecretBox({
  secret,
  heading,
  usage,
  words,
  testId,
  onDone,
}: {
  readonly secret: string;
  readonly heading: string;
  readonly usage: string;
  readonly words: 'apiKeys' | 'webhooks';
  readonly testId: string;
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
    setCopyState((await copyText(secret, fieldRef.current)) ? 'copied' : 'failed');
  }

  return (
    <section
      className="secret-box"
      aria-labelledby={headingId}
      aria-describedby={warningId}
      data-testid={testId}
    >
      <h3 id={headingId} className="secret-box__title">
        {heading}
      </h3>
      <p id={warningId} className="secret-box__warning">
        {t(`${words}.secretWarning`)}
      </p>
      <label className="form-field__label" htmlFor={fieldId}>
        {t(`${words}.secretLabel`)}
      </label>
      <div className="secret-box__row">
        <input
          ref={fieldRef}
          id={fieldId}
          className="input secret-box__value"
          readOnly
          value={secret}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={warningId}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t(`${words}.copy`)}
        </button>
      </div>
      <p className="secret-box__copy-state" role="status">
        {copyState === 'copied' && t(`${words}.copied`)}
        {copyState === 'failed' && t(`${words}.copyFailed`)}
      </p>
      <p className="form-field__hint">{usage}</p>
      <button type="button" className="button button--quiet" onClick={onDone}>
        {t(`${words}.secretDone`)}
      </button>
    </section>
  );
}
