import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSRF_HEADER, type Session } from '@vaka/domain';
import { ApiClient } from '../../lib/api.ts';
import { selectCsrfToken } from '../../stores/auth-slice.ts';
import { createConsoleStore, type ConsoleStore } from '../../stores/console-store.ts';
import { startFakeHttpServer, type FakeHttpServer } from '../../test-support/fake-http-server.ts';
import { buildSession } from '../../test-support/factories.ts';
import { AuthService } from './auth-service.ts';

let server: FakeHttpServer;
let store: ConsoleStore;
let auth: AuthService;

beforeEach(async () => {
  server = await startFakeHttpServer();
  store = createConsoleStore();
  const api = new ApiClient({
    baseUrl: server.baseUrl,
    fetch: (input, init) => fetch(input, init),
    getCsrfToken: () => selectCsrfToken(store.getState()),
    onSignedOut: () => store.getState().sessionEnded(),
  });
  auth = new AuthService({ api, store, retryMs: 20 });
});

afterEach(async () => {
  auth.dispose();
  await server.close();
});

const unauthorized = (message: string) => ({
  status: 401,
  body: { statusCode: 401, error: 'Unauthorized', message },
});

async function signedInAs(session: Session): Promise<void> {
  server.reply('GET /api/v1/auth/session', { status: 200, body: session });
  await auth.loadSession();
  expect(store.getState().auth.status).toBe('signed_in');
}

function typeDraft(title: string): void {
  store.getState().updateReportDraft((draft) => ({ ...draft, title }));
}

describe('loading the session', () => {
  it('opens the console for a signed-in person and the sign-in screen for anyone else', async () => {
    const session = buildSession();
    await signedInAs(session);
    expect(store.getState().auth).toEqual({ status: 'signed_in', session });

    const other = createConsoleStore();
    const api = new ApiClient({
      baseUrl: server.baseUrl,
      fetch: (input, init) => fetch(input, init),
      getCsrfToken: () => null,
      onSignedOut: () => other.getState().sessionEnded(),
    });
    server.reply('GET /api/v1/auth/session', unauthorized('Sign in first'));
    await new AuthService({ api, store: other }).loadSession();
    expect(other.getState().auth).toEqual({ status: 'signed_out', notice: null });
  });

  it('says the server cannot be reached, and tries again until it can', async () => {
    const session = buildSession();
    server.reply('GET /api/v1/auth/session', { status: 502 }, { status: 200, body: session });

    await auth.loadSession();
    expect(store.getState().auth.status).toBe('unreachable');

    await expect.poll(() => store.getState().auth.status).toBe('signed_in');
  });
});

describe('signing in', () => {
  beforeEach(() => {
    server.reply('GET /api/v1/auth/session', unauthorized('Sign in first'));
  });

  it('keeps the sign-in screen on a wrong password and sends no CSRF token', async () => {
    await auth.loadSession();
    server.reply('POST /api/v1/auth/login', unauthorized('Wrong username or password'));

    const outcome = await auth.signIn({ username: 'anna', password: 'wrong' });

    expect(outcome).toEqual({ outcome: 'wrong_credentials' });
    expect(store.getState().auth).toEqual({ status: 'signed_out', notice: null });
    expect(server.requests.at(-1)?.body).toEqual({ username: 'anna', password: 'wrong' });
    expect(server.requests.at(-1)?.headers[CSRF_HEADER]).toBeUndefined();
  });

  it('tells how long to wait after too many attempts', async () => {
    server.reply('POST /api/v1/auth/login', {
      status: 429,
      headers: { 'retry-after': '300' },
      body: { statusCode: 429, error: 'Too Many Requests', message: 'Locked' },
    });

    const outcome = await auth.signIn({ username: 'anna', password: 'guess' });

    expect(outcome).toMatchObject({
      outcome: 'failed',
      failure: { outcome: 'rejected', status: 429, retryAfterSeconds: 300 },
    });
  });

  it('opens the console and sends the new session token with the next change', async () => {
    const session = buildSession();
    server.reply('POST /api/v1/auth/login', { status: 200, body: session });
    server.reply('POST /api/v1/auth/logout', { status: 204 });

    expect(await auth.signIn({ username: 'anna', password: 'right' })).toEqual({
      outcome: 'signed_in',
    });
    await auth.signOut({ everywhere: false });

    expect(server.requests.at(-1)?.headers[CSRF_HEADER]).toBe(session.csrfToken);
    expect(store.getState().auth).toEqual({ status: 'signed_out', notice: 'signed_out' });
  });
});

describe('a session that ends', () => {
  it('shows the sign-in screen and keeps the draft for the same person', async () => {
    const session = buildSession();
    await signedInAs(session);
    typeDraft('Water in the cellar of the town hall');
    server.reply('GET /api/v1/auth/session', unauthorized('Session expired'));

    await auth.loadSession();
    expect(store.getState().auth).toEqual({ status: 'signed_out', notice: 'session_ended' });
    expect(store.getState().reportDraft.title).toBe('Water in the cellar of the town hall');

    server.reply('POST /api/v1/auth/login', {
      status: 200,
      body: { ...session, csrfToken: 'new' },
    });
    await auth.signIn({ username: session.user.username, password: 'right' });
    expect(store.getState().reportDraft.title).toBe('Water in the cellar of the town hall');
  });

  it('never shows one person the draft of another', async () => {
    await signedInAs(buildSession());
    typeDraft('Someone else’s call');
    store.getState().sessionEnded();

    server.reply('POST /api/v1/auth/login', { status: 200, body: buildSession() });
    await auth.signIn({ username: 'another', password: 'right' });

    expect(store.getState().reportDraft.title).toBe('');
  });

  it('drops the draft when the person signs out on purpose', async () => {
    await signedInAs(buildSession());
    typeDraft('Half-typed');
    server.reply('POST /api/v1/auth/logout-everywhere', { status: 204 });

    expect(await auth.signOut({ everywhere: true })).toBeNull();

    expect(server.requests.at(-1)?.url).toBe('/api/v1/auth/logout-everywhere');
    expect(store.getState().reportDraft.title).toBe('');
  });
});

