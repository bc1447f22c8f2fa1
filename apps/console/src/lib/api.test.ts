import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '@vaka/domain';
import { ApiClient, parseRetryAfter } from './api.ts';
import { startFakeHttpServer, type FakeHttpServer } from '../test-support/fake-http-server.ts';

let server: FakeHttpServer;
let csrfToken: string | null;
let signedOutCalls: number;

beforeEach(async () => {
  server = await startFakeHttpServer();
  csrfToken = 'token-from-the-session';
  signedOutCalls = 0;
});

afterEach(() => server.close());

function api(): ApiClient {
  return new ApiClient({
    baseUrl: server.baseUrl,
    fetch: (input, init) => fetch(input, init),
    getCsrfToken: () => csrfToken,
    onSignedOut: () => {
      signedOutCalls += 1;
    },
  });
}

const unauthorized = {
  status: 401,
  body: { statusCode: 401, error: 'Unauthorized', message: 'Sign in first' },
};

describe('ApiClient', () => {
  it('sends the session CSRF token with every change and never with a read', async () => {
    server.reply('GET /api/v1/users', { status: 200, body: [] });
    server.reply('POST /api/v1/users', { status: 201, body: { id: 'u1' } });
    server.reply('PATCH /api/v1/users/u1', { status: 200, body: { id: 'u1' } });
    server.reply('DELETE /api/v1/api-keys/k1', { status: 204 });
    const client = api();

    await client.get('/api/v1/users');
    await client.request('POST', '/api/v1/users', { body: { username: 'anna' } });
    await client.request('PATCH', '/api/v1/users/u1', { body: { disabled: true } });
    await client.request('DELETE', '/api/v1/api-keys/k1');

    expect(
      server.requests.map((request) => [request.method, request.headers[CSRF_HEADER]]),
    ).toEqual([
      ['GET', undefined],
      ['POST', 'token-from-the-session'],
      ['PATCH', 'token-from-the-session'],
      ['DELETE', 'token-from-the-session'],
    ]);
    expect(server.requests[1]?.body).toEqual({ username: 'anna' });
    expect(server.requests[1]?.headers['content-type']).toBe('application/json');
  });

  it('uses the token of the session current at the time of the request', async () => {
    server.reply('POST /api/v1/auth/logout', { status: 204 });
    const client = api();

    csrfToken = null;
    await client.request('POST', '/api/v1/auth/logout');
    csrfToken = 'a-newer-token';
    await client.request('POST', '/api/v1/auth/logout');

    expect(server.requests.map((request) => request.headers[CSRF_HEADER])).toEqual([
      undefined,
      'a-newer-token',
    ]);
  });

  it('turns a 401 from any call into "signed out" and tells the console once per call', async () => {
    server.reply('GET /api/v1/situation', unauthorized);
    server.reply('POST /api/v1/reports', unauthorized);
    const client = api();

    const read = await client.get('/api/v1/situation');
    expect(read).toEqual({ outcome: 'signed_out' });
    expect(signedOutCalls).toBe(1);

    const change = await client.request('POST', '/api/v1/reports', { body: { title: 'x' } });
    expect(change).toEqual({ outcome: 'signed_out' });
    expect(signedOutCalls).toBe(2);
  });

  it('treats a 401 from a password check as a wrong password, not as a session that ended', async () => {
    server.reply('POST /api/v1/auth/login', {
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: 'Wrong username or password' },
    });

    const result = await api().request('POST', '/api/v1/auth/login', {
      body: { username: 'anna', password: 'nope' },
      checksPassword: true,
    });

    expect(result).toEqual({
      outcome: 'rejected',
      status: 401,
      message: 'Wrong username or password',
      retryAfterSeconds: null,
    });
    expect(signedOutCalls).toBe(0);
  });

  it('passes on how long to wait when the server says too many attempts', async () => {
    server.reply('POST /api/v1/auth/login', {
      status: 429,
      headers: { 'retry-after': '120' },
      body: { statusCode: 429, error: 'Too Many Requests', message: 'Slow down' },
    });

    const result = await api().request('POST', '/api/v1/auth/login', {
      body: { username: 'anna', password: 'guess' },
      checksPassword: true,
    });

    expect(result).toMatchObject({ outcome: 'rejected', status: 429, retryAfterSeconds: 120 });
  });

  it('reads JSON answers, an empty 204, server failures and a dropped connection', async () => {
    server.reply('POST /api/v1/api-keys', { status: 201, body: { secret: 's3cret' } });
    server.reply('POST /api/v1/auth/logout', { status: 204 });
    server.reply('GET /api/v1/users', { status: 503 }, 'drop');
    const client = api();

    expect(await client.request('POST', '/api/v1/api-keys', { body: {} })).toEqual({
      outcome: 'ok',
      status: 201,
      body: { secret: 's3cret' },
    });
    expect(await client.request('POST', '/api/v1/auth/logout')).toEqual({
      outcome: 'ok',
      status: 204,
      body: null,
    });
    expect(await client.get('/api/v1/users')).toEqual({ outcome: 'server_error', status: 503 });
    expect(await client.get('/api/v1/users')).toEqual({ outcome: 'network_error' });
    expect(signedOutCalls).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2025-01-15T09:00:00Z');
    expect(parseRetryAfter('90', now)).toBe(90);
    expect(parseRetryAfter('Wed, 15 Jan 2025 09:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
