import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { CreateMessageRequest, MessageDetail, PublicMessage } from '@vaka/domain';
import { openDatabase } from '@vaka/db';
import { createTestUser, signIn, type SignedIn } from '../support/accounts.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

// Two communicators change the same draft at once: one in the console, one (over the API) in
// theirs. The console's save is refused as stale, keeps what was typed, takes the other change
// of the fields left alone, and the save after it keeps both.

let session: ConsoleSession;
/** The second communicator, changing the draft over the API. */
let colleague: SignedIn;

const WAIT = { timeout: 20_000 };
const HEADLINE = 'Vattenavstängning på Kungsholmen';
const NEW_HEADLINE = 'Vattenavstängning på Kungsholmen till klockan 18';
const THEIR_ISSUER = 'Stockholm Vatten och Avfall';

beforeAll(async () => {
  session = await openConsoleSession(['communicator']);
  const database = await openDatabase({
    url: session.databaseUrl,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  const second = await createTestUser(database, ['communicator']);
  await database.close();
  colleague = await signIn(session.server.baseUrl, second.username);
});

afterAll(() => session?.close());

async function press(control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await control.page().keyboard.press(key);
}

async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus();
  await field.page().keyboard.press('ControlOrMeta+A');
  await field.page().keyboard.type(text);
}

async function api<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${session.server.baseUrl}${path}`, {
    method,
    headers: {
      ...(method === 'GET' ? colleague.headers : colleague.changeHeaders),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

function draft(): CreateMessageRequest {
  const words = 'Vattnet stängs av för reparation. Fyll kärl med dricksvatten.';
  const variant = (language: 'sv' | 'en') => ({
    language,
    headline: language === 'sv' ? HEADLINE : 'Water shut off on Kungsholmen',
    description: words,
    instruction: words,
    sms: words,
    push: words,
    social: words,
  });
  return {
    category: 'utility_water',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
    area: { description: 'Kungsholmen', districtIds: ['kungsholmen'] },
    effective: new Date(Date.now() - 60_000).toISOString(),
    expires: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [variant('sv'), variant('en')],
  };
}

describe('a draft changed by two communicators at once', () => {
  it('keeps what was typed and the other’s change of the fields left alone', async () => {
    const { page } = session;
    const message = await api<PublicMessage>('POST', '/api/v1/messages', draft());

    await press(page.getByRole('link', { name: 'Public messages', exact: true }));
    await press(page.getByRole('link', { name: HEADLINE, exact: true }));
    const editor = page.getByTestId('message-editor');
    await editor.waitFor(WAIT);

    // Meanwhile the colleague changes who issues it.
    await api('PATCH', `/api/v1/messages/${message.id}`, {
      expectedUpdatedAt: message.updatedAt,
      changes: { issuer: THEIR_ISSUER },
    });

    await press(editor.getByRole('tab', { name: /^Svenska/ }));
    await typeInto(editor.getByLabel('Headline', { exact: true }), NEW_HEADLINE);
    await press(editor.getByRole('button', { name: 'Save draft' }));
    const alert = page.getByText('Fields you did not change now show the other person’s change.', {
      exact: false,
    });
    await alert.waitFor(WAIT);
    // The colleague's issuer is in the form; the headline typed is still there.
    expect(await editor.getByLabel('Issued by').inputValue()).toBe(THEIR_ISSUER);
    expect(await editor.getByLabel('Headline', { exact: true }).inputValue()).toBe(NEW_HEADLINE);

    await press(editor.getByRole('button', { name: 'Save draft' }));
    await page.getByText('Saved.', { exact: true }).waitFor(WAIT);
    const [stored] = (await api<MessageDetail>('GET', `/api/v1/messages/${message.id}`)).versions;
    expect(stored?.issuer).toBe(THEIR_ISSUER);
    expect(stored?.variants.find((variant) => variant.language === 'sv')?.headline).toBe(
      NEW_HEADLINE,
    );
  });

  it('keeps what was typed through a reload, put onto the colleague’s change made meanwhile', async () => {
    const { page } = session;
    const headline = 'Vattenavstängning på Södermalm';
    const message = await api<PublicMessage>('POST', '/api/v1/messages', {
      ...draft(),
      variants: draft().variants.map((variant) =>
        variant.language === 'sv' ? { ...variant, headline } : variant,
      ),
    });
    await press(page.getByRole('link', { name: 'Public messages', exact: true }));
    await press(page.getByRole('link', { name: headline, exact: true }));
    const editor = page.getByTestId('message-editor');
    await editor.waitFor(WAIT);
    await press(editor.getByRole('tab', { name: /^Svenska/ }));
    const typed = `${headline} – dricksvatten från tankbil`;
    await typeInto(editor.getByLabel('Headline', { exact: true }), typed);

    await api('PATCH', `/api/v1/messages/${message.id}`, {
      expectedUpdatedAt: message.updatedAt,
      changes: { issuer: THEIR_ISSUER },
    });
    // The browser asks before leaving unsaved text; after the reload it is back, on top of the
    // colleague's change.
    let asked = false;
    page.once('dialog', (dialog) => {
      asked = dialog.type() === 'beforeunload';
      void dialog.accept();
    });
    await page.reload();
    expect(asked).toBe(true);
    await page
      .getByText('What you had typed and not saved is back.', { exact: false })
      .waitFor(WAIT);
    await press(editor.getByRole('tab', { name: /^Svenska/ }));
    expect(await editor.getByLabel('Headline', { exact: true }).inputValue()).toBe(typed);
    expect(await editor.getByLabel('Issued by').inputValue()).toBe(THEIR_ISSUER);

    await press(editor.getByRole('button', { name: 'Save draft' }));
    await page.getByText('Saved.', { exact: true }).waitFor(WAIT);
    const [stored] = (await api<MessageDetail>('GET', `/api/v1/messages/${message.id}`)).versions;
    expect(stored?.issuer).toBe(THEIR_ISSUER);
    expect(stored?.variants.find((variant) => variant.language === 'sv')?.headline).toBe(typed);
  });
});
