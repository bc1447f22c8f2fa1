import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { createTestUser } from '../support/accounts.ts';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;
let leadershipContext: BrowserContext | undefined;

/** What the map container's probe answers; see features/map/incident-map.tsx. */
interface MapProbe {
  renderedCounts(): { incidents: number; districts: number };
  screenPointOf(incidentId: string): { x: number; y: number } | null;
}

async function postReport(report: Parameters<typeof buildReport>[0]): Promise<string> {
  const response = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.partner },
    body: JSON.stringify(buildReport(report)),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { incidentId: string }).incidentId;
}

let criticalId: string;
let minorId: string;

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  page = session.page;
  criticalId = await postReport({
    title: 'Fire in a stairwell on Götgatan',
    description: 'Smoke on every floor; residents on their balconies.',
    severity: 'critical',
    category: 'fire',
    location: { address: 'Götgatan 78', coordinates: { lat: 59.3105, lon: 18.0763 } },
  });
  minorId = await postReport({
    title: 'Fallen tree in Bromma',
    severity: 'minor',
    category: 'severe_weather',
    location: { address: 'Bromma kyrkväg', coordinates: { lat: 59.3405, lon: 17.94 } },
  });
  await postReport({ title: 'Caller without a place', location: { address: 'Somewhere' } });
});

afterAll(async () => {
  await leadershipContext?.close();
  await session?.close();
});

const map = () => page.getByTestId('incident-map');

/** The colour drawn at a point of the map's canvas, as [r, g, b]. */
async function colourAt(point: { x: number; y: number }): Promise<number[]> {
  return map().evaluate((container, { x, y }) => {
    const canvas = container.querySelector('canvas');
    if (canvas === null) return [];
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d');
    if (context === null) return [];
    context.drawImage(canvas, 0, 0);
    const scale = canvas.width / canvas.clientWidth;
    return [...context.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data].slice(
      0,
      3,
    );
  }, point);
}

async function pointOf(incidentId: string): Promise<{ x: number; y: number }> {
  const point = await map().evaluate(
    (container, id) =>
      (container as unknown as { incidentMap: MapProbe }).incidentMap.screenPointOf(id),
    incidentId,
  );
  if (point === null) throw new Error(`incident ${incidentId} is not on the map`);
  return point;
}

describe('the incident map', () => {
  it('draws the districts and the incidents on a plain background when there are no map tiles', async () => {
    await page.locator('[data-testid="incident-map"][data-map-state="ready"]').waitFor();
    await expect
      .poll(() => map().getAttribute('data-rendered-incidents'), { timeout: 20_000 })
      .toBe('2');
    expect(Number(await map().getAttribute('data-rendered-districts'))).toBeGreaterThan(5);
    expect(await map().getAttribute('data-fallback')).toBe('true');
    expect(await page.getByTestId('map-tiles-unavailable').textContent()).toBe(
      'Map tiles unavailable — showing districts only',
    );
    expect(await page.getByTestId('map-without-coordinates').textContent()).toBe(
      '1 without coordinates',
    );

    // The critical incident is drawn in the list's critical red, the minor one in blue.
    const [red, green, blue] = await colourAt(await pointOf(criticalId));
    expect(red).toBeGreaterThan(180);
    expect(green).toBeLessThan(80);
    expect(blue).toBeLessThan(100);
    const minor = await colourAt(await pointOf(minorId));
    expect(minor[2]).toBeGreaterThan(minor[0] ?? 255);
  });

  it('selects the incident whose circle is clicked', async () => {
    const box = await map().boundingBox();
    if (box === null) throw new Error('the map has no size');
    const point = await pointOf(minorId);
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await expect.poll(() => map().getAttribute('data-selected-incident-id')).toBe(minorId);
  });
});

describe('the map by keyboard', () => {
  it('zooms in with + once the map has the focus', async () => {
    const distance = async () => {
      const [a, b] = [await pointOf(criticalId), await pointOf(minorId)];
      return Math.hypot(a.x - b.x, a.y - b.y);
    };
    const before = await distance();
    await map().locator('canvas').focus();
    await page.keyboard.press('+');
    await expect.poll(distance, { timeout: 5_000 }).toBeGreaterThan(before * 1.5);
    await page.keyboard.press('-');
    await expect.poll(distance, { timeout: 5_000 }).toBeLessThan(before * 1.1);
  });
});

