import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import type { EscalationPolicy, Unit } from '@vaka/domain';
import { TEST_PASSWORD, createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { buildReport } from '../support/factories.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

let session: ConsoleSession;
let page: Page;
let admin: SignedIn;
/** The account a unit's liaison officer is reached through in the console. */
let liaisonUsername: string;

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };
const UNIT = 'Rescue service duty desk';
const TITLE = 'Smoke from a cellar on Ringvägen';
const LIAISON = 'City security liaison';

beforeAll(async () => {
  session = await openConsoleSession(['duty_officer']);
  page = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const person = await createTestUser(database, ['admin']);
  liaisonUsername = (await createTestUser(database, ['duty_officer'])).username;
  await database.close();
  admin = await signIn(session.server.baseUrl, person.username);
});

afterAll(() => session?.close());

/** Sends a change as the admin, as the admin screens do, and expects it to be created. */
async function create<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${session.server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin.changeHeaders },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as T;
}

/** A unit for fires across the city, reached by SMS, with a one-step policy. */
async function seedUnit(): Promise<{ unit: Unit; policy: EscalationPolicy }> {
  const unit = await create<Unit>('/api/v1/units', {
    name: UNIT,
    categories: ['fire'],
    districtIds: [],
    timeZone: 'Europe/Stockholm',
    contacts: [
      { name: 'Duty desk', phone: '+46 8 555 010 00', preferredChannel: 'sms', language: 'sv' },
    ],
  });
  const desk = unit.contacts[0];
  if (desk === undefined) throw new Error('the unit has no contact');
  const policy = await create<EscalationPolicy>(`/api/v1/units/${unit.id}/escalation-policies`, {
    name: 'Duty desk by SMS',
    repeat: 0,
    steps: [
      { waitMinutes: 1, requireAll: false, targets: [{ kind: 'contact', contactId: desk.id }] },
    ],
  });
  return { unit, policy };
}

/** A unit for public order, reached in the console, with two steps of a minute each. */
async function seedConsoleUnit(): Promise<void> {
  const unit = await create<Unit>('/api/v1/units', {
    name: LIAISON,
    categories: ['public_order'],
    districtIds: [],
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Liaison officer',
        username: liaisonUsername,
        preferredChannel: 'console',
        language: 'en',
      },
    ],
  });
  const officer = unit.contacts[0];
  if (officer === undefined) throw new Error('the unit has no contact');
  const step = {
    waitMinutes: 1,
    requireAll: false,
    targets: [{ kind: 'contact', contactId: officer.id }],
  };
  await create<EscalationPolicy>(`/api/v1/units/${unit.id}/escalation-policies`, {
    name: 'Liaison twice',
    repeat: 0,
    steps: [step, step],
  });
}

