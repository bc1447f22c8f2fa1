import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { createTestUser } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;
let dutyOfficerContext: BrowserContext | undefined;

const UNIT = 'Traffic office';
let timeZone = '';

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
  await field.page().keyboard.press('ControlOrMeta+A');
  await field.page().keyboard.type(text);
}

/** Presses a control with the keyboard. */
async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await control.page().keyboard.press(key);
}

/** The calendar date `days` from today on the unit's clock, as a date input takes it. */
function localDate(days: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
  return parts;
}

const isFocused = (control: Locator): Promise<boolean> =>
  control.evaluate((element) => element === document.activeElement);

describe('who is on call for a unit', () => {
  it('an admin creates a unit with two contacts, and nobody is on call for it yet', async () => {
    await press(page.getByRole('link', { name: 'Units' }));
    await press(page.getByRole('button', { name: 'New unit' }));
    const form = page.getByTestId('create-unit');
    await typeInto(form.getByLabel('Name', { exact: true }).first(), UNIT);
    timeZone = await form.getByLabel('Time zone').inputValue();
    expect(timeZone).not.toBe('');
    await press(form.getByRole('button', { name: 'Add contact' }));
    await page.keyboard.type('Duty desk');
    await typeInto(form.getByTestId('contact-row').nth(0).getByLabel('Phone'), '+46 8 555 020 00');
    await press(form.getByRole('button', { name: 'Add contact' }));
    await page.keyboard.type('Eva Lind');
    const eva = form.getByTestId('contact-row').nth(1);
    await typeInto(eva.getByLabel('E-mail'), 'eva.lind@example.org');
    await press(eva.getByLabel('Reach by'), 'ArrowDown');
    await press(form.getByRole('button', { name: 'Create unit' }));
    await page.getByText(`Unit ${UNIT} created`).waitFor();

    await press(page.getByRole('link', { name: UNIT }));
    const heading = page.getByRole('heading', { name: UNIT, level: 2 });
    await heading.waitFor();
    await expect.poll(() => isFocused(heading)).toBe(true);
    const warning = page.getByTestId('on-call-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Warning: nobody on call');
    expect(await warning.textContent()).toContain(
      `Nobody is on call for ${UNIT} now or in the next 24 hours.`,
    );
  });

  it('an admin creates a weekly schedule in which the two take turns', async () => {
    await press(page.getByRole('link', { name: 'Schedules' }));
    await page.getByText('No on-call schedules yet.').waitFor();
    await press(page.getByRole('button', { name: 'New schedule' }));
    const form = page.getByTestId('create-schedule');
    // The name has the focus as the form opens.
    await page.keyboard.type('Primary');
    expect(await form.getByLabel('Time zone').inputValue()).toBe(timeZone);

    // A rotation without anyone in it is stopped at its participants.
    await press(form.getByRole('button', { name: 'Create schedule' }));
    await form.getByText('Add at least one contact to take turns').waitFor();

    const rotation = form.getByTestId('schedule-layer').first();
    expect(await rotation.getByLabel('Each turn lasts').inputValue()).toBe('weekly');
    expect(await rotation.getByLabel('Starts on').inputValue()).toBe(localDate(0));
    await rotation.getByLabel('Hand-off time').fill('00:00');
    const addToRotation = rotation.getByRole('button', { name: 'Add the contact to rotation 1' });
    await press(addToRotation);
    await press(addToRotation);
    const participants = rotation.getByTestId('schedule-participant');
    expect(await participants.allTextContents()).toEqual([
      expect.stringContaining('Duty desk'),
      expect.stringContaining('Eva Lind'),
    ]);
    await press(form.getByRole('button', { name: 'Create schedule' }));

    await page.getByText('Schedule Primary created').waitFor();
    expect(await isFocused(page.getByRole('button', { name: 'New schedule' }))).toBe(true);
    const row = page.locator('[data-testid="schedule-row"][data-schedule-name="Primary"]');
    expect(await row.textContent()).toContain('Duty desk → Eva Lind');
  });

  it('an admin creates a policy: first whoever is on call, then the second contact', async () => {
    await press(page.getByRole('link', { name: 'Escalation policies' }));
    await page.getByText('No escalation policies yet.').waitFor();
    await press(page.getByRole('button', { name: 'New policy' }));
    const form = page.getByTestId('create-policy');
    await page.keyboard.type('Signals out');

    const first = form.getByTestId('policy-step').nth(0);
    await typeInto(first.getByLabel('Wait (minutes)'), '10');
    // The schedule is offered first; Enter in the choice adds it.
    await press(first.getByLabel('Contact or schedule'));
    expect(await first.getByTestId('policy-target').allTextContents()).toEqual([
      'Primary (on call)Remove',
    ]);

    await press(form.getByRole('button', { name: 'Add step' }));
    const second = form.getByTestId('policy-step').nth(1);
    const wait = second.getByLabel('Wait (minutes)');
    expect(await isFocused(wait)).toBe(true);
    await typeInto(wait, '15');
    const choice = second.getByLabel('Contact or schedule');
    await press(choice, 'ArrowDown');
    await press(choice, 'ArrowDown');
    await press(choice);
    expect(await second.getByTestId('policy-target').allTextContents()).toEqual(['Eva LindRemove']);

    // Moved up and back down by keyboard, the steps keep their targets.
    await press(second.getByRole('button', { name: 'Move Step 2 up' }));
    expect(await form.getByTestId('policy-step').nth(0).textContent()).toContain('Eva Lind');
    await press(form.getByRole('button', { name: 'Move Step 1 down' }));
    expect(await form.getByTestId('policy-step').nth(1).textContent()).toContain('Eva Lind');

    await press(form.getByRole('button', { name: 'Create policy' }));
    await page.getByText('Escalation policy Signals out created').waitFor();
    const row = page.locator('[data-testid="policy-row"][data-policy-name="Signals out"]');
    const steps = await row.locator('li').allTextContents();
    expect(steps).toEqual([
      'Primary (on call) waits 10 min for one to acknowledge',
      'Eva Lind waits 15 min for one to acknowledge',
    ]);
  });

  it('a duty officer sees who is on call now and next, and enters an override', async () => {
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
    await press(console.getByRole('link', { name: 'Units' }));
    await press(console.getByRole('link', { name: UNIT }));

    const schedule = console.locator(
      '[data-testid="on-call-schedule"][data-schedule-name="Primary"]',
    );
    const now = schedule.getByTestId('on-call-now');
    const next = schedule.getByTestId('on-call-next');
    await now.waitFor();
    expect(await now.getByTestId('on-call-person').textContent()).toBe('Duty desk');
    expect(await now.textContent()).toContain('+46 8 555 020 00');
    expect(await next.getByTestId('on-call-person').textContent()).toBe('Eva Lind');
    expect(await next.textContent()).toMatch(/takes over .*00:00/);
    expect(await console.getByTestId('on-call-warning').count()).toBe(0);
    expect(await schedule.getByTestId('on-call-gap').count()).toBe(0);

    // "I take the night after tomorrow": Eva takes over from 20:00 to 08:00.
    const addOverride = schedule.getByRole('button', { name: 'Add an override to Primary' });
    await press(addOverride);
    const form = schedule.getByTestId('override-form');
    const who = form.getByLabel('Who takes over');
    expect(await isFocused(who)).toBe(true);
    await who.selectOption({ label: 'Eva Lind' });
    await form.getByLabel('From', { exact: true }).fill(`${localDate(2)}T20:00`);
    await form.getByLabel('To', { exact: true }).fill(`${localDate(3)}T08:00`);
    await typeInto(form.getByLabel('Note (optional)'), 'swapped with the desk');
    await press(form.getByRole('button', { name: 'Save override' }));

    await console.getByTestId('on-call-notice').getByText('Override saved: Eva Lind').waitFor();
    await expect.poll(() => isFocused(addOverride)).toBe(true);
    expect(await form.count()).toBe(0);
    await expect.poll(() => next.textContent()).toContain('Override');
    expect(await next.getByTestId('on-call-person').textContent()).toBe('Eva Lind');
    expect(await next.textContent()).toMatch(/takes over .*20:00/);
    expect(await now.getByTestId('on-call-person').textContent()).toBe('Duty desk');
    const overrideTurn = schedule.locator('[data-testid="on-call-turn"][data-source="override"]');
    expect(await overrideTurn.count()).toBe(1);
    const cells = await overrideTurn.locator('th, td').allTextContents();
    expect(cells[0]).toContain('Eva Lind');
    expect(cells[1]).toContain('20:00');
    expect(cells[2]).toContain('08:00');
    expect(await schedule.getByTestId('override').textContent()).toContain('swapped with the desk');

    // A duty officer reads the schedules and policies but changes only overrides.
    await press(console.getByRole('link', { name: 'Schedules' }));
    await console.locator('[data-testid="schedule-row"][data-schedule-name="Primary"]').waitFor();
    expect(await console.getByRole('button', { name: 'New schedule' }).count()).toBe(0);
    expect(await console.getByRole('button', { name: 'Edit Primary' }).count()).toBe(0);
  });
});