describe('search', () => {
  it('finds an incident by a word of its report and counts it; Esc clears and returns to the queue', async () => {
    const search = page.locator('#incident-search');
    await page.locator('body').press('/');
    await expect
      .poll(() => search.evaluate((input) => input === document.activeElement))
      .toBe(true);
    await search.fill('balconies');
    await expect
      .poll(() => page.getByTestId('filter-count').textContent(), { timeout: 10_000 })
      .toBe('1 found');
    await expect
      .poll(() => map().getAttribute('data-rendered-incidents'), { timeout: 10_000 })
      .toBe('1');
    // The row says where the word was found, the word marked, the rest as plain text.
    const passage = page.getByTestId('incident-row').locator('.incident-row__passage');
    await expect
      .poll(() => passage.textContent(), { timeout: 10_000 })
      .toMatch(/^Report: .*balconies/);
    expect(await passage.locator('mark').allTextContents()).toEqual(['balconies']);

    await search.press('Escape');
    await passage.waitFor({ state: 'detached' });
    expect(await search.inputValue()).toBe('');
    expect(
      await page.evaluate(
        () => document.activeElement?.closest('[data-testid="incident-queue"]') !== null,
      ),
    ).toBe(true);
    await expect.poll(() => page.getByTestId('filter-count').textContent()).toBe('3 open');
  });
});

describe('journal export', () => {
  it('downloads the journal of the last day as CSV from the header, with the incidents in it', async () => {
    await page.getByTestId('journal-export-menu').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('journal-range-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    expect(await readFile(path, 'utf8')).toContain('Fire in a stairwell on Götgatan');
    await page.keyboard.press('Escape');
    await page.getByTestId('journal-range-export').waitFor({ state: 'hidden' });
  });
});

describe('the readiness level', () => {
  it('changed by leadership in one browser shows on the duty officer’s console at once, and a stale change is refused', async () => {
    const banner = page.getByTestId('readiness-banner');
    await expect.poll(() => banner.getAttribute('data-level')).toBe('normal');

    // The duty officer starts a change from the level they see...
    await page.getByTestId('readiness-change').click();
    const dialog = page.getByTestId('readiness-dialog');
    await dialog.getByLabel('Crisis leadership activated').check();
    await dialog.getByLabel('Reason').fill('Fire spreading to the next block');

    // ...while leadership, elsewhere, raises it first.
    const database = await openDatabase({
      url: session.databaseUrl,
      dataDir: '/nonexistent',
      poolSize: 1,
    });
    const leader = await createTestUser(database, ['leadership']);
    await database.close();
    leadershipContext = await session.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-GB',
    });
    const leadership = await leadershipContext.newPage();
    // Leadership land on the situation picture, which only shows the level: the banner of the
    // incidents screen changes it.
    await leadership.goto(`${session.server.baseUrl}/#/incidents`);
    await signInThroughForm(leadership, leader.username, leader.password);
    await leadership.getByTestId('readiness-change').click();
    const leadershipDialog = leadership.getByTestId('readiness-dialog');
    await leadershipDialog.getByLabel('Staff mode').check();
    await leadershipDialog.getByLabel('Reason').fill('Storm warning class 3 for the whole city');
    await leadershipDialog.getByTestId('readiness-submit').click();
    await leadershipDialog.waitFor({ state: 'hidden' });

    await expect
      .poll(() => banner.getAttribute('data-level'), { timeout: 10_000 })
      .toBe('staff_mode');
    expect(await banner.textContent()).toContain('Storm warning class 3 for the whole city');
    expect(await banner.textContent()).toContain(leader.username);

    await dialog.getByTestId('readiness-submit').click();
    await expect
      .poll(() => dialog.getByTestId('readiness-dialog-alert').textContent())
      .toContain('Someone else changed the level meanwhile. It is now: Staff mode.');
    expect(await banner.getAttribute('data-level')).toBe('staff_mode');

    // Having seen the new level, the duty officer may still raise it.
    await dialog.getByTestId('readiness-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => leadership.getByTestId('readiness-banner').getAttribute('data-level'))
      .toBe('crisis_leadership');
  });
});
