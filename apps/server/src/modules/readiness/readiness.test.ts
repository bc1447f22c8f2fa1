import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { JournalKind, type Readiness, type Role, type Situation } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { connectLive } from '../../../../../tests/support/live-client.ts';
import { createTestUser, signIn, type SignedIn } from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;
let baseUrl: string;
let dutyOfficer: SignedIn;
let leadership: SignedIn;

beforeAll(async () => {
  app = await buildTestApp();
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
  leadership = await signIn(app, (await createTestUser(app.database, ['leadership'])).username);
});
afterAll(() => app.close());

const setLevel = (body: Record<string, unknown>, who: SignedIn = dutyOfficer) =>
  app.inject({
    method: 'PUT',
    url: '/api/v1/readiness',
    headers: { ...who.changeHeaders, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

async function situation(): Promise<Situation> {
  return (await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })).json();
}

async function readinessEntries() {
  const { rows } = await app.database.pool.query<{ actor: string; data: unknown }>(
    "select actor, data from journal where kind = 'readiness.changed' order by seq",
  );
  return rows;
}

describe("the city's readiness level", () => {
  it('starts at normal, and is raised with why, by whom and when, for every console', async () => {
    expect((await situation()).readiness).toEqual({ level: 'normal' });
    const response = await setLevel({
      level: 'reinforced',
      reason: 'Storm warning class 2 for the coast tonight',
      expectedLevel: 'normal',
    });
    expect(response.statusCode).toBe(200);
    const readiness: Readiness = response.json();
    expect(readiness).toEqual({
      level: 'reinforced',
      reason: 'Storm warning class 2 for the coast tonight',
      changedAt: expect.any(String),
      changedBy: dutyOfficer.session.user.username,
    });
    expect((await situation()).readiness).toEqual(readiness);
    expect(await readinessEntries()).toEqual([
      {
        actor: dutyOfficer.session.user.username,
        data: { readiness, previous: 'normal' },
      },
    ]);
  });

  it('reaches a console on the live stream as it changes', async () => {
    const { asOfSeq } = await situation();
    const liveConsole = await connectLive(
      baseUrl,
      { since: asOfSeq },
      { cookie: leadership.cookie },
    );
    try {
      await liveConsole.waitFor((c) => c.messages.some((m) => m.type === 'welcome'));
      const response = await setLevel(
        { level: 'staff_mode', reason: 'Power cut across three districts' },
        leadership,
      );
      expect(response.statusCode).toBe(200);
      await liveConsole.waitFor((c) =>
        c.entries.some((e) => e.kind === JournalKind.readinessChanged),
      );
      expect(liveConsole.entries).toEqual([
        expect.objectContaining({
          seq: asOfSeq + 1,
          kind: JournalKind.readinessChanged,
          actor: leadership.session.user.username,
          data: { readiness: response.json(), previous: 'reinforced' },
        }),
      ]);
    } finally {
      liveConsole.close();
    }
  });

  it('refuses a change made on a stale view, naming the level and who set it (409)', async () => {
    const { readiness } = await situation();
    const response = await setLevel({
      level: 'crisis_leadership',
      reason: 'seen on an old screen',
      expectedLevel: 'normal',
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe(
      `The readiness level is staff_mode, set by ${leadership.session.user.username} at ${readiness.changedAt}, not normal as you saw: look at it again and retry`,
    );
    expect((await situation()).readiness).toEqual(readiness);
  });

  it('refuses the level already in force (409)', async () => {
    const before = await readinessEntries();
    const response = await setLevel({ level: 'staff_mode', reason: 'again' });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(
      /^The readiness level is already staff_mode, set by .* at /,
    );
    expect(await readinessEntries()).toEqual(before);
  });

  it('answers 400 for a level that does not exist or without a reason', async () => {
    const unknown = await setLevel({ level: 'panic', reason: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/body\/level must be one of: normal, reinforced/);
    const noReason = await setLevel({ level: 'normal' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/reason/);
    expect((await setLevel({ level: 'normal', reason: '' })).statusCode).toBe(400);
  });

  it('lets only one of two people changing it at once succeed', async () => {
    const answers = await Promise.all([
      setLevel({ level: 'crisis_leadership', reason: 'first', expectedLevel: 'staff_mode' }),
      setLevel({ level: 'reinforced', reason: 'second', expectedLevel: 'staff_mode' }, leadership),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.statusCode === 200)!.json();
    expect((await situation()).readiness).toEqual(winner);
  });
});

describe('who may set the readiness level', () => {
  it.each<Role>(['communicator', 'admin'])('refuses the %s role (403)', async (role) => {
    const person = await signIn(app, (await createTestUser(app.database, [role])).username);
    const before = (await situation()).readiness;
    const response = await setLevel({ level: 'normal', reason: 'all clear' }, person);
    expect(response.statusCode).toBe(403);
    expect((await situation()).readiness).toEqual(before);
  });

  it('refuses anyone not signed in (401)', async () => {
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/readiness',
      payload: { level: 'normal', reason: 'all clear' },
    });
    expect(response.statusCode).toBe(401);
  });
});
