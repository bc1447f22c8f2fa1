import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import type { Role } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import {
  TEST_PASSWORD,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

const STEP_MS = 30_000;

/** The code an authenticator app shows for this secret, `offsetSteps` periods from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * STEP_MS });
}

/** A code that is not the right one for any step the server accepts now. */
function wrongCodeFor(secret: string): string {
  const accepted = new Set([-1, 0, 1].map((offset) => codeFor(secret, offset)));
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0');
    if (!accepted.has(candidate)) return candidate;
  }
}

const login = (body: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

const post = (url: string, person: SignedIn, body?: unknown) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...person.changeHeaders, 'content-type': 'application/json' },
    payload: JSON.stringify(body ?? {}),
  });

async function head(): Promise<number> {
  const { rows } = await app.database.pool.query<{ head: string }>(
    'select coalesce(max(seq), 0) as head from journal',
  );
  return Number(rows[0]!.head);
}

async function journalSince(
  since: number,
): Promise<Array<{ kind: string; actor: string; data: Record<string, unknown> }>> {
  const { rows } = await app.database.pool.query(
    'select kind, actor, data from journal where seq > $1 order by seq',
    [since],
  );
  return rows;
}

/** Sets up and confirms a code for a person; returns the secret, and the step it used. */
async function enroll(person: SignedIn): Promise<string> {
  const setup = await post('/api/v1/auth/second-factor/setup', person);
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json() as { secret: string };
  // The step just before now: the tests that follow sign in with the current step's code.
  const confirmed = await post('/api/v1/auth/second-factor/confirm', person, {
    code: codeFor(secret, -1),
  });
  expect(confirmed.statusCode).toBe(200);
  return secret;
}

async function setRequiredRoles(admin: SignedIn, roles: Role[]) {
  return app.inject({
    method: 'PUT',
    url: '/api/v1/security/settings',
    headers: { ...admin.changeHeaders, 'content-type': 'application/json' },
    payload: JSON.stringify({ secondFactorRequiredRoles: roles }),
  });
}

describe('setting up an authentication code', () => {
  it('gives a secret and an otpauth URI for the person, and journals the confirmation', async () => {
    const person = await createTestUser(app.database, ['duty_officer']);
    const session = await signIn(app, person.username);
    const setup = await post('/api/v1/auth/second-factor/setup', session);
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json() as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Vaka:/);
    expect(otpauthUri).toContain(encodeURIComponent(person.username));
    expect(otpauthUri).toContain(`secret=${secret}`);

    const before = await head();
    const wrong = await post('/api/v1/auth/second-factor/confirm', session, {
      code: wrongCodeFor(secret),
    });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await post('/api/v1/auth/second-factor/confirm', session, {
      code: codeFor(secret),
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user.secondFactor).toBe(true);
    expect(await journalSince(before)).toEqual([
      expect.objectContaining({
        kind: 'auth.second_factor_enabled',
        actor: person.username,
        data: { userId: person.id },
      }),
    ]);
    expect(JSON.stringify(await journalSince(before))).not.toContain(secret);
  });
});

