import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { countReports } from '@vaka/db';
import { buildTestApp } from '../support/app.ts';
import { createTestApiKey } from '../support/accounts.ts';
import { buildReport } from '../support/factories.ts';

let app: FastifyInstance;
let partner: Record<string, string>;

beforeAll(async () => {
  // Sign-in's own rate limit would answer most attempts with 429 before looking at them.
  app = await buildTestApp({ config: { signInAttemptsPerMinute: 1_000_000 } });
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
});
afterAll(() => app.close());

/** Bodies that are almost right, wholly wrong, or not JSON at all. */
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .record(
      {
        title: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        category: fc.oneof(fc.constantFrom('fire', 'flooding'), fc.string()),
        severity: fc.oneof(fc.constantFrom('minor', 'critical'), fc.string()),
        location: fc.oneof(fc.jsonValue(), fc.record({ address: fc.string() })),
        source: fc.oneof(fc.jsonValue(), fc.constant({ channel: 'phone' })),
        observedAt: fc.oneof(
          fc.string(),
          fc.date().map((date) => (Number.isNaN(date.getTime()) ? '' : date.toISOString())),
        ),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.constant(JSON.stringify(buildReport()).slice(0, 40)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
);
const query = fc
  .string({ maxLength: 40 })
  .map((value) => `?${encodeURIComponent(value)}=${value.length}`);
const headerValue = fc.string({ maxLength: 300 }).filter((value) => /^[\x20-\x7e]*$/.test(value));

function expectNoLeak(statusCode: number, payload: string): void {
  expect(statusCode).toBeLessThan(500);
  expect(payload).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
}

describe('malformed input', () => {
  it('never makes intake fail with a 5xx or a stack trace, and stores only what it accepts', async () => {
    const before = await countReports(app.database.db);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        body,
        contentType,
        query,
        headerValue,
        async (payload, type, search, key) => {
          const response = await app.inject({
            method: 'POST',
            url: `/api/v1/reports${search}`,
            headers: { ...partner, ...(type && { 'content-type': type }), 'idempotency-key': key },
            payload,
          });
          expectNoLeak(response.statusCode, response.payload);
          if (response.statusCode === 201) accepted += 1;
        },
      ),
      { numRuns: 2_000 },
    );
    expect(await countReports(app.database.db)).toBe(before + accepted);
  });

  it('never makes sign-in fail with a 5xx or a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(body, contentType, query, async (payload, type, search) => {
        const response = await app.inject({
          method: 'POST',
          url: `/api/v1/auth/login${search}`,
          headers: { ...(type && { 'content-type': type }) },
          payload,
        });
        expectNoLeak(response.statusCode, response.payload);
        expect([400, 401, 413, 415]).toContain(response.statusCode);
      }),
      { numRuns: 1_000 },
    );
  });
});
