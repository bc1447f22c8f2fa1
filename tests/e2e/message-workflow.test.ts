import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { CreateMessageRequest, PublicMessage } from '@vaka/domain';
import { openDatabase } from '@vaka/db';
import { TEST_PASSWORD, createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

// The steps of a public message after the first publication (messages.test.ts): returned for
// changes, scheduled, updated, withdrawn, and an exercise that never reaches the public. The
// console's person writes and publishes; a second communicator, in a window of their own,
// reviews. Messages that a step does not need to be written by hand are set up through the API.

let session: ConsoleSession;
/** The first communicator's console. */
let page: Page;
/** The second communicator's console. */
let reviewer: Page;
/** The first communicator, over the API, for setting up messages. */
let author: SignedIn;
/** The second communicator, over the API. */
let colleague: SignedIn;

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };
const HOUR = 3_600_000;

beforeAll(async () => {
  session = await openConsoleSession(['communicator']);
  page = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const second = await createTestUser(database, ['communicator']);
  await database.close();
  const me = (await (
    await page.request.get(`${session.server.baseUrl}/api/v1/auth/session`)
  ).json()) as { user: { username: string } };
  author = await signIn(session.server.baseUrl, me.user.username);
  colleague = await signIn(session.server.baseUrl, second.username);
  reviewer = await session.browser.newPage({
    viewport: { width: 1280, height: 720 },
    locale: 'en-GB',
  });
  await reviewer.goto(`${session.server.baseUrl}/#/messages`);
  await signInThroughForm(reviewer, second.username, TEST_PASSWORD);
  await reviewer.locator('[data-testid="connection-status"][data-status="live"]').waitFor(WAIT);
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

/** Opens a message from the list of public messages, as a person finds it. */
async function openMessage(console: Page, headline: string): Promise<Locator> {
  await press(console.getByRole('link', { name: 'Public messages', exact: true }));
  await press(console.getByRole('link', { name: headline, exact: true }));
  const messagePage = console.getByTestId('message-page');
  await messagePage.getByRole('heading', { name: headline, level: 2, exact: true }).waitFor(WAIT);
  return messagePage;
}

/** Whether the keyboard's focus is on this element. */
function hasFocus(element: Locator): Promise<boolean> {
  return element.evaluate((node) => node === document.activeElement);
}

/** Waits until the message page names this status first: that of the latest version. */
async function statusShown(messagePage: Locator, status: string): Promise<void> {
  await messagePage.getByTestId('message-status').first().getByText(status).waitFor(WAIT);
}

/** A message in the city's languages, ready for review, valid for the next six hours. */
function buildMessage(
  headline: string,
  overrides: Partial<CreateMessageRequest> = {},
): CreateMessageRequest {
  const now = Date.now();
  const variant = (language: 'sv' | 'en', words: string) => ({
    language,
    headline: language === 'sv' ? headline : `${headline} (en)`,
    description: words,
    instruction: words,
    sms: words,
    push: words,
    social: words,
  });
  return {
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: new Date(now - 60_000).toISOString(),
    expires: new Date(now + 6 * HOUR).toISOString(),
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [
      variant('sv', 'Undvik området och koka dricksvattnet.'),
      variant('en', 'Avoid the area and boil drinking water.'),
    ],
    ...overrides,
  };
}

/** Sends a request as someone and returns the message it answers with. */
async function send(
  who: SignedIn,
  method: 'POST',
  path: string,
  body: unknown,
): Promise<PublicMessage> {
  const response = await fetch(`${session.server.baseUrl}${path}`, {
    method,
    headers: { ...who.changeHeaders, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as PublicMessage;
}

/** A message the first communicator wrote, taken through review to `until` over the API. */
async function setUpMessage(
  headline: string,
  until: 'in_review' | 'approved' | 'published',
  overrides: Partial<CreateMessageRequest> = {},
): Promise<PublicMessage> {
  let message = await send(author, 'POST', '/api/v1/messages', buildMessage(headline, overrides));
  const next = (who: SignedIn, step: string) =>
    send(who, 'POST', `/api/v1/messages/${message.id}/${step}`, {
      expectedUpdatedAt: message.updatedAt,
    });
  message = await next(author, 'submit');
  if (until === 'in_review') return message;
  message = await next(colleague, 'approve');
  if (until === 'approved') return message;
  return next(author, 'publish');
}

/** A public address as the public reads it. */
async function fetchPublic(path: string): Promise<string> {
  const response = await fetch(`${session.server.baseUrl}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The CAP feed's entries that point at this message, each as its document's address. */
async function capFeedLinks(messageId: string): Promise<string[]> {
  const feed = await fetchPublic('/public/cap/feed.atom');
  return [...feed.matchAll(/href="([^"]*\/public\/cap\/[^"]+)"/g)]
    .map((match) => new URL(match[1] ?? '').pathname)
    .filter((path) => path.startsWith(`/public/cap/${messageId}/`));
}

/** The first text of an element in a CAP document. */
function capElement(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

/** The city's wall-clock date and time of an instant, as a person types it into the console. */
function cityWallClock(instant: Date, timeZone: string): Record<string, string> {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  return Object.fromEntries(parts.map((part) => [part.type, part.value]));
}

/** Scheduled by the first test and awaited by the last. */
const scheduled: { headline: string; at: Date; tab?: Page } = {
  headline: 'Planerat avbrott i vattnet på Södermalm',
  at: new Date(0),
};

describe('the workflow of a public message', () => {
  it('an approved message is scheduled for a time ahead, and the console shows when it goes out', async () => {
    await setUpMessage(scheduled.headline, 'approved');
    // The communicator keeps the message open in another window until it goes out.
    const tabs = await session.browser.newContext({
      storageState: await page.context().storageState(),
      viewport: { width: 1280, height: 720 },
      locale: 'en-GB',
    });
    scheduled.tab = await tabs.newPage();
    await scheduled.tab.goto(`${session.server.baseUrl}/#/messages`);
    await scheduled.tab
      .locator('[data-testid="connection-status"][data-status="live"]')
      .waitFor(WAIT);
    const messagePage = await openMessage(scheduled.tab, scheduled.headline);
    await statusShown(messagePage, 'Approved');
    await press(messagePage.getByRole('button', { name: 'Publish…' }));
    const hint = await messagePage.getByText(/^In the city’s time \(/).textContent();
    const timeZone = /\(([^)]+)\)/.exec(hint ?? '')?.[1] ?? '';
    // NOTE: the console schedules to the minute: the next whole minute at least 10 s ahead, 10 to
    // 70 s from now. The last test of the file waits for it, so the tests between fill the wait.
    scheduled.at = new Date(Math.ceil((Date.now() + 10_000) / 60_000) * 60_000);
    const wall = cityWallClock(scheduled.at, timeZone);
    // Chromium orders the parts of its date and time field by its own locale, not the page's:
    // the field is filled as its picker fills it.
    await messagePage
      .getByLabel('Publish at')
      .fill(`${wall.year}-${wall.month}-${wall.day}T${wall.hour}:${wall.minute}`);
    await press(messagePage.getByRole('button', { name: 'Publish at this time' }));

    const when = messagePage.getByText('to be published', { exact: false });
    await when.waitFor(WAIT);
    expect(await when.textContent()).toContain(`${wall.hour}:${wall.minute}`);
    await statusShown(messagePage, 'Approved');
    await messagePage.getByTestId('message-page-notice').getByText('Now: Approved.').waitFor(WAIT);
    expect(await fetchPublic('/public?lang=sv')).not.toContain(scheduled.headline);

    // The list tells a scheduled message from one that waits to be published by hand.
    await press(page.getByRole('link', { name: 'Public messages', exact: true }));
    const row = page.getByTestId('message-row').filter({ hasText: scheduled.headline });
    await row.getByText(`to be published`, { exact: false }).waitFor(WAIT);
    expect(await row.textContent()).toContain(`Approved · to be published`);
    expect(await row.textContent()).toContain(`${wall.hour}:${wall.minute}`);
  });

  it('the reviewer returns a message with what must change; the author edits and resubmits it; the reviewer approves', async () => {
    const headline = 'Vattenläcka på Götgatan';
    const changed = 'Vattenläcka på Götgatan: gatan avstängd';
    const reason = 'Skriv att Götgatan är avstängd mellan Skanstull och Ringvägen.';
    await setUpMessage(headline, 'in_review');

    const review = await openMessage(reviewer, headline);
    await statusShown(review, 'In review');
    await press(review.getByRole('button', { name: 'Return to draft…' }));
    const reasonField = review.getByLabel('What must change');
    await reasonField.waitFor(WAIT);
    // The reason field takes the focus, so the reviewer can write at once.
    expect(await hasFocus(reasonField)).toBe(true);
    await reviewer.keyboard.type(reason);
    await press(review.getByRole('button', { name: 'Return to draft', exact: true }));
    await statusShown(review, 'Draft');

    const messagePage = await openMessage(page, headline);
    await statusShown(messagePage, 'Draft');

    const editor = messagePage.getByTestId('message-editor');
    await press(editor.getByRole('tab', { name: /^Svenska/ }));
    await typeInto(editor.getByLabel('Headline', { exact: true }), changed);
    await press(editor.getByRole('button', { name: 'Submit for review' }));
    await statusShown(messagePage, 'In review');
    await messagePage.getByRole('heading', { name: changed, level: 2, exact: true }).waitFor(WAIT);

    // The reviewer's console follows live, and the reviewer approves the changed text.
    await review.getByRole('heading', { name: changed, level: 2, exact: true }).waitFor(WAIT);
    await statusShown(review, 'In review');
    await press(review.getByRole('button', { name: 'Approve' }));
    await statusShown(review, 'Approved');
    // The Approve button is gone with the step; the keyboard's focus is on the message.
    expect(
      await hasFocus(review.getByRole('heading', { name: changed, level: 2, exact: true })),
    ).toBe(true);
    await statusShown(messagePage, 'Approved');
  });

  it('a published message is updated: the other communicator approves and publishes the new version, which the public page and the CAP feed show as an Update', async () => {
    const first = 'Kokningsrekommendation på Södermalm';
    const second = 'Koka vattnet på Södermalm och i Hammarby sjöstad';
    const v1 = await setUpMessage(first, 'published');
    expect(await fetchPublic('/public?lang=sv')).toContain(first);

    const messagePage = await openMessage(page, first);
    await statusShown(messagePage, 'Published');
    await press(messagePage.getByRole('button', { name: 'Update (new version)' }));
    await statusShown(messagePage, 'Draft');
    await messagePage.getByText('Version 2', { exact: false }).first().waitFor(WAIT);
    const editor = messagePage.getByTestId('message-editor');
    await press(editor.getByRole('tab', { name: /^Svenska/ }));
    await typeInto(editor.getByLabel('Headline', { exact: true }), second);
    await press(editor.getByRole('button', { name: 'Submit for review' }));
    await statusShown(messagePage, 'In review');
    // Meanwhile the first version stays out.
    expect(await fetchPublic('/public?lang=sv')).toContain(first);

    const review = await openMessage(reviewer, second);
    await press(review.getByRole('button', { name: 'Approve' }));
    await statusShown(review, 'Approved');
    await press(review.getByRole('button', { name: 'Publish…' }));
    await press(review.getByRole('button', { name: 'Publish now' }));
    await statusShown(review, 'Published');
    await statusShown(messagePage, 'Published');
    const versions = messagePage.getByRole('region', { name: 'Versions' });
    await versions.getByText('Superseded').waitFor(WAIT);

    const publicPage = await fetchPublic('/public?lang=sv');
    expect(publicPage).toContain(second);
    expect(publicPage).not.toContain(first);

    const links = await capFeedLinks(v1.id);
    expect(links).toEqual([`/public/cap/${v1.id}/2`]);
    const cap = await fetchPublic(links[0] ?? '');
    expect(capElement(cap, 'msgType')).toBe('Update');
    const firstCap = await fetchPublic(`/public/cap/${v1.id}/1`);
    const firstIdentifier = capElement(firstCap, 'identifier') ?? '';
    expect(firstIdentifier).not.toBe('');
    expect(capElement(cap, 'references')).toContain(`,${firstIdentifier},`);
    expect(capElement(cap, 'identifier')).not.toBe(firstIdentifier);
  });

  it('a published message is withdrawn only with a reason; then it leaves the public page and its CAP document is a Cancel', async () => {
    const headline = 'Avstängd badplats vid Långholmen';
    const reason = 'Provsvaren är bra igen: badplatsen är öppen.';
    const published = await setUpMessage(headline, 'published');
    expect(await fetchPublic('/public?lang=sv')).toContain(headline);

    const messagePage = await openMessage(page, headline);
    await statusShown(messagePage, 'Published');
    await press(messagePage.getByRole('button', { name: 'Withdraw…' }));
    const reasonField = messagePage.getByLabel('Why it no longer holds (the public is told)');
    await reasonField.waitFor(WAIT);
    const confirm = messagePage.getByRole('button', { name: 'Withdraw', exact: true });

    // Without a reason, the console refuses, says what is missing and takes the person there.
    await press(confirm);
    await messagePage.getByText('Say why it is withdrawn: the public is told.').waitFor(WAIT);
    expect(await hasFocus(reasonField)).toBe(true);
    await statusShown(messagePage, 'Published');
    expect(await fetchPublic('/public?lang=sv')).toContain(headline);

    await typeInto(reasonField, reason);
    await press(confirm);
    await statusShown(messagePage, 'Withdrawn');
    const versions = messagePage.getByRole('region', { name: 'Versions' });
    await versions.getByText(reason, { exact: false }).waitFor(WAIT);
    // Nothing is said any more about what it needs to go out.
    expect(await messagePage.getByRole('region', { name: 'Before it can go out' }).count()).toBe(0);

    expect(await fetchPublic('/public?lang=sv')).not.toContain(headline);
    const links = await capFeedLinks(published.id);
    expect(links).toEqual([`/public/cap/${published.id}/1`]);
    const cap = await fetchPublic(links[0] ?? '');
    expect(capElement(cap, 'msgType')).toBe('Cancel');
    expect(capElement(cap, 'note')).toBe(reason);
  });

  it('an exercise, once published, is never on the public page or in the feeds', async () => {
    const headline = 'Övning: gasutsläpp vid Hammarbyverket';
    await setUpMessage(headline, 'approved', { exercise: true });

    const messagePage = await openMessage(page, headline);
    await messagePage.getByText(/· Exercise$/).waitFor(WAIT);
    await press(messagePage.getByRole('button', { name: 'Publish…' }));
    await press(messagePage.getByRole('button', { name: 'Publish now' }));
    await statusShown(messagePage, 'Published');

    for (const path of ['/public?lang=sv', '/public?lang=en', '/public/feed.atom']) {
      expect(await fetchPublic(path), path).not.toContain('Hammarbyverket');
    }
    expect(await fetchPublic('/public/cap/feed.atom')).not.toContain('Hammarbyverket');
  });

  // NOTE: why a version was returned is journalled (message.returned), but it is not part of the
  // message the server answers with, so the console has nothing to show its author. Once the
  // message carries it, this test passes, and `.fails` must go.
  it('the author of a returned message sees what must change', async () => {
    const headline = 'Halkvarning för gång- och cykelbanor';
    const reason = 'Nämn vilka broar som är halast.';
    const inReview = await setUpMessage(headline, 'in_review');
    await send(colleague, 'POST', `/api/v1/messages/${inReview.id}/return`, {
      expectedUpdatedAt: inReview.updatedAt,
      reason,
    });
    const messagePage = await openMessage(page, headline);
    await statusShown(messagePage, 'Draft');
    await messagePage.getByText(reason, { exact: false }).waitFor({ timeout: 5_000 });
  });

  it('at its time the scheduled message goes out: the console shows it published and the public page has it', async () => {
    const tab = scheduled.tab;
    if (tab === undefined) throw new Error('the message was not scheduled');
    const messagePage = tab.getByTestId('message-page');
    // The server's timer looks every second; the open console follows its step live.
    await messagePage
      .getByTestId('message-status')
      .first()
      .getByText('Published')
      .waitFor({ timeout: Math.max(0, scheduled.at.getTime() - Date.now()) + WAIT.timeout });
    expect(Date.now()).toBeGreaterThanOrEqual(scheduled.at.getTime());
    expect(await messagePage.getByText('to be published', { exact: false }).count()).toBe(0);
    // What the scheduling step said no longer holds, and is not left standing beside it.
    expect(await messagePage.getByTestId('message-page-notice').textContent()).toBe('');
    await tab.context().close();
    expect(await fetchPublic('/public?lang=sv')).toContain(scheduled.headline);
  });
});
