import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CreateMessageRequest, MessageVariant, PublicMessage, Situation } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import {
  createTestUser,
  sendAs,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';
import { capIdentifier } from '../messages/cap-document.ts';

// The official OASIS schema sits beside the repository, not in it.
const xsd = new URL('../../../../../../shared/fixtures/cap/cap-1.2.xsd', import.meta.url);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The server's time, moved by hand. */
let now = new Date('2026-11-22T08:00:00.000Z');

let app: FastifyInstance;
let communicator: SignedIn;
/** A second communicator: the approver of the first one's messages. */
let colleague: SignedIn;

beforeAll(async () => {
  app = await buildTestApp({ clock: () => now });
  communicator = await signIn(app, (await createTestUser(app.database, ['communicator'])).username);
  colleague = await signIn(app, (await createTestUser(app.database, ['communicator'])).username);
});
afterAll(() => app.close());

/** A variant with every text filled, its headline the one given. */
function variant(language: 'sv' | 'en', headline: string): MessageVariant {
  const instruction = language === 'sv' ? 'Undvik området.' : 'Avoid the area.';
  return {
    language,
    headline,
    description: language === 'sv' ? 'En vattenledning har brustit.' : 'A water main has burst.',
    instruction,
    sms: `${headline}. ${instruction}`,
    push: headline,
    social: `${headline}. ${instruction}`,
  };
}

/** A message in the demo city (Swedish required), valid for six hours from now. */
function buildMessage(
  headline: string,
  overrides: Partial<CreateMessageRequest> = {},
): CreateMessageRequest {
  return {
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: now.toISOString(),
    expires: new Date(now.getTime() + 6 * HOUR).toISOString(),
    issuer: 'Stockholms stad',
    link: 'https://stockholm.example/vatten',
    exercise: false,
    variants: [variant('sv', headline), variant('en', `${headline} (en)`)],
    ...overrides,
  };
}

async function done(response: Awaited<ReturnType<typeof sendAs>>, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<PublicMessage>();
}

const step = (who: SignedIn, seen: PublicMessage, action: string, body = {}) =>
  sendAs(app, who, 'POST', `/api/v1/messages/${seen.id}/${action}`, {
    expectedUpdatedAt: seen.updatedAt,
    ...body,
  });

/** Drafted by the communicator, through the real workbench. */
async function drafted(headline: string, overrides: Partial<CreateMessageRequest> = {}) {
  return done(
    await sendAs(app, communicator, 'POST', '/api/v1/messages', buildMessage(headline, overrides)),
    201,
  );
}

/** Drafted, submitted, approved by the colleague and published by the communicator. */
async function published(headline: string, overrides: Partial<CreateMessageRequest> = {}) {
  const inReview = await done(
    await step(communicator, await drafted(headline, overrides), 'submit'),
  );
  const approved = await done(await step(colleague, inReview, 'approve'));
  return done(await step(communicator, approved, 'publish'));
}

/** What anyone gets, signed in or not. */
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

const parser = new XMLParser({
  ignoreAttributes: false,
  processEntities: false,
  isArray: (name) => ['entry', 'link', 'info'].includes(name),
});

interface AtomEntry {
  id: string;
  title: { '#text': string };
  updated: string;
  link: Array<{ '@_rel': string; '@_type': string; '@_href': string }>;
  summary?: { '#text': string };
  '@_xml:lang': string;
}

function atomEntries(xml: string): AtomEntry[] {
  const parsed = parser.parse(xml) as { feed: { entry?: AtomEntry[]; '@_xmlns': string } };
  expect(parsed.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  return parsed.feed.entry ?? [];
}

/** What xmllint says of a document against the official CAP 1.2 schema. */
function schemaCheck(xml: string): { valid: boolean; message: string } {
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', fileURLToPath(xsd), '-'], {
      input: xml,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return { valid: true, message: '' };
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    return { valid: false, message: failed.stderr ?? failed.message };
  }
}

describe('the public page with nothing out', () => {
  it('says so in the city’s language, without signing in, and links the feeds', async () => {
    const response = await get('/public');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('public, max-age=30');
    expect(response.body).toContain('<html lang="sv">');
    expect(response.body).toContain('Just nu finns inga varningar eller råd från staden.');
    expect(response.body).toContain('href="/public/feed.atom?lang=sv"');
    expect(response.body).toContain('href="/public/cap/feed.atom"');
    expect(response.body).toContain('<meta name="viewport"');
    expect(response.body).not.toContain('<script');

    const etag = response.headers.etag as string;
    const again = await get('/public', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});

describe('the valid messages', () => {
  const start = new Date('2026-11-22T08:00:00.000Z');
  let water: PublicMessage;
  let scripted: PublicMessage;
  let withdrawn: PublicMessage;
  let exercise: PublicMessage;

  beforeAll(async () => {
    now = start;
    water = await published('Vattenläcka på Götgatan');
    exercise = await published('Övning: gasläcka', { exercise: true });
    await drafted('Utkast: strömavbrott');
    const shortLived = await published('Kortlivad varning', {
      expires: new Date(now.getTime() + 30 * MINUTE).toISOString(),
    });
    expect(shortLived.status).toBe('published');
    now = new Date(start.getTime() + 10 * MINUTE);
    const toWithdraw = await published('Återkallad varning');
    withdrawn = await done(
      await step(communicator, toWithdraw, 'withdraw', { reason: 'Läckan var en felanmälan' }),
    );
    now = new Date(start.getTime() + 20 * MINUTE);
    // Swedish only: an English reader gets it in Swedish, with a note saying so.
    scripted = await published('<script>alert(1)</script> Stängd bro', {
      variants: [variant('sv', '<script>alert(1)</script> Stängd bro')],
    });
    // The short-lived one has expired; the timer may not have run yet.
    now = new Date(start.getTime() + 45 * MINUTE);
  });

  it('are listed newest first in the asked language, the rest left out, everything escaped', async () => {
    const response = await get('/public?lang=en');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Warnings and advice');
    expect(html.match(/<article /g)).toHaveLength(2);

    const bridge = html.indexOf('Stängd bro');
    const leak = html.indexOf('Vattenläcka på Götgatan (en)');
    expect(bridge).toBeGreaterThan(0);
    expect(leak).toBeGreaterThan(bridge);

    // The English variant where there is one; Swedish with a note where there is not.
    expect(html).toContain(`<article id="message-${water.id}" lang="en"`);
    expect(html).toContain(`<article id="message-${scripted.id}" lang="sv"`);
    expect(html).toContain('This message is not available in English. It is shown in Swedish.');
    expect(html.match(/not available in English/g)).toHaveLength(1);

    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Stängd bro');
    expect(html).not.toContain('<script');

    expect(html).toContain(`<time datetime="${water.effective}">`);
    expect(html).toContain('What to do');
    expect(html).toContain('href="https://stockholm.example/vatten"');

    for (const absent of ['Övning: gasläcka', 'Utkast: strömavbrott', 'Kortlivad', 'Återkallad']) {
      expect(html).not.toContain(absent);
    }
  });

  it('follow the browser’s language unless ?lang= says otherwise', async () => {
    const english = await get('/public', { 'accept-language': 'de-DE, fi;q=0.5, en-GB;q=0.8' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.headers.vary).toMatch(/accept-language/i);

    const czech = await get('/public?lang=cs', { 'accept-language': 'en' });
    expect(czech.body).toContain('<html lang="cs">');
    expect(czech.body).toContain('Co dělat');
    // Neither message has Czech: both are shown in Swedish, each with the note.
    expect(czech.body.match(/Zpráva není k dispozici v jazyce/g)).toHaveLength(2);

    const unknown = await get('/public?lang=xx&utm_source=sms');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('<html lang="sv">');
    expect(unknown.body).toContain('Vattenläcka på Götgatan');
  });

  it('are the entries of the Atom feed, one per message, in the feed’s language', async () => {
    const response = await get('/public/feed.atom?lang=en');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const entries = atomEntries(response.body);
    expect(entries.map(({ id }) => id)).toEqual([
      `urn:uuid:${scripted.id}`,
      `urn:uuid:${water.id}`,
    ]);
    expect(entries[1]?.title['#text']).toBe('Vattenläcka på Götgatan (en)');
    expect(entries[1]?.updated).toBe(water.publishedAt);
    expect(entries[1]?.['@_xml:lang']).toBe('en');
    expect(entries[0]?.['@_xml:lang']).toBe('sv');
    // The parser left entities alone: the headline is escaped text, not markup.
    expect(entries[0]?.title['#text']).toBe('&lt;script&gt;alert(1)&lt;/script&gt; Stängd bro');
  });

  it('are listed in the CAP feed, with the withdrawn one’s Cancel, and their links give CAP documents', async () => {
    const response = await get('/public/cap/feed.atom');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const entries = atomEntries(response.body);
    expect(entries.map(({ id }) => id)).toEqual([
      capIdentifier(scripted.id, 1),
      capIdentifier(withdrawn.id, 1, true),
      capIdentifier(water.id, 1),
    ]);
    const kinds: string[] = [];
    for (const entry of entries) {
      const link = entry.link.find(({ '@_type': type }) => type === 'application/cap+xml');
      expect(link?.['@_rel']).toBe('alternate');
      const cap = await get(new URL(link?.['@_href'] ?? '').pathname);
      expect(cap.statusCode, cap.body).toBe(200);
      expect(cap.headers['content-type']).toMatch(/^application\/cap\+xml/);
      const alert = (parser.parse(cap.body) as { alert: { identifier: string; msgType: string } })
        .alert;
      expect(alert.identifier).toBe(entry.id);
      kinds.push(alert.msgType);
    }
    expect(kinds).toEqual(['Alert', 'Cancel', 'Alert']);
  });

  it('never show an exercise: its CAP document is not public', async () => {
    const cap = await get(`/public/cap/${exercise.id}/1`);
    expect(cap.statusCode).toBe(404);
    expect(cap.json<{ message: string }>().message).toMatch(/no public message/);
    const feed = await get('/public/cap/feed.atom');
    expect(feed.body).not.toContain(exercise.id);
    expect((await get(`/public/cap/${water.id}/2`)).statusCode).toBe(404);
  });

  it('are in the staff’s situation picture, the exercise marked, the withdrawn one not', async () => {
    const response = await app.inject({ url: '/api/v1/situation', headers: communicator.headers });
    expect(response.statusCode).toBe(200);
    const { messages } = response.json<Situation>();
    const byId = new Map(messages.map((message) => [message.id, message]));
    expect(byId.get(water.id)?.status).toBe('published');
    expect(byId.get(exercise.id)?.exercise).toBe(true);
    expect(byId.has(withdrawn.id)).toBe(false);
    expect((await app.inject({ url: '/api/v1/situation' })).statusCode).toBe(401);
  });

  it('leave the page once they expire', async () => {
    now = new Date(start.getTime() + 7 * HOUR);
    const html = (await get('/public')).body;
    expect(html).toContain('Just nu finns inga varningar eller råd från staden.');
    expect(atomEntries((await get('/public/feed.atom')).body)).toEqual([]);
  });
});

describe.skipIf(!existsSync(xsd))('the public CAP documents', () => {
  it('validate against the CAP 1.2 schema: an alert, its update, and the withdrawal', async () => {
    now = new Date('2026-11-23T08:00:00.000Z');
    const first = await published('Översvämning vid kajen');
    const update = await done(await step(communicator, first, 'versions'), 201);
    const inReview = await done(await step(communicator, update, 'submit'));
    const approved = await done(await step(colleague, inReview, 'approve'));
    const second = await done(await step(communicator, approved, 'publish'));
    const updateCap = await get(`/public/cap/${first.id}/2`);
    expect(updateCap.body).toContain('<msgType>Update</msgType>');
    const updateCheck = schemaCheck(updateCap.body);
    expect(updateCheck.valid, updateCheck.message).toBe(true);
    const out = await done(
      await step(communicator, second, 'withdraw', { reason: 'Vattnet har sjunkit' }),
    );
    expect(out.status).toBe('withdrawn');
    for (const [version, msgType] of [
      [1, 'Alert'],
      [2, 'Cancel'],
    ] as const) {
      const cap = await get(`/public/cap/${first.id}/${version}`);
      expect(cap.statusCode, cap.body).toBe(200);
      expect(cap.body).toContain(`<msgType>${msgType}</msgType>`);
      const check = schemaCheck(cap.body);
      expect(check.valid, check.message).toBe(true);
    }
  });
});
