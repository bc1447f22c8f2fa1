import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';
import { createTestDatabase } from '../../../../../tests/support/database.ts';

const CLI = fileURLToPath(new URL('../../cli.ts', import.meta.url));

let app: FastifyInstance;
let databaseUrl: string;
let leadership: SignedIn;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  app = await buildTestApp({ databaseUrl });
  leadership = await signIn(app, (await createTestUser(app.database, ['leadership'])).username);
  const partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
  for (const title of ['First call', 'Second call', 'Third call']) {
    await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: partner,
      payload: buildReport({ title }),
    });
  }
});
afterAll(() => app.close());

function runVerify() {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, 'journal', 'verify'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function verifyByApi() {
  return (await app.inject({ url: '/api/v1/journal/verify', headers: leadership.headers })).json();
}

describe('verifying the journal', () => {
  it('finds an untouched journal intact, by the API and by the command', async () => {
    const result = await verifyByApi();
    expect(result).toMatchObject({ ok: true });
    expect(result.firstBadSeq).toBeUndefined();
    const cli = runVerify();
    expect(cli.status).toBe(0);
    expect(cli.stderr).toContain(`The journal verifies: ${result.checked} entries`);
  });

  it('names the first entry someone changed behind the guard, by the API and by the command', async () => {
    const { rows } = await app.database.pool.query<{ seq: string }>(
      "select seq from journal where kind = 'report.received' and data->'report'->>'title' = 'Second call'",
    );
    const tampered = Number(rows[0]!.seq);
    await app.database.pool.query('alter table journal disable trigger journal_no_update_delete');
    await app.database.pool.query(
      `update journal set data = jsonb_set(data, '{report,title}', '"Nothing happened"') where seq = $1`,
      [tampered],
    );
    await app.database.pool.query('alter table journal enable trigger journal_no_update_delete');

    expect(await verifyByApi()).toEqual({
      ok: false,
      checked: tampered - 1,
      firstBadSeq: tampered,
    });
    const cli = runVerify();
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`entry ${tampered} does not match its hash`);
  });

  it('explains how to use the command when it is called wrongly', () => {
    const cli = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'journal', 'rewrite'], {
      encoding: 'utf8',
    });
    expect(cli.status).toBe(64);
    expect(cli.stderr).toContain('Usage: pnpm vaka <command>');
  });
});
