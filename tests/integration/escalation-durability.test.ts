// The escalation engine's promises under failure: a step survives the server being killed, two
// instances send each message once, and an answer that arrives mid-send stops what follows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Escalation } from '@vaka/domain';
import { buildTestApp, testConfig } from '../support/app.ts';
import { sendAs, signInEveryRole, type EveryRole } from '../support/accounts.ts';
import { createTestDatabase } from '../support/database.ts';
import { startEngineProcess } from '../support/engine-process-runner.ts';
import { buildReport } from '../support/factories.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T08:00:00.000Z');

interface Sms {
  id: string;
  to: string;
  text: string;
  idempotencyKey: string | undefined;
}

/** A local stand-in for the SMS gateway: it records each message and can hold its answers. */
async function startSmsGateway() {
  const received: Sms[] = [];
  let gate: Promise<void> | undefined;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const sms = JSON.parse(body) as Omit<Sms, 'idempotencyKey'>;
      received.push({ ...sms, idempotencyKey: request.headers['idempotency-key'] as string });
      await gate;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"queued":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    /** Answers wait until the returned function is called. */
    hold(): () => void {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Gateway = Awaited<ReturnType<typeof startSmsGateway>>;

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Vaka on a database, with a clock the test moves, SMS going to the gateway. */
async function vakaAt(
  databaseUrl: string,
  clock: () => Date,
  gateway: Gateway,
  recipientLimit = 1_000,
) {
  const base = testConfig(databaseUrl);
  return buildTestApp({
    databaseUrl,
    clock,
    config: {
      // One phone gets a message from each of many escalations here: no per-recipient holds,
      // unless a test is about them.
      notifications: {
        ...base.notifications,
        sms: { url: new URL(gateway.url), token: undefined },
        recipientLimit,
      },
    },
  });
}

/** A unit with three SMS contacts and a policy that asks them one at a time, 5 minutes each. */
async function seedUnit(app: FastifyInstance, people: EveryRole) {
  const unit = await sendAs(app, people.admin, 'POST', '/api/v1/units', {
    name: 'Stockholm Vatten jour',
    categories: ['utility_water'],
    districtIds: [],
    timeZone: 'Europe/Stockholm',
    contacts: ['Anna', 'Bo', 'Cecilia'].map((name, index) => ({
      name,
      phone: `+46 70 555 00 0${index + 1}`,
      preferredChannel: 'sms',
      language: 'sv',
    })),
  });
  expect(unit.statusCode, unit.body).toBe(201);
  const { id: unitId, contacts } = unit.json() as { id: string; contacts: Array<{ id: string }> };
  const policy = await sendAs(
    app,
    people.admin,
    'POST',
    `/api/v1/units/${unitId}/escalation-policies`,
    {
      name: 'One at a time',
      steps: contacts.map((contact) => ({
        waitMinutes: 5,
        requireAll: false,
        targets: [{ kind: 'contact', contactId: contact.id }],
      })),
    },
  );
  expect(policy.statusCode, policy.body).toBe(201);
  return { unitId, policyId: (policy.json() as { id: string }).id };
}

async function escalate(
  app: FastifyInstance,
  people: EveryRole,
  unit: { unitId: string; policyId: string },
): Promise<Escalation> {
  const report = await sendAs(app, people.dutyOfficer, 'POST', '/api/v1/reports', buildReport());
  expect(report.statusCode, report.body).toBe(201);
  const { incidentId } = report.json() as { incidentId: string };
  const started = await sendAs(
    app,
    people.dutyOfficer,
    'POST',
    `/api/v1/incidents/${incidentId}/escalations`,
    {
      ...unit,
      brief: 'Vattenläcka på Götgatan, ta över avstängningen',
    },
  );
  expect(started.statusCode, started.body).toBe(201);
  return started.json() as Escalation;
}

async function stepEntries(app: FastifyInstance, escalationId: string) {
  const { rows } = await app.database.pool.query<{
    recorded_at: Date;
    data: { step: number; round: number; reason: string };
  }>(
    `select recorded_at, data from journal
      where kind = 'escalation.step_notified' and data->'escalation'->>'id' = $1 order by seq`,
    [escalationId],
  );
  return rows.map((row) => ({
    step: row.data.step,
    reason: row.data.reason,
    at: row.recorded_at.toISOString(),
  }));
}

describe('the escalation engine under failure', () => {
  let gateway: Gateway;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    gateway = await startSmsGateway();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    gateway.received.length = 0;
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('fires the next step on time, once, after the server was killed between two steps', async () => {
    const databaseUrl = await createTestDatabase();
    const clockFile = path.join(mkdtempSync(path.join(tmpdir(), 'vaka-clock-')), 'now');
    let now = new Date(T0);
    const setNow = (at: number) => {
      now = new Date(at);
      writeFileSync(clockFile, now.toISOString());
    };
    setNow(T0);
    const setup = await vakaAt(databaseUrl, () => now, gateway);
    apps.push(setup);
    const people = await signInEveryRole(setup);
    const escalation = await escalate(setup, people, await seedUnit(setup, people));
    const env = {
      DATABASE_URL: databaseUrl,
      VAKA_TEST_CLOCK_FILE: clockFile,
      VAKA_SMS_URL: gateway.url,
    };

    const first = await startEngineProcess(env);
    await until(() => gateway.received.length === 1, 'the first step to reach the gateway');
    expect(gateway.received[0]!.to).toBe('+46 70 555 00 01');
    // Killed once the first step is done: a kill between the gateway's answer and storing it
    // would send that message again when its lease runs out (at least once, by design).
    const sent = async () =>
      (
        await setup.database.pool.query(
          "select 1 from outbox where status = 'sent' and recipient = '+46 70 555 00 01'",
        )
      ).rowCount === 1;
    for (let i = 0; i < 400 && !(await sent()); i++) await pause(25);
    expect(await sent()).toBe(true);
    const killed = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await killed;

    // Two minutes on, a new server: the second step is not due yet.
    setNow(T0 + 2 * MINUTE);
    const second = await startEngineProcess(env);
    try {
      await pause(400);
      expect(gateway.received).toHaveLength(1);

      setNow(T0 + 5 * MINUTE);
      await until(() => gateway.received.length === 2, 'the second step to be sent');
      await pause(500);
      expect(gateway.received.map((sms) => sms.to)).toEqual([
        '+46 70 555 00 01',
        '+46 70 555 00 02',
      ]);
      expect(await stepEntries(setup, escalation.id)).toEqual([
        { step: 0, reason: 'start', at: new Date(T0).toISOString() },
        { step: 1, reason: 'timeout', at: new Date(T0 + 5 * MINUTE).toISOString() },
      ]);
    } finally {
      second.kill('SIGKILL');
    }
  });

  it('sends each message exactly once with two instances on one database', async () => {
    const databaseUrl = await createTestDatabase();
    let now = new Date(T0);
    const a = await vakaAt(databaseUrl, () => now, gateway);
    const b = await vakaAt(databaseUrl, () => now, gateway);
    apps.push(a, b);
    const people = await signInEveryRole(a);
    const unit = await seedUnit(a, people);
    const escalations: Escalation[] = [];
    for (let i = 0; i < 12; i++) escalations.push(await escalate(a, people, unit));
    const ticks = () => Promise.all([a, b, a, b, a, b].map((app) => app.escalationEngine.tick()));

    await ticks();
    expect(gateway.received).toHaveLength(12);

    now = new Date(T0 + 5 * MINUTE);
    await ticks();
    expect(gateway.received).toHaveLength(24);

    // And with both engines polling on their own.
    now = new Date(T0 + 10 * MINUTE);
    a.escalationEngine.start(15);
    b.escalationEngine.start(15);
    await until(() => gateway.received.length >= 36, 'the third step on both instances');
    await pause(300);
    await Promise.all([a.escalationEngine.stop(), b.escalationEngine.stop()]);

    const ids = gateway.received.map((sms) => sms.id);
    expect(ids).toHaveLength(36);
    expect(new Set(ids).size).toBe(36);
    expect(gateway.received.every((sms) => sms.idempotencyKey === sms.id)).toBe(true);
    for (const escalation of escalations) {
      expect((await stepEntries(a, escalation.id)).map((entry) => entry.step)).toEqual([0, 1, 2]);
    }
    const { rows } = await a.database.pool.query<{ count: number }>(
      `select count(*)::int as count from journal where kind = 'escalation.notification_sent'`,
    );
    expect(rows[0]!.count).toBe(36);
  });

  it('lets a storm of escalations reach one phone only as often as its limit allows', async () => {
    let now = new Date(T0);
    const app = await vakaAt(await createTestDatabase(), () => now, gateway, 6);
    apps.push(app);
    const people = await signInEveryRole(app);
    const unit = await seedUnit(app, people);
    for (let i = 0; i < 10; i++) await escalate(app, people, unit);
    await app.escalationEngine.tick();
    expect(gateway.received).toHaveLength(6);
    const { rows } = await app.database.pool.query<{ count: number }>(
      `select count(*)::int as count from journal where kind = 'escalation.notification_held'`,
    );
    expect(rows[0]!.count).toBe(4);
    // Fifteen minutes on the window has moved: the four held ones go (the second steps too).
    now = new Date(T0 + 15 * MINUTE);
    await app.escalationEngine.tick();
    expect(gateway.received.filter((sms) => sms.to === '+46 70 555 00 01')).toHaveLength(10);
  });

  it('stops every later step when an answer arrives while the next step is being sent', async () => {
    let now = new Date(T0);
    const app = await vakaAt(await createTestDatabase(), () => now, gateway);
    apps.push(app);
    const people = await signInEveryRole(app);
    const escalation = await escalate(app, people, await seedUnit(app, people));
    await app.escalationEngine.tick();
    const annasLink = new URL(/http\S+/.exec(gateway.received[0]!.text)![0]).pathname;

    // Five minutes on, Bo's message is under way and the gateway is slow to answer.
    now = new Date(T0 + 5 * MINUTE);
    const release = gateway.hold();
    const sending = app.escalationEngine.tick();
    await until(() => gateway.received.length === 2, "Bo's message to reach the gateway");

    const accepted = await app.inject({
      method: 'POST',
      url: annasLink,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=accept',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.body).toContain('Tack!');
    release();
    await sending;

    // The step after Bo's never comes, and Bo's own link says Anna has it.
    now = new Date(T0 + 15 * MINUTE);
    await app.escalationEngine.tick();
    expect(gateway.received.map((sms) => sms.to)).toEqual(['+46 70 555 00 01', '+46 70 555 00 02']);
    expect((await stepEntries(app, escalation.id)).map((entry) => entry.step)).toEqual([0, 1]);
    const bosLink = new URL(/http\S+/.exec(gateway.received[1]!.text)![0]).pathname;
    const stale = await app.inject({ method: 'GET', url: bosLink });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Anna tog redan emot ärendet');
    const { rows } = await app.database.pool.query<{ status: string; ended_by: string }>(
      'select status, ended_by from escalations where id = $1',
      [escalation.id],
    );
    expect(rows).toEqual([{ status: 'accepted', ended_by: 'Anna' }]);
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toContain(
      'vaka_notification_attempts_total{channel="sms",outcome="sent"} 2',
    );
  });
});
