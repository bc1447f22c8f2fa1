import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ROLES, ROUTE_POLICY, permissionsOf, routeAccess, type Role } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { createTestApiKey, createTestUser, signIn } from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

/** A concrete path for a route pattern. */
function pathOf(url: string): string {
  return url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(/\*$/, 'anything');
}

type Identity = { name: string; roles?: Role[]; apiKey?: boolean };
const IDENTITIES: Identity[] = [
  { name: 'anonymous' },
  ...ROLES.map((role) => ({ name: role, roles: [role] })),
  { name: 'API key', apiKey: true },
];

async function headersFor(identity: Identity): Promise<Record<string, string>> {
  if (identity.apiKey) return { authorization: `Bearer ${await createTestApiKey(app.database)}` };
  if (!identity.roles) return {};
  const user = await createTestUser(app.database, identity.roles);
  return (await signIn(app, user.username)).changeHeaders;
}

function allowed(identity: Identity, access: ReturnType<typeof routeAccess>): boolean {
  if (access === 'public') return true;
  if (identity.apiKey) return access === 'reports:create';
  if (!identity.roles) return false;
  return access === 'session' || permissionsOf(identity.roles).has(access!);
}

describe('the policy table', () => {
  it('has an entry for every registered route, and no entry for a route that does not exist', () => {
    for (const route of app.routeList) {
      expect(routeAccess(route.method, route.url), `${route.method} ${route.url}`).toBeDefined();
    }
    const stale = Object.keys(ROUTE_POLICY).filter((key) => {
      const [method, url] = key.split(' ') as ['GET', string];
      return !app.hasRoute({ method, url });
    });
    expect(stale).toEqual([]);
  });

  it('refuses to start with a route that has no entry', async () => {
    const { default: Fastify } = await import('fastify');
    const { default: authPlugin } = await import('../../plugins/auth.ts');
    const bare = Fastify();
    await bare.register(
      fp(
        async (instance) => {
          instance.decorate('database', app.database);
        },
        { name: 'database' },
      ),
    );
    await bare.register(authPlugin);
    expect(() => bare.get('/api/v1/forgotten', async () => 'secret')).toThrow(
      'GET /api/v1/forgotten has no entry in the policy table',
    );
    await bare.close();
  });

  it('lets each caller do exactly what the table says, and nothing else', async () => {
    const routes = app.routeList.filter((route) => route.method !== 'HEAD');
    const outcomes: string[] = [];
    for (const identity of IDENTITIES) {
      let headers = await headersFor(identity);
      for (const route of routes) {
        const access = routeAccess(route.method, route.url);
        const response = await app.inject({
          method: route.method as 'GET',
          url: pathOf(route.url),
          headers: { ...headers, 'content-type': 'application/json' },
          payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
        });
        const refused = response.statusCode === 401 || response.statusCode === 403;
        const expected = allowed(identity, access) ? 'allowed' : 'refused';
        const got = refused ? 'refused' : 'allowed';
        if (got !== expected) {
          outcomes.push(
            `${identity.name}: ${route.method} ${route.url} (${access}) ${got}, ${response.statusCode}`,
          );
        }
        if (!refused && identity.roles && route.url.startsWith('/api/v1/auth/logout')) {
          headers = await headersFor(identity); // that session is over: sign in again
        }
      }
    }
    expect(outcomes).toEqual([]);
  });
});