async function postFireReport(title: string): Promise<string> {
  const response = await fetch(`${session.server.baseUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...session.partner },
    body: JSON.stringify(buildReport({ title, category: 'fire', severity: 'serious' })),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { incidentId: string }).incidentId;
}

const pane = () => page.getByTestId('incident-pane');
/** The pane's notice of what the duty officer just did (the timeline may say the same). */
const notice = (text: string) => pane().getByTestId('escalation-notice').filter({ hasText: text });
const awaitingRows = () => page.getByTestId('awaiting-escalation');

/** The visible text of an element, with its whitespace as a person reads it. */
async function text(locator: Locator): Promise<string> {
  return (await locator.innerText(WAIT)).replace(/\s+/g, ' ').trim();
}

describe('escalating an incident to a unit', () => {
  it('the duty officer escalates by key, sees the SMS fail for good and the escalation run out with an alarm, and records the acknowledgement heard by phone', async () => {
    await seedUnit();
    const incidentId = await postFireReport(TITLE);
    const row = page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`);
    await row.waitFor(WAIT);
    await row.getByRole('link').click();
    await page.getByTestId('incident-title').filter({ hasText: TITLE }).waitFor(WAIT);
    await pane().getByTestId('escalations-none').waitFor(WAIT);
    expect(await awaitingRows().count()).toBe(0);

    // `?` lists the key; `u` opens the form with the suggested unit chosen and why it is offered.
    await page.keyboard.press('?');
    const help = page.getByTestId('key-help');
    expect(await text(help.locator('[data-command="escalate"]'))).toBe('u Escalate to a unit');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached', ...WAIT });
    await page.locator('body').focus();
    await page.keyboard.press('u');
    const form = pane().getByTestId('start-escalation-form');
    await form.waitFor(WAIT);
    const suggestion = form.getByTestId('escalation-suggestion');
    expect(await text(suggestion.locator('strong'))).toBe(UNIT);
    expect(await text(suggestion.locator('.escalation-choice__reasons'))).toBe(
      'answers for Fire · answers for the whole city',
    );
    // The unit has no on-call schedule, so no warning that nobody is on call.
    expect(await suggestion.getByTestId('escalation-nobody-on-call').count()).toBe(0);
    expect(await suggestion.getByRole('radio').isChecked()).toBe(true);
    expect(await form.getByLabel('Escalation policy').inputValue()).not.toBe('');

    // No brief: stopped at the field.
    await form.getByTestId('action-submit').click();
    await form.getByText('Write a short brief').waitFor(WAIT);
    await form
      .getByLabel('Brief for the unit')
      .fill('Smoke in a cellar, residents out: take the case');
    await page.keyboard.press('ControlOrMeta+Enter');

    await notice(`Escalation to ${UNIT} started`).waitFor(WAIT);
    const card = pane().getByTestId('escalation');
    await card.waitFor(WAIT);
    expect(await text(card.getByTestId('escalation-unit'))).toBe(UNIT);
    expect(await text(card.getByTestId('escalation-policy'))).toBe(
      'by the policy Duty desk by SMS',
    );
    expect(await text(card.getByTestId('escalation-brief'))).toContain('residents out');
    const step = card.getByTestId('escalation-step');
    expect(await text(step.locator('.escalation-step__head'))).toContain(
      'Step 1 waits 1 min one acceptance is enough',
    );
    const notification = step.getByTestId('escalation-notification');
    expect(await text(notification.locator('.escalation-notification__who'))).toBe(
      'Duty desk SMS to +46 8 555 010 00',
    );

    // No SMS gateway here: the message fails for good and the card says so. Nobody else is in
    // the step and no repeat is left, so the escalation runs out at once rather than in a minute.
    await card
      .locator('[data-testid="escalation-notification"][data-delivery="failed"]')
      .waitFor(WAIT);
    expect(await text(notification.getByTestId('notification-delivery'))).toBe(
      '✖ Not delivered: failed for good · attempts: 1',
    );
    expect(await text(notification.getByTestId('notification-error'))).toContain(
      'SMS is not configured on this server',
    );
    await page.locator('[data-testid="escalation"][data-status="exhausted"]').waitFor(WAIT);
    expect(await text(card.getByTestId('escalation-status'))).toBe('RUN OUT: NOBODY TOOK THE CASE');
    expect(await card.getByTestId('escalation-escalate-now').count()).toBe(0);

    // The alarm: in words, naming the incident and the unit and what to do, until dismissed;
    // one band for the escalation, with the message that failed folded into it.
    expect(await page.getByTestId('escalation-alarms').getAttribute('role')).toBe('alert');
    const ranOutAlarm = page.locator('[data-testid="escalation-alarm"][data-kind="exhausted"]');
    await ranOutAlarm.waitFor(WAIT);
    expect(await page.getByTestId('escalation-alarm').count()).toBe(1);
    expect(await text(ranOutAlarm)).toContain(
      `ESCALATION RUN OUT ${TITLE} — ${UNIT}: nobody took the case. Call the unit or escalate elsewhere.`,
    );
    const failures = ranOutAlarm.getByTestId('escalation-alarm-failures');
    await failures.locator('summary').click();
    expect(await text(failures)).toContain('1 message not delivered');
    expect(await text(failures)).toContain('SMS to Duty desk (+46 8 555 010 00)');
    await ranOutAlarm.getByRole('button', { name: 'Dismiss' }).click();
    await ranOutAlarm.waitFor({ state: 'detached', ...WAIT });

    // Across incidents: the escalation stays in the list beside the queue, marked as run out.
    await awaitingRows().first().waitFor(WAIT);
    expect(await awaitingRows().count()).toBe(1);
    const waiting = awaitingRows().first();
    expect(await waiting.getAttribute('data-status')).toBe('exhausted');
    expect(await text(waiting.getByTestId('awaiting-incident'))).toBe(TITLE);
    expect(await text(waiting.getByTestId('awaiting-unit'))).toBe(UNIT);
    expect(await text(waiting)).toContain('RUN OUT');
    expect(await text(waiting)).toContain('started under a minute ago');
    expect(await text(waiting)).toContain('Step 1 of 1');
    expect(await text(page.getByTestId('awaiting-ran-out-count'))).toBe('run out: 1');

    // The unit called back: the duty officer records it, and the case leaves the list.
    await card.getByTestId('escalation-acknowledge').click();
    const acknowledge = card.getByTestId('acknowledge-escalation-form');
    await acknowledge.waitFor(WAIT);
    await acknowledge.getByTestId('action-submit').click();
    await acknowledge.getByText('Write what was agreed on the phone').waitFor(WAIT);
    await acknowledge.getByLabel('Who answered').selectOption({ label: 'Duty desk' });
    await acknowledge
      .getByLabel('Note for the journal')
      .fill('Called back at once: a crew is on the way');
    await acknowledge.getByTestId('action-submit').click();

    await notice(`${UNIT} took the case`).waitFor(WAIT);
    await card
      .locator('[data-testid="escalation-status"]')
      .filter({ hasText: 'Taken' })
      .waitFor(WAIT);
    expect(await card.getByTestId('escalation-acknowledge').count()).toBe(0);
    expect(await text(card.getByTestId('escalation-ended'))).toContain('Ended by Duty desk');
    await awaitingRows()
      .first()
      .waitFor({ state: 'detached', ...WAIT });
    expect(await text(page.getByTestId('awaiting-count'))).toBe('0');
    // The case is taken: the alarm about it has done its work.
    expect(await ranOutAlarm.count()).toBe(0);
  });

  it('an escalation to another unit, reached in its console, counts down, moves to its next step when asked, and is called off with a reason', async () => {
    await seedConsoleUnit();
    const title = 'Crowd pushing at the station entrance';
    const incidentId = await postFireReport(title);
    const row = page.locator(`[data-testid="incident-row"][data-incident-id="${incidentId}"]`);
    await row.waitFor(WAIT);
    await row.getByRole('link').click();
    await page.getByTestId('incident-title').filter({ hasText: title }).waitFor(WAIT);
    await pane().getByTestId('escalations-none').waitFor(WAIT);

    // The liaison does not answer for fires: it is chosen as another unit, its policy loaded.
    await pane().getByTestId('escalation-start').click();
    const form = pane().getByTestId('start-escalation-form');
    await form.waitFor(WAIT);
    expect(await form.getByTestId('escalation-suggestion').count()).toBe(1);
    await form.getByLabel('Another unit').check();
    await form.getByLabel('Unit', { exact: true }).selectOption({ label: LIAISON });
    const policy = form.getByLabel('Escalation policy');
    await form.locator('option', { hasText: 'Liaison twice' }).waitFor({ state: 'attached' });
    expect(await policy.locator('option:checked').textContent()).toBe('Liaison twice');
    await form.getByLabel('Brief for the unit').fill('Keep the entrance clear until it calms');
    await form.getByRole('button', { name: 'Start escalation' }).click();
    await notice(`Escalation to ${LIAISON} started`).waitFor(WAIT);

    const card = pane().locator(`[data-testid="escalation"][data-status="active"]`);
    await card.waitFor(WAIT);
    expect(await text(card.getByTestId('escalation-status'))).toBe('Waiting for an answer');
    await card
      .locator('[data-testid="escalation-notification"][data-delivery="sent"]')
      .waitFor(WAIT);
    expect(await text(card.getByTestId('notification-delivery'))).toMatch(
      /^Sent \d\d:\d\d · attempts: 1$/,
    );

    // The liaison, signed in elsewhere, finds the request in their own console, with the link
    // an SMS would carry.
    const liaison = await session.browser.newPage({
      viewport: { width: 1280, height: 720 },
      locale: 'en-GB',
    });
    try {
      await liaison.goto(session.server.baseUrl);
      await signInThroughForm(liaison, liaisonUsername, TEST_PASSWORD);
      const requests = liaison.getByTestId('console-requests');
      await requests.waitFor(WAIT);
      expect(await text(requests)).toContain(`${LIAISON} is asked to take over: ${title}`);
      expect(await requests.getByRole('link', { name: /^Answer/ }).getAttribute('href')).toMatch(
        /^\/ack\/[A-Za-z0-9_-]+$/,
      );
    } finally {
      await liaison.close();
    }

    // The countdown to the next step runs by itself, second by second, here and in the list.
    const progress = card.getByTestId('escalation-progress');
    const before = await text(progress);
    expect(before).toMatch(/^Step 1 of 2 Next step in (1:00|0:\d\d) \(at \d\d:\d\d\)$/);
    await expect.poll(() => text(progress), WAIT).not.toBe(before);
    const listed = page.locator(
      `[data-testid="awaiting-escalation"][data-incident-id="${incidentId}"]`,
    );
    expect(await text(listed.getByTestId('escalation-countdown'))).toMatch(
      /^Next step in (1:00|0:\d\d) \(at \d\d:\d\d\)$/,
    );

    // Not waiting: the next step now.
    await card.getByTestId('escalation-escalate-now').click();
    await notice(`The next step of the escalation to ${LIAISON} was notified`).waitFor(WAIT);
    await expect.poll(() => text(progress), WAIT).toMatch(/^Step 2 of 2 Runs out in/);
    expect(
      await card
        .locator('[data-testid="escalation-step"][data-step="1"]')
        .getAttribute('data-current'),
    ).toBe('true');

    // Called off, with why: it ends and leaves the list.
    await card.getByRole('button', { name: 'Cancel escalation…' }).click();
    const cancel = pane().getByTestId('cancel-escalation-form');
    await cancel.getByRole('button', { name: 'Call off the escalation' }).click();
    await cancel.getByText('Say why the escalation is called off').waitFor(WAIT);
    await cancel.getByLabel('Why it is called off').fill('The police took it over on the radio');
    await page.keyboard.press('Enter');
    await notice(`Escalation to ${LIAISON} called off`).waitFor(WAIT);
    const ended = pane().locator('[data-testid="escalation"][data-status="cancelled"]');
    await ended.waitFor(WAIT);
    expect(await text(ended.getByTestId('escalation-status'))).toBe('Called off');
    expect(await text(ended.getByTestId('escalation-ended'))).toContain(
      'why: The police took it over on the radio',
    );
    await listed.waitFor({ state: 'detached', ...WAIT });
  });
});
