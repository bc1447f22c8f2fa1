import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type {
  CreateMessageRequest,
  PublicMessage,
  WebhookPayload,
  WebhookSubscriberWithSecret,
} from '@vaka/domain';
import type { CpuUse } from './processes.ts';
import { inParallel } from './search.ts';
import { distribution, round, wallClockMs, type Distribution } from './stats.ts';

/** Where the webhook phase sends its requests. */
export interface WebhookTarget {
  baseUrl: string;
  /** An admin's session and CSRF token, for the subscribers. */
  admin: Record<string, string>;
  /** The communicator who writes, publishes and withdraws the messages. */
  author: Record<string, string>;
  /** A second communicator, who approves them. */
  approver: Record<string, string>;
}

/** What the webhook phase measured. */
export interface WebhookResults {
  /** Messages taken through the workflow to publication. */
  messages: number;
  /** Subscribers, each a stand-in receiver answering 200 at once. */
  subscribers: number;
  /** Messages taken through the workflow at once. */
  concurrency: number;
  /** Messages published (their publish request answered 200). */
  published: number;
  /** Messages whose workflow (create, submit, approve, publish) failed somewhere. */
  publishErrors: number;
  firstPublishError?: string;
  /** From the first message created to the last publication answered. */
  publishSeconds: number;
  publishesPerSecond: number;
  /** The publish request alone, from sending to its answer. */
  publishLatencyMs: Distribution | undefined;
  /** Published messages withdrawn again (every fifth), after all were published. */
  withdrawn: number;
  withdrawErrors: number;
  firstWithdrawError?: string;
  /** One event per subscriber per publication and per withdrawal. */
  deliveriesExpected: number;
  /** Distinct expected events that reached their subscriber. */
  deliveriesReceived: number;
  /** Requests beyond the first with one webhook-id, and further events of one kind, message and subscriber. */
  duplicates: number;
  /** Expected events that never reached their subscriber. */
  missing: number;
  /** Requests whose signature Standard Webhooks' library does not accept with the subscriber's secret. */
  badSignatures: number;
  /** Withdrawals that reached a subscriber before the publication they withdraw. */
  orderViolations: number;
  /** Requests the bench could not tie to a publication or withdrawal of this phase. */
  unexpected: number;
  /** From a publish request being answered to the event reaching a subscriber. */
  deliveryDelayMs: Distribution | undefined;
  /** From the first event received to the last. */
  deliverySeconds: number;
  deliveriesPerSecond: number;
  /** The last event received after the last publish request was answered. */
  drainAfterPublishMs: number | undefined;
  /** The last event received after the last withdrawal was answered. */
  drainAfterWithdrawMs: number | undefined;
  /** The outbox's rows by status at the end, as the database holds them. */
  outbox: Record<string, number>;
  /** The server's event-loop delay over the phase, from its /metrics. */
  eventLoopDelayMs?: { p50: number; p99: number; max: number };
  /** CPU seconds from the first message created to the last event received. */
  cpuSeconds?: CpuUse;
}

/** One request to a stand-in receiver. */
export interface ReceivedWebhook {
  /** Which subscriber's receiver it reached (0-based). */
  subscriber: number;
  webhookId: string;
  type: string;
  messageId: string;
  version: number;
  /** When its body had arrived, on the shared wall clock. */
  atMs: number;
  /** Whether Standard Webhooks' library accepted its signature with the subscriber's secret. */
  signed: boolean;
}

