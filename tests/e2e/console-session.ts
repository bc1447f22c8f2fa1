import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { Permission, permissionsOf, type Role } from '@vaka/domain';
import { createTestApiKey, createTestUser } from '../support/accounts.ts';
import { createTestDatabase } from '../support/database.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { launchChromium } from './browser.ts';

const CONSOLE_INDEX = fileURLToPath(new URL('../../apps/console/dist/index.html', import.meta.url));

/** The real server on a database of its own, and the console open in Chromium on a laptop screen. */
export interface ConsoleSession {
  databaseUrl: string;
  server: ServerProcess;
  /** A partner's API key, for sending reports the way partners do. */
  partner: Record<string, string>;
  browser: Browser;
  page: Page;
  /** Stops the server the way the test needs (SIGTERM: graceful; SIGKILL: a crash). */
  stopServer(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts the server again on the same port and database. */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts Vaka (with `env` added to its environment, e.g. `VAKA_CAP_FEEDS`), opens its console
 * and signs in through the sign-in screen as a new person with these roles, waiting until the
 * console is live.
 */
export async function openConsoleSession(
  roles: Role[] = ['duty_officer'],
  env: Record<string, string> = {},
): Promise<ConsoleSession> {
  if (!existsSync(CONSOLE_INDEX))
    throw new Error('The console is not built: run `pnpm build` first');
  const databaseUrl = await createTestDatabase();
  const server = await startServerProcess({ ...env, DATABASE_URL: databaseUrl });
  const database = await openDatabase({ url: databaseUrl, dataDir: '/nonexistent', poolSize: 1 });
  const person = await createTestUser(database, roles);
  const partner = { authorization: `Bearer ${await createTestApiKey(database)}` };
  await database.close();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
  const session: ConsoleSession = {
    databaseUrl,
    server,
    partner,
    browser,
    page,
    async stopServer(signal) {
      session.server.child.kill(signal);
      await session.server.exited;
    },
    async startServer() {
      session.server = await startServerProcess(
        { ...env, DATABASE_URL: databaseUrl },
        session.server.port,
      );
    },
    async close() {
      await browser.close();
      session.server.child.kill('SIGKILL');
    },
  };
  try {
    await page.goto(server.baseUrl);
    await signInThroughForm(page, person.username, person.password);
    // Only those who may see the situation have a live connection; an admin alone has none.
    if (permissionsOf(roles).has(Permission.situationRead)) {
      await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor();
    } else {
      await page.getByTestId('user-menu').waitFor();
    }
  } catch (error) {
    // The test file never gets the session to close: leave no browser or server behind.
    await session.close();
    throw error;
  }
  return session;
}

/** Signs in as a person would: the sign-in form, by keyboard. */
export async function signInThroughForm(
  page: Page,
  username: string,
  password: string,
): Promise<void> {
  await page.getByTestId('sign-in').waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
}
