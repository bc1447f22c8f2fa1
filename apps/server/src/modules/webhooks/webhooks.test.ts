import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type {
  CreateMessageRequest,
  PublicMessage,
  WebhookDelivery,
  WebhookPayload,
  WebhookSubscriber,
  WebhookSubscriberWithSecret,
} from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import {
  createTestUser,
  sendAs,
  signIn,
  signInEveryRole,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The server's time, moved by hand. */
let now = new Date('2026-11-22T08:00:00.000Z');

let app: FastifyInstance;
let admin: SignedIn;
let communicator: SignedIn;
let leadership: SignedIn;
let dutyOfficer: SignedIn;
/** A second communicator, who approves what the first one writes. */
let colleague: SignedIn;

/** What a partner's endpoint received. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner's endpoint on this machine: records each request and answers as told. */
class Receiver {
  readonly received: Received[] = [];
  /** Status codes to answer with, in turn; 200 once they run out. */
  answers: number[] = [];
  #server: Server | undefined;

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const status = this.answers.shift() ?? 200;
        if (status >= 300 && status < 400) response.setHeader('location', '/elsewhere');
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status === 200 ? 'ok' : `answered ${status}`);
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
  }

  url(path = '/hooks/vaka'): string {
    return `http://127.0.0.1:${(this.#server?.address() as AddressInfo).port}${path}`;
  }

  payloads(): WebhookPayload[] {
    return this.received.map((request) => JSON.parse(request.body) as WebhookPayload);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}

const receiver = new Receiver();

beforeAll(async () => {
  await receiver.start();
  app = await buildTestApp({ clock: () => now });
  ({ admin, communicator, leadership, dutyOfficer } = await signInEveryRole(app));
  colleague = await signIn(app, (await createTestUser(app.database, ['communicator'])).username);
});
afterAll(async () => {
  await app.close();
  await receiver.stop();
});

beforeEach(async () => {
  // Each test starts with no subscriber in use and nothing received.
  for (const subscriber of await subscribers()) {
    if (subscriber.archivedAt === undefined) await archive(subscriber);
  }
  await app.escalationEngine.tick();
  receiver.received.length = 0;
  receiver.answers = [];
});

