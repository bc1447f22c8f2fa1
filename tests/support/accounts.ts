import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import { insertApiKey, insertUser, type Database } from '@vaka/db';
import { CSRF_HEADER, type ApiKeyScope, type Role, type Session } from '@vaka/domain';

/** The password every test person has. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates a person straight in the database (as an admin would), ready to sign in. */
export async function createTestUser(
  database: Pick<Database, 'db'>,
  roles: Role[],
  overrides: {
    username?: string;
    displayName?: string;
    mustChangePassword?: boolean;
    password?: string;
  } = {},
): Promise<{ id: string; username: string; password: string }> {
  const username =
    overrides.username ?? `${roles.join('-') || 'nobody'}-${randomBytes(3).toString('hex')}`;
  const password = overrides.password ?? TEST_PASSWORD;
  const id = randomUUID();
  await insertUser(database.db, {
    id,
    username,
    displayName: overrides.displayName ?? `Test ${username}`,
    roles,
    disabled: false,
    createdAt: new Date().toISOString(),
    passwordHash: await hash(password),
    mustChangePassword: overrides.mustChangePassword ?? false,
  });
  return { id, username, password };
}

/** Creates an API key straight in the database; returns its secret. */
export async function createTestApiKey(
  database: Pick<Database, 'db'>,
  options: { scopes?: ApiKeyScope[]; rateLimitPerMinute?: number; name?: string } = {},
): Promise<string> {
  const secret = `vk_${randomBytes(32).toString('base64url')}`;
  await insertApiKey(database.db, {
    id: randomUUID(),
    name: options.name ?? 'test partner',
    prefix: secret.slice(0, 10),
    scopes: options.scopes ?? ['reports:write'],
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000,
    createdAt: new Date().toISOString(),
    revokedAt: null,
    secretHash: createHash('sha256').update(secret).digest('hex'),
    createdBy: null,
  });
  return secret;
}

/** A signed-in person: the headers that carry their session, for fetch or inject. */
export interface SignedIn {
  session: Session;
  cookie: string;
  /** Headers for a read. */
  headers: Record<string, string>;
  /** Headers for a change: the session and the CSRF token. */
  changeHeaders: Record<string, string>;
}

/** Signs in as the console does: over HTTP to a listening server, or by inject to an app. */
export async function signIn(
  target: string | FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const body = JSON.stringify({ username, password });
  let status: number;
  let setCookies: string[];
  let session: Session;
  if (typeof target === 'string') {
    const response = await fetch(`${target}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    status = response.status;
    setCookies = response.headers.getSetCookie();
    session = (await response.json()) as Session;
  } else {
    const response = await target.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: body,
    });
    status = response.statusCode;
    const header = response.headers['set-cookie'];
    setCookies = header === undefined ? [] : Array.isArray(header) ? header : [header];
    session = response.json() as Session;
  }
  if (status !== 200) throw new Error(`sign-in as ${username} failed: ${status}`);
  const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
  return {
    session,
    cookie,
    headers: { cookie },
    changeHeaders: { cookie, [CSRF_HEADER]: session.csrfToken },
  };
}

/** One signed-in person of each role, and a partner's API key: who a route's roles are tried with. */
export interface EveryRole {
  admin: SignedIn;
  dutyOfficer: SignedIn;
  communicator: SignedIn;
  leadership: SignedIn;
  /** The Authorization header of a partner's key (reports:write). */
  partner: Record<string, string>;
}

/** Creates and signs in one new person of each role, and creates a partner's key. */
export async function signInEveryRole(app: FastifyInstance): Promise<EveryRole> {
  const person = async (role: Role) =>
    signIn(app, (await createTestUser(app.database, [role])).username);
  return {
    admin: await person('admin'),
    dutyOfficer: await person('duty_officer'),
    communicator: await person('communicator'),
    leadership: await person('leadership'),
    partner: { authorization: `Bearer ${await createTestApiKey(app.database)}` },
  };
}

/** A change sent as this person: their session, the CSRF token and a JSON body if there is one. */
export function sendAs(
  app: FastifyInstance,
  who: SignedIn,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: {
      ...who.changeHeaders,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { payload: JSON.stringify(body) }),
  });
}
