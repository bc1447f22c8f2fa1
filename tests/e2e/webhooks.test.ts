import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openDatabase } from '@vaka/db';
import type {
  CreateMessageRequest,
  PublicMessage,
  WebhookPayload,
  WebhookSubscriber,
} from '@vaka/domain';
import { TEST_PASSWORD, createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { openConsoleSession, signInThroughForm, type ConsoleSession } from './console-session.ts';

/** Generous: the machine is small and shared, and every wait is on something visible. */
const WAIT = { timeout: 20_000 };
const PARTNER = 'Krisappen';
const HEADLINE = 'Vattenläcka på Götgatan';

/** What the partner's endpoint received. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner's endpoint on this machine, answering 200 and keeping each request. */
class Receiver {
  readonly received: Received[] = [];
  #server: Server | undefined;

  async start(): Promise<void> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
  }

  url(): string {
    return `http://127.0.0.1:${(this.#server?.address() as AddressInfo).port}/hooks/vaka`;
  }

  /** The requests whose event is `type`. */
  of(type: string): Received[] {
    return this.received.filter(
      (request) => (JSON.parse(request.body) as WebhookPayload).type === type,
    );
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}

const receiver = new Receiver();
let session: ConsoleSession;
let page: Page;
/** The communicator who writes the message, in a console of their own. */
let authorUsername: string;
let author: SignedIn;
/** A second communicator, who approves and publishes it. */
let approver: SignedIn;
/** Another admin, changing the same subscribers at the same time. */
let otherAdmin: SignedIn;

beforeAll(async () => {
  await receiver.start();
  session = await openConsoleSession(['admin']);
  page = session.page;
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  authorUsername = (await createTestUser(database, ['communicator'])).username;
  const approverUsername = (await createTestUser(database, ['communicator'])).username;
  const otherAdminUsername = (await createTestUser(database, ['admin'])).username;
  await database.close();
  author = await signIn(session.server.baseUrl, authorUsername);
  approver = await signIn(session.server.baseUrl, approverUsername);
  otherAdmin = await signIn(session.server.baseUrl, otherAdminUsername);
});

afterAll(async () => {
  await session?.close();
  await receiver.stop();
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

/** A subscriber as the server lists it now. */
async function subscriberNamed(name: string): Promise<WebhookSubscriber> {
  const response = await fetch(`${session.server.baseUrl}/api/v1/webhooks`, {
    headers: otherAdmin.headers,
  });
  const { subscribers } = (await response.json()) as { subscribers: WebhookSubscriber[] };
  const found = subscribers.find((subscriber) => subscriber.name === name);
  if (found === undefined) throw new Error(`no subscriber ${name}`);
  return found;
}

/** Sends a change to the server as a person signed in elsewhere, and expects it to succeed. */
async function send<T>(person: SignedIn, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${session.server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...person.changeHeaders },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return (await response.json()) as T;
}

/** A message about a water leak, in Swedish, valid for six hours from now. */
function waterLeak(): CreateMessageRequest {
  const texts = {
    headline: HEADLINE,
    description: 'En vattenledning har brustit vid Götgatan 78.',
    instruction: 'Undvik området och koka dricksvattnet.',
  };
  const short = `${texts.headline}. ${texts.instruction}`;
  const now = Date.now();
  return {
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: new Date(now).toISOString(),
    expires: new Date(now + 6 * 3_600_000).toISOString(),
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [{ language: 'sv', ...texts, sms: short, push: texts.headline, social: short }],
  };
}

describe('webhooks', () => {
  it('an admin adds a partner, keeps its secret, tests it; a published message reaches it signed and its page says so', async () => {
    await press(page.getByRole('link', { name: 'Webhooks' }));
    const form = page.getByTestId('create-webhook');
    await form.waitFor(WAIT);

    // An address that is not one is refused beside the field, which takes the focus.
    await typeInto(form.getByLabel('Name'), PARTNER);
    await typeInto(form.getByLabel('Address'), 'krisappen.example/hooks');
    await press(form.getByRole('button', { name: 'Add subscriber' }));
    await form.getByText('Enter a whole address starting with https:// or http://').waitFor(WAIT);
    expect(
      await form.getByLabel('Address').evaluate((field) => field === document.activeElement),
    ).toBe(true);
    await typeInto(form.getByLabel('Address'), receiver.url());
    await press(form.getByRole('button', { name: 'Add subscriber' }));

    // The secret is shown once, with the warning; once put away the form is empty again.
    const secretBox = page.getByTestId('webhook-secret');
    await secretBox.waitFor(WAIT);
    await secretBox.getByText('it will not be shown again').waitFor();
    const secret = await secretBox.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    const card = page.getByTestId('webhook-card').filter({ hasText: PARTNER });
    await card.waitFor(WAIT);
    expect(await card.getByTestId('webhook-secret-hint').textContent()).toBe(
      `…${secret.slice(-4)}`,
    );
    expect(await card.getByTestId('webhook-health').textContent()).toContain('Nothing sent yet');
    await press(secretBox.getByRole('button', { name: 'Done, the partner has it' }));
    await form.waitFor(WAIT);
    expect(await secretBox.count()).toBe(0);
    await page.getByTestId('webhooks-verify').getByText('webhook-signature').waitFor();

    // A test event goes out through the outbox and shows as delivered.
    await press(card.getByRole('button', { name: `Send a test event to ${PARTNER}` }));
    await page
      .getByTestId('webhooks-notice')
      .getByText(`Test event queued for ${PARTNER}`)
      .waitFor(WAIT);
    const ping = card.getByTestId('webhook-delivery').filter({ hasText: 'Test event' });
    await ping.getByTestId('delivery-status').getByText('Delivered').waitFor(WAIT);
    await card.getByTestId('webhook-health').getByText('1 sent').waitFor(WAIT);
    await expect.poll(() => receiver.of('ping').length, WAIT).toBe(1);

    // One communicator writes a message, another approves and publishes it; the author's page
    // follows it out to the partner.
    const message = await send<PublicMessage>(author, '/api/v1/messages', waterLeak());
    const submitted = await send<PublicMessage>(author, `/api/v1/messages/${message.id}/submit`, {
      expectedUpdatedAt: message.updatedAt,
    });
    const authorPage = await session.browser.newPage({
      viewport: { width: 1280, height: 720 },
      locale: 'en-GB',
    });
    try {
      await authorPage.goto(`${session.server.baseUrl}/#/messages/${message.id}`);
      await signInThroughForm(authorPage, authorUsername, TEST_PASSWORD);
      const messagePage = authorPage.getByTestId('message-page');
      await messagePage.getByRole('heading', { name: HEADLINE, level: 2 }).waitFor(WAIT);
      expect(await messagePage.getByTestId('message-deliveries').count()).toBe(0);

      const approved = await send<PublicMessage>(
        approver,
        `/api/v1/messages/${message.id}/approve`,
        { expectedUpdatedAt: submitted.updatedAt },
      );
      await send<PublicMessage>(approver, `/api/v1/messages/${message.id}/publish`, {
        expectedUpdatedAt: approved.updatedAt,
      });

      const sentToPartners = messagePage.getByTestId('message-deliveries');
      await sentToPartners.getByRole('heading', { name: 'Sent to partners' }).waitFor(WAIT);
      const delivered = sentToPartners
        .getByTestId('message-deliveries-subscriber')
        .filter({ hasText: PARTNER })
        .getByTestId('message-delivery');
      await delivered.getByText('Delivered').waitFor(WAIT);
      expect(await delivered.textContent()).toMatch(/^Version 1 · Published · ✓ Delivered · /);
    } finally {
      await authorPage.close();
    }

    // What the partner got is signed with the secret it was given.
    const [published] = receiver.of('message.published');
    if (published === undefined) throw new Error('the partner received no published message');
    const headers = {
      'webhook-id': String(published.headers['webhook-id']),
      'webhook-timestamp': String(published.headers['webhook-timestamp']),
      'webhook-signature': String(published.headers['webhook-signature']),
    };
    const payload = new Webhook(secret).verify(published.body, headers) as WebhookPayload;
    expect(payload.data.message?.variants[0]?.headline).toBe(HEADLINE);
    const otherSecret = `whsec_${Buffer.from('not the secret given').toString('base64')}`;
    expect(() => new Webhook(otherSecret).verify(published.body, headers)).toThrow();
  });

  it('an admin’s change made on a stale view keeps what was typed; a new secret is asked for first; archiving ends it', async () => {
    const bridge = 'Twitterbryggan';
    const form = page.getByTestId('create-webhook');
    await typeInto(form.getByLabel('Name'), bridge);
    await typeInto(form.getByLabel('Address'), receiver.url());
    await press(form.getByRole('button', { name: 'Add subscriber' }));
    const firstSecret = await page
      .getByTestId('webhook-secret')
      .getByLabel('Signing secret')
      .inputValue();
    await press(page.getByRole('button', { name: 'Done, the partner has it' }));
    const card = page.getByTestId('webhook-card').filter({ hasText: bridge });

    // While this admin renames it, another changes its address.
    await press(card.getByRole('button', { name: `Edit ${bridge}` }));
    const editor = card.getByTestId('edit-webhook');
    await typeInto(editor.getByLabel('Name'), `${bridge} Stockholm`);
    const before = await subscriberNamed(bridge);
    const moved = `${receiver.url()}/moved`;
    const response = await fetch(`${session.server.baseUrl}/api/v1/webhooks/${before.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...otherAdmin.changeHeaders },
      body: JSON.stringify({ expectedUpdatedAt: before.updatedAt, url: moved }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    await press(editor.getByRole('button', { name: 'Save' }));
    await editor
      .getByTestId('edit-webhook-error')
      .getByText('Someone else changed Twitterbryggan meanwhile')
      .waitFor(WAIT);
    expect(await editor.getByLabel('Name').inputValue()).toBe(`${bridge} Stockholm`);
    await card.getByText(moved).waitFor(WAIT);
    await press(editor.getByRole('button', { name: 'Save' }));
    await page.getByTestId('webhooks-notice').getByText(`${bridge} Stockholm saved`).waitFor(WAIT);
    const renamed = page.getByTestId('webhook-card').filter({ hasText: `${bridge} Stockholm` });
    expect(await renamed.getByText(moved).count()).toBe(1);

    // A new secret is asked for first: keeping the current one changes nothing.
    const rotate = renamed.getByRole('button', { name: `New secret for ${bridge} Stockholm…` });
    await press(rotate);
    const question = renamed.getByTestId('rotate-confirmation');
    await question.getByText('the partner must be given the new one').waitFor(WAIT);
    await page.keyboard.press('Escape');
    await expect.poll(() => question.count()).toBe(0);
    expect(await rotate.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(await renamed.getByTestId('webhook-secret-hint').textContent()).toBe(
      `…${firstSecret.slice(-4)}`,
    );
    await press(rotate);
    await press(question.getByRole('button', { name: 'Make a new secret' }));
    const secretBox = renamed.getByTestId('webhook-secret');
    const secret = await secretBox.getByLabel('Signing secret').inputValue();
    expect(secret).not.toBe(firstSecret);
    await renamed.getByTestId('webhook-secret-hint').getByText(secret.slice(-4)).waitFor(WAIT);
    await press(secretBox.getByRole('button', { name: 'Done, the partner has it' }));

    // Archived, it is sent nothing more and offers nothing to change.
    await press(renamed.getByRole('button', { name: 'Archive…' }));
    await press(renamed.getByRole('button', { name: 'Archive', exact: true }));
    await page
      .getByTestId('webhooks-notice')
      .getByText(`${bridge} Stockholm archived`)
      .waitFor(WAIT);
    await renamed.getByText(/^Archived /).waitFor(WAIT);
    expect(await renamed.getAttribute('data-archived')).toBe('true');
    expect(await renamed.getByRole('button', { name: /^Edit / }).count()).toBe(0);
  });
});
