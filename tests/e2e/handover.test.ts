import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { JournalExport } from '@vaka/domain';
import { openDatabase } from '@vaka/db';
import { TEST_PASSWORD, createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

// The outgoing duty officer drafts the shift handover (an incident and a planned event exist),
// writes notes and saves; the incoming duty officer, signed in on another screen, reads the
// picture and the notes and confirms; the header shows the incoming one on duty, and the journal
// holds both steps.

let session: ConsoleSession;
/** The outgoing duty officer's console. */
let page: Page;
/** The incoming duty officer, Anna Berg. */
let incomingUsername: string;
/** The outgoing duty officer, by API: to put a planned event in the calendar. */
let outgoing: SignedIn;

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };
const INCIDENT = 'Burst water main on Götgatan';
const MATCH = 'Derby AIK – Djurgården';
const NOTES = 'Ring Ellevio kl. 09 om reservkraft till äldreboendet i Hammarby sjöstad.';

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  page = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const outgoingPerson = (
    await database.pool.query<{ username: string }>(
      "select username from users where 'duty_officer' = any(roles)",
    )
  ).rows[0]!.username;
  incomingUsername = (
    await createTestUser(database, ['duty_officer'], { displayName: 'Anna Berg' })
  ).username;
  await database.close();
  outgoing = await signIn(session.server.baseUrl, outgoingPerson);

  const report = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.partner },
    body: JSON.stringify(
      buildReport({ title: INCIDENT, severity: 'serious', observedAt: new Date().toISOString() }),
    ),
  });
  expect(report.status).toBe(201);
  const inThreeHours = Date.now() + 3 * 3_600_000;
  const event = await fetch(`${session.server.baseUrl}/api/v1/planned-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...outgoing.changeHeaders },
    body: JSON.stringify({
      title: MATCH,
      kind: 'sports',
      startsAt: new Date(inThreeHours).toISOString(),
      endsAt: new Date(inThreeHours + 2 * 3_600_000).toISOString(),
      location: { address: 'Strawberry Arena, Solna', coordinates: { lat: 59.3727, lon: 18.0003 } },
      expectedCrowd: 45_000,
      responsibleUnitIds: [],
      notes: '',
    }),
  });
  expect(event.status, await event.clone().text()).toBe(201);
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

/** The handover entries of the journal of the last hour, as the journal download gives them. */
async function handoverEntries(): Promise<JournalExport['entries']> {
  const from = new Date(Date.now() - 3_600_000).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  const response = await fetch(
    `${session.server.baseUrl}/api/v1/journal?${new URLSearchParams({ from, to })}`,
    { headers: outgoing.headers },
  );
  expect(response.status).toBe(200);
  const download = (await response.json()) as JournalExport;
  return download.entries.filter((entry) => entry.kind.startsWith('handover.'));
}

describe('shift handover', () => {
  it('is drafted with notes by the outgoing duty officer and confirmed by the incoming one, who is then on duty; both steps are journalled', async () => {
    // Nobody has taken over yet: the header names nobody.
    expect(await page.getByTestId('on-duty').count()).toBe(0);

    await press(page.getByRole('link', { name: 'Handover' }));
    await page.getByTestId('handover-none').waitFor(WAIT);
    await press(page.getByRole('button', { name: 'Draft handover' }));

    const view = page.getByTestId('handover-view');
    await view.waitFor(WAIT);
    await view.getByTestId('handover-incident').filter({ hasText: INCIDENT }).waitFor(WAIT);
    await view.getByTestId('handover-incident').getByText('Serious').waitFor();
    await view.getByTestId('handover-planned-event').filter({ hasText: MATCH }).waitFor();
    // The author cannot take over their own handover, and is told why.
    const confirm = view.getByRole('button', { name: 'Confirm and take over' });
    expect(await confirm.isDisabled()).toBe(true);
    await view.getByText('You drafted this handover').waitFor();

    await typeInto(view.getByLabel('Notes for the incoming duty officer'), NOTES);
    await press(view.getByRole('button', { name: 'Save notes' }));
    await view.getByTestId('handover-notes-notice').getByText('Notes saved.').waitFor(WAIT);

    const incoming = await session.browser.newPage({
      viewport: { width: 1920, height: 1080 },
      locale: 'en-GB',
    });
    try {
      await incoming.goto(`${session.server.baseUrl}/#/handover`);
      await signInThroughForm(incoming, incomingUsername, TEST_PASSWORD);
      const handover = incoming.getByTestId('handover-view');
      await handover.waitFor(WAIT);
      await handover
        .getByTestId('handover-status')
        .getByText('Draft – not taken over yet')
        .waitFor();
      await handover.getByTestId('handover-notes-text').getByText(NOTES).waitFor(WAIT);
      await handover.getByTestId('handover-incidents').getByText(INCIDENT).waitFor();
      await handover.getByTestId('handover-planned-events').getByText(MATCH).waitFor();
      await handover.getByText('45,000 people expected').waitFor();

      await press(handover.getByRole('button', { name: 'Confirm and take over' }));
      await incoming
        .getByTestId('handover-screen-notice')
        .getByText('You have taken over: you are on duty now.')
        .waitFor(WAIT);
      await incoming
        .getByTestId('on-duty')
        .getByText(/^On duty: Anna Berg since \d\d:\d\d$/)
        .waitFor(WAIT);
      // The confirmed handover is listed, and reads as it was handed over.
      await press(incoming.getByTestId('handover-row').getByRole('link'));
      await incoming.getByTestId('handover-confirmed-by').getByText(incomingUsername).waitFor(WAIT);
      expect(await incoming.getByRole('button', { name: 'Confirm and take over' }).count()).toBe(0);
    } finally {
      await incoming.close();
    }

    // The outgoing console hears it live: the header names the incoming one.
    await page.getByTestId('on-duty').getByText('On duty: Anna Berg since').waitFor(WAIT);
    await page.getByTestId('handover-none').waitFor(WAIT);

    const entries = await handoverEntries();
    expect(entries.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['handover.drafted', outgoing.session.user.username],
      ['handover.changed', outgoing.session.user.username],
      ['handover.confirmed', incomingUsername],
    ]);
  });
});
