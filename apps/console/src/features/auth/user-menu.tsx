import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { useDisclosure } from '../../components/use-disclosure.ts';
import { failureText } from '../../lib/failure-text.ts';
import './auth.css';

/** Signing out, here or everywhere; what went wrong, if anything, and whether it is under way. */
function useSignOut() {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const [signingOut, setSigningOut] = useState(false);
  const [failure, setFailure] = useState('');
  const signOut = async (everywhere: boolean): Promise<void> => {
    if (signingOut) return;
    setSigningOut(true);
    setFailure('');
    const result = await auth.signOut({ everywhere });
    setSigningOut(false);
    if (result !== null) setFailure(failureText(result, t));
  };
  return { signingOut, failure, signOut };
}

/** A plain "Sign out", for screens without the user menu. */
export function SignOutButton() {
  const { t } = useTranslation();
  const { signingOut, failure, signOut } = useSignOut();
  return (
    <>
      {failure !== '' && (
        <span className="user-menu__failure" role="alert">
          {failure}
        </span>
      )}
      <button
        type="button"
        className="button button--quiet"
        aria-disabled={signingOut}
        onClick={() => void signOut(false)}
      >
        {t('account.signOut')}
      </button>
    </>
  );
}

/** The signed-in person's name and roles, opening to sign out here or everywhere. */
export function UserMenu({ user }: { readonly user: SessionUser }) {
  const { t } = useTranslation();
  const hintId = useId();
  const { open, panelId, rootProps, buttonProps } = useDisclosure();
  const { signingOut, failure, signOut } = useSignOut();
  const roleNames = user.roles.map((role) => t(`role.${role}`));

  return (
    <div className="user-menu" {...rootProps}>
      <button {...buttonProps} type="button" className="user-menu__button" data-testid="user-menu">
        <span className="user-menu__name">{user.displayName}</span>
        <span className="user-menu__roles">{roleNames.join(', ')}</span>
        <span className="user-menu__caret" aria-hidden="true" />
      </button>
      <div
        id={panelId}
        className="user-menu__panel"
        role="group"
        aria-label={t('account.label')}
        hidden={!open}
      >
        <p className="user-menu__identity">
          <strong>{user.displayName}</strong>
          <br />
          {t('account.signedInAs', { username: user.username })}
        </p>
        <h3 className="user-menu__heading">{t('account.roles')}</h3>
        {roleNames.length === 0 ? (
          <p className="user-menu__muted">{t('account.noRoles')}</p>
        ) : (
          <ul className="user-menu__role-list" data-testid="user-roles">
            {roleNames.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        )}
        {failure !== '' && (
          <p className="form-alert" role="alert">
            {failure}
          </p>
        )}
        <div className="user-menu__actions">
          <button
            type="button"
            className="button button--primary"
            aria-disabled={signingOut}
            onClick={() => void signOut(false)}
          >
            {t('account.signOut')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-disabled={signingOut}
            aria-describedby={hintId}
            onClick={() => void signOut(true)}
          >
            {t('account.signOutEverywhere')}
          </button>
          <p id={hintId} className="user-menu__muted">
            {t('account.signOutEverywhereHint')}
          </p>
          <p className="user-menu__muted" role="status">
            {signingOut ? t('account.signingOut') : ''}
          </p>
        </div>
      </div>
    </div>
  );
}
