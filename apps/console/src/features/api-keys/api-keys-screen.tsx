import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { ApiKeyRow } from './api-key-row.tsx';
import { listApiKeys } from './api-keys-api.ts';
import { NewApiKeyForm } from './new-api-key-form.tsx';
import '../admin/admin.css';

/** The admin's view of the keys other systems send reports with: create one, revoke one. */
export function ApiKeysScreen() {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const load = useCallback(() => listApiKeys(api), [api]);
  const { list, reload, update } = useRemoteList(load);
  const [notice, setNotice] = useState('');

  function onRevoked(apiKey: ApiKey): void {
    const revokedAt = new Date().toISOString();
    update((apiKeys) =>
      apiKeys.map((candidate) =>
        candidate.id === apiKey.id ? { ...candidate, revokedAt } : candidate,
      ),
    );
    setNotice(t('apiKeys.revoked', { name: apiKey.name }));
    // The server's list has the exact time of revocation.
    reload();
    // The revoke button is gone with the confirmation; the list's heading takes the focus.
    headingRef.current?.focus();
  }

  return (
    <div className="admin-page">
      <NewApiKeyForm onCreated={(apiKey) => update((apiKeys) => [...apiKeys, apiKey])} />
      <section className="panel admin-list" aria-labelledby={headingId}>
        <header className="panel__header">
          <h2 id={headingId} ref={headingRef} className="panel__title" tabIndex={-1}>
            {t('apiKeys.heading')}
          </h2>
          <p className="admin-list__notice" role="status" data-testid="api-keys-notice">
            {notice}
          </p>
        </header>
        <RemoteListView
          list={list}
          loadingText={t('apiKeys.loading')}
          emptyText={t('apiKeys.empty')}
          onRetry={reload}
        >
          {(items) => (
            <table className="data-table" aria-labelledby={headingId} data-testid="api-keys-table">
              <thead>
                <tr>
                  <th scope="col">{t('apiKeys.name')}</th>
                  <th scope="col">{t('apiKeys.prefix')}</th>
                  <th scope="col">{t('apiKeys.scopes')}</th>
                  <th scope="col">{t('apiKeys.rateLimitColumn')}</th>
                  <th scope="col">{t('apiKeys.createdAt')}</th>
                  <th scope="col">{t('apiKeys.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('apiKeys.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((apiKey) => (
                  <ApiKeyRow key={apiKey.id} apiKey={apiKey} onRevoked={onRevoked} />
                ))}
              </tbody>
            </table>
          )}
        </RemoteListView>
      </section>
    </div>
  );
}
