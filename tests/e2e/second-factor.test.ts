import { afterAll, beforeAll, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { createTestUser } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;

beforeAll(async () => {
  session = await openConsoleSession(['admin']);
  page = session.page;
});
afterAll(() => session?.close());

/** The code an authenticator app would show, `stepsAhead` periods from now. */
function codeFor(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

async function signOut(): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByTestId('sign-in').waitFor();
}

it('makes a duty officer set up an authenticator code once an admin requires it, then asks for it', async () => {
  await page.getByRole('link', { name: 'Security' }).click();
  await page.getByTestId('security-settings').getByLabel('Duty officer').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Security settings saved').waitFor();

  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const officer = await createTestUser(database, ['duty_officer']).finally(() => database.close());
  await signOut();
  await signInThroughForm(page, officer.username, officer.password);

  await page.getByTestId('enroll-second-factor').waitFor();
  await page.getByRole('button', { name: 'Show my secret key' }).click();
  const secret = (await page.getByTestId('enroll-secret').textContent())!.replace(/\s/g, '');
  expect(await page.getByTestId('enroll-uri').textContent()).toContain('otpauth://totp/');
  await page.getByLabel('Authentication code', { exact: true }).fill(codeFor(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();

  await signOut();
  await signInThroughForm(page, officer.username, officer.password);
  const code = page.getByLabel('Authentication code', { exact: true });
  await code.waitFor();
  // The code of the next period: the one just used for set-up may not be used twice.
  await code.fill(codeFor(secret, 1));
  await code.press('Enter');
  await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
});
