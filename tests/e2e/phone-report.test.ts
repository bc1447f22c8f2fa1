import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;

beforeAll(async () => {
  session = await openConsoleSession();
  page = session.page;
});

afterAll(() => session?.close());

async function storedReports(): Promise<
  Array<{ title: string; severity: string; source: unknown; reporter: unknown }>
> {
  const client = new pg.Client({ connectionString: session.databaseUrl });
  await client.connect();
  try {
    return (
      await client.query(
        'select title, severity, source, reporter from reports order by received_at',
      )
    ).rows;
  } finally {
    await client.end();
  }
}

describe('typing in a phone report', () => {
  it('works by keyboard alone, and the report reaches the list and the database once', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(
      await page.getByLabel('Title').getAttribute('id'),
    );
    await page.keyboard.type('Gas smell in a stairwell on Hornsgatan');
    await page.keyboard.press('Tab'); // category
    await page.getByLabel('Category').selectOption('utility_power');
    await page.keyboard.press('Tab'); // severity
    await page.getByLabel('Severity').selectOption('serious');
    await page.keyboard.press('Tab'); // address
    await page.keyboard.type('Hornsgatan 54, Stockholm');
    await page.getByLabel('Caller name').fill('Erik Berg');
    await page.getByLabel('Caller phone').fill('+46 70 765 43 21');
    await page.getByLabel('Address').press('Enter');

    const row = page
      .getByTestId('incident-row')
      .filter({ hasText: 'Gas smell in a stairwell on Hornsgatan' });
    await row.waitFor();
    expect(await row.getAttribute('data-severity')).toBe('serious');
    // The form is ready for the next call: empty, with the title focused.
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(
      await page.getByLabel('Title').getAttribute('id'),
    );

    const reports = await storedReports();
    expect(reports).toEqual([
      {
        title: 'Gas smell in a stairwell on Hornsgatan',
        severity: 'serious',
        source: { channel: 'phone' },
        reporter: { name: 'Erik Berg', phone: '+46 70 765 43 21' },
      },
    ]);
  });

  it('says what to fix and keeps what was typed when a field is wrong', async () => {
    await page.getByLabel('Title').fill('Caller gave a bad number');
    await page.getByLabel('Address').fill('Sveavägen 1');
    await page.getByLabel('Caller phone').fill('call me maybe');
    await page.getByLabel('Address').press('Enter');
    await page.getByText('Use only digits, spaces and + ( ) -').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(
      await page.getByLabel('Caller phone').getAttribute('id'),
    );
    expect(await page.getByLabel('Title').inputValue()).toBe('Caller gave a bad number');
    expect(await storedReports()).toHaveLength(1);
    await page.keyboard.press('Escape');
  });

  it('says so when the server cannot be reached, keeps the report, and sends it once on retry', async () => {
    await session.stopServer('SIGKILL');
    await page.getByLabel('Title').fill('Flooded underpass at Slussen');
    await page.getByLabel('Address').fill('Slussen, Stockholm');
    await page.getByLabel('Address').press('Enter');
    await expect
      .poll(() => page.getByTestId('intake-error').textContent(), { timeout: 15_000 })
      .toMatch(/not sent/i);
    expect(await page.getByLabel('Title').inputValue()).toBe('Flooded underpass at Slussen');

    await session.startServer();
    await page.getByLabel('Address').press('Enter');
    await page
      .getByTestId('incident-row')
      .filter({ hasText: 'Flooded underpass at Slussen' })
      .waitFor({ timeout: 20_000 });
    const titles = (await storedReports()).map((report) => report.title);
    expect(titles.filter((title) => title === 'Flooded underpass at Slussen')).toHaveLength(1);
  });

  it('speaks Swedish when the duty officer chooses it', async () => {
    await page.getByLabel('Language').selectOption('sv');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('sv');
    expect(await page.getByTestId('connection-status').textContent()).toMatch(
      /Live|Ansluten|Direkt/i,
    );
    expect(await page.getByLabel('Rubrik').count()).toBe(1);
  });
});
