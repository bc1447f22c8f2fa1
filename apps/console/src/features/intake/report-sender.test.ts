import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Category, CSRF_HEADER, Severity } from '@vaka/domain';
import { ApiClient } from '../../lib/api.ts';
import { emptyDraft, toCreateReport, validateDraft, type ReportDraft } from './report-draft.ts';
import { newIdempotencyKey, ReportSender } from './report-sender.ts';

interface ReceivedPost {
  readonly url: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly csrfToken: string | undefined;
  readonly body: unknown;
}

type Reply = (request: IncomingMessage, response: ServerResponse) => void;

let httpServer: Server;
let baseUrl: string;
let posts: ReceivedPost[];
let replies: Reply[];

const accept: Reply = (_request, response) => {
  response.writeHead(201, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      reportId: '00000000-0000-4000-8000-000000000001',
      incidentId: '00000000-0000-4000-8000-000000000002',
      seq: 12,
      receivedAt: '2025-01-15T09:00:00.000Z',
    }),
  );
};

const dropConnection: Reply = (request) => {
  request.socket.destroy();
};

beforeEach(async () => {
  posts = [];
  replies = [];
  httpServer = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = request.headers['idempotency-key'];
      const csrfToken = request.headers[CSRF_HEADER];
      posts.push({
        url: request.url,
        idempotencyKey: Array.isArray(key) ? key[0] : key,
        csrfToken: Array.isArray(csrfToken) ? csrfToken[0] : csrfToken,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      (replies.shift() ?? accept)(request, response);
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterEach(async () => {
  httpServer.closeAllConnections();
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
});

function draft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    ...emptyDraft(),
    title: 'Smoke from a basement',
    address: 'Drottninggatan 12',
    ...overrides,
  };
}

function sender(): ReportSender {
  const api = new ApiClient({
    baseUrl,
    fetch: (input, init) => fetch(input, init),
    getCsrfToken: () => 'csrf-of-the-session',
    onSignedOut: () => {},
  });
  return new ReportSender({ api });
}

describe('ReportSender', () => {
  it('posts what was typed as a phone report with an idempotency key', async () => {
    const outcome = await sender().send(
      toCreateReport(
        draft({
          title: '  Smoke from a basement ',
          category: Category.fire,
          severity: Severity.serious,
          callerName: 'Anna Berg',
          callerPhone: '+46 70 123 45 67',
        }),
      ),
    );

    expect(outcome).toMatchObject({ outcome: 'received', receipt: { seq: 12 } });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[0]?.csrfToken).toBe('csrf-of-the-session');
    expect(posts[0]?.body).toEqual({
      title: 'Smoke from a basement',
      category: 'fire',
      severity: 'serious',
      location: { address: 'Drottninggatan 12' },
      source: { channel: 'phone' },
      reporter: { name: 'Anna Berg', phone: '+46 70 123 45 67' },
    });
  });

  it('retries a report that failed on the network with the same key, so it cannot be doubled', async () => {
    const reports = sender();
    replies.push(dropConnection);

    const failed = await reports.send(toCreateReport(draft()));
    const retried = await reports.send(toCreateReport(draft()));
    const next = await reports.send(toCreateReport(draft({ title: 'Another call' })));

    expect(failed).toEqual({ outcome: 'network_error' });
    expect(retried.outcome).toBe('received');
    expect(next.outcome).toBe('received');
    expect(posts).toHaveLength(3);
    expect(posts[1]?.idempotencyKey).toBe(posts[0]?.idempotencyKey);
    expect(posts[2]?.idempotencyKey).not.toBe(posts[1]?.idempotencyKey);
  });

  it('sends a report about an open incident to that incident, and a new one to intake', async () => {
    const reports = sender();
    const incidentId = '00000000-0000-4000-8000-0000000000aa';

    await reports.send(toCreateReport(draft()), incidentId);
    await reports.send(toCreateReport(draft({ title: 'Another call' })));

    expect(posts.map((post) => post.url)).toEqual([
      `/api/v1/incidents/${incidentId}/reports`,
      '/api/v1/reports',
    ]);
    expect(posts[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a report to an incident there with the same key, and elsewhere with a new one', async () => {
    const reports = sender();
    const incidentId = '00000000-0000-4000-8000-0000000000aa';
    replies.push(dropConnection, dropConnection);

    await reports.send(toCreateReport(draft()), incidentId);
    await reports.send(toCreateReport(draft()), incidentId);
    // The duty officer changes their mind: the same report as a new incident is a new submission.
    const asNew = await reports.send(toCreateReport(draft()));

    expect(asNew.outcome).toBe('received');
    expect(posts[1]?.idempotencyKey).toBe(posts[0]?.idempotencyKey);
    expect(posts[2]?.url).toBe('/api/v1/reports');
    expect(posts[2]?.idempotencyKey).not.toBe(posts[1]?.idempotencyKey);
  });

  it('gives an edited report a new key', async () => {
    const reports = sender();
    replies.push(dropConnection);

    await reports.send(toCreateReport(draft()));
    await reports.send(toCreateReport(draft({ address: 'Drottninggatan 14' })));

    expect(posts[1]?.idempotencyKey).not.toBe(posts[0]?.idempotencyKey);
  });

  it("passes on the server's reason when it rejects the report", async () => {
    replies.push((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          statusCode: 400,
          error: 'Bad Request',
          message: 'body/title must NOT have more than 200 characters',
        }),
      );
    });

    const outcome = await sender().send(toCreateReport(draft()));

    expect(outcome).toEqual({
      outcome: 'rejected',
      statusCode: 400,
      reason: 'body/title must NOT have more than 200 characters',
    });
  });

  it('tells the form the session ended when the server answers 401', async () => {
    replies.push((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Sign in' }));
    });

    expect(await sender().send(toCreateReport(draft()))).toEqual({ outcome: 'signed_out' });
  });

  it('reports a server failure as retryable rather than as a rejection', async () => {
    replies.push((_request, response) => response.writeHead(503).end());

    expect(await sender().send(toCreateReport(draft()))).toEqual({
      outcome: 'server_error',
      statusCode: 503,
    });
  });
});

describe('validateDraft', () => {
  it('asks for a title and an address, and for a phone number made of digits', () => {
    expect(validateDraft(draft())).toEqual({});
    expect(validateDraft(draft({ title: ' ', address: '', callerPhone: '070-12 34' }))).toEqual({
      title: 'titleRequired',
      address: 'addressRequired',
    });
    expect(validateDraft(draft({ callerPhone: 'call me' }))).toEqual({
      callerPhone: 'phoneInvalid',
    });
  });
});

describe('newIdempotencyKey', () => {
  it('makes a different UUID every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab]/);
  });
});
