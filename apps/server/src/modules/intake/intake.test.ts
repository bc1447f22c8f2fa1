import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { countReports, journalHead } from '@vaka/db';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;
let partner: Record<string, string>;
let dutyOfficer: SignedIn;

beforeAll(async () => {
  app = await buildTestApp();
  partner = {
    authorization: `Bearer ${await createTestApiKey(app.database, { name: 'SOS Alarm' })}`,
  };
  const person = await createTestUser(app.database, ['duty_officer']);
  dutyOfficer = await signIn(app, person.username);
});
afterAll(() => app.close());

/** A partner's system posts a report with its API key. */
const post = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { 'content-type': 'application/json', ...partner, ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const situation = async () =>
  (await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })).json();

async function stored() {
  return { reports: await countReports(app.database.db), head: await journalHead(app.database.db) };
}

describe('report intake', () => {
  it('stores a report, opens its incident and shows it in the situation', async () => {
    const report = buildReport({
      title: 'Smoke from a basement on Ringvägen',
      severity: 'serious',
    });
    const response = await post(report);
    expect(response.statusCode).toBe(201);
    const receipt = response.json();
    expect(receipt).toMatchObject({ reportId: expect.any(String), incidentId: expect.any(String) });

    const picture = await situation();
    expect(picture.asOfSeq).toBeGreaterThanOrEqual(receipt.seq);
    expect(picture.incidents[0]).toMatchObject({
      id: receipt.incidentId,
      title: 'Smoke from a basement on Ringvägen',
      severity: 'serious',
      status: 'new',
      reportCount: 1,
    });
  });

  const valid = buildReport();
  const badBodies: Array<[string, unknown, RegExp]> = [
    ['no title', { ...valid, title: undefined }, /required field 'title'/],
    [
      'an empty title',
      { ...valid, title: '' },
      /body\/title must NOT have fewer than 1 characters/,
    ],
    ['a title of the wrong type', { ...valid, title: 42 }, /body\/title must be string/],
    [
      'an unknown severity',
      { ...valid, severity: 'apocalyptic' },
      /body\/severity must be one of: minor/,
    ],
    ['an unknown category', { ...valid, category: 'aliens' }, /body\/category must be one of/],
    ['an unknown field', { ...valid, priority: 1 }, /not allowed: 'priority'/],
    [
      'an unknown field deep down',
      { ...valid, source: { channel: 'phone', via: 'x' } },
      /not allowed: 'via'/,
    ],
    [
      'a location with neither coordinates nor address',
      { ...valid, location: {} },
      /body\/location/,
    ],
    [
      'a latitude off the globe',
      { ...valid, location: { coordinates: { lat: 91, lon: 18 } } },
      /lat must be <= 90/,
    ],
    [
      'a time that is not a time',
      { ...valid, observedAt: 'yesterday' },
      /observedAt must match format "date-time"/,
    ],
    [
      'a reporter email that is not one',
      { ...valid, reporter: { email: 'not-an-email' } },
      /email/,
    ],
    ['an array instead of an object', [valid], /body must be object/],
    ['null', null, /body must be object/],
  ];

  it.each(badBodies)(
    'answers 400 with a reason for %s, and stores nothing',
    async (_name, body, reason) => {
      const before = await stored();
      const response = await post(body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.stringMatching(reason),
      });
      expect(await stored()).toEqual(before);
    },
  );

  it('answers 400 for JSON that does not parse, and stores nothing', async () => {
    const before = await stored();
    const response = await post('{"title": "Fire",');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/JSON/i);
    expect(await stored()).toEqual(before);
  });

  it('answers 415 for a body that is not JSON, and stores nothing', async () => {
    const before = await stored();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { 'content-type': 'text/plain', ...partner },
      payload: 'Fire on Götgatan',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toMatch(/content-type/i);
    expect(await stored()).toEqual(before);
  });

  it('answers 413 for an oversized body, and stores nothing', async () => {
    const before = await stored();
    const response = await post({ ...valid, description: 'x'.repeat(100_000) });
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(/too large/i);
    expect(await stored()).toEqual(before);
  });

  it('answers 400 for a description over its limit, and stores nothing', async () => {
    const before = await stored();
    const response = await post({ ...valid, description: 'x'.repeat(10_001) });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/description must NOT have more than 10000 characters/);
    expect(await stored()).toEqual(before);
  });

  it('answers 400 for an idempotency key that cannot be one, and stores nothing', async () => {
    const before = await stored();
    const response = await post(valid, { 'idempotency-key': 'x'.repeat(201) });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/idempotency-key/);
    expect(await stored()).toEqual(before);
  });

  it('gives a retry with the same Idempotency-Key the first receipt instead of a second report', async () => {
    const report = buildReport({ title: 'Retried by a partner' });
    const first = await post(report, { 'idempotency-key': 'partner-4711' });
    const before = await stored();
    const retry = await post(report, { 'idempotency-key': 'partner-4711' });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await stored()).toEqual(before);
  });

  it('gives concurrent sends with one key a single report', async () => {
    const before = await stored();
    const report = buildReport({ title: 'Sent five times at once' });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => post(report, { 'idempotency-key': 'burst-1' })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.json().reportId)).size).toBe(1);
    expect((await stored()).reports).toBe(before.reports + 1);
  });

  it('refuses a reused key with a different report (422), keeping the first', async () => {
    const first = await post(buildReport({ title: 'First' }), { 'idempotency-key': 'reused' });
    const before = await stored();
    const second = await post(buildReport({ title: 'Something else' }), {
      'idempotency-key': 'reused',
    });
    expect(second.statusCode).toBe(422);
    expect(second.json().message).toMatch(/already used for a different report/);
    expect(await stored()).toEqual(before);
    const picture = await situation();
    expect(
      picture.incidents.find((i: { id: string }) => i.id === first.json().incidentId).title,
    ).toBe('First');
  });

  it('stores many concurrent reports, each once, with their journal entries', async () => {
    const before = await stored();
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, n) => post(buildReport({ title: `Concurrent ${n}` }))),
    );
    expect(responses.every((r) => r.statusCode === 201)).toBe(true);
    const after = await stored();
    expect(after.reports).toBe(before.reports + 60);
    // Each report opens an incident: two journal entries.
    expect(after.head).toBe(before.head + 120);
    const seqs = responses.map((r) => r.json().seq as number);
    expect(new Set(seqs).size).toBe(60);
  });

  it('names who sent a report in the journal: the key, or the person typing it in', async () => {
    const fromPartner = (await post(buildReport({ title: 'From the partner' }))).json();
    const typedIn = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { 'content-type': 'application/json', ...dutyOfficer.changeHeaders },
      payload: JSON.stringify(buildReport({ title: 'Typed in from a call' })),
    });
    expect(typedIn.statusCode).toBe(201);
    const { rows } = await app.database.pool.query<{ seq: number; actor: string }>(
      'select seq, actor from journal where seq = any($1)',
      [[fromPartner.seq, typedIn.json().seq]],
    );
    expect(rows.map((row) => row.actor).sort()).toEqual(
      ['api_key:SOS Alarm', dutyOfficer.session.user.username].sort(),
    );
  });

  it('refuses a report without a key or session (401), and a key that is not one (401)', async () => {
    const before = await stored();
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(buildReport()),
    });
    expect(anonymous.statusCode).toBe(401);
    const forged = await post(buildReport(), { authorization: 'Bearer vk_not-a-real-key' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().message).toMatch(/API key is not valid/);
    expect(await stored()).toEqual(before);
  });

  it('slows a partner down at its own rate limit, not the others', async () => {
    const limited = {
      authorization: `Bearer ${await createTestApiKey(app.database, { rateLimitPerMinute: 3 })}`,
    };
    const statuses = [];
    for (let n = 0; n < 5; n += 1) statuses.push((await post(buildReport(), limited)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect((await post(buildReport())).statusCode).toBe(201);
  });
});
