import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import type { AuthMethods, Session } from '@vaka/domain';
import { DEFAULT_SECURITY_SETTINGS, writeSecuritySettings } from '@vaka/db';
import type { OidcConfig } from '../../config.ts';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { createTestUser, TEST_PASSWORD } from '../../../../../tests/support/accounts.ts';

/** The person the identity provider signs in; tests change their roles in the provider. */
const person = {
  sub: 'c0ffee-tib-1',
  preferred_username: 'anna.tib',
  name: 'Anna Andersson',
  roles: ['tib'] as string[],
};

let providerServer: Server;
let provider: Provider;
let app: FastifyInstance;
let vaka: string;
let oidc: OidcConfig;

beforeAll(async () => {
  // The provider's address is its issuer, so it listens before it exists.
  providerServer = createServer((request, response) => {
    const uid = /^\/interaction\/([^/?]+)/.exec(request.url ?? '')?.[1];
    if (uid !== undefined) void finishInteraction(request, response);
    else void provider.callback()(request, response);
  });
  const issuer = `http://127.0.0.1:${await listen(providerServer)}`;

  oidc = {
    issuer: new URL(issuer),
    clientId: 'vaka-test',
    clientSecret: 'a client secret long enough for HS256 of the test provider',
    // The port is Vaka's, known once it listens (below).
    redirectUrl: new URL('http://127.0.0.1/api/v1/auth/oidc/callback'),
    rolesClaim: 'roles',
    roleMap: { tib: 'duty_officer', kib: 'communicator' },
    label: 'Test city account',
  };
  app = await buildTestApp({ config: { oidc } });
  vaka = await app.listen({ port: 0, host: '127.0.0.1' });
  oidc.redirectUrl.port = new URL(vaka).port;

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: oidc.clientId,
        client_secret: oidc.clientSecret,
        redirect_uris: [oidc.redirectUrl.href],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub', 'roles'], profile: ['name', 'preferred_username'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test cookie key'] },
    ttl: {
      AccessToken: 60,
      AuthorizationCode: 60,
      IdToken: 60,
      Grant: 600,
      Interaction: 600,
      Session: 600,
    },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ ...person, roles: [...person.roles] }),
    }),
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => providerServer?.close(resolve));
});

/**
 * The provider's login and consent, as the person would complete them: the login names the test
 * person, the consent grants what the client asked for.
 */
