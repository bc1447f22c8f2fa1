import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import { TEST_PASSWORD, createTestUser } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;
/** The second communicator, who approves what the first one wrote. */
let approverUsername: string;

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };
const HEADLINE_SV = 'Översvämning i Bromma';

beforeAll(async () => {
  session = await openConsoleSession(['communicator']);
  page = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  approverUsername = (await createTestUser(database, ['communicator'])).username;
  await database.close();
});

afterAll(() => session?.close());

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

/** Fills one language's texts, in the tab that is open. */
async function writeVariant(
  editor: Locator,
  texts: { headline: string; description: string; instruction: string; short: string },
): Promise<void> {
  await typeInto(editor.getByLabel('Headline', { exact: true }), texts.headline);
  await typeInto(editor.getByLabel('What has happened'), texts.description);
  await typeInto(editor.getByLabel('What to do'), texts.instruction);
  await typeInto(editor.getByLabel('SMS', { exact: true }), texts.short);
  await typeInto(editor.getByLabel('Push notification'), texts.short);
  await typeInto(editor.getByLabel('Social media post'), texts.short);
}

describe('public messages', () => {
  it('one communicator writes a message in Swedish and English and submits it; another approves and publishes it', async () => {
    await press(page.getByRole('link', { name: 'Public messages' }));
    await page.getByText('No messages.').waitFor(WAIT);
    await press(page.getByRole('link', { name: 'New message' }));
    const editor = page.getByTestId('message-editor');
    await editor.waitFor(WAIT);

    // Without Swedish, which the city requires, nothing can be submitted, and the console says why.
    await press(editor.getByRole('tab', { name: /^Svenska \(required\)/ }));
    await press(editor.getByRole('button', { name: 'Remove Svenska' }));
    const problems = editor.getByTestId('message-problems');
    await problems.getByText('Svenska is required and missing').waitFor(WAIT);
    expect(await editor.getByRole('button', { name: 'Submit for review' }).isDisabled()).toBe(true);
    expect(await editor.getByTestId('submit-blocked').textContent()).toMatch(/^Cannot submit/);
    await editor.getByLabel('Language to add').selectOption('sv');
    await press(editor.getByRole('button', { name: 'Add language' }));
    await expect.poll(() => problems.getByText('Svenska is required and missing').count()).toBe(0);

    await typeInto(editor.getByLabel('Issued by'), 'Stockholms stad');
    await press(editor.getByLabel('Bromma'), 'Space');

    await press(editor.getByRole('tab', { name: /^Svenska/ }));
    await writeVariant(editor, {
      headline: HEADLINE_SV,
      description: 'Kraftigt regn har översvämmat gator i Bromma.',
      instruction: 'Undvik området och flytta bilar från låglänta gator.',
      short: 'Översvämning i Bromma: undvik området.',
    });
    // A Czech letter turns the SMS into UCS-2, and the counter names it.
    const smsCounter = editor.getByTestId('counter-sms');
    expect(await smsCounter.textContent()).toContain('GSM-7 · 1 of 3 SMS');
    await editor.getByLabel('SMS', { exact: true }).press('End');
    await page.keyboard.type(' č');
    await expect.poll(() => smsCounter.textContent()).toContain('UCS-2 because of “č”');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => smsCounter.textContent()).toContain('GSM-7');

    await press(editor.getByRole('tab', { name: /^English \(expected\)/ }));
    await writeVariant(editor, {
      headline: 'Flooding in Bromma',
      description: 'Heavy rain has flooded streets in Bromma.',
      instruction: 'Stay away and move cars from low-lying streets.',
      short: 'Flooding in Bromma: stay away.',
    });
    await editor.getByTestId('message-no-problems').waitFor(WAIT);

    await press(editor.getByRole('button', { name: 'Create draft' }));
    const messagePage = page.getByTestId('message-page');
    await messagePage.getByRole('heading', { name: HEADLINE_SV }).waitFor(WAIT);
    await press(messagePage.getByRole('button', { name: 'Submit for review' }));
    await messagePage.getByTestId('message-status').first().getByText('In review').waitFor(WAIT);
    // The author cannot approve their own message, and sees why.
    const approveOwn = messagePage.getByRole('button', { name: 'Approve' });
    expect(await approveOwn.isDisabled()).toBe(true);
    await messagePage.getByText('You wrote this version: someone else must approve it.').waitFor();

    const approver = await session.browser.newPage({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-GB',
    });
    try {
      await approver.goto(`${session.server.baseUrl}/#/messages`);
      await signInThroughForm(approver, approverUsername, TEST_PASSWORD);
      await press(approver.getByRole('link', { name: HEADLINE_SV }));
      const review = approver.getByTestId('message-page');
      await press(review.getByRole('button', { name: 'Approve' }));
      await review.getByTestId('message-status').first().getByText('Approved').waitFor(WAIT);
      await press(review.getByRole('button', { name: 'Publish…' }));
      await press(review.getByRole('button', { name: 'Publish now' }));
      await review.getByTestId('message-status').first().getByText('Published').waitFor(WAIT);
    } finally {
      await approver.close();
    }

    // The author's console follows it live, and the list shows it out.
    await messagePage.getByTestId('message-status').first().getByText('Published').waitFor(WAIT);
    await press(page.getByRole('link', { name: 'All messages' }));
    const row = page.getByTestId('message-row').filter({ hasText: HEADLINE_SV });
    await row.getByText('Published').waitFor(WAIT);
    expect(await row.getAttribute('data-status')).toBe('published');
  });
});
