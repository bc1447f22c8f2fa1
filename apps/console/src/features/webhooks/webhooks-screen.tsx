import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscriber } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { NewWebhookForm } from './new-webhook-form.tsx';
import { useRepeatWhile } from './use-repeat-while.ts';
import { WebhookCard } from './webhook-card.tsx';
import { listSubscribers } from './webhooks-api.ts';
import '../admin/admin.css';
import './webhooks.css';

/** How often the counts are read again while a subscriber has deliveries on their way. */
const PENDING_POLL_MS = 2_000;

/**
 * The admin's view of the partners and bridges sent each public message: add one, change it,
 * give it a new secret, test it, archive it, and see how its deliveries went.
 */
export function WebhooksScreen() {
  const { t } = useTranslation();
  const { api } = useAppServices();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const load = useCallback(() => listSubscribers(api), [api]);
  const { list, reload, update } = useRemoteList(load);
  const [notice, setNotice] = useState('');

  useRepeatWhile(
    list.status === 'loaded' &&
      list.items.some((item) => item.archivedAt === undefined && item.health.pending > 0),
    reload,
    PENDING_POLL_MS,
  );

  const onStale = useCallback(
    async (subscriberId: string): Promise<WebhookSubscriber | undefined> => {
      const result = await listSubscribers(api);
      if (result.outcome !== 'ok') return undefined;
      update(() => result.body);
      return result.body.find((candidate) => candidate.id === subscriberId);
    },
    [api, update],
  );

  function onSaved(subscriber: WebhookSubscriber, message: string): void {
    update((items) => items.map((item) => (item.id === subscriber.id ? subscriber : item)));
    setNotice(message);
    if (subscriber.archivedAt !== undefined) {
      // The archived subscriber keeps its place until the list is read again; its buttons are gone.
      headingRef.current?.focus();
      reload();
    }
  }

  return (
    <div className="admin-page">
      <NewWebhookForm
        onCreated={(subscriber) => {
          update((items) => [subscriber, ...items]);
          setNotice(t('webhooks.created', { name: subscriber.name }));
        }}
      />
      <section className="panel admin-list" aria-labelledby={headingId}>
        <header className="panel__header">
          <h2 id={headingId} ref={headingRef} className="panel__title" tabIndex={-1}>
            {t('webhooks.heading')}
          </h2>
          <p className="admin-list__notice" role="status" data-testid="webhooks-notice">
            {notice}
          </p>
        </header>
        <p className="intro-text webhooks-verify" data-testid="webhooks-verify">
          {t('webhooks.verify')}
        </p>
        <RemoteListView
          list={list}
          loadingText={t('webhooks.loading')}
          emptyText={t('webhooks.empty')}
          onRetry={reload}
        >
          {(subscribers) => (
            <ul className="webhook-list" aria-labelledby={headingId} data-testid="webhook-list">
              {subscribers.map((subscriber) => (
                <WebhookCard
                  key={subscriber.id}
                  subscriber={subscriber}
                  onSaved={onSaved}
                  onStale={() => onStale(subscriber.id)}
                  onPinged={(message) => {
                    setNotice(message);
                    reload();
                  }}
                />
              ))}
            </ul>
          )}
        </RemoteListView>
      </section>
    </div>
  );
}