/** The stand-in receivers of all subscribers, answering 200 at once and recording each request. */
export interface WebhookReceivers {
  /** The URL to subscribe, by subscriber. */
  urls: string[];
  /** The secrets the receivers verify signatures with, by subscriber, once they are known. */
  secrets: string[];
  /** Every request received, in order of arrival (so in order per subscriber too). */
  received: ReceivedWebhook[];
  /** Resolves once a request arrives, or after `ms`, whichever is first. */
  nextArrival(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** Subscribers, each with a receiver of its own. */
export const WEBHOOK_SUBSCRIBERS = 4;
/** Messages taken through the workflow at once. */
export const WEBHOOK_CONCURRENCY = 8;
/** Every this many published messages, one is withdrawn. */
const WITHDRAW_EVERY = 5;
/** The waiting for events ends after this, however many came. */
const DELIVERY_DEADLINE_MS = 120_000;
/** How long the phase waits after the last expected event for any duplicate. */
const DUPLICATE_GRACE_MS = 2_000;
const HOUR = 3_600_000;

/** Starts `WEBHOOK_SUBSCRIBERS` stand-in receivers on 127.0.0.1, each on a free port. */
export async function startWebhookReceivers(): Promise<WebhookReceivers> {
  const received: ReceivedWebhook[] = [];
  const secrets: string[] = [];
  let waiters: Array<() => void> = [];
  const servers = Array.from({ length: WEBHOOK_SUBSCRIBERS }, (_, subscriber) =>
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const atMs = wallClockMs();
        const body = Buffer.concat(chunks).toString('utf8');
        let payload: Partial<WebhookPayload> = {};
        try {
          payload = JSON.parse(body) as Partial<WebhookPayload>;
        } catch {
          // kept as an unexpected request below
        }
        const header = (name: string) => {
          const value = request.headers[name];
          return typeof value === 'string' ? value : '';
        };
        received.push({
          subscriber,
          webhookId: header('webhook-id'),
          type: payload.type ?? '',
          messageId: payload.data?.message?.id ?? '',
          version: payload.data?.message?.version ?? 0,
          atMs,
          // Checked on arrival, as a partner would: the timestamp must be recent.
          signed: verifies(secrets[subscriber], body, {
            'webhook-id': header('webhook-id'),
            'webhook-timestamp': header('webhook-timestamp'),
            'webhook-signature': header('webhook-signature'),
          }),
        });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        const woken = waiters;
        waiters = [];
        for (const wake of woken) wake();
      });
    }),
  );
  const urls: string[] = [];
  for (const server of servers) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/vaka`);
  }
  return {
    urls,
    secrets,
    received,
    nextArrival: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

/** Whether `body` and its headers verify with `secret`, as Standard Webhooks' library checks. */
function verifies(
  secret: string | undefined,
  body: string,
  headers: Record<string, string>,
): boolean {
  if (secret === undefined) return false;
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch {
    return false;
  }
}

/** Adds a subscriber per receiver as the admin, and gives each receiver its secret. */
export async function addSubscribers(
  target: WebhookTarget,
  receivers: WebhookReceivers,
  runId: string,
): Promise<void> {
  for (const [index, url] of receivers.urls.entries()) {
    const { secret } = await sendJson<WebhookSubscriberWithSecret>(
      target,
      '/api/v1/webhooks',
      { name: `Partner ${index + 1} (${runId})`, url },
      target.admin,
      201,
    );
    receivers.secrets[index] = secret;
  }
}

/** What the phase itself (the workflow and the events) saw, before the server's views. */
export type WebhookMeasurement = Omit<WebhookResults, 'outbox' | 'eventLoopDelayMs' | 'cpuSeconds'>;

/**
 * Takes `messages` messages through the workflow, `WEBHOOK_CONCURRENCY` at a time (written,
 * submitted and published by one communicator, approved by the other), then withdraws every fifth,
 * then waits for every subscriber to have every event (or the deadline) and checks what came.
 */
export async function runWebhookPhase(
  target: WebhookTarget,
  receivers: WebhookReceivers,
  messages: number,
  runId: string,
): Promise<WebhookMeasurement> {
  const published: Array<PublicMessage | undefined> = new Array<PublicMessage | undefined>(
    messages,
  );
  const publishedAtMs = new Map<string, number>();
  const publishLatencies: number[] = [];
  let publishErrors = 0;
  let firstPublishError: string | undefined;
  const firstSentMs = wallClockMs();
  let lastPublishedMs = firstSentMs;
  await inParallel(messages, WEBHOOK_CONCURRENCY, async (n) => {
    try {
      const draft = await sendJson<PublicMessage>(
        target,
        '/api/v1/messages',
        messageRequest(runId, n),
        target.author,
        201,
      );
      const inReview = await step(target, target.author, draft, 'submit');
      const approved = await step(target, target.approver, inReview, 'approve');
      const sent = wallClockMs();
      const live = await step(target, target.author, approved, 'publish');
      const answered = wallClockMs();
      publishLatencies.push(answered - sent);
      publishedAtMs.set(live.id, answered);
      lastPublishedMs = Math.max(lastPublishedMs, answered);
      published[n] = live;
    } catch (error) {
      publishErrors += 1;
      firstPublishError ??= (error as Error).message;
    }
  });
  const publishSeconds = (lastPublishedMs - firstSentMs) / 1000;

  // Withdrawn while the publications may still be on their way: a subscriber must still get
  // each publication before its withdrawal.
  const toWithdraw = published.filter(
    (message, n): message is PublicMessage => message !== undefined && n % WITHDRAW_EVERY === 0,
  );
  const withdrawnIds = new Set<string>();
  let withdrawErrors = 0;
  let firstWithdrawError: string | undefined;
  let lastWithdrawnMs: number | undefined;
  await inParallel(toWithdraw.length, WEBHOOK_CONCURRENCY, async (n) => {
    const message = toWithdraw[n]!;
    try {
      await step(target, target.author, message, 'withdraw', {
        reason: 'Läckan är lagad och vattnet går att dricka igen.',
      });
      withdrawnIds.add(message.id);
      lastWithdrawnMs = Math.max(lastWithdrawnMs ?? 0, wallClockMs());
    } catch (error) {
      withdrawErrors += 1;
      firstWithdrawError ??= (error as Error).message;
    }
  });

  const expected = (publishedAtMs.size + withdrawnIds.size) * WEBHOOK_SUBSCRIBERS;
  await awaitDeliveries(receivers, publishedAtMs, withdrawnIds, expected);
  const tally = tallyDeliveries(receivers.received, publishedAtMs, withdrawnIds);
  const drain = (after: number | undefined) =>
    tally.lastAtMs === undefined || after === undefined ? undefined : round(tally.lastAtMs - after);
  return {
    messages,
    subscribers: WEBHOOK_SUBSCRIBERS,
    concurrency: WEBHOOK_CONCURRENCY,
    published: publishedAtMs.size,
    publishErrors,
    ...(firstPublishError !== undefined && { firstPublishError }),
    publishSeconds: round(publishSeconds),
    publishesPerSecond: publishSeconds <= 0 ? 0 : round(publishedAtMs.size / publishSeconds, 1),
    publishLatencyMs: distribution(publishLatencies),
    withdrawn: withdrawnIds.size,
    withdrawErrors,
    ...(firstWithdrawError !== undefined && { firstWithdrawError }),
    deliveriesExpected: expected,
    deliveriesReceived: tally.received,
    duplicates: tally.duplicates,
    missing: expected - tally.received,
    badSignatures: tally.badSignatures,
    orderViolations: tally.orderViolations,
    unexpected: tally.unexpected,
    deliveryDelayMs: distribution(tally.delays),
    deliverySeconds: round(tally.deliverySeconds),
    deliveriesPerSecond:
      tally.deliverySeconds <= 0 ? 0 : round(tally.received / tally.deliverySeconds, 1),
    drainAfterPublishMs: publishedAtMs.size === 0 ? undefined : drain(lastPublishedMs),
    drainAfterWithdrawMs: drain(lastWithdrawnMs),
  };
}

/** Message `n` of the phase, valid in the demo city (Swedish is required there). */
function messageRequest(runId: string, n: number): CreateMessageRequest {
  const now = Date.now();
  const headline = `Vattenläcka på Götgatan ${(n % 97) + 1}`;
  const instruction = 'Undvik området och koka dricksvattnet.';
  const short = `${headline}. ${instruction}`;
  return {
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: new Date(now).toISOString(),
    expires: new Date(now + 6 * HOUR).toISOString(),
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [
      {
        language: 'sv',
        headline,
        description: `En vattenledning har brustit (mätning ${runId}, meddelande ${n}).`,
        instruction,
        sms: short,
        push: headline,
        social: short,
      },
    ],
  };
}

/**
 * Waits until every expected event has come at least once (then a little longer, for a
 * duplicate to show), or until the deadline.
 */
async function awaitDeliveries(
  receivers: WebhookReceivers,
  publishedAtMs: ReadonlyMap<string, number>,
  withdrawnIds: ReadonlySet<string>,
  expected: number,
): Promise<void> {
  const deadline = performance.now() + DELIVERY_DEADLINE_MS;
  const arrived = new Set<string>();
  let seen = 0;
  // Bounded: each turn waits for an arrival or a second, and the loop ends by the deadline.
  for (;;) {
    for (const request of receivers.received.slice(seen)) {
      if (isExpected(request, publishedAtMs, withdrawnIds)) arrived.add(eventKey(request));
    }
    seen = receivers.received.length;
    if (arrived.size >= expected) break;
    if (performance.now() > deadline) return;
    await receivers.nextArrival(1_000);
  }
  await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
}

/** Counts what came once, twice or not at all, checks each signature and each subscriber's order. */
function tallyDeliveries(
  received: readonly ReceivedWebhook[],
  publishedAtMs: ReadonlyMap<string, number>,
  withdrawnIds: ReadonlySet<string>,
): {
  received: number;
  duplicates: number;
  badSignatures: number;
  orderViolations: number;
  unexpected: number;
  delays: number[];
  deliverySeconds: number;
  lastAtMs: number | undefined;
} {
  const ids = new Set<string>();
  /** Subscriber, event and message → arrival; the first of each only. */
  const firsts = new Map<string, number>();
  let duplicates = 0;
  let badSignatures = 0;
  let orderViolations = 0;
  let unexpected = 0;
  const delays: number[] = [];
  let firstAtMs = Infinity;
  let lastAtMs = -Infinity;
  for (const request of received) {
    if (!request.signed) badSignatures += 1;
    if (!isExpected(request, publishedAtMs, withdrawnIds) || request.webhookId === '') {
      unexpected += 1;
      continue;
    }
    if (ids.has(request.webhookId)) {
      duplicates += 1;
      continue;
    }
    ids.add(request.webhookId);
    const key = eventKey(request);
    if (firsts.has(key)) {
      // Another event of this kind about this message for this subscriber: queued twice.
      duplicates += 1;
      continue;
    }
    firsts.set(key, request.atMs);
    if (request.type === 'message.published') {
      // NOTE: can be a little below zero: the outbox may send before the answer reaches the bench.
      delays.push(request.atMs - publishedAtMs.get(request.messageId)!);
    } else if (!firsts.has(eventKey({ ...request, type: 'message.published' }))) {
      // Requests are kept in order of arrival: the publication has not come before this withdrawal.
      orderViolations += 1;
    }
    firstAtMs = Math.min(firstAtMs, request.atMs);
    lastAtMs = Math.max(lastAtMs, request.atMs);
  }
  return {
    received: firsts.size,
    duplicates,
    badSignatures,
    orderViolations,
    unexpected,
    delays,
    deliverySeconds: firsts.size === 0 ? 0 : (lastAtMs - firstAtMs) / 1000,
    lastAtMs: firsts.size === 0 ? undefined : lastAtMs,
  };
}

/** Whether a request is an event the phase caused: a publication or a withdrawal it asked for. */
function isExpected(
  request: ReceivedWebhook,
  publishedAtMs: ReadonlyMap<string, number>,
  withdrawnIds: ReadonlySet<string>,
): boolean {
  if (request.version !== 1) return false;
  if (request.type === 'message.published') return publishedAtMs.has(request.messageId);
  if (request.type === 'message.withdrawn') return withdrawnIds.has(request.messageId);
  return false;
}

function eventKey(request: Pick<ReceivedWebhook, 'subscriber' | 'type' | 'messageId'>): string {
  return `${request.subscriber}|${request.type}|${request.messageId}`;
}

/** A workflow step on the version last seen, which must be answered 200. */
function step(
  target: WebhookTarget,
  who: Record<string, string>,
  seen: Pick<PublicMessage, 'id' | 'updatedAt'>,
  action: 'submit' | 'approve' | 'publish' | 'withdraw',
  body: Record<string, unknown> = {},
): Promise<PublicMessage> {
  return sendJson<PublicMessage>(
    target,
    `/api/v1/messages/${seen.id}/${action}`,
    { expectedUpdatedAt: seen.updatedAt, ...body },
    who,
    200,
  );
}

/** POSTs JSON as `headers` says; the parsed answer if it was `status`, else an error naming it. */
async function sendJson<T>(
  target: Pick<WebhookTarget, 'baseUrl'>,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  status: number,
): Promise<T> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== status) {
    const route = path.replace(/[0-9a-f-]{36}/, ':id');
    throw new Error(`${route} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  return JSON.parse(text) as T;
}
