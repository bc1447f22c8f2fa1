import { findSubscriber, type Database } from '@vaka/db';
import { DeliveryError, type Sender } from '../escalations/channels.ts';
import { webhookSignature } from './signing.ts';

/** How long a subscriber's endpoint may take before the attempt counts as a temporary failure. */
const SEND_TIMEOUT_MS = 15_000;

/**
 * Delivers an event to a subscriber: a POST of the queued JSON payload, signed as Standard
 * Webhooks says (`webhook-id`, the same on every attempt; `webhook-timestamp`, this attempt's;
 * `webhook-signature`). The subscriber's address and secret are read at each attempt, so a
 * corrected address or a new secret applies to what is still waiting. A 2xx answer means taken;
 * 410 Gone means the endpoint is gone for good; anything else, a redirect included (a signed
 * delivery is not sent on to where a redirect points), is tried again.
 */
export function webhookSender(deps: { database: Database; clock: () => Date }): Sender {
  return async (message) => {
    const subscriber = await findSubscriber(deps.database.db, message.recipient);
    if (!subscriber) {
      throw new DeliveryError(`There is no webhook subscriber ${message.recipient}`, true);
    }
    const timestamp = Math.floor(deps.clock().getTime() / 1_000);
    let response: Response;
    try {
      response = await fetch(subscriber.url, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Vaka-Webhooks/1',
          'webhook-id': message.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': webhookSignature(
            subscriber.secret,
            message.id,
            timestamp,
            message.body,
          ),
        },
        body: message.body,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause?.message;
      throw new DeliveryError(
        `${subscriber.name} could not be reached: ${cause ?? (error as Error).message}`,
        false,
      );
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const detail = (await response.text().catch(() => '')).slice(0, 300).trim();
    const redirect = response.status >= 300 && response.status < 400;
    throw new DeliveryError(
      `${subscriber.name} answered ${response.status}${
        redirect
          ? ': webhooks are not sent on to a redirect; give the subscriber its new address'
          : detail === ''
            ? ''
            : `: ${detail}`
      }`,
      response.status === 410,
    );
  };
}
