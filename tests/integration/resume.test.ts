import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { readJournalAfter } from '@vaka/db';
import type { ServerMessage } from '@vaka/domain';
import WebSocket from 'ws';
import { buildTestApp } from '../support/app.ts';
import { buildReport } from '../support/factories.ts';
import { createTestApiKey, createTestUser, signIn } from '../support/accounts.ts';

const WRITERS = 10;
const REPORTS = 2_000;

let app: FastifyInstance;
let baseUrl: string;
let cookie: string;
let partner: Record<string, string>;

beforeAll(async () => {
  app = await buildTestApp();
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  cookie = (await signIn(baseUrl, (await createTestUser(app.database, ['duty_officer'])).username))
    .cookie;
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
});
afterAll(() => app.close());

/** A small seeded generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

it('delivers every journal entry exactly once, in order, to a console that keeps dropping its connection', async () => {
  const seed = Number(process.env.VAKA_TEST_SEED ?? Date.now() % 100_000);
  const next = random(seed);
  const applied: number[] = [];
  const problems: string[] = [];
  let lastApplied = 0;
  let reconnects = 0;
  let socket: WebSocket | undefined;
  let stopped = false;

  const connect = () => {
    const current = new WebSocket(
      `${baseUrl.replace('http', 'ws')}/api/v1/live?since=${lastApplied}`,
      { headers: { cookie } },
    );
    socket = current;
    current.on('message', (data) => {
      if (current !== socket) return; // a message from a socket we already dropped
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'resync') problems.push(`told to resync: ${message.reason}`);
      if (message.type !== 'journal') return;
      for (const entry of message.entries) {
        if (entry.seq !== lastApplied + 1) problems.push(`got ${entry.seq} after ${lastApplied}`);
        lastApplied = entry.seq;
        applied.push(entry.seq);
      }
    });
    current.on('error', () => {});
    current.on('close', () => {
      if (current === socket && !stopped) setTimeout(connect, next() * 20);
    });
  };
  connect();

  // Drop the connection at random moments while the writers post.
  const dropper = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 10 + next() * 120));
      if (stopped) break;
      reconnects += 1;
      const dropped = socket;
      socket = undefined;
      dropped?.terminate();
      connect();
    }
  })();

  let posted = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (posted < REPORTS) {
        posted += 1;
        const response = await fetch(`${baseUrl}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...partner },
          body: JSON.stringify(buildReport()),
        });
        expect(response.status).toBe(201);
      }
    }),
  );
  stopped = true;
  await dropper;
  // One last, steady connection to catch up to the end.
  stopped = false;
  socket?.terminate();
  connect();
  const journal = await readJournalAfter(app.database.db, 0, 100_000);
  const expected = journal.map((entry) => entry.seq);
  await expect.poll(() => lastApplied, { timeout: 20_000 }).toBe(expected.at(-1));
  stopped = true;
  socket?.close();

  expect(problems, `seed ${seed}`).toEqual([]);
  expect(journal.filter((entry) => entry.kind === 'report.received')).toHaveLength(REPORTS);
  expect(applied).toEqual(expected);
  expect(reconnects).toBeGreaterThan(5);
});
