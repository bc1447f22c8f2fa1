import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import { createTestApiKey } from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(() => app.close());

describe('operations', () => {
  it('answers /healthz and, with the database up and migrated, /readyz', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready when a migration is missing', async () => {
    const { rows } = await app.database.pool.query<{
      id: number;
      hash: string;
      created_at: string;
    }>(
      'select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1',
    );
    const last = rows[0]!;
    await app.database.pool.query('delete from drizzle.__drizzle_migrations where id = $1', [
      last.id,
    ]);
    try {
      const response = await app.inject('/readyz');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        status: 'unavailable',
        reason: 'migrations are not applied',
      });
    } finally {
      await app.database.pool.query(
        'insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)',
        [last.id, last.hash, last.created_at],
      );
    }
    expect((await app.inject('/readyz')).statusCode).toBe(200);
  });

  it('counts reports and request durations for Prometheus', async () => {
    const partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
    for (const report of [buildReport(), buildReport()]) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: partner,
        payload: report,
      });
    }
    const metrics = await app.inject('/metrics');
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.body).toMatch(/^vaka_reports_received_total 2$/m);
    expect(metrics.body).toMatch(
      /^vaka_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/reports",status="201"\} 2$/m,
    );
    expect(metrics.body).toMatch(/^vaka_live_connections 0$/m);
    expect(metrics.body).toMatch(/^vaka_live_fanout_lag_entries \d+$/m);
  });

  it('serves metrics only to this machine, or to a scraper with the token', async () => {
    const elsewhere = await app.inject({ url: '/metrics', remoteAddress: '203.0.113.7' });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json<{ message: string }>().message).toMatch(/set VAKA_METRICS_TOKEN/);
    expect((await app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);

    const token = 'a-scraper-token-of-enough-length';
    const guarded = await buildTestApp({ config: { metricsToken: token } });
    try {
      const scrape = (authorization?: string) =>
        guarded.inject({
          url: '/metrics',
          remoteAddress: '203.0.113.7',
          ...(authorization !== undefined && { headers: { authorization } }),
        });
      expect((await scrape()).statusCode).toBe(401);
      expect((await scrape(`Bearer ${token}x`)).statusCode).toBe(401);
      expect((await guarded.inject({ url: '/metrics' })).statusCode).toBe(401);
      const ok = await scrape(`Bearer ${token}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toMatch(/^vaka_live_connections 0$/m);
    } finally {
      await guarded.close();
    }
  });

  it('describes the API as OpenAPI, from the same schemas it validates with', async () => {
    const document = (await app.inject('/api/docs/json')).json();
    expect(document.openapi).toMatch(/^3\./);
    const intake = document.paths['/api/v1/reports'].post;
    expect(intake.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['title', 'category', 'severity', 'location', 'source']),
    );
    expect(Object.keys(intake.responses)).toEqual(
      expect.arrayContaining(['201', '400', '413', '415', '422']),
    );
    expect((await app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it("gives the console the city's name, time zone and languages", async () => {
    expect((await app.inject('/api/v1/city')).json()).toMatchObject({
      timeZone: 'Europe/Stockholm',
      languages: expect.arrayContaining(['sv', 'en']),
    });
  });

  it('answers an unknown API path with a JSON 404 that names it', async () => {
    const response = await app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'There is no GET /api/v1/nothing-here',
    });
  });
});