describe('signing in with an authentication code', () => {
  it('asks for the code after a right password, without counting it as a failure', async () => {
    const person = await createTestUser(app.database, ['duty_officer']);
    await enroll(await signIn(app, person.username));
    const before = await head();
    const statuses = [];
    for (let n = 0; n < 6; n += 1) {
      const response = await login({ username: person.username, password: TEST_PASSWORD });
      statuses.push(response.statusCode);
      expect(response.headers['x-second-factor']).toBe('required');
      expect(response.json().message).toBe('Enter the 6-digit code from your authenticator app');
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    // Six times: past the lockout threshold, had these been failures.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expect(await journalSince(before)).toEqual([]);
  });

  it('never asks for the code before the password is right', async () => {
    const person = await createTestUser(app.database, ['duty_officer']);
    const secret = await enroll(await signIn(app, person.username));
    const response = await login({
      username: person.username,
      password: 'not the password',
      code: codeFor(secret),
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['x-second-factor']).toBeUndefined();
    expect(response.json().message).toBe('Wrong username or password');
  });

  it('refuses a wrong code, journals it and counts it toward the lockout', async () => {
    const person = await createTestUser(app.database, ['duty_officer']);
    const secret = await enroll(await signIn(app, person.username));
    const before = await head();
    const wrong = await login({
      username: person.username,
      password: TEST_PASSWORD,
      code: wrongCodeFor(secret),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toBe('Wrong code');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(await journalSince(before)).toEqual([
      expect.objectContaining({
        kind: 'auth.sign_in_failed',
        data: expect.objectContaining({ username: person.username, reason: 'wrong code' }),
      }),
    ]);
    for (let n = 0; n < 4; n += 1) {
      await login({
        username: person.username,
        password: TEST_PASSWORD,
        code: wrongCodeFor(secret),
      });
    }
    const locked = await login({
      username: person.username,
      password: TEST_PASSWORD,
      code: codeFor(secret),
    });
    expect(locked.statusCode).toBe(429);
  });

  it('signs in with the right code, and never accepts the same code twice', async () => {
    const person = await createTestUser(app.database, ['duty_officer']);
    const secret = await enroll(await signIn(app, person.username));
    const code = codeFor(secret);
    const first = await login({ username: person.username, password: TEST_PASSWORD, code });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      user: { username: person.username, secondFactor: true },
      mustEnrollSecondFactor: false,
    });
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    expect((await app.inject({ url: '/api/v1/situation', headers: { cookie } })).statusCode).toBe(
      200,
    );

    const before = await head();
    const replayed = await login({ username: person.username, password: TEST_PASSWORD, code });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().message).toBe('Wrong code');
    expect((await journalSince(before)).map((entry) => entry.data.reason)).toEqual(['wrong code']);
  });
});

describe('a role that requires an authentication code', () => {
  it('is for admins only to choose, and journalled', async () => {
    const admin = await signIn(app, (await createTestUser(app.database, ['admin'])).username);
    const officer = await signIn(
      app,
      (await createTestUser(app.database, ['duty_officer'])).username,
    );
    expect(
      (await app.inject({ url: '/api/v1/security/settings', headers: officer.headers })).statusCode,
    ).toBe(403);
    expect((await setRequiredRoles(officer, ['communicator'])).statusCode).toBe(403);

    const before = await head();
    const changed = await setRequiredRoles(admin, ['leadership']);
    expect(changed.statusCode).toBe(200);
    const read = await app.inject({ url: '/api/v1/security/settings', headers: admin.headers });
    expect(read.json()).toEqual({ secondFactorRequiredRoles: ['leadership'] });
    expect(await journalSince(before)).toEqual([
      expect.objectContaining({
        kind: 'security.settings_changed',
        actor: admin.session.user.username,
        data: expect.objectContaining({ settings: { secondFactorRequiredRoles: ['leadership'] } }),
      }),
    ]);
    await setRequiredRoles(admin, []);
  });

  it('restricts the session of someone without a code to setting one up, until they do', async () => {
    const admin = await signIn(app, (await createTestUser(app.database, ['admin'])).username);
    expect((await setRequiredRoles(admin, ['communicator'])).statusCode).toBe(200);
    try {
      const person = await createTestUser(app.database, ['communicator']);
      const restricted = await signIn(app, person.username);
      expect(restricted.session.mustEnrollSecondFactor).toBe(true);
      const situation = await app.inject({
        url: '/api/v1/situation',
        headers: restricted.headers,
      });
      expect(situation.statusCode).toBe(403);
      expect(situation.json().message).toBe('Set up an authentication code first');

      await enroll(restricted);
      const session = await app.inject({
        url: '/api/v1/auth/session',
        headers: restricted.headers,
      });
      expect(session.json().mustEnrollSecondFactor).toBe(false);
      expect(
        (await app.inject({ url: '/api/v1/situation', headers: restricted.headers })).statusCode,
      ).toBe(200);

      // Someone whose roles require nothing is not held back.
      const officer = await signIn(
        app,
        (await createTestUser(app.database, ['duty_officer'])).username,
      );
      expect(officer.session.mustEnrollSecondFactor).toBe(false);
    } finally {
      await setRequiredRoles(admin, []);
    }
  });
});
