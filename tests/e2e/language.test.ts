import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { createTestUser } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };
const LIVE = '[data-testid="connection-status"][data-status="live"]';

let session: ConsoleSession;
let wallScreen: BrowserContext | undefined;
let officer: { username: string; password: string };

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  officer = await createTestUser(database, ['duty_officer']).finally(() => database.close());
});

afterAll(async () => {
  await wallScreen?.close();
  await session?.close();
});

async function signOut(page: Page, buttonName: string): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('button', { name: buttonName, exact: true }).click();
  await page.getByTestId('sign-in').waitFor(WAIT);
}

const pageLanguage = (page: Page) => page.locator('html').getAttribute('lang');

it('follows the duty officer from their desk to the wall screen', async () => {
  // At the desk, the officer takes over the console and picks Finnish.
  const desk = session.page;
  await signOut(desk, 'Sign out');
  await signInThroughForm(desk, officer.username, officer.password);
  await desk.locator(LIVE).waitFor(WAIT);
  const saved = desk.waitForResponse(
    (response) =>
      response.url().endsWith('/api/v1/auth/preferences') && response.request().method() === 'PUT',
  );
  await desk.getByLabel('Language', { exact: true }).selectOption({ label: 'Suomi' });
  expect((await saved).status()).toBe(200);
  await expect.poll(() => pageLanguage(desk)).toBe('fi');

  // Signed out, the desk's sign-in screen keeps the language chosen there.
  await signOut(desk, 'Kirjaudu ulos');
  await desk.getByLabel('Käyttäjätunnus').waitFor(WAIT);

  // The wall screen: another browser with nothing stored, set to English.
  wallScreen = await session.browser.newContext({
    viewport: { width: 1920, height: 1080 },
    locale: 'en-GB',
  });
  const wall = await wallScreen.newPage();
  await wall.goto(session.server.baseUrl);
  expect(await wall.evaluate(() => localStorage.length)).toBe(0);
  await signInThroughForm(wall, officer.username, officer.password);
  await wall.locator(LIVE).waitFor(WAIT);

  await expect.poll(() => pageLanguage(wall)).toBe('fi');
  expect(await wall.getByTestId('user-menu').textContent()).toContain('Päivystäjä');
  expect(await wall.getByLabel('Kieli', { exact: true }).inputValue()).toBe('fi');
});
