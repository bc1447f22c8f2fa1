import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { JournalKind, LiveCloseCode, PROTOCOL_VERSION } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { createTestDatabase } from '../../../../../tests/support/database.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import { connectLive } from '../../../../../tests/support/live-client.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

let databaseUrl: string;
let app: FastifyInstance;
let baseUrl: string;

let viewer: SignedIn;
let partner: Record<string, string>;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  app = await buildTestApp({ databaseUrl, live: { pingIntervalMs: 200 } });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  viewer = await signIn(baseUrl, (await createTestUser(app.database, ['duty_officer'])).username);
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
});

/** A duty officer's console on the live stream (sessions live in the database: any instance). */
const watch = (
  target: string,
  query: Parameters<typeof connectLive>[1],
  options: { answerPings?: boolean } = {},
) => connectLive(target, query, { ...options, cookie: viewer.cookie });
afterAll(() => app.close());

async function postReport(target: string, title: string) {
  const response = await fetch(`${target}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...partner },
    body: JSON.stringify(buildReport({ title })),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { seq: number; incidentId: string };
}

async function asOfSeq(target: string): Promise<number> {
  return (
    (await (await fetch(`${target}/api/v1/situation`, { headers: viewer.headers })).json()) as {
      asOfSeq: number;
    }
  ).asOfSeq;
}

describe('the live stream', () => {
  it('brings a new report to a connected console, as the incident and the report', async () => {
    const since = await asOfSeq(baseUrl);
    const liveConsole = await watch(baseUrl, { since, protocol: PROTOCOL_VERSION });
    await liveConsole.waitFor((c) => c.messages.some((m) => m.type === 'welcome'));
    const receipt = await postReport(baseUrl, 'Tree on the tracks at Gullmarsplan');
    await liveConsole.waitFor((c) => c.entries.some((e) => e.seq === receipt.seq));
    expect(liveConsole.messages[0]).toMatchObject({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      headSeq: since,
    });
    expect(liveConsole.entries.map((e) => e.kind)).toEqual([
      JournalKind.incidentOpened,
      JournalKind.reportReceived,
    ]);
    expect(liveConsole.entries[0]).toMatchObject({
      seq: since + 1,
      incidentId: receipt.incidentId,
      data: { incident: { title: 'Tree on the tracks at Gullmarsplan', status: 'new' } },
    });
    liveConsole.close();
  });

  it('replays what a console missed, from the sequence it gives, without repeating anything', async () => {
    const since = await asOfSeq(baseUrl);
    await postReport(baseUrl, 'Missed one');
    await postReport(baseUrl, 'Missed two');
    const liveConsole = await watch(baseUrl, { since });
    await liveConsole.waitFor((c) => c.entries.length === 4);
    const live = await postReport(baseUrl, 'Live three');
    await liveConsole.waitFor((c) => c.entries.some((e) => e.seq === live.seq));
    expect(liveConsole.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6].map((n) => since + n));
    liveConsole.close();
  });

  it('replays from the database when the console is further back than memory holds', async () => {
    const small = await buildTestApp({ databaseUrl, live: { recentEntries: 2 } });
    const smallUrl = await small.listen({ port: 0, host: '127.0.0.1' });
    try {
      const since = await asOfSeq(smallUrl);
      for (const n of [1, 2, 3]) await postReport(smallUrl, `Older ${n}`);
      const liveConsole = await watch(smallUrl, { since });
      await liveConsole.waitFor((c) => c.entries.length === 6);
      expect(liveConsole.entries.map((e) => e.seq)).toEqual(
        [1, 2, 3, 4, 5, 6].map((n) => since + n),
      );
      liveConsole.close();
    } finally {
      await small.close();
    }
  });

  it('tells a console that knows a sequence this database never issued to resync', async () => {
    const liveConsole = await watch(baseUrl, { since: 1_000_000 });
    const closed = await liveConsole.closed;
    expect(liveConsole.messages).toContainEqual({ type: 'resync', reason: 'unknown_sequence' });
    expect(closed.code).toBe(LiveCloseCode.resync);
  });

  it('tells a console of another protocol version to resync', async () => {
    const liveConsole = await watch(baseUrl, { since: 0, protocol: PROTOCOL_VERSION + 1 });
    expect((await liveConsole.closed).code).toBe(LiveCloseCode.resync);
    expect(liveConsole.messages).toContainEqual({ type: 'resync', reason: 'protocol_mismatch' });
  });

  it('refuses a since that is not a sequence number', async () => {
    await expect(watch(baseUrl, { since: -5 })).rejects.toThrow(/400/);
  });

  it('keeps a console that answers pings, and drops one that does not', async () => {
    const since = await asOfSeq(baseUrl);
    const answering = await watch(baseUrl, { since });
    const silent = await watch(baseUrl, { since }, { answerPings: false });
    const closed = await silent.closed;
    expect(closed.code).toBe(LiveCloseCode.pingTimeout);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    expect(answering.messages.filter((m) => m.type === 'ping').length).toBeGreaterThanOrEqual(3);
    answering.close();
  });

  it('closes a console that sends something the protocol does not know', async () => {
    const liveConsole = await watch(baseUrl, { since: await asOfSeq(baseUrl) });
    liveConsole.socket.send('{"type":"delete_everything"}');
    expect((await liveConsole.closed).code).toBe(1008);
  });

  it('serves the same stream from a second instance on the same database', async () => {
    const second = await buildTestApp({ databaseUrl });
    const secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
    try {
      const since = await asOfSeq(secondUrl);
      const onSecond = await watch(secondUrl, { since });
      const onFirst = await watch(baseUrl, { since });
      const fromFirst = await postReport(baseUrl, 'Posted to the first instance');
      const fromSecond = await postReport(secondUrl, 'Posted to the second instance');
      const last = Math.max(fromFirst.seq, fromSecond.seq);
      for (const liveConsole of [onFirst, onSecond]) {
        await liveConsole.waitFor((c) => c.entries.some((e) => e.seq === last));
        expect(liveConsole.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4].map((n) => since + n));
        liveConsole.close();
      }
    } finally {
      await second.close();
    }
  });

  it('tells a console that cannot keep up to resync, without holding back the others', async () => {
    const strict = await buildTestApp({ databaseUrl, live: { maxBufferedBytes: 256 * 1024 } });
    const strictUrl = await strict.listen({ port: 0, host: '127.0.0.1' });
    try {
      const since = await asOfSeq(strictUrl);
      const slow = await watch(strictUrl, { since });
      const keeping = await watch(strictUrl, { since });
      await slow.waitFor((c) => c.messages.some((m) => m.type === 'welcome'));
      // The slow console stops reading: what the server sends piles up in its buffers.
      (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      const description = 'Long eyewitness account. '.repeat(380);
      let last = 0;
      for (let round = 0; round < 20; round += 1) {
        const receipts = await Promise.all(
          Array.from({ length: 50 }, (_, n) =>
            fetch(`${strictUrl}/api/v1/reports`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...partner },
              body: JSON.stringify(buildReport({ title: `Flood ${round}-${n}`, description })),
            }).then((response) => response.json() as Promise<{ seq: number }>),
          ),
        );
        last = Math.max(last, ...receipts.map((receipt) => receipt.seq));
      }
      await keeping.waitFor((c) => c.entries.at(-1)?.seq === last, 20_000);
      expect(keeping.entries).toHaveLength(last - since);
      (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      expect((await slow.closed).code).toBe(LiveCloseCode.resync);
      expect(slow.messages).toContainEqual({ type: 'resync', reason: 'too_slow' });
      expect(slow.entries.length).toBeLessThan(last - since);
      keeping.close();
    } finally {
      await strict.close();
    }
  });

  it('closes consoles with a reason when the server shuts down', async () => {
    const leaving = await buildTestApp({ databaseUrl });
    const leavingUrl = await leaving.listen({ port: 0, host: '127.0.0.1' });
    const liveConsole = await watch(leavingUrl, { since: await asOfSeq(leavingUrl) });
    await leaving.close();
    expect(await liveConsole.closed).toEqual({
      code: LiveCloseCode.shuttingDown,
      reason: 'server shutting down',
    });
  });

  it('refuses a websocket opened without a session', async () => {
    await expect(connectLive(baseUrl, { since: 0 })).rejects.toThrow(/401/);
  });

  it('sends entries a role may not see as placeholders, and whole to those who may', async () => {
    const admin = await signIn(
      baseUrl,
      (await createTestUser(app.database, ['duty_officer', 'admin'])).username,
    );
    const since = await asOfSeq(baseUrl);
    const dutyConsole = await watch(baseUrl, { since });
    const adminConsole = await connectLive(baseUrl, { since }, { cookie: admin.cookie });
    const someone = await createTestUser(app.database, ['communicator']);
    await signIn(baseUrl, someone.username);
    const report = await postReport(baseUrl, 'Seen by the duty officer');
    for (const liveConsole of [dutyConsole, adminConsole]) {
      await liveConsole.waitFor((c) => c.entries.some((e) => e.seq === report.seq));
    }
    const signedInSeq = adminConsole.entries.find((e) => e.kind === 'auth.signed_in')!.seq;
    expect(adminConsole.entries.find((e) => e.seq === signedInSeq)).toMatchObject({
      actor: someone.username,
    });
    expect(dutyConsole.entries.find((e) => e.seq === signedInSeq)).toEqual({
      seq: signedInSeq,
      recordedAt: expect.any(String),
      kind: 'hidden',
    });
    // Both see every sequence number, once, in order.
    for (const liveConsole of [dutyConsole, adminConsole]) {
      expect(liveConsole.entries.map((e) => e.seq)).toEqual(
        Array.from({ length: report.seq - since }, (_, n) => since + n + 1),
      );
      liveConsole.close();
    }
  });

  it('closes the consoles of a session when it signs out', async () => {
    const person = await signIn(
      baseUrl,
      (await createTestUser(app.database, ['leadership'])).username,
    );
    const liveConsole = await connectLive(
      baseUrl,
      { since: await asOfSeq(baseUrl) },
      { cookie: person.cookie },
    );
    await liveConsole.waitFor((c) => c.messages.some((m) => m.type === 'welcome'));
    const signedOut = await fetch(`${baseUrl}/api/v1/auth/logout`, {
      method: 'POST',
      headers: person.changeHeaders,
    });
    expect(signedOut.status).toBe(204);
    expect(await liveConsole.closed).toEqual({
      code: LiveCloseCode.signedOut,
      reason: 'signed out',
    });
    await expect(connectLive(baseUrl, { since: 0 }, { cookie: person.cookie })).rejects.toThrow(
      /401/,
    );
  });
});
