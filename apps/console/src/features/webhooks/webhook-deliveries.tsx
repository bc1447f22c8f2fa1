import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookSubscriber } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { RemoteListView } from '../admin/remote-list-view.tsx';
import { useRemoteList } from '../admin/use-remote-list.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { DeliveryMark } from './delivery-mark.tsx';
import { useRepeatWhile } from './use-repeat-while.ts';
import { EVENT_LABEL_KEYS, isUnsettled } from './webhook-text.ts';
import { listSubscriberDeliveries } from './webhooks-api.ts';

/** How often deliveries still on their way are read again. */
const UNSETTLED_POLL_MS = 2_000;

/**
 * A subscriber's latest deliveries: event, message version, status, attempts, last error and
 * time. Read again when the subscriber's counts change, and while one is still on its way.
 */
export function WebhookDeliveries({
  subscriber,
  id,
}: {
  readonly subscriber: WebhookSubscriber;
  readonly id: string;
}) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const subscriberId = subscriber.id;
  const load = useCallback(() => listSubscriberDeliveries(api, subscriberId), [api, subscriberId]);
  const { list, reload } = useRemoteList(load);
  const { sent, pending, failed } = subscriber.health;
  const counts = `${sent}/${pending}/${failed}`;
  const shownCounts = useRef(counts);

  useEffect(() => {
    if (shownCounts.current === counts) return;
    shownCounts.current = counts;
    reload();
  }, [counts, reload]);
  useRepeatWhile(
    list.status === 'loaded' && list.items.some(isUnsettled),
    reload,
    UNSETTLED_POLL_MS,
  );

  const time = (at: string) => formatDateTime(new Date(at), i18n.language, timeZone);

  return (
    <section
      id={id}
      className="webhook-deliveries"
      aria-label={t('webhooks.deliveriesLabel', { name: subscriber.name })}
      data-testid="webhook-deliveries"
    >
      <RemoteListView
        list={list}
        loadingText={t('webhooks.deliveriesLoading')}
        emptyText={t('webhooks.deliveriesEmpty')}
        onRetry={reload}
      >
        {(deliveries) => (
          <table className="data-table webhook-deliveries__table">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.column.event')}</th>
                <th scope="col">{t('webhooks.column.version')}</th>
                <th scope="col">{t('webhooks.column.status')}</th>
                <th scope="col">{t('webhooks.column.attempts')}</th>
                <th scope="col">{t('webhooks.column.error')}</th>
                <th scope="col">{t('webhooks.column.time')}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id} data-testid="webhook-delivery" data-event={delivery.event}>
                  <th scope="row">{t(`webhooks.event.${EVENT_LABEL_KEYS[delivery.event]}`)}</th>
                  <td>{delivery.version ?? '—'}</td>
                  <td>
                    <DeliveryMark delivery={delivery} />
                  </td>
                  <td>{delivery.attempts}</td>
                  <td className="webhook-deliveries__error">{delivery.lastError ?? '—'}</td>
                  <td>{time(delivery.sentAt ?? delivery.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </RemoteListView>
    </section>
  );
}