async function subscribers(): Promise<WebhookSubscriber[]> {
  const response = await app.inject({ url: '/api/v1/webhooks', headers: admin.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ subscribers: WebhookSubscriber[] }>().subscribers;
}

async function subscribe(body: Record<string, unknown> = {}): Promise<WebhookSubscriberWithSecret> {
  const response = await sendAs(app, admin, 'POST', '/api/v1/webhooks', {
    name: 'Krisappen',
    url: receiver.url(),
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function archive(subscriber: WebhookSubscriber): Promise<WebhookSubscriber> {
  const response = await sendAs(app, admin, 'POST', `/api/v1/webhooks/${subscriber.id}/archive`, {
    expectedUpdatedAt: subscriber.updatedAt,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function message(overrides: Partial<CreateMessageRequest> = {}): CreateMessageRequest {
  const texts = {
    headline: 'Vattenläcka på Götgatan',
    description: 'En vattenledning har brustit vid Götgatan 78.',
    instruction: 'Undvik området och koka dricksvattnet.',
  };
  const short = `${texts.headline}. ${texts.instruction}`;
  return {
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: now.toISOString(),
    expires: new Date(now.getTime() + 6 * HOUR).toISOString(),
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [{ language: 'sv', ...texts, sms: short, push: texts.headline, social: short }],
    ...overrides,
  };
}

/** A step on the version the caller last saw, which must succeed. */
async function step(
  who: SignedIn,
  seen: Pick<PublicMessage, 'id' | 'updatedAt'>,
  action: 'submit' | 'approve' | 'publish' | 'withdraw' | 'versions',
  body: Record<string, unknown> = {},
): Promise<PublicMessage> {
  const response = await sendAs(app, who, 'POST', `/api/v1/messages/${seen.id}/${action}`, {
    expectedUpdatedAt: seen.updatedAt,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(action === 'versions' ? 201 : 200);
  return response.json();
}

async function approved(overrides: Partial<CreateMessageRequest> = {}): Promise<PublicMessage> {
  const response = await sendAs(app, communicator, 'POST', '/api/v1/messages', message(overrides));
  expect(response.statusCode, response.body).toBe(201);
  const inReview = await step(communicator, response.json(), 'submit');
  return step(colleague, inReview, 'approve');
}

async function published(overrides: Partial<CreateMessageRequest> = {}): Promise<PublicMessage> {
  return step(communicator, await approved(overrides), 'publish');
}

async function deliveriesOf(messageId: string, who = leadership): Promise<WebhookDelivery[]> {
  const response = await app.inject({
    url: `/api/v1/messages/${messageId}/deliveries`,
    headers: who.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ deliveries: WebhookDelivery[] }>().deliveries;
}

/** Whether a request carries the signature Standard Webhooks' own library makes with `secret`. */
function signedWith(secret: string, request: Received): boolean {
  const id = request.headers['webhook-id'] as string;
  const timestamp = Number(request.headers['webhook-timestamp']);
  const expected = new Webhook(secret).sign(id, new Date(timestamp * 1_000), request.body);
  return request.headers['webhook-signature'] === expected;
}

async function journalKinds(since: number): Promise<Array<{ kind: string; data: string }>> {
  const { rows } = await app.database.pool.query<{ kind: string; data: string }>(
    'select kind, data::text as data from journal where seq > $1 order by seq',
    [since],
  );
  return rows;
}

async function journalHead(): Promise<number> {
  const { rows } = await app.database.pool.query<{ seq: number }>(
    'select coalesce(max(seq), 0)::int as seq from journal',
  );
  return rows[0]?.seq ?? 0;
}

describe('webhook subscribers', () => {
  it('an admin adds a subscriber and sees its secret once; lists and the journal never show it', async () => {
    const head = await journalHead();
    const { subscriber, secret } = await subscribe({ name: '  Krisappen  ' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(subscriber).toMatchObject({
      name: 'Krisappen',
      url: receiver.url(),
      exercises: false,
      secretHint: secret.slice(-4),
      createdBy: admin.session.user.username,
      health: { pending: 0, sent: 0, failed: 0 },
    });
    const listed = await app.inject({ url: '/api/v1/webhooks', headers: admin.headers });
    expect(listed.body).not.toContain(secret);
    expect(listed.json<{ subscribers: WebhookSubscriber[] }>().subscribers[0]?.id).toBe(
      subscriber.id,
    );
    const entries = await journalKinds(head);
    expect(entries.map((entry) => entry.kind)).toEqual(['webhook.subscriber_created']);
    expect(entries[0]?.data).not.toContain(secret.slice(6));
  });

  it('journals an address without the token a bridge’s URL may carry', async () => {
    const head = await journalHead();
    const { subscriber } = await subscribe({
      name: 'Social bridge',
      url: 'https://bot:hunter2@bridge.example.org/hooks/vaka?token=s3cr3t',
    });
    // The admin sees the whole address; the journal, exported and kept for years, does not.
    expect(subscriber.url).toBe('https://bot:hunter2@bridge.example.org/hooks/vaka?token=s3cr3t');
    const [entry] = await journalKinds(head);
    expect(JSON.parse(entry?.data ?? '{}')).toMatchObject({
      subscriber: { url: 'https://bridge.example.org/hooks/vaka?…' },
    });
    expect(entry?.data).not.toMatch(/hunter2|s3cr3t/);
  });

  it('a published message reaches the subscriber once, signed, as the public sees it', async () => {
    const { secret } = await subscribe();
    const head = await journalHead();
    const message = await published();

    expect(await app.escalationEngine.tick()).toMatchObject({ messages: 1 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received as [Received];
    expect(request.path).toBe('/hooks/vaka');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-timestamp']).toBe(String(now.getTime() / 1_000));
    expect(signedWith(secret, request)).toBe(true);
    const [payload] = receiver.payloads() as [WebhookPayload];
    expect(payload).toMatchObject({
      type: 'message.published',
      timestamp: message.updatedAt,
      data: {
        message: {
          id: message.id,
          version: 1,
          status: 'published',
          issuer: 'Stockholms stad',
          exercise: false,
          variants: [{ language: 'sv', headline: 'Vattenläcka på Götgatan' }],
        },
        links: {
          public: 'http://localhost:8080/public',
          cap: `http://localhost:8080/public/cap/${message.id}/1`,
        },
      },
    });
    // Staff names stay inside.
    expect(payload.data.message).not.toHaveProperty('author');
    expect(payload.data.message).not.toHaveProperty('approvedBy');
    expect(request.body).not.toContain(communicator.session.user.username);

    const [delivery] = await deliveriesOf(message.id);
    expect(delivery).toMatchObject({
      id: request.headers['webhook-id'],
      subscriberName: 'Krisappen',
      event: 'message.published',
      version: 1,
      status: 'sent',
      attempts: 1,
      sentAt: now.toISOString(),
    });
    const kinds = (await journalKinds(head)).map((entry) => entry.kind);
    expect(kinds).toEqual([
      'message.drafted',
      'message.submitted',
      'message.approved',
      'message.published',
      'webhook.delivered',
    ]);
    expect(await app.escalationEngine.tick()).toMatchObject({ messages: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it('a receiver that fails is tried again with the same id, each attempt signed anew', async () => {
    const { secret } = await subscribe();
    const message = await published();
    receiver.answers = [503, 301];
    const head = await journalHead();

    await app.escalationEngine.tick();
    let [delivery] = await deliveriesOf(message.id);
    expect(delivery).toMatchObject({
      status: 'queued',
      attempts: 1,
      lastError: 'Krisappen answered 503: answered 503',
      nextAttemptAt: new Date(now.getTime() + 30_000).toISOString(),
    });
    // Not yet due: nothing goes.
    now = new Date(now.getTime() + 29_000);
    await app.escalationEngine.tick();
    expect(receiver.received).toHaveLength(1);

    now = new Date(now.getTime() + 1_000);
    await app.escalationEngine.tick();
    [delivery] = await deliveriesOf(message.id);
    expect(delivery?.lastError).toMatch(/answered 301: webhooks are not sent on to a redirect/);
    expect(receiver.received).toHaveLength(2);

    now = new Date(now.getTime() + 2 * MINUTE);
    await app.escalationEngine.tick();
    [delivery] = await deliveriesOf(message.id);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3 });
    expect(delivery).not.toHaveProperty('nextAttemptAt');

    const ids = new Set(receiver.received.map((request) => request.headers['webhook-id']));
    expect(ids).toEqual(new Set([delivery?.id]));
    const stamps = receiver.received.map((request) => request.headers['webhook-timestamp']);
    expect(new Set(stamps).size).toBe(3);
    expect(receiver.received.every((request) => signedWith(secret, request))).toBe(true);
    // Every attempt sends the same payload: a receiver can tell a resend by its id.
    expect(new Set(receiver.received.map((request) => request.body)).size).toBe(1);

    const kinds = await journalKinds(head);
    expect(kinds.map((entry) => entry.kind)).toEqual([
      'webhook.delivery_failed',
      'webhook.delivery_failed',
      'webhook.delivered',
    ]);
  });

  it('410 Gone is a permanent failure, shown on the subscriber', async () => {
    const { subscriber } = await subscribe();
    receiver.answers = [410];
    const message = await published();
    await app.escalationEngine.tick();
    now = new Date(now.getTime() + HOUR);
    await app.escalationEngine.tick();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = await deliveriesOf(message.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    const [listed] = (await subscribers()).filter((candidate) => candidate.id === subscriber.id);
    expect(listed?.health).toMatchObject({
      pending: 0,
      sent: 0,
      failed: 1,
      lastError: 'Krisappen answered 410: answered 410',
    });
  });

  it('an unreachable receiver is retried, and the error says it could not be reached', async () => {
    await subscribe({ url: 'http://127.0.0.1:9/hooks' });
    const message = await published();
    await app.escalationEngine.tick();
    const [delivery] = await deliveriesOf(message.id);
    expect(delivery?.status).toBe('queued');
    expect(delivery?.lastError).toMatch(/^Krisappen could not be reached: /);
  });

  it('an update, a withdrawal and an expiry each reach the subscriber', async () => {
    await subscribe();
    const first = await published();
    const draft = await step(communicator, first, 'versions');
    const edited = await sendAs(app, communicator, 'PATCH', `/api/v1/messages/${first.id}`, {
      expectedUpdatedAt: draft.updatedAt,
      changes: {
        variants: [
          {
            ...message().variants[0],
            headline: 'Vattenläckan på Götgatan är lagad',
          },
        ],
      },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const inReview = await step(communicator, edited.json(), 'submit');
    const update = await step(communicator, await step(colleague, inReview, 'approve'), 'publish');
    await step(communicator, update, 'withdraw', { reason: 'Läckan är lagad.' });

    const second = await published({ expires: new Date(now.getTime() + HOUR).toISOString() });
    now = new Date(now.getTime() + HOUR);
    expect(await app.messageTimer.tick()).toMatchObject({ expired: 1 });
    await app.escalationEngine.tick();

    const events = receiver
      .payloads()
      .map((payload) => [payload.type, payload.data.message?.id, payload.data.message?.version]);
    expect(events).toEqual([
      ['message.published', first.id, 1],
      ['message.updated', first.id, 2],
      ['message.withdrawn', first.id, 2],
      ['message.published', second.id, 1],
      ['message.expired', second.id, 1],
    ]);
    const withdrawn = receiver.payloads()[2];
    expect(withdrawn?.data.message).toMatchObject({
      status: 'withdrawn',
      withdrawReason: 'Läckan är lagad.',
      variants: [{ headline: 'Vattenläckan på Götgatan är lagad' }],
    });
    expect(withdrawn?.data.message).not.toHaveProperty('withdrawnBy');
  });

  it('a scheduled publication reaches the subscriber when the timer publishes it', async () => {
    await subscribe();
    const ready = await approved();
    await step(communicator, ready, 'publish', {
      publishAt: new Date(now.getTime() + 10 * MINUTE).toISOString(),
    });
    await app.escalationEngine.tick();
    expect(receiver.received).toHaveLength(0);
    now = new Date(now.getTime() + 10 * MINUTE);
    expect(await app.messageTimer.tick()).toMatchObject({ published: 1 });
    await app.escalationEngine.tick();
    expect(receiver.payloads().map((payload) => payload.type)).toEqual(['message.published']);
  });

  it('exercises go only to subscribers that take them, marked as such, with no public CAP link', async () => {
    await subscribe({ name: 'Partner without exercises', url: receiver.url('/plain') });
    await subscribe({ name: 'Exercise partner', url: receiver.url('/drill'), exercises: true });
    const drill = await published({ exercise: true });
    await app.escalationEngine.tick();
    expect(receiver.received.map((request) => request.path)).toEqual(['/drill']);
    const [payload] = receiver.payloads();
    expect(payload?.data.message).toMatchObject({ id: drill.id, exercise: true });
    expect(payload?.data.links).toEqual({ public: 'http://localhost:8080/public' });
  });

  it('a refused step queues nothing', async () => {
    await subscribe();
    const ready = await approved();
    const stale = await sendAs(app, communicator, 'POST', `/api/v1/messages/${ready.id}/publish`, {
      expectedUpdatedAt: new Date(Date.parse(ready.updatedAt) - 1).toISOString(),
    });
    expect(stale.statusCode).toBe(409);
    await app.escalationEngine.tick();
    expect(receiver.received).toHaveLength(0);
    expect(await deliveriesOf(ready.id)).toEqual([]);
  });

  it('archiving withdraws what waits and sends nothing more', async () => {
    const { subscriber } = await subscribe();
    const message = await published();
    const head = await journalHead();
    const archived = await archive(subscriber);
    expect(archived.archivedAt).toBe(archived.updatedAt);
    expect(Date.parse(archived.archivedAt ?? '')).toBeGreaterThanOrEqual(now.getTime());
    await app.escalationEngine.tick();
    expect(receiver.received).toHaveLength(0);
    expect(await deliveriesOf(message.id)).toMatchObject([{ status: 'withdrawn' }]);
    const [entry] = await journalKinds(head);
    expect(entry?.kind).toBe('webhook.subscriber_archived');
    expect(JSON.parse(entry?.data ?? '{}')).toMatchObject({ withdrawn: 1 });

    await published();
    await app.escalationEngine.tick();
    expect(receiver.received).toHaveLength(0);
    const again = await sendAs(app, admin, 'POST', `/api/v1/webhooks/${subscriber.id}/archive`, {
      expectedUpdatedAt: archived.updatedAt,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ message: string }>().message).toMatch(
      /was archived at .* cannot be archived/,
    );
  });

  it('a new address and a new secret apply to what still waits', async () => {
    const { subscriber, secret: oldSecret } = await subscribe({ url: receiver.url('/old') });
    receiver.answers = [503];
    await published();
    await app.escalationEngine.tick();
    expect(receiver.received.map((request) => request.path)).toEqual(['/old']);

    const moved = await sendAs(app, admin, 'PATCH', `/api/v1/webhooks/${subscriber.id}`, {
      expectedUpdatedAt: subscriber.updatedAt,
      url: receiver.url('/new'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const rotated = await sendAs(app, admin, 'POST', `/api/v1/webhooks/${subscriber.id}/secret`, {
      expectedUpdatedAt: moved.json<WebhookSubscriber>().updatedAt,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret: newSecret, subscriber: after } = rotated.json<WebhookSubscriberWithSecret>();
    expect(newSecret).not.toBe(oldSecret);
    expect(after.secretHint).toBe(newSecret.slice(-4));

    now = new Date(now.getTime() + 30_000);
    await app.escalationEngine.tick();
    const last = receiver.received.at(-1) as Received;
    expect(last.path).toBe('/new');
    expect(signedWith(newSecret, last)).toBe(true);
    expect(signedWith(oldSecret, last)).toBe(false);
  });

  it('a ping reaches the subscriber, so a partner can test its receiver', async () => {
    const { subscriber, secret } = await subscribe();
    const response = await sendAs(app, admin, 'POST', `/api/v1/webhooks/${subscriber.id}/ping`);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json<WebhookDelivery>()).toMatchObject({ event: 'ping', status: 'queued' });
    await app.escalationEngine.tick();
    expect(receiver.payloads()).toEqual([
      { type: 'ping', timestamp: now.toISOString(), data: { subscriber: 'Krisappen' } },
    ]);
    expect(signedWith(secret, receiver.received[0] as Received)).toBe(true);
    const deliveries = await app.inject({
      url: `/api/v1/webhooks/${subscriber.id}/deliveries`,
      headers: admin.headers,
    });
    expect(deliveries.json<{ deliveries: WebhookDelivery[] }>().deliveries).toMatchObject([
      { event: 'ping', status: 'sent' },
    ]);
  });

  it('refuses bad input with a reason, and changes nothing', async () => {
    const { subscriber } = await subscribe();
    const cases: Array<[string, string, Record<string, unknown> | undefined, number, RegExp]> = [
      ['POST', '/api/v1/webhooks', { name: 'x', url: 'ftp://example.org/' }, 400, /url/],
      ['POST', '/api/v1/webhooks', { name: '', url: receiver.url() }, 400, /name/],
      ['POST', '/api/v1/webhooks', { name: 'x', url: receiver.url(), secret: 's' }, 400, /secret/],
      [
        'PATCH',
        `/api/v1/webhooks/${subscriber.id}`,
        { expectedUpdatedAt: subscriber.updatedAt },
        400,
        /fewer than 2 properties|must NOT have fewer/,
      ],
      [
        'PATCH',
        `/api/v1/webhooks/${subscriber.id}`,
        { expectedUpdatedAt: subscriber.updatedAt, name: 'Krisappen' },
        400,
        /Nothing to change/,
      ],
      [
        'PATCH',
        `/api/v1/webhooks/${subscriber.id}`,
        { expectedUpdatedAt: '2020-01-01T00:00:00.000Z', name: 'Other' },
        409,
        /after you loaded it/,
      ],
      [
        'POST',
        '/api/v1/webhooks/00000000-0000-4000-8000-000000000000/ping',
        undefined,
        404,
        /no webhook subscriber/,
      ],
    ];
    const before = await journalHead();
    for (const [method, url, body, status, reason] of cases) {
      const response = await sendAs(app, admin, method as 'POST', url, body);
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
      expect(response.json<{ message: string }>().message).toMatch(reason);
    }
    expect(await journalHead()).toBe(before);
    expect((await subscribers()).filter((candidate) => candidate.archivedAt === undefined)).toEqual(
      [expect.objectContaining({ name: 'Krisappen', updatedAt: subscriber.updatedAt })],
    );
  });

  it('only admins manage subscribers; anyone who reads the situation sees a message’s deliveries', async () => {
    const { subscriber } = await subscribe();
    const message = await published();
    for (const who of [communicator, dutyOfficer, leadership]) {
      const list = await app.inject({ url: '/api/v1/webhooks', headers: who.headers });
      expect(list.statusCode).toBe(403);
      const ping = await sendAs(app, who, 'POST', `/api/v1/webhooks/${subscriber.id}/ping`);
      expect(ping.statusCode).toBe(403);
      expect((await deliveriesOf(message.id, who)).length).toBe(1);
    }
    const anonymous = await app.inject({ url: '/api/v1/webhooks' });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await app.inject({
      url: '/api/v1/messages/00000000-0000-4000-8000-000000000000/deliveries',
      headers: leadership.headers,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
