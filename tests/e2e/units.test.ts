import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { createTestUser } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;
let dutyOfficerContext: BrowserContext | undefined;

const UNIT = 'Stockholm Water duty';

beforeAll(async () => {
  session = await openConsoleSession(['admin']);
  page = session.page;
});
afterAll(async () => {
  await dutyOfficerContext?.close();
  await session?.close();
});

/** Types into a field the way a person does: focus, select what is there, type over it. */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Presses a control with the keyboard. */
async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await page.keyboard.press(key);
}

describe('units', () => {
  it('an admin creates a unit with two contacts by keyboard and sees it in the list', async () => {
    await press(page.getByRole('link', { name: 'Units' }));
    await page.getByText('No units yet.').waitFor();

    await press(page.getByRole('button', { name: 'New unit' }));
    const form = page.getByTestId('create-unit');
    await typeInto(form.getByLabel('Name', { exact: true }).first(), UNIT);
    expect(await form.getByLabel('Time zone').inputValue()).not.toBe('');
    await press(form.getByLabel('Water supply'), 'Space');

    // A contact that cannot be reached is stopped, with the message at that contact.
    await press(form.getByRole('button', { name: 'Add contact' }));
    await page.keyboard.type('Duty desk');
    await press(form.getByRole('button', { name: 'Create unit' }));
    const desk = form.getByTestId('contact-row').nth(0);
    const deskPhone = desk.getByLabel('Phone');
    await desk.getByText('Give a phone number, an e-mail address or an account').waitFor();
    await expect
      .poll(() => deskPhone.evaluate((field) => field === document.activeElement))
      .toBe(true);
    await page.keyboard.type('+46 8 555 010 00');

    await press(form.getByRole('button', { name: 'Add contact' }));
    await page.keyboard.type('Eva Lind');
    const eva = form.getByTestId('contact-row').nth(1);
    await typeInto(eva.getByLabel('E-mail'), 'eva.lind@example.org');
    await press(eva.getByLabel('Reach by'), 'ArrowDown');
    expect(await eva.getByLabel('Reach by').inputValue()).toBe('email');
    await press(eva.getByLabel('E-mail'));

    await page.getByText(`Unit ${UNIT} created`).waitFor();
    const row = page.locator(`[data-testid="unit-row"][data-unit-name="${UNIT}"]`);
    expect(await row.getByTestId('unit-contact-count').textContent()).toBe('2');
    expect(await row.textContent()).toContain('Water supply');
    expect(await row.textContent()).toContain('Whole city');
  });

  it("an admin changes a contact's phone, and the list keeps the change", async () => {
    const row = page.locator(`[data-testid="unit-row"][data-unit-name="${UNIT}"]`);
    await press(row.getByRole('button', { name: `Edit ${UNIT}` }));
    const form = page.getByTestId('edit-unit');
    const deskPhone = form.getByTestId('contact-row').nth(0).getByLabel('Phone');
    expect(await deskPhone.inputValue()).toBe('+46 8 555 010 00');
    await typeInto(deskPhone, '+46 8 555 010 99');
    await page.keyboard.press('Enter');
    await page.getByText(`Changes to ${UNIT} saved`).waitFor();
    expect(await form.count()).toBe(0);

    // Opened again after a reload, the form shows what the server stored.
    await page.reload();
    await press(row.getByRole('button', { name: `Edit ${UNIT}` }));
    expect(await deskPhone.inputValue()).toBe('+46 8 555 010 99');
    expect(await form.getByTestId('contact-row').nth(1).getByLabel('Name').inputValue()).toBe(
      'Eva Lind',
    );
    await page.keyboard.press('Escape');
    expect(await form.count()).toBe(0);
  });

  it('a duty officer sees the unit but cannot change it', async () => {
    const database = await openDatabase({
      url: session.databaseUrl,
      dataDir: '/nonexistent',
      poolSize: 1,
    });
    const dutyOfficer = await createTestUser(database, ['duty_officer']);
    await database.close();
    dutyOfficerContext = await session.browser.newContext({
      viewport: { width: 1280, height: 720 },
      locale: 'en-GB',
    });
    const console = await dutyOfficerContext.newPage();
    await console.goto(session.server.baseUrl);
    await signInThroughForm(console, dutyOfficer.username, dutyOfficer.password);
    await console.getByRole('link', { name: 'Units' }).click();
    const row = console.locator(`[data-testid="unit-row"][data-unit-name="${UNIT}"]`);
    await row.waitFor();
    expect(await row.getByTestId('unit-contact-count').textContent()).toBe('2');
    expect(await console.getByRole('button', { name: 'New unit' }).count()).toBe(0);
    expect(await row.getByRole('button').count()).toBe(0);
  });

  it('an admin archives the unit after being asked, and keeping it returns to the archive button', async () => {
    const row = page.locator(`[data-testid="unit-row"][data-unit-name="${UNIT}"]`);
    await press(row.getByRole('button', { name: `Edit ${UNIT}` }));
    const form = page.getByTestId('edit-unit');
    const archive = form.getByRole('button', { name: 'Archive unit' });
    await press(archive);
    await press(form.getByRole('button', { name: 'Keep it' }));
    await expect
      .poll(() => archive.evaluate((button) => button === document.activeElement))
      .toBe(true);

    await press(archive);
    await press(form.getByRole('button', { name: 'Archive', exact: true }));
    await page.getByText(`Unit ${UNIT} archived`).waitFor();
    await row.waitFor({ state: 'detached' });
  });
});
