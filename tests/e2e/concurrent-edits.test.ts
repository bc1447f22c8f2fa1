import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Unit } from '@vaka/domain';
import { openDatabase } from '@vaka/db';
import { createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
/** The first admin's console. */
let first: Page;
/** A second admin, changing the same unit at the same time in a console of their own. */
let secondContext: BrowserContext | undefined;
let second: Page;
let secondAdmin: SignedIn;
let waterDuty: Unit;
let liaison: Unit;

const UNIT = 'Stockholm Water duty';
const LIAISON = 'Rescue service liaison';
const DESK_PHONE = '+46 8 555 010 00';

beforeAll(async () => {
  session = await openConsoleSession(['admin']);
  first = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const colleague = await createTestUser(database, ['admin']);
  await database.close();
  secondAdmin = await signIn(session.server.baseUrl, colleague.username);
  waterDuty = await createUnit(UNIT);
  liaison = await createUnit(LIAISON);
  // The first console listed the units when it signed in, before these were made.
  await first.reload();
  secondContext = await session.browser.newContext({
    viewport: { width: 1280, height: 720 },
    locale: 'en-GB',
  });
  second = await secondContext.newPage();
  await second.goto(session.server.baseUrl);
  await signInThroughForm(second, colleague.username, colleague.password);
  await second.getByTestId('user-menu').waitFor();
});

afterAll(async () => {
  await secondContext?.close();
  await session?.close();
});

/** Creates a unit with a duty desk and one person to reach, as an admin would have set it up. */
async function createUnit(name: string): Promise<Unit> {
  const response = await fetch(`${session.server.baseUrl}/api/v1/units`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...secondAdmin.changeHeaders },
    body: JSON.stringify({
      name,
      timeZone: 'Europe/Stockholm',
      contacts: [
        { name: 'Duty desk', phone: DESK_PHONE, preferredChannel: 'sms', language: 'sv' },
        {
          name: 'Eva Lind',
          email: 'eva.lind@example.org',
          preferredChannel: 'email',
          language: 'en',
        },
      ],
    }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Unit;
}

/** The unit as the server holds it now. */
async function storedUnit(id: string): Promise<Unit> {
  const response = await fetch(`${session.server.baseUrl}/api/v1/units/${id}`, {
    headers: secondAdmin.headers,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Unit;
}

/** Types into a field the way a person does: focus, select what is there, type over it. */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.page().keyboard.press('ControlOrMeta+A');
  await field.page().keyboard.type(text);
}

/** Presses a control with the keyboard. */
async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await control.page().keyboard.press(key);
}

/** Opens the unit's edit form from the list of units, by keyboard, and returns the form. */
async function openUnitForm(page: Page, name: string): Promise<Locator> {
  await press(page.getByRole('link', { name: 'Units' }));
  const row = page.locator(`[data-testid="unit-row"][data-unit-name="${name}"]`);
  await press(row.getByRole('button', { name: `Edit ${name}` }));
  const form = page.getByTestId('edit-unit');
  await form.waitFor();
  return form;
}

const nameField = (form: Locator) => form.getByLabel('Name', { exact: true }).first();
const deskPhone = (form: Locator) => form.getByTestId('contact-row').nth(0).getByLabel('Phone');

describe('two admins change the same unit at the same time', () => {
  it('a rename by one and a new phone by the other both stay, and the second is told what happened', async () => {
    const unit = waterDuty;
    const firstForm = await openUnitForm(first, UNIT);
    const secondForm = await openUnitForm(second, UNIT);

    await typeInto(nameField(firstForm), 'Stockholm Water');
    await first.keyboard.press('Enter');
    await first.getByText('Changes to Stockholm Water saved').waitFor();

    // The second admin opened the unit before the rename and changes only the desk's phone.
    await typeInto(deskPhone(secondForm), '+46 8 555 010 99');
    await second.keyboard.press('Enter');
    const alert = secondForm.getByTestId('unit-form-alert');
    await expect
      .poll(() => alert.textContent())
      .toBe(
        'Someone else changed this unit while you were editing. It has been reloaded and what you typed is kept: check it and save again. ' +
          'Fields you did not change now show the other person’s change.',
      );
    expect(await nameField(secondForm).inputValue()).toBe('Stockholm Water');
    expect(await deskPhone(secondForm).inputValue()).toBe('+46 8 555 010 99');
    // Nothing was saved by the refused attempt.
    expect((await storedUnit(unit.id)).contacts[0]?.phone).toBe(DESK_PHONE);

    await press(deskPhone(secondForm));
    await second.getByText('Changes to Stockholm Water saved').waitFor();
    const stored = await storedUnit(unit.id);
    expect(stored.name).toBe('Stockholm Water');
    expect(stored.contacts.map((contact) => [contact.name, contact.phone])).toEqual([
      ['Duty desk', '+46 8 555 010 99'],
      ['Eva Lind', undefined],
    ]);
  });

  it('a name both changed keeps what the second typed, after naming it in the notice', async () => {
    const unit = liaison;
    const firstForm = await openUnitForm(first, LIAISON);
    const secondForm = await openUnitForm(second, LIAISON);

    await typeInto(nameField(firstForm), 'Rescue liaison North');
    await typeInto(deskPhone(firstForm), '+46 8 555 020 00');
    await first.keyboard.press('Enter');
    await first.getByText('Changes to Rescue liaison North saved').waitFor();

    await typeInto(nameField(secondForm), 'Rescue liaison South');
    await second.keyboard.press('Enter');
    const alert = secondForm.getByTestId('unit-form-alert');
    await expect
      .poll(() => alert.textContent())
      .toContain(
        'The other person also changed Name, which you changed too. The form shows your values, and saving again overwrites their change – check these first.',
      );
    expect(await nameField(secondForm).inputValue()).toBe('Rescue liaison South');
    expect(await deskPhone(secondForm).inputValue()).toBe('+46 8 555 020 00');

    await press(nameField(secondForm));
    await second.getByText('Changes to Rescue liaison South saved').waitFor();
    const stored = await storedUnit(unit.id);
    expect(stored.name).toBe('Rescue liaison South');
    expect(stored.contacts[0]?.phone).toBe('+46 8 555 020 00');
  });
});
