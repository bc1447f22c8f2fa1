import type { TFunction } from 'i18next';
import {
  DeliveryStatus,
  WebhookEvent,
  type WebhookDelivery,
  type WebhookSubscriber,
} from '@vaka/domain';

/** A shape per state, so it reads without colour; always beside the state in words. */
export const WEBHOOK_SHAPES = {
  working: '●',
  sending: '◔',
  retrying: '▲',
  warning: '⚠',
  idle: '○',
  archived: '–',
  delivered: '✓',
  failed: '✕',
  withdrawn: '⊘',
} as const;
export type WebhookShape = keyof typeof WEBHOOK_SHAPES;

/** How a subscriber's deliveries read in the admin's list. */
export interface HealthLine {
  readonly shape: WebhookShape;
  /** The state in words: "Working", "Trying again", "Nothing sent yet"… */
  readonly state: string;
  /** "12 sent · 1 waiting · 2 failed", leaving out what is nought but the sent. */
  readonly counts: string;
  /** Said when deliveries were given up; null when none were. */
  readonly warning: string | null;
  /** Why the latest delivery that went wrong did, as the server said it; null when none did. */
  readonly lastError: string | null;
}

/** The words and shape for a subscriber's health. */
export function healthLine(subscriber: WebhookSubscriber, t: TFunction): HealthLine {
  const { sent, pending, failed, lastError } = subscriber.health;
  const counts = [
    t('webhooks.health.sent', { number: sent }),
    ...(pending > 0 ? [t('webhooks.health.waiting', { number: pending })] : []),
    ...(failed > 0 ? [t('webhooks.health.failed', { number: failed })] : []),
  ].join(' · ');
  const warning = failed > 0 ? t('webhooks.health.warning', { number: failed }) : null;
  const line = (shape: WebhookShape, state: string): HealthLine => ({
    shape,
    state,
    counts,
    warning,
    lastError: lastError ?? null,
  });
  if (subscriber.archivedAt !== undefined) return line('archived', t('webhooks.health.archived'));
  if (pending > 0 && lastError !== undefined)
    return line('retrying', t('webhooks.health.retrying'));
  if (failed > 0) return line('warning', t('webhooks.health.failing'));
  if (pending > 0) return line('sending', t('webhooks.health.sending'));
  if (sent === 0) return line('idle', t('webhooks.health.idle'));
  return line('working', t('webhooks.health.working'));
}

/** The shape of a delivery's status. */
export function deliveryShape(delivery: WebhookDelivery): WebhookShape {
  switch (delivery.status) {
    case DeliveryStatus.sent:
      return 'delivered';
    case DeliveryStatus.failed:
      return 'failed';
    case DeliveryStatus.withdrawn:
      return 'withdrawn';
    case DeliveryStatus.sending:
      return 'sending';
    case DeliveryStatus.queued:
      return delivery.attempts > 0 ? 'retrying' : 'sending';
  }
}

/**
 * A delivery's status in words: delivered, given up, withdrawn, being sent, waiting, or waiting
 * to be tried again (and when) after attempts that failed. `time` writes an instant for the shift.
 */
export function deliveryStatusText(
  delivery: WebhookDelivery,
  t: TFunction,
  time: (at: Date) => string,
): string {
  switch (delivery.status) {
    case DeliveryStatus.sent:
      return t('webhooks.delivery.sent');
    case DeliveryStatus.failed:
      return t('webhooks.delivery.failed', { number: delivery.attempts });
    case DeliveryStatus.withdrawn:
      return t('webhooks.delivery.withdrawn');
    case DeliveryStatus.sending:
      return t('webhooks.delivery.sending');
    case DeliveryStatus.queued:
      if (delivery.attempts === 0) return t('webhooks.delivery.queued');
      return delivery.nextAttemptAt === undefined
        ? t('webhooks.delivery.retrying', { number: delivery.attempts })
        : t('webhooks.delivery.retryingAt', {
            number: delivery.attempts,
            time: time(new Date(delivery.nextAttemptAt)),
          });
  }
}

/** The translation key (under `webhooks.event`) naming each event; a dot would split the key. */
export const EVENT_LABEL_KEYS = {
  [WebhookEvent.messagePublished]: 'published',
  [WebhookEvent.messageUpdated]: 'updated',
  [WebhookEvent.messageWithdrawn]: 'withdrawn',
  [WebhookEvent.messageExpired]: 'expired',
  [WebhookEvent.ping]: 'ping',
} as const satisfies Record<WebhookEvent, string>;

/** Whether a delivery may still change: the screen reads it again until it has settled. */
export function isUnsettled(delivery: WebhookDelivery): boolean {
  return delivery.status === DeliveryStatus.queued || delivery.status === DeliveryStatus.sending;
}

/** A message's deliveries grouped by subscriber, in the order each subscriber first appears. */
export function deliveriesBySubscriber(
  deliveries: readonly WebhookDelivery[],
): { subscriberId: string; subscriberName: string; deliveries: WebhookDelivery[] }[] {
  const groups = new Map<
    string,
    { subscriberId: string; subscriberName: string; deliveries: WebhookDelivery[] }
  >();
  for (const delivery of deliveries) {
    const group = groups.get(delivery.subscriberId);
    if (group === undefined) {
      groups.set(delivery.subscriberId, {
        subscriberId: delivery.subscriberId,
        subscriberName: delivery.subscriberName,
        deliveries: [delivery],
      });
    } else {
      group.deliveries.push(delivery);
    }
  }
  return [...groups.values()];
}
