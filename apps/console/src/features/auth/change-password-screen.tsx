import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app-services.ts';
import { TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { AuthPage } from './auth-page.tsx';
import {
  MIN_PASSWORD_LENGTH,
  validatePasswordChange,
  type PasswordChangeDraft,
  type PasswordChangeErrors,
} from './password-change.ts';
import { SignOutButton } from './user-menu.tsx';

const EMPTY: PasswordChangeDraft = { currentPassword: '', newPassword: '', repeatedPassword: '' };
const FIELD_ORDER = ['currentPassword', 'newPassword', 'repeatedPassword'] as const;

/** Before anything else, a person with a first or reset password chooses their own. */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const headingId = useId();
  const introId = useId();
  const baseId = useId();
  const currentRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<PasswordChangeDraft>(EMPTY);
  const [errors, setErrors] = useState<PasswordChangeErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState('');

  function setField(field: keyof PasswordChangeDraft, value: string): void {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(): Promise<void> {
    if (saving) return;
    const found = validatePasswordChange(draft);
    setErrors(found);
    const firstInvalid = FIELD_ORDER.find((field) => found[field] !== undefined);
    if (firstInvalid !== undefined) {
      ({ currentPassword: currentRef, newPassword: newRef, repeatedPassword: repeatRef })[
        firstInvalid
      ].current?.focus();
      return;
    }
    setSaving(true);
    setFailure('');
    const outcome = await auth.changePassword({
      currentPassword: draft.currentPassword,
      newPassword: draft.newPassword,
    });
    setSaving(false);
    if (outcome.outcome === 'changed') return;
    if (outcome.outcome === 'wrong_current_password') {
      setDraft((current) => ({ ...current, currentPassword: '' }));
      setFailure(t('password.wrongCurrent'));
      currentRef.current?.focus();
      return;
    }
    setFailure(failureText(outcome.failure, t));
  }

  const errorText = (field: keyof PasswordChangeDraft): string | undefined => {
    const error = errors[field];
    return error === undefined ? undefined : t(`password.${error}`, { min: MIN_PASSWORD_LENGTH });
  };

  return (
    <AuthPage tools={<SignOutButton />}>
      <section className="panel auth-panel" aria-labelledby={headingId}>
        <h2 id={headingId} className="auth-panel__title">
          {t('password.heading')}
        </h2>
        <p id={introId} className="auth-panel__intro">
          {t('password.intro')}
        </p>
        <p className="form-alert" role="alert" data-testid="change-password-error">
          {failure}
        </p>
        <form
          className="auth-form"
          data-testid="change-password"
          aria-labelledby={headingId}
          aria-describedby={introId}
          aria-busy={saving}
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <TextField
            controlId={`${baseId}-current`}
            label={t('password.current')}
            error={errorText('currentPassword')}
            inputRef={currentRef}
            type="password"
            autoComplete="current-password"
            autoFocus
            required
            maxLength={1_000}
            value={draft.currentPassword}
            onChange={(value) => setField('currentPassword', value)}
          />
          <TextField
            controlId={`${baseId}-new`}
            label={t('password.new')}
            hint={t('password.hint', { min: MIN_PASSWORD_LENGTH })}
            error={errorText('newPassword')}
            inputRef={newRef}
            type="password"
            autoComplete="new-password"
            required
            maxLength={1_000}
            value={draft.newPassword}
            onChange={(value) => setField('newPassword', value)}
          />
          <TextField
            controlId={`${baseId}-repeat`}
            label={t('password.repeat')}
            error={errorText('repeatedPassword')}
            inputRef={repeatRef}
            type="password"
            autoComplete="new-password"
            required
            maxLength={1_000}
            value={draft.repeatedPassword}
            onChange={(value) => setField('repeatedPassword', value)}
          />
          <div className="auth-form__actions">
            <button type="submit" className="button button--primary" aria-disabled={saving}>
              {t('password.submit')}
            </button>
            <span className="auth-form__progress" role="status">
              {saving ? t('password.saving') : ''}
            </span>
          </div>
        </form>
      </section>
    </AuthPage>
  );
}
