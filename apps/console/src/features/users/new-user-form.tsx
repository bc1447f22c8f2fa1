import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { AdminForm } from '../admin/admin-form.tsx';
import { RoleCheckboxes } from '../admin/role-checkboxes.tsx';
import { MIN_PASSWORD_LENGTH } from '../auth/password-change.ts';
import {
  emptyNewUser,
  toCreateUser,
  USER_LIMITS,
  validateNewUser,
  type NewUserDraft,
  type NewUserErrors,
} from './user-drafts.ts';
import { createUser } from './users-api.ts';

const FIELD_ORDER = ['username', 'displayName', 'password'] as const;

/** The admin's form for a new account, with a first password its owner must change. */
export function NewUserForm({ onCreated }: { readonly onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const baseId = useId();
  const usernameRef = useRef<HTMLInputElement>(null);
  const displayNameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<NewUserDraft>(emptyNewUser);
  const [errors, setErrors] = useState<NewUserErrors>({});
  const [creating, setCreating] = useState(false);
  const [failure, setFailure] = useState('');

  function setField<K extends keyof NewUserDraft>(field: K, value: NewUserDraft[K]): void {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  async function submit(): Promise<void> {
    if (creating) return;
    const found = validateNewUser(draft);
    setErrors(found);
    const firstInvalid = FIELD_ORDER.find((field) => found[field] !== undefined);
    if (firstInvalid !== undefined) {
      ({ username: usernameRef, displayName: displayNameRef, password: passwordRef })[
        firstInvalid
      ].current?.focus();
      return;
    }
    setCreating(true);
    setFailure('');
    const result = await createUser(api, toCreateUser(draft));
    setCreating(false);
    if (result.outcome !== 'ok') {
      setFailure(failureText(result, t));
      return;
    }
    setDraft(emptyNewUser());
    onCreated(result.body);
    usernameRef.current?.focus();
  }

  const errorText = (field: keyof NewUserErrors): string | undefined => {
    const error = errors[field];
    if (error === undefined) return undefined;
    return error === 'tooShort'
      ? t('password.tooShort', { min: MIN_PASSWORD_LENGTH })
      : t(`users.${error}`);
  };

  return (
    <section className="panel admin-form-panel" aria-labelledby={headingId}>
      <header className="panel__header">
        <h2 id={headingId} className="panel__title">
          {t('users.createHeading')}
        </h2>
      </header>
      <AdminForm
        labelledBy={headingId}
        testId="create-user"
        failure={failure}
        failureTestId="create-user-error"
        busy={creating}
        submitLabel={t('users.create')}
        progressLabel={t('users.creating')}
        onSubmit={() => void submit()}
      >
        <TextField
          controlId={`${baseId}-username`}
          label={t('users.username')}
          hint={t('users.usernameHint')}
          error={errorText('username')}
          inputRef={usernameRef}
          verbatim
          required
          maxLength={USER_LIMITS.username}
          value={draft.username}
          onChange={(value) => setField('username', value)}
        />
        <TextField
          controlId={`${baseId}-display-name`}
          label={t('users.displayName')}
          error={errorText('displayName')}
          inputRef={displayNameRef}
          required
          maxLength={USER_LIMITS.displayName}
          value={draft.displayName}
          onChange={(value) => setField('displayName', value)}
        />
        <RoleCheckboxes
          legend={t('users.roles')}
          roles={draft.roles}
          onChange={(roles) => setField('roles', roles)}
        />
        <TextField
          controlId={`${baseId}-password`}
          label={t('users.firstPassword')}
          hint={t('users.firstPasswordHint', { min: MIN_PASSWORD_LENGTH })}
          error={errorText('password')}
          inputRef={passwordRef}
          type="password"
          autoComplete="new-password"
          required
          maxLength={USER_LIMITS.password}
          value={draft.password}
          onChange={(value) => setField('password', value)}
        />
      </AdminForm>
    </section>
  );
}
