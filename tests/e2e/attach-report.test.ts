import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  page = session.page;
});

afterAll(() => session?.close());

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };

async function storedReports(): Promise<Array<{ title: string; incident_id: string }>> {
  const client = new pg.Client({ connectionString: session.databaseUrl });
  await client.connect();
  try {
    return (await client.query('select title, incident_id from reports order by received_at')).rows;
  } finally {
    await client.end();
  }
}

const focusedTestId = () =>
  page.evaluate(
    () => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
  );

describe('a phone call about an incident a partner reported already', () => {
  it('is offered that incident while being typed, and goes into it instead of opening another', async () => {
    const partnerTitle = 'Water main burst on Götgatan, water over the road';
    const response = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...session.partner },
      body: JSON.stringify(
        buildReport({
          title: partnerTitle,
          category: 'utility_water',
          source: { channel: 'partner_api', name: 'SOS Alarm' },
          location: {
            address: 'Götgatan 78, Stockholm',
            coordinates: { lat: 59.3105, lon: 18.0763 },
          },
        }),
      ),
    });
    expect(response.status).toBe(201);
    const { incidentId } = (await response.json()) as { incidentId: string };
    const rows = page.getByTestId('incident-row');
    await rows.first().waitFor(WAIT);
    expect(await rows.count()).toBe(1);

    // The call, typed in as usual.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    await page.keyboard.type('Caller: water main burst, Götgatan is flooding');
    await page.keyboard.press('Tab'); // category
    await page.getByLabel('Category').selectOption('utility_water');
    await page.keyboard.press('Tab'); // severity
    await page.keyboard.press('Tab'); // address
    await page.keyboard.type('Götgatan 78, Stockholm');

    // The form offers the partner's incident, saying why it looks like the same case.
    const belongsTo = page.getByTestId('intake-belongs-to');
    const suggestion = belongsTo.locator(
      `[data-testid="intake-suggestion"][data-incident-id="${incidentId}"]`,
    );
    await suggestion.waitFor(WAIT);
    const offered = await suggestion.textContent();
    expect(offered).toContain(partnerTitle);
    expect(offered).toContain('same address');
    expect(offered).toContain('same category');
    expect(await belongsTo.getByRole('radio', { name: 'A new incident' }).isChecked()).toBe(true);

    // By keyboard: Tab from the last field reaches the choice, an arrow picks the incident, and
    // Tab and Enter send.
    await page.getByLabel('Caller phone').focus();
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('intake-belongs-to');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => suggestion.getByRole('radio').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => document.activeElement?.textContent?.trim() ?? null),
    ).toContain('Send report');
    await page.keyboard.press('Enter');

    await page.getByText(`Report added to “${partnerTitle}”`).waitFor(WAIT);
    // Ready for the next call, which starts a new incident unless told otherwise.
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('');
    expect(await belongsTo.getByRole('radio', { name: 'A new incident' }).isChecked()).toBe(true);

    // No new incident in the queue; the partner's has both reports.
    expect(await rows.count()).toBe(1);
    expect(await storedReports()).toEqual([
      { title: partnerTitle, incident_id: incidentId },
      { title: 'Caller: water main burst, Götgatan is flooding', incident_id: incidentId },
    ]);

    await page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`).click();
    const pane = page.getByTestId('incident-pane');
    await expect.poll(() => pane.getAttribute('data-incident-id'), WAIT).toBe(incidentId);
    const facts = page.getByTestId('incident-facts');
    await expect.poll(() => facts.textContent(), WAIT).toMatch(/Reports\s*2/);
    const reportItems = pane.locator('[data-testid="timeline-item"][data-kind="report.received"]');
    await expect.poll(() => reportItems.count(), WAIT).toBe(2);
    expect(
      await reportItems
        .filter({
          hasText: 'Report received by Phone: Caller: water main burst, Götgatan is flooding',
        })
        .count(),
    ).toBe(1);
    expect(
      await pane
        .locator('[data-testid="timeline-item"][data-kind="incident.updated"]')
        .filter({ hasText: 'Report added to this incident (reports: 2)' })
        .count(),
    ).toBe(1);
  });
});
