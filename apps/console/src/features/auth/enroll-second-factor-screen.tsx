import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecondFactorSetup } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { failureText } from '../../lib/failure-text.ts';
import { AuthPage } from './auth-page.tsx';
import { CodeField } from './code-field.tsx';
import { groupSecret, isCompleteCode, normalizeCode } from './second-factor.ts';
import { SignOutButton } from './user-menu.tsx';

/**
 * Before anything else, a person whose role requires an authentication code sets one up: a new
 * secret for their authenticator app, then a code from it to show it was entered right.
 */
export function EnrollSecondFactorScreen() {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const headingId = useId();
  const introId = useId();
  const baseId = useId();
  const codeRef = useRef<HTMLInputElement>(null);
  const [setup, setSetup] = useState<SecondFactorSetup | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');

  async function start(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setFailure('');
    const result = await auth.setUpSecondFactor();
    setBusy(false);
    if (result.outcome === 'ok') {
      setSetup(result.body);
      setCode('');
    } else {
      setFailure(failureText(result, t));
    }
  }

  async function confirm(): Promise<void> {
    if (busy) return;
    if (!isCompleteCode(code)) {
      setCodeError(t('auth.codeInvalid'));
      codeRef.current?.focus();
      return;
    }
    setBusy(true);
    setFailure('');
    const outcome = await auth.confirmSecondFactor(normalizeCode(code));
    setBusy(false);
    if (outcome.outcome === 'confirmed') return;
    setCode('');
    setFailure(
      outcome.outcome === 'wrong_code' ? t('enroll.wrongCode') : failureText(outcome.failure, t),
    );
    codeRef.current?.focus();
  }

  return (
    <AuthPage tools={<SignOutButton />}>
      <section
        className="panel auth-panel"
        aria-labelledby={headingId}
        data-testid="enroll-second-factor"
      >
        <h2 id={headingId} className="auth-panel__title">
          {t('enroll.heading')}
        </h2>
        <p id={introId} className="auth-panel__intro">
          {t('enroll.intro')}
        </p>
        <p className="form-alert" role="alert" data-testid="enroll-error">
          {failure}
        </p>
        {setup === null ? (
          <div className="auth-form__actions">
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busy}
              autoFocus
              onClick={() => void start()}
            >
              {t('enroll.start')}
            </button>
            <span className="auth-form__progress" role="status">
              {busy ? t('enroll.starting') : ''}
            </span>
          </div>
        ) : (
          <form
            className="auth-form"
            data-testid="enroll-form"
            aria-labelledby={headingId}
            aria-describedby={introId}
            aria-busy={busy}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void confirm();
            }}
          >
            <dl className="enroll-secret">
              <dt>{t('enroll.secret')}</dt>
              <dd>
                <code className="enroll-secret__value" data-testid="enroll-secret">
                  {groupSecret(setup.secret)}
                </code>
                <p className="form-field__hint">{t('enroll.secretHint')}</p>
              </dd>
              <dt>{t('enroll.uri')}</dt>
              <dd>
                <code className="enroll-secret__uri" data-testid="enroll-uri">
                  {setup.otpauthUri}
                </code>
              </dd>
            </dl>
            <CodeField
              controlId={`${baseId}-code`}
              error={codeError}
              inputRef={codeRef}
              value={code}
              onChange={(value) => {
                setCode(value);
                setCodeError(undefined);
              }}
            />
            <div className="auth-form__actions">
              <button type="submit" className="button button--primary" aria-disabled={busy}>
                {t('enroll.confirm')}
              </button>
              <span className="auth-form__progress" role="status">
                {busy ? t('enroll.confirming') : ''}
              </span>
            </div>
          </form>
        )}
      </section>
    </AuthPage>
  );
}