describe('changing the password', () => {
  it('sends the change with the CSRF token, then reloads the session it unlocks', async () => {
    const first = buildSession({ mustChangePassword: true });
    await signedInAs(first);
    server.reply('POST /api/v1/auth/password', { status: 204 });
    server.reply('GET /api/v1/auth/session', {
      status: 200,
      body: { ...first, mustChangePassword: false },
    });

    const outcome = await auth.changePassword({
      currentPassword: 'first-password-1',
      newPassword: 'a much longer passphrase',
    });

    expect(outcome).toEqual({ outcome: 'changed' });
    const change = server.requests.find((request) => request.url === '/api/v1/auth/password');
    expect(change?.headers[CSRF_HEADER]).toBe(first.csrfToken);
    const { auth: state } = store.getState();
    expect(state.status === 'signed_in' && state.session.mustChangePassword).toBe(false);
  });

  it('says the current password is wrong without signing the person out', async () => {
    const session = buildSession({ mustChangePassword: true });
    await signedInAs(session);
    server.reply('POST /api/v1/auth/password', unauthorized('The current password is wrong'));

    const outcome = await auth.changePassword({
      currentPassword: 'not it',
      newPassword: 'a much longer passphrase',
    });

    expect(outcome).toEqual({ outcome: 'wrong_current_password' });
    expect(store.getState().auth.status).toBe('signed_in');
  });

  it('shows the sign-in screen when the session ended meanwhile', async () => {
    await signedInAs(buildSession({ mustChangePassword: true }));
    server.reply('POST /api/v1/auth/password', unauthorized('Sign in first'));
    server.reply('GET /api/v1/auth/session', unauthorized('Sign in first'));

    const outcome = await auth.changePassword({
      currentPassword: 'first-password-1',
      newPassword: 'a much longer passphrase',
    });

    expect(outcome).toEqual({ outcome: 'failed', failure: { outcome: 'signed_out' } });
    expect(store.getState().auth).toEqual({ status: 'signed_out', notice: 'session_ended' });
  });
});

describe('signing in with an authentication code', () => {
  beforeEach(() => {
    server.reply('GET /api/v1/auth/session', unauthorized('Sign in first'));
  });

  it('asks for the code when the server says so, then signs in with it', async () => {
    await auth.loadSession();
    const session = buildSession({ user: { secondFactor: true } });
    server.reply(
      'POST /api/v1/auth/login',
      {
        status: 401,
        headers: { 'x-second-factor': 'required' },
        body: {
          statusCode: 401,
          error: 'Unauthorized',
          message: 'Enter the 6-digit code from your authenticator app',
        },
      },
      { status: 200, body: session },
    );

    expect(await auth.signIn({ username: 'anna', password: 'right' })).toEqual({
      outcome: 'code_required',
    });
    expect(store.getState().auth.status).toBe('signed_out');
    expect(await auth.signIn({ username: 'anna', password: 'right', code: '123456' })).toEqual({
      outcome: 'signed_in',
    });
    expect(server.requests.at(-1)?.body).toEqual({
      username: 'anna',
      password: 'right',
      code: '123456',
    });
    expect(store.getState().auth).toEqual({ status: 'signed_in', session });
  });

  it('tells a wrong code from a wrong password', async () => {
    await auth.loadSession();
    server.reply('POST /api/v1/auth/login', unauthorized('Wrong code'));
    expect(await auth.signIn({ username: 'anna', password: 'right', code: '000000' })).toEqual({
      outcome: 'wrong_code',
    });
    expect(await auth.signIn({ username: 'anna', password: 'wrong' })).toEqual({
      outcome: 'wrong_credentials',
    });
    expect(store.getState().auth).toEqual({ status: 'signed_out', notice: null });
  });
});

describe('setting up an authentication code', () => {
  it('opens the console once the code is confirmed, and keeps the enrolment on a wrong code', async () => {
    await signedInAs(buildSession({ mustEnrollSecondFactor: true }));
    const enrolled = buildSession({ user: { secondFactor: true } });
    server.reply(
      'POST /api/v1/auth/second-factor/confirm',
      { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Wrong code' } },
      { status: 200, body: enrolled },
    );

    expect(await auth.confirmSecondFactor('000000')).toEqual({ outcome: 'wrong_code' });
    const state = store.getState().auth;
    expect(state.status === 'signed_in' && state.session.mustEnrollSecondFactor).toBe(true);

    expect(await auth.confirmSecondFactor('123456')).toEqual({ outcome: 'confirmed' });
    expect(store.getState().auth).toEqual({ status: 'signed_in', session: enrolled });
    expect(server.requests.at(-1)?.body).toEqual({ code: '123456' });
    expect(server.requests.at(-1)?.headers[CSRF_HEADER]).toBeDefined();
  });
});
