import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import type { ApiFailure } from '../../lib/api.ts';
import { failureText } from '../../lib/failure-text.ts';
import { RoleCheckboxes } from '../admin/role-checkboxes.tsx';
import { readSecuritySettings, saveSecuritySettings } from './security-api.ts';
import '../admin/admin.css';

type Loaded =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly failure: ApiFailure }
  | { readonly status: 'loaded' };

/** The admin's choice of which roles must sign in with an authentication code. */
export function SecuritySettingsScreen() {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [requiredRoles, setRequiredRoles] = useState<Role[]>([]);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState('');

  useEffect(() => {
    let current = true;
    void readSecuritySettings(api).then((result) => {
      if (!current) return;
      if (result.outcome === 'ok') {
        setRequiredRoles(result.body.secondFactorRequiredRoles);
        setLoaded({ status: 'loaded' });
      } else {
        setLoaded({ status: 'failed', failure: result });
      }
    });
    return () => {
      current = false;
    };
  }, [api, attempt]);

  async function save(): Promise<void> {
    if (saving) return;
    setSaving(true);
    setNotice('');
    setFailure('');
    // In the order the roles are listed, whatever order they were ticked in.
    const roles = ROLES.filter((role) => requiredRoles.includes(role));
    const result = await saveSecuritySettings(api, { secondFactorRequiredRoles: roles });
    setSaving(false);
    if (result.outcome === 'ok') {
      setRequiredRoles(result.body.secondFactorRequiredRoles);
      setNotice(t('security.saved'));
    } else {
      setFailure(failureText(result, t));
    }
  }

  return (
    <div className="admin-page">
      <section
        className="panel admin-form-panel"
        aria-labelledby={headingId}
        data-testid="security-settings"
      >
        <header className="panel__header">
          <h2 id={headingId} className="panel__title">
            {t('security.heading')}
          </h2>
          <p className="admin-list__notice" role="status" data-testid="security-notice">
            {notice}
          </p>
        </header>
        {loaded.status === 'loading' && (
          <p className="admin-list__placeholder">{t('security.loading')}</p>
        )}
        {loaded.status === 'failed' && (
          <div className="admin-list__placeholder">
            <p className="form-alert" role="alert">
              {failureText(loaded.failure, t)}
            </p>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => setAttempt((n) => n + 1)}
            >
              {t('errors.retry')}
            </button>
          </div>
        )}
        {loaded.status === 'loaded' && (
          <form
            className="admin-form"
            aria-labelledby={headingId}
            aria-busy={saving}
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <p className="form-field__hint">{t('security.intro')}</p>
            <RoleCheckboxes
              legend={t('security.requireFor')}
              roles={requiredRoles}
              onChange={(roles) => {
                setRequiredRoles(roles);
                setNotice('');
              }}
            />
            <p className="form-alert" role="alert">
              {failure}
            </p>
            <div className="admin-form__actions">
              <button type="submit" className="button button--primary" aria-disabled={saving}>
                {saving ? t('security.saving') : t('security.save')}
              </button>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}
