import { describe, expect, it } from 'vitest';
import { JournalKind, type JournalEntry, type WebhookDelivery } from '@vaka/domain';
import { hiddenEntry } from '../test-support/factories.ts';
import { createConsoleStore } from './console-store.ts';

const MESSAGE = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';

function delivery(overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: '0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a00',
    subscriberId: '7b0c4a52-9d36-4a8e-8f0e-0d5a3b1c2e01',
    subscriberName: 'Krisappen',
    event: 'message.published',
    messageId: MESSAGE,
    version: 1,
    status: 'sent',
    attempts: 1,
    createdAt: '2026-11-22T09:00:00.000Z',
    sentAt: '2026-11-22T09:00:01.000Z',
    ...overrides,
  };
}

function deliveredEntry(seq: number, of: WebhookDelivery): JournalEntry {
  return {
    seq,
    recordedAt: '2026-11-22T09:00:01.000Z',
    actor: 'system',
    kind: JournalKind.webhookDelivered,
    data: { delivery: of },
  };
}

describe('the messages slice', () => {
  it('tells a message’s page that a delivery of it reached a partner or failed, and no other page', () => {
    const store = createConsoleStore();
    store.getState().applyMessageEntries([deliveredEntry(1, delivery())]);
    expect(store.getState().deliveryRevisions.get(MESSAGE)).toBe(1);
    store.getState().applyMessageEntries([
      {
        seq: 2,
        recordedAt: '2026-11-22T09:01:00.000Z',
        actor: 'system',
        kind: JournalKind.webhookDeliveryFailed,
        data: {
          delivery: delivery({ status: 'queued', lastError: 'Krisappen answered 503' }),
          error: 'Krisappen answered 503',
          permanent: false,
        },
      },
    ]);
    expect(store.getState().deliveryRevisions.get(MESSAGE)).toBe(2);
    // A test event belongs to no message; what is hidden tells nothing.
    const before = store.getState();
    store
      .getState()
      .applyMessageEntries([
        deliveredEntry(3, delivery({ event: 'ping', messageId: undefined, version: undefined })),
        hiddenEntry(4),
      ]);
    expect(store.getState()).toBe(before);
    expect(store.getState().messagesRevision).toBe(0);
  });
});
