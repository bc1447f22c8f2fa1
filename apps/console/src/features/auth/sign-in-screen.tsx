import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app-services.ts';
import { TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import type { SignedOutNotice } from '../../stores/auth-slice.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { isEmptyDraft } from '../intake/report-draft.ts';
import { AuthPage } from './auth-page.tsx';

type SignInErrors = Partial<Record<'username' | 'password', string>>;

/** Username and password, and why the console is asking for them. */
export function SignInScreen({ notice }: { readonly notice: SignedOutNotice | null }) {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const headingId = useId();
  const baseId = useId();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const draftKept = useConsoleStore((state) => !isEmptyDraft(state.reportDraft));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<SignInErrors>({});
  const [signingIn, setSigningIn] = useState(false);
  const [failure, setFailure] = useState('');

  async function submit(): Promise<void> {
    if (signingIn) return;
    const found: SignInErrors = {};
    if (username.trim() === '') found.username = t('auth.usernameRequired');
    if (password === '') found.password = t('auth.passwordRequired');
    setErrors(found);
    if (found.username !== undefined) return usernameRef.current?.focus();
    if (found.password !== undefined) return passwordRef.current?.focus();

    setSigningIn(true);
    setFailure('');
    const outcome = await auth.signIn({ username: username.trim(), password });
    setSigningIn(false);
    if (outcome.outcome === 'signed_in') return;
    setPassword('');
    setFailure(
      outcome.outcome === 'wrong_credentials'
        ? t('auth.wrongCredentials')
        : failureText(outcome.failure, t),
    );
    passwordRef.current?.focus();
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
          {failure}
        </p>
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
