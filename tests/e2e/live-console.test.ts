import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;

beforeAll(async () => {
  session = await openConsoleSession();
  page = session.page;
});

afterAll(() => session?.close());

async function postReport(
  title: string,
  severity: 'minor' | 'moderate' | 'serious' | 'critical' = 'serious',
) {
  const response = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.partner },
    body: JSON.stringify(buildReport({ title, severity })),
  });
  expect(response.status).toBe(201);
}

const status = () => page.getByTestId('connection-status');
const rows = () => page.getByTestId('incident-row');

describe('the live console', () => {
  it('shows a report posted to the API without a reload, newest first', async () => {
    await expect.poll(() => status().getAttribute('data-status')).toBe('live');
    await postReport('Smoke over Hässelby from the Lövsta fire', 'critical');
    await postReport('Tree across Djurgårdsvägen', 'minor');

    await rows().filter({ hasText: 'Tree across Djurgårdsvägen' }).waitFor();
    await expect.poll(() => rows().count()).toBe(2);
    expect(await rows().first().textContent()).toContain('Tree across Djurgårdsvägen');
    const critical = rows().filter({ hasText: 'Smoke over Hässelby' });
    expect(await critical.textContent()).toMatch(/critical/i);
  });

  it('reconnects by itself after the server restarts, and catches up on what it missed', async () => {
    await session.stopServer('SIGTERM');
    await expect
      .poll(() => status().getAttribute('data-status'), { timeout: 15_000 })
      .not.toBe('live');
    expect(await status().textContent()).toMatch(/reconnecting|offline/i);

    await session.startServer();
    // Posted at once: the console may or may not have reconnected yet; either way it must arrive once.
    await postReport('Water main burst on Götgatan');
    await expect.poll(() => status().getAttribute('data-status'), { timeout: 30_000 }).toBe('live');
    await rows().filter({ hasText: 'Water main burst on Götgatan' }).waitFor({ timeout: 15_000 });
    await expect.poll(() => rows().count()).toBe(3);
  });
});
