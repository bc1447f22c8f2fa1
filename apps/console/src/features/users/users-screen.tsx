import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { NewUserForm } from './new-user-form.tsx';
import { UserRow } from './user-row.tsx';
import { listUsers } from './users-api.ts';
import '../admin/admin.css';

/** The admin's view of every account: create one, change one. */
export function UsersScreen({ currentUserId }: { readonly currentUserId: string }) {
  const { t } = useTranslation();
  const { api, auth } = useAppServices();
  const headingId = useId();
  const load = useCallback(() => listUsers(api), [api]);
  const { list, reload, update } = useRemoteList(load);
  const [notice, setNotice] = useState('');

  function onCreated(user: User): void {
    update((users) => [...users, user]);
    setNotice(t('users.created', { name: user.displayName }));
  }

  function onSaved(user: User): void {
    update((users) => users.map((candidate) => (candidate.id === user.id ? user : candidate)));
    setNotice(t('users.saved', { name: user.displayName }));
    // The header shows the admin's own name and roles from the session.
    if (user.id === currentUserId) void auth.loadSession();
  }

  return (
    <div className="admin-page">
      <NewUserForm onCreated={onCreated} />
      <section className="panel admin-list" aria-labelledby={headingId}>
        <header className="panel__header">
          <h2 id={headingId} className="panel__title">
            {t('users.heading')}
          </h2>
          <p className="admin-list__notice" role="status" data-testid="users-notice">
            {notice}
          </p>
        </header>
        <RemoteListView
          list={list}
          loadingText={t('users.loading')}
          emptyText={t('users.empty')}
          onRetry={reload}
        >
          {(items) => (
            <table className="data-table" aria-labelledby={headingId} data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('users.name')}</th>
                  <th scope="col">{t('users.username')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">{t('users.createdAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('users.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    isOwnAccount={user.id === currentUserId}
                    onSaved={onSaved}
                  />
                ))}
              </tbody>
            </table>
          )}
        </RemoteListView>
      </section>
    </div>
  );
}
