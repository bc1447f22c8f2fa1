import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;

beforeAll(async () => {
  session = await openConsoleSession(['leadership']);
  page = session.page;
  // The laptop the picture must fit whole: level, counts and map without scrolling.
  await page.setViewportSize({ width: 1366, height: 768 });
});

afterAll(() => session?.close());

const picture = () => page.getByTestId('situation-picture');
const seriousCount = () =>
  page.getByTestId('picture-count-serious').getAttribute('data-count', { timeout: 2_000 });
const renderedIncidents = () =>
  page.getByTestId('incident-map').getAttribute('data-rendered-incidents', { timeout: 2_000 });

describe('the situation picture', () => {
  it('is where leadership lands, with the level and every count in words', async () => {
    await picture().waitFor();
    expect(page.url()).not.toContain('#/incidents');
    expect(await page.getByRole('heading', { level: 2, name: /^Situation picture/ }).count()).toBe(
      1,
    );
    expect(await page.getByTestId('picture-readiness').textContent()).toContain('Normal');
    expect(await page.getByTestId('picture-count-serious').textContent()).toMatch(/0\s*Serious/);
    expect(await page.getByTestId('picture-live-text').textContent()).toBe('Live');

    // The essentials fit a 1366×768 laptop without scrolling.
    for (const essential of ['picture-readiness', 'picture-counts', 'incident-map']) {
      const box = await page.getByTestId(essential).boundingBox();
      if (box === null) throw new Error(`${essential} is not shown`);
      expect(box.y + box.height, essential).toBeLessThanOrEqual(768);
    }

    // On a wall screen the numbers grow, to be read from across the room.
    const numberSize = () =>
      page
        .getByTestId('picture-count-serious')
        .locator('.picture-count__number')
        .evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    const onLaptop = await numberSize();
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await numberSize()).toBeGreaterThan(onLaptop * 1.5);
    await page.setViewportSize({ width: 1366, height: 768 });

    // Full screen shows the picture alone, without the console's navigation, and comes back.
    const fullScreen = page.getByTestId('picture-full-screen');
    await fullScreen.click();
    await expect
      .poll(() =>
        page.evaluate(() => ({
          picture: document.fullscreenElement?.classList.contains('picture') ?? false,
          navigation: document.fullscreenElement?.querySelector('nav') != null,
        })),
      )
      .toEqual({ picture: true, navigation: false });
    // The button follows the browser's own full-screen event, which comes after the change.
    await expect.poll(() => fullScreen.textContent()).toBe('Leave full screen');
    await fullScreen.press('Enter');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await expect.poll(() => fullScreen.textContent()).toBe('Full screen');
  });

  it('shows a serious incident a partner reports, on the map and in the timeline, without a reload', async () => {
    await expect.poll(seriousCount).toBe('0');
    // Gone after a reload: shows the picture changed in place.
    await page.evaluate(() => Object.assign(window, { pictureNotReloaded: true }));

    const response = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...session.partner },
      body: JSON.stringify(
        buildReport({
          title: 'Gas leak at Medborgarplatsen',
          severity: 'serious',
          category: 'cbrn_terror',
          observedAt: new Date().toISOString(),
          location: { address: 'Medborgarplatsen', coordinates: { lat: 59.3144, lon: 18.0736 } },
        }),
      ),
    });
    expect(response.status).toBe(201);

    await expect.poll(seriousCount, { timeout: 10_000 }).toBe('1');
    expect(await page.getByTestId('picture-count-total').textContent()).toBe('1Open in total');
    expect(await page.getByTestId('picture-count-new').getAttribute('data-count')).toBe('1');
    await expect.poll(renderedIncidents, { timeout: 15_000 }).toBe('1');

    const opened = page
      .getByTestId('picture-key-event')
      .filter({ hasText: 'Gas leak at Medborgarplatsen' });
    await opened.waitFor({ timeout: 15_000 });
    expect(await opened.getAttribute('data-kind')).toBe('incident_opened');
    expect(await opened.textContent()).toContain('Incident opened');

    expect(await page.evaluate(() => 'pictureNotReloaded' in window)).toBe(true);
  });

  it('says plainly that it is not live when the server goes away, and when it last heard', async () => {
    const updated = await page.getByTestId('picture-updated').textContent();
    expect(updated).toMatch(/^Last updated \d{2}:\d{2}$/);

    await session.stopServer('SIGKILL');
    const notice = page.getByTestId('picture-live');
    await expect
      .poll(() => notice.getAttribute('data-state'), { timeout: 15_000 })
      .toBe('not_live');
    expect(await page.getByTestId('picture-live-text').textContent()).toMatch(
      /^Not live since \d{2}:\d{2} — the picture may be out of date$/,
    );
    expect(await page.getByRole('alert').filter({ hasText: 'Not live' }).count()).toBe(1);
    // What it shows stays, with when it was last current.
    expect(await page.getByTestId('picture-updated').textContent()).toBe(updated);
    expect(await seriousCount()).toBe('1');
  });
});
