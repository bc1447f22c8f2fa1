import { useTranslation } from 'react-i18next';
import type { WebhookDelivery } from '@vaka/domain';
import { formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { deliveryShape, deliveryStatusText, WEBHOOK_SHAPES } from './webhook-text.ts';

/** A delivery's status in words, with its shape. */
export function DeliveryMark({ delivery }: { readonly delivery: WebhookDelivery }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const timeZone = useCityTimeZone();
  const shape = deliveryShape(delivery);
  return (
    <span
      className={`webhook-mark webhook-mark--${shape}`}
      data-testid="delivery-status"
      data-status={delivery.status}
    >
      <span aria-hidden="true">{WEBHOOK_SHAPES[shape]} </span>
      {deliveryStatusText(delivery, t, (at) =>
        formatTimeWithDate(at, now, i18n.language, timeZone),
      )}
    </span>
  );
}
