import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@vaka/db';
import type { Role } from '@vaka/domain';
import { createTestUser } from '../support/accounts.ts';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function open(roles: Role[]): Promise<ConsoleSession> {
  session = await openConsoleSession(roles);
  return session;
}

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;

describe('what each role sees, and what no one can make the console do', () => {
  it('shows HTML and script in every text of a report as plain text, running nothing', async () => {
    const { page, server, partner } = await open(['duty_officer']);
    const response = await fetch(`${server.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...partner },
      body: JSON.stringify(
        buildReport({
          title: `Fire ${HOSTILE}`,
          description: HOSTILE,
          location: { address: `Götgatan ${HOSTILE}` },
          source: { channel: 'partner_api', name: HOSTILE },
          reporter: { name: HOSTILE, organisation: HOSTILE },
        }),
      ),
    });
    expect(response.status).toBe(201);
    const row = page.getByTestId('incident-row').filter({ hasText: 'Fire <img' });
    await row.waitFor();
    expect(await row.textContent()).toContain(`Fire ${HOSTILE}`);
    expect(await row.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("shows HTML and script in a person's name as plain text in the admin's list", async () => {
    const { page, databaseUrl } = await open(['admin']);
    const database = await openDatabase({ url: databaseUrl, dataDir: '/nonexistent', poolSize: 1 });
    const hostile = await createTestUser(database, ['communicator'], { displayName: HOSTILE });
    await database.close();
    await page.reload();
    await page.getByRole('link', { name: 'Users' }).click();
    const row = page.locator(`[data-testid="user-row"][data-username="${hostile.username}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(HOSTILE);
    expect(await row.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('gives a communicator the situation but no report form', async () => {
    const { page } = await open(['communicator']);
    await page.getByTestId('connection-status').waitFor();
    expect(await page.getByRole('form', { name: 'New phone report' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Open incidents' }).count()).toBe(1);
  });

  it('signs out, back to the sign-in screen, and the old session opens nothing', async () => {
    const { page, server } = await open(['leadership']);
    const cookies = await page.context().cookies();
    await page.getByTestId('user-menu').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByTestId('sign-in').waitFor();
    const stolen = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const replay = await fetch(`${server.baseUrl}/api/v1/situation`, {
      headers: { cookie: stolen },
    });
    expect(replay.status).toBe(401);
  });

  it('lets an admin create an API key whose secret is shown once and works for reports', async () => {
    const { page, server } = await open(['admin']);
    await page.getByRole('link', { name: 'API keys' }).click();
    const form = page.getByTestId('create-api-key');
    await form.waitFor();
    await form.getByLabel('Name', { exact: true }).fill('SMHI warnings');
    await form.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByLabel('Secret key').inputValue()).trim();
    expect(secret).toMatch(/^vk_/);
    const sent = await fetch(`${server.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify(buildReport()),
    });
    expect(sent.status).toBe(201);
    await page.getByRole('button', { name: 'Done, I have stored it' }).click();
    expect(await page.getByTestId('api-key-secret').count()).toBe(0);
    expect(await page.getByTestId('api-key-row').filter({ hasText: 'SMHI warnings' }).count()).toBe(
      1,
    );
  });

  it('asks a person with a one-time password to choose a new one before anything else', async () => {
    const { page, server, databaseUrl } = await open(['duty_officer']);
    const database = await openDatabase({ url: databaseUrl, dataDir: '/nonexistent', poolSize: 1 });
    const newcomer = await createTestUser(database, ['duty_officer'], { mustChangePassword: true });
    await database.close();
    await page.getByTestId('user-menu').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signInThroughForm(page, newcomer.username, newcomer.password);
    await page.getByTestId('change-password').waitFor();
    await page.getByLabel('Current password').fill(newcomer.password);
    await page.getByLabel('New password', { exact: true }).fill('a much longer passphrase');
    await page.getByLabel('Repeat new password').fill('a much longer passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
    expect(server.output()).not.toContain('a much longer passphrase');
  });
});
