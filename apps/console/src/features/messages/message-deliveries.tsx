import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebhookDelivery } from '@vaka/domain';
import { useAppServices } from '../../app-services.ts';
import { formatDateTime } from '../../lib/time-format.ts';
import { useConsoleStore } from '../../stores/console-store.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { DeliveryMark } from '../webhooks/delivery-mark.tsx';
import { deliveriesBySubscriber, EVENT_LABEL_KEYS } from '../webhooks/webhook-text.ts';
import { listMessageDeliveries } from '../webhooks/webhooks-api.ts';
import '../webhooks/webhooks.css';

/**
 * What reached the partners and bridges about a message, per subscriber: each version's event,
 * its status in words, the last error and when. Read again when the message changes or a
 * delivery of it is reported live; nothing is shown while there are none.
 */
export function MessageDeliveries({ messageId }: { readonly messageId: string }) {
  const { t, i18n } = useTranslation();
  const { api } = useAppServices();
  const timeZone = useCityTimeZone();
  const headingId = useId();
  const messagesRevision = useConsoleStore((state) => state.messagesRevision);
  const deliveryRevision = useConsoleStore((state) => state.deliveryRevisions.get(messageId) ?? 0);
  const [deliveries, setDeliveries] = useState<readonly WebhookDelivery[]>([]);
  const latest = useRef(0);

  useEffect(() => {
    latest.current += 1;
    const request = latest.current;
    void listMessageDeliveries(api, messageId).then((result) => {
      // An older answer never replaces a newer one; a failed read keeps what was shown.
      if (request === latest.current && result.outcome === 'ok') setDeliveries(result.body);
    });
  }, [api, messageId, messagesRevision, deliveryRevision]);

  if (deliveries.length === 0) return null;
  const time = (at: string) => formatDateTime(new Date(at), i18n.language, timeZone);

  return (
    <section
      className="message-deliveries"
      aria-labelledby={headingId}
      data-testid="message-deliveries"
    >
      <h3 id={headingId} className="message-problems__title">
        {t('webhooks.messageHeading')}
      </h3>
      {deliveriesBySubscriber(deliveries).map((group) => (
        <div
          key={group.subscriberId}
          className="message-deliveries__subscriber"
          data-testid="message-deliveries-subscriber"
          data-subscriber-name={group.subscriberName}
        >
          <h4>{group.subscriberName}</h4>
          <ul className="message-deliveries__list">
            {group.deliveries.map((delivery) => (
              <li
                key={delivery.id}
                data-testid="message-delivery"
                data-version={delivery.version}
                data-status={delivery.status}
              >
                {delivery.version !== undefined &&
                  `${t('webhooks.messageVersion', { version: delivery.version })} · `}
                {t(`webhooks.event.${EVENT_LABEL_KEYS[delivery.event]}`)} ·{' '}
                <DeliveryMark delivery={delivery} /> · {time(delivery.sentAt ?? delivery.createdAt)}
                {delivery.lastError !== undefined && (
                  <span className="message-deliveries__error">
                    {' '}
                    · {t('webhooks.health.lastError', { error: delivery.lastError })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
