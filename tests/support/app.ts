import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../apps/server/src/app.ts';
import { loadCityFile } from '../../apps/server/src/config.ts';
import type { Config } from '../../apps/server/src/config.ts';
import { createTestDatabase } from './database.ts';

const DEMO_CITY = new URL('../../apps/server/config/demo-city.json', import.meta.url).pathname;

/** A configuration for tests: a given database, no demo data, no console files. */
export function testConfig(databaseUrl: string, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    dataDir: '/nonexistent',
    logLevel: 'silent',
    // The demo city and its districts: reports on Götgatan land in Södermalm.
    ...loadCityFile(DEMO_CITY),
    demo: false,
    consoleDir: '/nonexistent',
    openBrowser: false,
    secureCookies: false,
    signInAttemptsPerMinute: 30,
    oidc: undefined,
    notifications: {
      publicUrl: new URL('http://localhost:8080'),
      smtp: undefined,
      sms: undefined,
      linkTtlMinutes: 24 * 60,
      maxAttempts: 5,
      recipientLimit: 6,
      recipientWindowMinutes: 15,
    },
    capFeeds: [],
    metricsToken: undefined,
    ...overrides,
  };
}

/** Builds Vaka on a fresh database of its own (or the one given), without listening. */
export async function buildTestApp(
  options: {
    databaseUrl?: string;
    live?: AppOptions['live'];
    config?: Partial<Config>;
    /** The time the server lives in; the real time when absent. */
    clock?: AppOptions['clock'];
    /** The escalation engine's timer; tests without one run it by hand (`app.escalationEngine.tick()`). */
    engine?: AppOptions['engine'];
  } = {},
): Promise<FastifyInstance> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  return buildApp({
    config: testConfig(databaseUrl, options.config),
    live: options.live ?? {},
    ...(options.clock !== undefined && { clock: options.clock }),
    engine: options.engine ?? { pollMs: false },
  });
}
