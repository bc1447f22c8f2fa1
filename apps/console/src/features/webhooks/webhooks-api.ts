import type {
  ChangeWebhookSubscriber,
  CreateWebhookSubscriber,
  WebhookDelivery,
  WebhookSubscriber,
  WebhookSubscriberWithSecret,
} from '@vaka/domain';
import type { ApiClient, ApiResult } from '../../lib/api.ts';

const subscriberPath = (subscriberId: string, rest = ''): string =>
  `/api/v1/webhooks/${encodeURIComponent(subscriberId)}${rest}`;

/** Every subscriber, those in use first, with how their deliveries go. */
export async function listSubscribers(api: ApiClient): Promise<ApiResult<WebhookSubscriber[]>> {
  const result = await api.get<{ subscribers: WebhookSubscriber[] }>('/api/v1/webhooks');
  return result.outcome === 'ok' ? { ...result, body: result.body.subscribers } : result;
}

/** Adds a subscriber; the answer carries its secret, which the server never shows again. */
export function createSubscriber(
  api: ApiClient,
  subscriber: CreateWebhookSubscriber,
): Promise<ApiResult<WebhookSubscriberWithSecret>> {
  return api.request<WebhookSubscriberWithSecret>('POST', '/api/v1/webhooks', {
    body: subscriber,
  });
}

/** Changes a subscriber, refused (409) when someone else changed it first. */
export function changeSubscriber(
  api: ApiClient,
  subscriberId: string,
  change: ChangeWebhookSubscriber,
): Promise<ApiResult<WebhookSubscriber>> {
  return api.request<WebhookSubscriber>('PATCH', subscriberPath(subscriberId), { body: change });
}

/** Gives a subscriber a new secret, in the answer and never again; the old one signs nothing more. */
export function rotateSecret(
  api: ApiClient,
  subscriber: WebhookSubscriber,
): Promise<ApiResult<WebhookSubscriberWithSecret>> {
  return api.request<WebhookSubscriberWithSecret>(
    'POST',
    subscriberPath(subscriber.id, '/secret'),
    { body: { expectedUpdatedAt: subscriber.updatedAt } },
  );
}

/** Archives a subscriber: it is sent nothing more, and what waits for it is withdrawn. */
export function archiveSubscriber(
  api: ApiClient,
  subscriber: WebhookSubscriber,
): Promise<ApiResult<WebhookSubscriber>> {
  return api.request<WebhookSubscriber>('POST', subscriberPath(subscriber.id, '/archive'), {
    body: { expectedUpdatedAt: subscriber.updatedAt },
  });
}

/** Queues a signed test event for a subscriber. */
export function pingSubscriber(
  api: ApiClient,
  subscriberId: string,
): Promise<ApiResult<WebhookDelivery>> {
  return api.request<WebhookDelivery>('POST', subscriberPath(subscriberId, '/ping'));
}

/** The latest deliveries to a subscriber, newest first. */
export async function listSubscriberDeliveries(
  api: ApiClient,
  subscriberId: string,
): Promise<ApiResult<WebhookDelivery[]>> {
  const result = await api.get<{ deliveries: WebhookDelivery[] }>(
    subscriberPath(subscriberId, '/deliveries'),
  );
  return result.outcome === 'ok' ? { ...result, body: result.body.deliveries } : result;
}

/** What was sent to the subscribers about a message, newest first. */
export async function listMessageDeliveries(
  api: ApiClient,
  messageId: string,
): Promise<ApiResult<WebhookDelivery[]>> {
  const result = await api.get<{ deliveries: WebhookDelivery[] }>(
    `/api/v1/messages/${encodeURIComponent(messageId)}/deliveries`,
  );
  return result.outcome === 'ok' ? { ...result, body: result.body.deliveries } : result;
}
