import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorRow, useRowEditor } from '../admin/row-editor.tsx';
import { Role, type User } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { TextField } from '../../components/form-field.tsx';
import { failureText } from '../../lib/failure-text.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { RoleCheckboxes } from '../admin/role-checkboxes.tsx';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { toUserEdit, USER_LIMITS, userChanges, type UserEdit } from './user-drafts.ts';
import { updateUser } from './users-api.ts';

const COLUMNS = 6;

interface UserRowProps {
  readonly user: User;
  /** The admin's own account: they may not take away their own admin role or disable it. */
  readonly isOwnAccount: boolean;
  readonly onSaved: (user: User) => void;
}

/** One account in the admin's list, opening into a form that changes it. */
export function UserRow({ user, isOwnAccount, onSaved }: UserRowProps) {
  const { t, i18n } = useTranslation();
  const timeZone = useCityTimeZone();
  const editor = useRowEditor();

  return (
    <>
      <tr data-testid="user-row" data-username={user.username} data-disabled={user.disabled}>
        <th scope="row">
          {user.displayName}
          {isOwnAccount && <span className="data-table__muted"> ({t('users.you')})</span>}
        </th>
        <td>
          <code>{user.username}</code>
        </td>
        <td>{user.roles.map((role) => t(`role.${role}`)).join(', ')}</td>
        <td>
          <span className={user.disabled ? 'state-tag state-tag--off' : 'state-tag'}>
            {user.disabled ? t('users.disabled') : t('users.active')}
          </span>
        </td>
        <td>{formatDateTime(new Date(user.createdAt), i18n.language, timeZone)}</td>
        <td>
          <button
            {...editor.buttonProps}
            type="button"
            className="button button--quiet button--small"
            aria-label={t('users.editLabel', { name: user.displayName })}
          >
            {t('users.edit')}
          </button>
        </td>
      </tr>
      <EditorRow editor={editor} columns={COLUMNS}>
        <UserEditor
          user={user}
          isOwnAccount={isOwnAccount}
          onCancel={editor.close}
          onSaved={(saved) => {
            onSaved(saved);
            editor.close();
          }}
        />
      </EditorRow>
    </>
  );
}

function UserEditor({
  user,
  isOwnAccount,
  onCancel,
  onSaved,
}: {
  readonly user: User;
  readonly isOwnAccount: boolean;
  readonly onCancel: () => void;
  readonly onSaved: (user: User) => void;
}) {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const baseId = useId();
  const headingId = useId();
  const [edit, setEdit] = useState<UserEdit>(() => toUserEdit(user));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  const selfHintId = `${baseId}-self`;

  async function save(): Promise<void> {
    if (saving) return;
    if (edit.displayName.trim() === '') {
      setNameMissing(true);
      return;
    }
    const changes = userChanges(user, edit);
    if (changes === null) {
      onCancel();
      return;
    }
    setSaving(true);
    setFailure('');
    const result = await updateUser(api, user.id, changes);
    setSaving(false);
    if (result.outcome !== 'ok') {
      setFailure(failureText(result, t));
      return;
    }
    onSaved(result.body);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form
      className="admin-form admin-form--inline"
      data-testid="edit-user"
      aria-labelledby={headingId}
      aria-busy={saving}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3 id={headingId} className="admin-form__title">
        {t('users.editHeading', { name: user.displayName })}
      </h3>
      <p className="form-alert" role="alert">
        {failure}
      </p>
      <TextField
        controlId={`${baseId}-display-name`}
        label={t('users.displayName')}
        error={nameMissing ? t('users.displayNameRequired') : undefined}
        autoFocus
        required
        maxLength={USER_LIMITS.displayName}
        value={edit.displayName}
        onChange={(displayName) => {
          setNameMissing(false);
          setEdit((current) => ({ ...current, displayName }));
        }}
      />
      <RoleCheckboxes
        legend={t('users.roles')}
        roles={edit.roles}
        locked={isOwnAccount ? [Role.admin] : []}
        lockedHint={t('users.selfGuard')}
        hintId={selfHintId}
        onChange={(roles) => setEdit((current) => ({ ...current, roles }))}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={edit.disabled}
          disabled={isOwnAccount}
          aria-describedby={isOwnAccount ? selfHintId : undefined}
          onChange={(event) => {
            const disabled = event.target.checked;
            setEdit((current) => ({ ...current, disabled }));
          }}
        />
        {t('users.disabledLabel')}
      </label>
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={saving}>
          {t('users.save')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('users.cancel')}
        </button>
        <span className="admin-form__progress" role="status">
          {saving ? t('users.saving') : ''}
        </span>
      </div>
    </form>
  );
}
