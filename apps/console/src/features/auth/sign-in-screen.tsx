import { useEffect, useId, useRef, useState } from 'react';
import { OidcSignInError } from '@vaka/domain';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app-services.ts';
import { TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import type { SignedOutNotice } from '../../stores/auth-slice.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { isEmptyDraft } from '../intake/report-draft.ts';
import { AuthPage } from './auth-page.tsx';
import { CodeField } from './code-field.tsx';
import { isCompleteCode, normalizeCode } from './second-factor.ts';

type SignInErrors = Partial<Record<'username' | 'password' | 'code', string>>;

/**
 * Username and password, and why the console is asking for them; then, for a person who has set
 * one up, the code from their authenticator app.
 */
export function SignInScreen({ notice }: { readonly notice: SignedOutNotice | null }) {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const headingId = useId();
  const baseId = useId();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const draftKept = useConsoleStore((state) => !isEmptyDraft(state.reportDraft));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [codeRequired, setCodeRequired] = useState(false);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<SignInErrors>({});
  const [signingIn, setSigningIn] = useState(false);
  const [failure, setFailure] = useState('');
  const [providerLabel, setProviderLabel] = useState<string | null>(null);
  const [providerFailure] = useState(readProviderFailure);

  useEffect(() => {
    // Off the address, so that reloading the page does not show the failure again.
    forgetProviderFailure();
  }, []);

  useEffect(() => {
    let current = true;
    void auth.loadMethods().then((methods) => {
      if (current) setProviderLabel(methods.oidc?.label ?? null);
    });
    return () => {
      current = false;
    };
  }, [auth]);

  async function submit(): Promise<void> {
    if (signingIn) return;
    const found: SignInErrors = {};
    if (username.trim() === '') found.username = t('auth.usernameRequired');
    if (password === '') found.password = t('auth.passwordRequired');
    if (codeRequired && !isCompleteCode(code)) found.code = t('auth.codeInvalid');
    setErrors(found);
    if (found.username !== undefined) return usernameRef.current?.focus();
    if (found.password !== undefined) return passwordRef.current?.focus();
    if (found.code !== undefined) return codeRef.current?.focus();

    setSigningIn(true);
    setFailure('');
    const outcome = await auth.signIn({
      username: username.trim(),
      password,
      ...(codeRequired ? { code: normalizeCode(code) } : {}),
    });
    setSigningIn(false);
    switch (outcome.outcome) {
      case 'signed_in':
        return;
      case 'code_required':
        // The code field appears, and takes the focus as it does.
        setCodeRequired(true);
        return;
      case 'wrong_code':
        setCode('');
        setFailure(t('auth.wrongCode'));
        codeRef.current?.focus();
        return;
      case 'wrong_credentials':
      case 'failed':
        setPassword('');
        setCode('');
        setFailure(
          outcome.outcome === 'wrong_credentials'
            ? t('auth.wrongCredentials')
            : failureText(outcome.failure, t),
        );
        passwordRef.current?.focus();
    }
  }

  const noticeText =
    notice === 'session_ended'
      ? t('auth.sessionEnded')
      : notice === 'signed_out'
        ? t('auth.signedOut')
        : null;

  return (
    <AuthPage>
      <section className="panel auth-panel" aria-labelledby={headingId}>
        <h2 id={headingId} className="auth-panel__title">
          {t('auth.heading')}
        </h2>
        {noticeText !== null && (
          <p className="auth-panel__notice" data-testid="sign-in-notice">
            {noticeText}
            {notice === 'session_ended' && draftKept && <> {t('auth.draftKept')}</>}
          </p>
        )}
        <p className="form-alert" role="alert" data-testid="sign-in-error">
          {failure ||
            (providerFailure !== null && t(`auth.providerError.${providerFailure}` as const))}
        </p>
        {providerLabel !== null && (
          <div className="auth-provider">
            <a
              className="button button--primary"
              href="/api/v1/auth/oidc"
              data-testid="sign-in-provider"
            >
              {t('auth.providerSignIn', { label: providerLabel })}
            </a>
            <p className="auth-provider__or">{t('auth.orPassword')}</p>
          </div>
        )}
        {codeRequired && (
          <p className="auth-panel__notice" data-testid="code-required">
            {t('auth.codeAsked')}
          </p>
        )}
        <form
          className="auth-form"
          data-testid="sign-in"
          aria-labelledby={headingId}
          aria-busy={signingIn}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <TextField
            controlId={`${baseId}-username`}
            label={t('auth.username')}
            error={errors.username}
            inputRef={usernameRef}
            autoComplete="username"
            autoFocus
            verbatim
            required
            maxLength={100}
            value={username}
            onChange={(value) => {
              setUsername(value);
              // Another person's sign-in starts again with the password.
              setCodeRequired(false);
              setCode('');
              setErrors((current) => ({ ...current, username: undefined }));
            }}
          />
          <TextField
            controlId={`${baseId}-password`}
            label={t('auth.password')}
            error={errors.password}
            inputRef={passwordRef}
            type="password"
            autoComplete="current-password"
            required
            maxLength={1_000}
            value={password}
            onChange={(value) => {
              setPassword(value);
              setErrors((current) => ({ ...current, password: undefined }));
            }}
          />
          {codeRequired && (
            <CodeField
              controlId={`${baseId}-code`}
              error={errors.code}
              inputRef={codeRef}
              autoFocus
              value={code}
              onChange={(value) => {
                setCode(value);
                setErrors((current) => ({ ...current, code: undefined }));
              }}
            />
          )}
          <div className="auth-form__actions">
            <button type="submit" className="button button--primary" aria-disabled={signingIn}>
              {t('auth.signIn')}
            </button>
            <span className="auth-form__progress" role="status">
              {signingIn ? t('auth.signingIn') : ''}
            </span>
          </div>
        </form>
      </section>
    </AuthPage>
  );
}

const PROVIDER_FAILURES: readonly string[] = Object.values(OidcSignInError);

/** Why the identity provider's sign-in came back to `/?signInError=`; null when it did not. */
function readProviderFailure(): OidcSignInError | 'other' | null {
  const reason = new URL(window.location.href).searchParams.get('signInError');
  if (reason === null) return null;
  return PROVIDER_FAILURES.includes(reason) ? (reason as OidcSignInError) : 'other';
}

function forgetProviderFailure(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('signInError')) return;
  url.searchParams.delete('signInError');
  window.history.replaceState(window.history.state, '', url);
}
