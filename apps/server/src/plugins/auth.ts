import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  API_KEY_SCOPE_PERMISSIONS,
  CSRF_HEADER,
  permissionsOf,
  routeAccess,
  type ApiKey,
  type ErrorResponse,
  type Permission,
} from '@vaka/domain';
import {
  DEFAULT_SECURITY_SETTINGS,
  findActiveApiKey,
  findLiveSession,
  readSecuritySettings,
  type UserAccount,
} from '@vaka/db';
import { mustEnrollSecondFactor } from '../modules/auth/service.ts';
import { hashSecret, sameSecret } from '../modules/auth/tokens.ts';

/** Who is calling: nobody yet, a person with a session, or a machine with an API key. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      account: UserAccount;
      sessionTokenHash: string;
      csrfToken: string;
      permissions: ReadonlySet<Permission>;
      /** A role requires an authentication code and the person has none yet. */
      mustEnrollSecondFactor: boolean;
    }
  | { kind: 'api_key'; apiKey: ApiKey; permissions: ReadonlySet<Permission> };

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'vaka_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// NOTE: a key's revocation reaches other server instances within this time; this one at once.
const API_KEY_CACHE_MS = 10_000;

/** Who the journal names for a change the caller makes. */
export function actorOf(caller: Caller): string {
  if (caller.kind === 'user') return caller.account.username;
  if (caller.kind === 'api_key') return `api_key:${caller.apiKey.name}`;
  return 'anonymous';
}

/**
 * Identifies every caller and checks every route against the policy table in @vaka/domain. A route
 * without an entry stops the server at start, so nothing is ever reachable by accident.
 */
export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest<Caller | null>('caller', null);
    const apiKeyCache = new Map<string, { apiKey: ApiKey | undefined; until: number }>();
    app.decorate('forgetApiKeys', () => apiKeyCache.clear());

    const routes: Array<{ method: string; url: string }> = [];
    app.decorate('routeList', routes);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        routes.push({ method, url: route.url });
        if (routeAccess(method, route.url) === undefined) {
          throw new Error(`${method} ${route.url} has no entry in the policy table (ROUTE_POLICY)`);
        }
      }
    });

    async function identify(request: FastifyRequest): Promise<Caller | 'bad_key'> {
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        const secret = /^Bearer (\S+)$/i.exec(authorization)?.[1];
        if (!secret) return 'bad_key';
        const secretHash = hashSecret(secret);
        let cached = apiKeyCache.get(secretHash);
        if (!cached || cached.until < Date.now()) {
          cached = {
            apiKey: await findActiveApiKey(app.database.db, secretHash),
            until: Date.now() + API_KEY_CACHE_MS,
          };
          apiKeyCache.set(secretHash, cached);
        }
        if (!cached.apiKey) return 'bad_key';
        return {
          kind: 'api_key',
          apiKey: cached.apiKey,
          permissions: new Set(
            cached.apiKey.scopes.flatMap((scope) => API_KEY_SCOPE_PERMISSIONS[scope]),
          ),
        };
      }
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const sessionTokenHash = hashSecret(token);
        const session = await findLiveSession(app.database.db, sessionTokenHash, new Date());
        if (session && !session.account.disabled) {
          // Only an account without a code can be held back for want of one.
          const settings = session.account.totpEnabled
            ? DEFAULT_SECURITY_SETTINGS
            : await readSecuritySettings(app.database.db);
          return {
            kind: 'user',
            account: session.account,
            sessionTokenHash,
            csrfToken: session.csrfToken,
            permissions: permissionsOf(session.account.roles),
            mustEnrollSecondFactor: mustEnrollSecondFactor(session.account, settings),
          };
        }
      }
      return { kind: 'anonymous' };
    }

    const refuse = (reply: FastifyReply, statusCode: 401 | 403, message: string) => {
      return reply.code(statusCode).send({
        statusCode,
        error: statusCode === 401 ? 'Unauthorized' : 'Forbidden',
        message,
      } satisfies ErrorResponse);
    };

    app.addHook('onRequest', async (request, reply) => {
      const url = request.routeOptions.url;
      // No route: the not-found handler answers, and it tells nothing.
      if (url === undefined) {
        request.caller = { kind: 'anonymous' };
        return;
      }
      const access = routeAccess(request.method, url);
      if (access === undefined) {
        request.caller = { kind: 'anonymous' };
        return refuse(reply, 403, 'This route has no entry in the policy table');
      }
      const caller = await identify(request);
      // A public route answers whoever asks; a bearer token there may be another's (the metrics
      // scraper's), not an API key.
      if (caller === 'bad_key' && access === 'public') {
        request.caller = { kind: 'anonymous' };
        return;
      }
      if (caller === 'bad_key') {
        request.caller = { kind: 'anonymous' };
        return refuse(reply, 401, 'The API key is not valid or has been revoked');
      }
      request.caller = caller;
      if (access === 'public') return;
      if (caller.kind === 'anonymous') return refuse(reply, 401, 'Sign in first');
      if (access === 'session' && caller.kind !== 'user') {
        return refuse(
          reply,
          403,
          'This route is for people signed in to the console, not for API keys',
        );
      }
      if (caller.kind === 'user') {
        if (!SAFE_METHODS.has(request.method)) {
          const sent = request.headers[CSRF_HEADER];
          if (typeof sent !== 'string' || !sameSecret(sent, caller.csrfToken)) {
            return refuse(
              reply,
              403,
              `Missing or wrong ${CSRF_HEADER} header: reload the console and try again`,
            );
          }
        }
        if (caller.account.mustChangePassword && access !== 'session') {
          return refuse(reply, 403, 'Choose a new password first');
        }
        if (caller.mustEnrollSecondFactor && access !== 'session') {
          return refuse(reply, 403, 'Set up an authentication code first');
        }
      }
      if (access !== 'session' && !caller.permissions.has(access)) {
        return refuse(reply, 403, `Your roles do not allow this (it needs ${access})`);
      }
    });
  },
  { name: 'auth', dependencies: ['database'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** Forgets cached API keys, after one is revoked. */
    forgetApiKeys(): void;
    /** Every route registered, as the policy table saw it. */
    routeList: ReadonlyArray<{ method: string; url: string }>;
  }
}

/** The caller of a route whose policy requires a session. */
export function signedIn(request: FastifyRequest): Extract<Caller, { kind: 'user' }> {
  if (request.caller.kind !== 'user')
    throw new Error('the policy table lets only signed-in people here');
  return request.caller;
}