async function finishInteraction(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(request, response, { login: { accountId: person.sub } });
    return;
  }
  const grant = new provider.Grant({
    accountId: details.session!.accountId,
    clientId: String(details.params.client_id),
  });
  const missing = details.prompt.details as { missingOIDCScope?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { consent: { grantId } },
    { mergeWithLastSubmission: true },
  );
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** A browser's cookies, enough for this flow: by origin and name, paths ignored. */
class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: URL): string {
    const jar = this.cookies.get(url.origin) ?? new Map<string, string>();
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(url: URL, setCookies: string[]): void {
    const jar = this.cookies.get(url.origin) ?? new Map<string, string>();
    this.cookies.set(url.origin, jar);
    for (const setCookie of setCookies) {
      const [pair = '', ...attributes] = setCookie.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const expired = attributes.some((attribute) => {
        const [key = '', raw = ''] = attribute.trim().split('=');
        if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(raw) <= Date.now();
        return false;
      });
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(url: URL, name: string): string | undefined {
    return this.cookies.get(url.origin)?.get(name);
  }

  set(url: URL, name: string, value: string): void {
    const jar = this.cookies.get(url.origin) ?? new Map<string, string>();
    this.cookies.set(url.origin, jar);
    jar.set(name, value);
  }
}

/** A GET with the jar's cookies, not following redirects. */
async function get(jar: CookieJar, url: URL): Promise<Response> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
  jar.store(url, response.headers.getSetCookie());
  return response;
}

/**
 * Starts at Vaka's sign-in link and follows every redirect, through the provider, until Vaka's
 * callback answers; `tamper` may change the callback URL first. Returns where Vaka sends the
 * browser next.
 */
async function signInThroughProvider(
  jar: CookieJar,
  tamper: (callback: URL) => void = () => {},
): Promise<string> {
  let url = new URL('/api/v1/auth/oidc', vaka);
  for (let hop = 0; hop < 15; hop += 1) {
    if (url.pathname === '/api/v1/auth/oidc/callback') tamper(url);
    const response = await get(jar, url);
    const location = response.headers.get('location');
    if (url.pathname === '/api/v1/auth/oidc/callback') {
      expect(response.status).toBe(302);
      return location ?? '';
    }
    if (location === null) {
      throw new Error(`${url.href} answered ${response.status}: ${await response.text()}`);
    }
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}

async function sessionOf(jar: CookieJar): Promise<Session | number> {
  const response = await get(jar, new URL('/api/v1/auth/session', vaka));
  return response.status === 200 ? ((await response.json()) as Session) : response.status;
}

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

describe('signing in through the identity provider', () => {
  it('tells the sign-in screen that it may', async () => {
    const response = await fetch(new URL('/api/v1/auth/methods', vaka));
    expect((await response.json()) as AuthMethods).toEqual({
      password: true,
      oidc: { label: 'Test city account' },
    });
  });

  it('sends the browser to the provider with PKCE, state and nonce, and keeps them in a cookie', async () => {
    const jar = new CookieJar();
    const response = await get(jar, new URL('/api/v1/auth/oidc', vaka));
    expect(response.status).toBe(302);
    const authorization = new URL(response.headers.get('location')!);
    expect(authorization.origin).toBe(oidc.issuer.origin);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('redirect_uri')).toBe(oidc.redirectUrl.href);
    const setCookie = response.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/vaka_oidc=.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });

  it('signs the person in with the role the provider grants, and journals how', async () => {
    person.roles = ['tib'];
    const before = await head();
    const jar = new CookieJar();
    expect(await signInThroughProvider(jar)).toBe('/');
    expect(jar.get(new URL(vaka), 'vaka_session')).toBeTruthy();
    const session = await sessionOf(jar);
    expect(session).toMatchObject({
      user: { username: 'anna.tib', displayName: 'Anna Andersson', roles: ['duty_officer'] },
      mustChangePassword: false,
      mustEnrollSecondFactor: false,
    });
    const journal = await journalSince(before);
    expect(journal.map((entry) => entry.kind)).toEqual(['user.created', 'auth.signed_in']);
    expect(journal[1]).toMatchObject({ actor: 'anna.tib', data: { method: 'oidc' } });
    const situation = await get(jar, new URL('/api/v1/situation', vaka));
    expect(situation.status).toBe(200);
  });

  it("follows the provider's roles at the next sign-in, and ends sessions under the old ones", async () => {
    person.roles = ['tib'];
    const first = new CookieJar();
    await signInThroughProvider(first);
    person.roles = ['kib', 'a group Vaka does not know'];
    const before = await head();
    const second = new CookieJar();
    await signInThroughProvider(second);
    expect(await sessionOf(second)).toMatchObject({ user: { roles: ['communicator'] } });
    expect(await sessionOf(first)).toBe(401);
    const changed = (await journalSince(before)).find((entry) => entry.kind === 'user.changed');
    expect(changed?.data).toMatchObject({
      previousRoles: ['duty_officer'],
      user: { roles: ['communicator'] },
    });
    person.roles = ['tib'];
  });

  it("leaves the second factor to the provider, even for a role that requires Vaka's", async () => {
    person.roles = ['tib'];
    await writeSecuritySettings(app.database.db, { secondFactorRequiredRoles: ['duty_officer'] });
    try {
      const jar = new CookieJar();
      await signInThroughProvider(jar);
      expect(await sessionOf(jar)).toMatchObject({ mustEnrollSecondFactor: false });
      expect((await get(jar, new URL('/api/v1/situation', vaka))).status).toBe(200);
    } finally {
      await writeSecuritySettings(app.database.db, DEFAULT_SECURITY_SETTINGS);
    }
  });

  it('refuses an answer whose state is not the one it sent', async () => {
    person.roles = ['tib'];
    const before = await head();
    const jar = new CookieJar();
    const next = await signInThroughProvider(jar, (callback) => {
      callback.searchParams.set('state', 'forged-state');
    });
    expect(next).toBe('/?signInError=expired');
    expect(jar.get(new URL(vaka), 'vaka_session')).toBeUndefined();
    expect(await sessionOf(jar)).toBe(401);
    const journal = await journalSince(before);
    expect(journal.map((entry) => entry.kind)).toEqual(['auth.sign_in_failed']);
  });

  it('refuses a pending sign-in cookie that Vaka did not issue', async () => {
    const jar = new CookieJar();
    const next = await signInThroughProvider(jar, (callback) => {
      const state = callback.searchParams.get('state')!;
      jar.set(new URL(vaka), 'vaka_oidc', `${state}.nonce.verifier.not-the-mac`);
    });
    expect(next).toBe('/?signInError=expired');
  });

  it('refuses a person to whom the provider grants no Vaka role', async () => {
    person.roles = ['a group Vaka does not know'];
    const before = await head();
    const jar = new CookieJar();
    expect(await signInThroughProvider(jar)).toBe('/?signInError=no_role');
    expect(await sessionOf(jar)).toBe(401);
    expect((await journalSince(before)).map((entry) => entry.kind)).toEqual([
      'auth.sign_in_failed',
    ]);
    person.roles = ['tib'];
  });

  it('sends an error of the provider back to the sign-in screen', async () => {
    const jar = new CookieJar();
    const next = await signInThroughProvider(jar, (callback) => {
      callback.searchParams.delete('code');
      callback.searchParams.set('error', 'access_denied');
    });
    expect(next).toBe('/?signInError=provider');
  });

  it('never hands a password account to the provider', async () => {
    const local = await createTestUser(app.database, ['admin'], { username: 'local.admin' });
    const saved = { ...person };
    Object.assign(person, { sub: 'someone-else', preferred_username: local.username });
    const jar = new CookieJar();
    try {
      expect(await signInThroughProvider(jar)).toBe('/?signInError=refused');
    } finally {
      Object.assign(person, saved);
    }
  });

  it("refuses a password for the provider's account, as a wrong one", async () => {
    person.roles = ['tib'];
    await signInThroughProvider(new CookieJar());
    const attempt = await fetch(new URL('/api/v1/auth/login', vaka), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'anna.tib', password: TEST_PASSWORD }),
    });
    expect(attempt.status).toBe(401);
    expect(await attempt.json()).toMatchObject({ message: 'Wrong username or password' });
  });
});

describe('without an identity provider', () => {
  let plain: FastifyInstance;
  beforeAll(async () => {
    plain = await buildTestApp();
  });
  afterAll(() => plain.close());

  it('offers passwords only, and has no sign-in link', async () => {
    const methods = await plain.inject({ url: '/api/v1/auth/methods' });
    expect(methods.json()).toEqual({ password: true, oidc: null });
    const link = await plain.inject({ url: '/api/v1/auth/oidc' });
    expect(link.statusCode).toBe(404);
    expect(link.json()).toMatchObject({ statusCode: 404 });
  });
});
