import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CAP_12, capAlert, capDocument } from '../support/cap.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  page = session.page;
});

afterAll(() => session?.close());

const WAIT = { timeout: 20_000 };

describe('a warning that arrives as a CAP alert', () => {
  it('shows in the incident’s reports as the alert it was, with where it strays from CAP 1.2', async () => {
    // A CAP 1.1 alert with <sent> after <status>: read, and both deviations written down.
    const alert = capAlert({ namespace: CAP_12.replace('1.2', '1.1') }).replace(
      /(<sent>[^<]*<\/sent>)(<status>[^<]*<\/status>)/,
      '$2$1',
    );
    const response = await fetch(`${session.server.baseUrl}/api/v1/reports/cap`, {
      method: 'POST',
      headers: { 'content-type': 'application/cap+xml', ...session.partner },
      body: capDocument(alert),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const { alerts } = (await response.json()) as { alerts: Array<{ incidentId: string }> };

    const row = page.locator(
      `[data-testid="incident-row"][data-incident-id="${alerts[0]!.incidentId}"]`,
    );
    await row.waitFor(WAIT);
    await row.getByRole('link').click();
    const report = page.getByTestId('report-item').first();
    await report.waitFor(WAIT);
    const cap = report.getByTestId('report-cap');
    expect(await cap.textContent()).toMatch(
      /^CAP 1\.1 Alert, Actual, from smhi\.se; languages: sv-SE, en-GB/,
    );
    const deviations = report.getByTestId('report-deviations');
    await deviations.locator('summary').click();
    const listed = await deviations.locator('li').allTextContents();
    expect(listed.some((line) => line.includes('1.1'))).toBe(true);
    expect(listed.some((line) => line.includes('<sent>'))).toBe(true);
  });
});
