import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LiveCloseCode } from '@vaka/domain';
import { openDatabase, verifyJournal, type Database } from '@vaka/db';
import { createTestDatabase } from '../support/database.ts';
import { buildReport } from '../support/factories.ts';
import { connectLive } from '../support/live-client.ts';
import { createTestApiKey, createTestUser, signIn } from '../support/accounts.ts';
import { DEMO_PASSWORD } from '../../apps/server/src/modules/auth/service.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

let databaseUrl: string;
let database: Database;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  database = await openDatabase({ url: databaseUrl, dataDir: '/nonexistent' });
});
afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await database.close();
});

async function start(port?: number, env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess({ DATABASE_URL: databaseUrl, ...env }, port);
  servers.push(server);
  return server;
}

it('stores every report that got a 201 exactly once, across a kill -9 and a restart', async () => {
  const first = await start();
  const partner = { authorization: `Bearer ${await createTestApiKey(database)}` };
  let target = first.baseUrl;
  const receipts = new Map<string, string>(); // idempotency key -> report id from a 201
  let attempts = 0;

  /** A partner that retries with the same key until it gets its receipt. */
  async function send(key: string): Promise<void> {
    const body = JSON.stringify(buildReport({ title: `Partner report ${key}` }));
    for (;;) {
      attempts += 1;
      try {
        const response = await fetch(`${target}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key, ...partner },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        if (response.status === 201) {
          receipts.set(key, ((await response.json()) as { reportId: string }).reportId);
          return;
        }
        expect(response.status).toBeGreaterThanOrEqual(500);
      } catch {
        // connection refused or reset while the server is down: retry
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const partners = Array.from({ length: 8 }, (_, partner) =>
    (async () => {
      for (let n = 0; n < 60; n += 1) await send(`partner-${partner}-${n}`);
    })(),
  );

  // Kill the server hard in the middle of the load, then start it again on the same port.
  await expect.poll(() => receipts.size, { timeout: 30_000, interval: 5 }).toBeGreaterThan(100);
  first.child.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');
  const acknowledgedBeforeCrash = receipts.size;
  const second = await start(first.port);
  target = second.baseUrl;
  await Promise.all(partners);

  expect(acknowledgedBeforeCrash).toBeLessThan(480);
  expect(receipts.size).toBe(480);
  expect(attempts).toBeGreaterThan(480); // some requests did fail and were retried
  const { rows } = await database.pool.query<{ idempotency_key: string; id: string }>(
    "select idempotency_key, id from reports where idempotency_key like 'partner-%'",
  );
  expect(rows).toHaveLength(480);
  expect(new Map(rows.map((row) => [row.idempotency_key, row.id]))).toEqual(receipts);
  expect(await verifyJournal(database.db)).toMatchObject({ ok: true });
});

it('on SIGTERM finishes what is in flight, closes consoles with a reason and exits cleanly', async () => {
  const server = await start();
  const person = await signIn(
    server.baseUrl,
    (await createTestUser(database, ['duty_officer'])).username,
  );
  const partner = { authorization: `Bearer ${await createTestApiKey(database)}` };
  const since = (
    (await (
      await fetch(`${server.baseUrl}/api/v1/situation`, { headers: person.headers })
    ).json()) as {
      asOfSeq: number;
    }
  ).asOfSeq;
  const liveConsole = await connectLive(server.baseUrl, { since }, { cookie: person.cookie });
  const inFlight = Array.from({ length: 20 }, () =>
    fetch(`${server.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...partner },
      body: JSON.stringify(buildReport()),
    }).then(
      (response) => response.status,
      () => 'refused',
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  server.child.kill('SIGTERM');
  const statuses = await Promise.all(inFlight);
  const closed = await liveConsole.closed;
  const exit = await server.exited;

  expect(closed).toEqual({ code: LiveCloseCode.shuttingDown, reason: 'server shutting down' });
  expect(exit).toEqual({ code: 0, signal: null });
  // Every request was answered (201, or 503 once closing) or refused; none stored without an answer.
  expect(statuses.every((status) => status === 201 || status === 503 || status === 'refused')).toBe(
    true,
  );
  const created = statuses.filter((status) => status === 201).length;
  const { rows } = await database.pool.query<{ n: number }>(
    "select count(*)::int as n from reports where received_at > now() - interval '1 minute' and idempotency_key is null",
  );
  expect(rows[0]?.n).toBe(created);
});

it('starts again on its embedded database after being killed with kill -9', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vaka-embedded-'));
  await chmod(dataDir, 0o755);
  // Demo mode, for a person to sign in as: the test cannot reach the embedded database itself.
  const env = { VAKA_DATA_DIR: dataDir, DATABASE_URL: '', VAKA_DEMO: '1' };
  try {
    const first = await start(undefined, env);
    const dutyOfficer = await signIn(first.baseUrl, 'tib', DEMO_PASSWORD);
    const response = await fetch(`${first.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...dutyOfficer.changeHeaders },
      body: JSON.stringify(buildReport({ title: 'Stored before the crash' })),
    });
    expect(response.status).toBe(201);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start(undefined, env);
    // The session, like everything else, survived the crash.
    const situation = (await (
      await fetch(`${second.baseUrl}/api/v1/situation`, { headers: dutyOfficer.headers })
    ).json()) as {
      incidents: Array<{ title: string }>;
    };
    expect(situation.incidents.map((incident) => incident.title)).toContain(
      'Stored before the crash',
    );
    // A second server on the same data directory is refused, and the running one goes on.
    await expect(start(undefined, env)).rejects.toThrow(/another Vaka server is running/);
    expect((await fetch(`${second.baseUrl}/readyz`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
