import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { JournalKind, LiveCloseCode, PROTOCOL_VERSION } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { createTestDatabase } from '../../../../../tests/support/database.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import { connectLive } from '../../../../../tests/support/live-client.ts';

let databaseUrl: string;
let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  app = await buildTestApp({ databaseUrl, live: { pingIntervalMs: 200 } });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

async function postReport(target: string, title: string) {
  const response = await fetch(`${target}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(buildReport({ title })),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { seq: number; incidentId: string };
}

async function asOfSeq(target: string): Promise<number> {
  return ((await (await fetch(`${target}/api/v1/situation`)).json()) as { asOfSeq: number })
    .asOfSeq;
}

describe('the live stream', () => {
  it('brings a new report to a connected console, as the incident and the report', async () => {
    const since = await asOfSeq(baseUrl);
    const liveConsole = await connectLive(baseUrl, { since, protocol: PROTOCOL_VERSION });
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
    const liveConsole = await connectLive(baseUrl, { since });
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
      const liveConsole = await connectLive(smallUrl, { since });
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
    const liveConsole = await connectLive(baseUrl, { since: 1_000_000 });
    const closed = await liveConsole.closed;
    expect(liveConsole.messages).toContainEqual({ type: 'resync', reason: 'unknown_sequence' });
    expect(closed.code).toBe(LiveCloseCode.resync);
  });

  it('tells a console of another protocol version to resync', async () => {
    const liveConsole = await connectLive(baseUrl, { since: 0, protocol: PROTOCOL_VERSION + 1 });
    expect((await liveConsole.closed).code).toBe(LiveCloseCode.resync);
    expect(liveConsole.messages).toContainEqual({ type: 'resync', reason: 'protocol_mismatch' });
  });

  it('refuses a since that is not a sequence number', async () => {
    await expect(connectLive(baseUrl, { since: -5 })).rejects.toThrow(/400/);
  });

  it('keeps a console that answers pings, and drops one that does not', async () => {
    const since = await asOfSeq(baseUrl);
    const answering = await connectLive(baseUrl, { since });
    const silent = await connectLive(baseUrl, { since }, { answerPings: false });
    const closed = await silent.closed;
    expect(closed.code).toBe(LiveCloseCode.pingTimeout);
    expect(answering.socket.readyState).toBe(answering.socket.OPEN);
    expect(answering.messages.filter((m) => m.type === 'ping').length).toBeGreaterThanOrEqual(3);
    answering.close();
  });

  it('closes a console that sends something the protocol does not know', async () => {
    const liveConsole = await connectLive(baseUrl, { since: await asOfSeq(baseUrl) });
    liveConsole.socket.send('{"type":"delete_everything"}');
    expect((await liveConsole.closed).code).toBe(1008);
  });

  it('serves the same stream from a second instance on the same database', async () => {
    const second = await buildTestApp({ databaseUrl });
    const secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
    try {
      const since = await asOfSeq(secondUrl);
      const onSecond = await connectLive(secondUrl, { since });
      const onFirst = await connectLive(baseUrl, { since });
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
      const slow = await connectLive(strictUrl, { since });
      const keeping = await connectLive(strictUrl, { since });
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
              headers: { 'content-type': 'application/json' },
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
    const liveConsole = await connectLive(leavingUrl, { since: await asOfSeq(leavingUrl) });
    await leaving.close();
    expect(await liveConsole.closed).toEqual({
      code: LiveCloseCode.shuttingDown,
      reason: 'server shutting down',
    });
  });
});
