import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebhookDelivery, WebhookSubscriber } from '@vaka/domain';
import { resources } from '../../i18n/i18n.ts';
import {
  deliveriesBySubscriber,
  deliveryShape,
  deliveryStatusText,
  healthLine,
  isUnsettled,
} from './webhook-text.ts';

const instance = i18next.createInstance();
beforeAll(async () => {
  await instance.init({ resources, lng: 'en', interpolation: { escapeValue: false } });
});

/** A subscriber that has been sent 12 events without trouble. */
function subscriber(overrides: Partial<WebhookSubscriber> = {}): WebhookSubscriber {
  return {
    id: '7b0c4a52-9d36-4a8e-8f0e-0d5a3b1c2e01',
    name: 'Krisappen',
    url: 'https://krisappen.example/hooks/vaka',
    exercises: false,
    secretHint: 'x9Q=',
    createdAt: '2026-11-22T08:00:00.000Z',
    createdBy: 'admin',
    updatedAt: '2026-11-22T08:00:00.000Z',
    health: { pending: 0, sent: 12, failed: 0, lastSentAt: '2026-11-22T09:00:00.000Z' },
    ...overrides,
  };
}

/** A delivery of a message's first version, waiting to be sent. */
function delivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: '0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a00',
    subscriberId: '7b0c4a52-9d36-4a8e-8f0e-0d5a3b1c2e01',
    subscriberName: 'Krisappen',
    event: 'message.published',
    messageId: '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d',
    version: 1,
    status: 'queued',
    attempts: 0,
    createdAt: '2026-11-22T09:00:00.000Z',
    ...overrides,
  };
}

/** The clock time in UTC, as the console writes it in the city's zone. */
const clock = (at: Date) => at.toISOString().slice(11, 16);

describe('a subscriber’s health', () => {
  const line = (of: WebhookSubscriber) => healthLine(of, instance.t);

  it('reads as working once events went out, and as nothing sent before any did', () => {
    expect(line(subscriber())).toEqual({
      shape: 'working',
      state: 'Working',
      counts: '12 sent',
      warning: null,
      lastError: null,
    });
    expect(line(subscriber({ health: { pending: 0, sent: 0, failed: 0 } }))).toMatchObject({
      shape: 'idle',
      state: 'Nothing sent yet',
      counts: '0 sent',
    });
  });

  it('says what waits, and that it is trying again with the error that stopped it', () => {
    expect(line(subscriber({ health: { pending: 1, sent: 12, failed: 0 } }))).toMatchObject({
      shape: 'sending',
      counts: '12 sent · 1 waiting',
      lastError: null,
    });
    const lastError = 'Krisappen answered 503: maintenance';
    expect(line(subscriber({ health: { pending: 1, sent: 12, failed: 0, lastError } }))).toEqual({
      shape: 'retrying',
      state: 'Trying again',
      counts: '12 sent · 1 waiting',
      warning: null,
      lastError,
    });
  });

  it('warns in words when deliveries were given up', () => {
    const lastError = 'Krisappen answered 410';
    expect(line(subscriber({ health: { pending: 0, sent: 12, failed: 2, lastError } }))).toEqual({
      shape: 'warning',
      state: 'Deliveries given up',
      counts: '12 sent · 2 failed',
      warning: 'Warning: given up after every attempt: 2',
      lastError,
    });
  });

  it('says an archived subscriber is archived, whatever its counts', () => {
    expect(
      line(
        subscriber({
          archivedAt: '2026-11-22T10:00:00.000Z',
          health: { pending: 0, sent: 3, failed: 1 },
        }),
      ),
    ).toMatchObject({ shape: 'archived', state: 'Archived', counts: '3 sent · 1 failed' });
  });
});

describe('a delivery’s status', () => {
  const text = (of: WebhookDelivery) => deliveryStatusText(of, instance.t, clock);

  it('names each state in words', () => {
    expect(text(delivery())).toBe('Waiting to be sent');
    expect(text(delivery({ status: 'sending', attempts: 1 }))).toBe('Being sent');
    expect(text(delivery({ status: 'sent', attempts: 1 }))).toBe('Delivered');
    expect(text(delivery({ status: 'withdrawn' }))).toBe('Withdrawn, not sent');
    expect(text(delivery({ status: 'failed', attempts: 8 }))).toBe(
      'Failed — given up after every attempt (8)',
    );
  });

  it('says when a failed attempt is tried again', () => {
    expect(text(delivery({ attempts: 2, nextAttemptAt: '2026-11-22T09:05:00.000Z' }))).toBe(
      'Attempt 2 failed — trying again at 09:05',
    );
    expect(text(delivery({ attempts: 2 }))).toBe('Attempt 2 failed — will try again');
  });

  it('has a shape of its own for each state, and settles once sent, given up or withdrawn', () => {
    expect(deliveryShape(delivery())).toBe('sending');
    expect(deliveryShape(delivery({ attempts: 1 }))).toBe('retrying');
    expect(deliveryShape(delivery({ status: 'sent' }))).toBe('delivered');
    expect(deliveryShape(delivery({ status: 'failed' }))).toBe('failed');
    expect(isUnsettled(delivery())).toBe(true);
    expect(isUnsettled(delivery({ status: 'sending' }))).toBe(true);
    for (const status of ['sent', 'failed', 'withdrawn'] as const) {
      expect(isUnsettled(delivery({ status }))).toBe(false);
    }
  });
});

describe('a message’s deliveries', () => {
  it('are grouped by subscriber, in the order they come (newest first)', () => {
    const other = {
      subscriberId: 'a1b2c3d4-0000-4000-8000-000000000002',
      subscriberName: 'Twitter bridge',
    };
    const updated = delivery({ id: '1', version: 2, event: 'message.updated' });
    const bridged = delivery({ id: '2', ...other });
    const published = delivery({ id: '3' });
    expect(deliveriesBySubscriber([updated, bridged, published])).toEqual([
      {
        subscriberId: updated.subscriberId,
        subscriberName: 'Krisappen',
        deliveries: [updated, published],
      },
      { ...other, deliveries: [bridged] },
    ]);
  });
});
