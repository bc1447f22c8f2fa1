import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type {
  CreateMessageRequest,
  JournalEntry,
  MessageDetail,
  MessageDraft,
  MessageList,
  MessageVariant,
  PublicMessage,
  ReportReceipt,
} from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import {
  createTestUser,
  sendAs,
  signIn,
  signInEveryRole,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import { entrySummarizer } from '../journal/export.ts';
import { capIdentifier } from './cap-document.ts';

// The official OASIS schema sits beside the repository, not in it.
const xsd = new URL('../../../../../../shared/fixtures/cap/cap-1.2.xsd', import.meta.url);

const HOUR = 3_600_000;

/** The server's time, moved by hand. */
let now = new Date('2026-11-22T08:00:00.000Z');

let app: FastifyInstance;
let admin: SignedIn;
let dutyOfficer: SignedIn;
let communicator: SignedIn;
let leadership: SignedIn;
let partner: Record<string, string>;
/** A second communicator: the approver of the first one's messages. */
let colleague: SignedIn;

beforeAll(async () => {
  app = await buildTestApp({ clock: () => now });
  ({ admin, dutyOfficer, communicator, leadership, partner } = await signInEveryRole(app));
  colleague = await signIn(app, (await createTestUser(app.database, ['communicator'])).username);
});
afterAll(() => app.close());

/** A variant with every text filled and within its channel's limits. */
function variant(language: 'sv' | 'en', overrides: Partial<MessageVariant> = {}): MessageVariant {
  const words =
    language === 'sv'
      ? {
          headline: 'Vattenläcka på Götgatan',
          description: 'En vattenledning har brustit vid Götgatan 78.',
          instruction: 'Undvik området och koka dricksvattnet.',
        }
      : {
          headline: 'Water main burst on Götgatan',
          description: 'A water main has burst at Götgatan 78.',
          instruction: 'Avoid the area and boil drinking water.',
        };
  return {
    language,
    ...words,
    sms: `${words.headline}. ${words.instruction}`,
    push: words.headline,
    social: `${words.headline}. ${words.instruction}`,
    ...overrides,
  };
}

/** A message ready for review in the demo city (Swedish required, English expected). */
function buildMessage(overrides: Partial<CreateMessageRequest> = {}): CreateMessageRequest {
  return {
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: now.toISOString(),
    expires: new Date(now.getTime() + 6 * HOUR).toISOString(),
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [variant('sv'), variant('en')],
    ...overrides,
  };
}

const read = (url: string, who: SignedIn = communicator) =>
  app.inject({ url, headers: who.headers });

async function create(
  overrides: Partial<CreateMessageRequest> = {},
  who: SignedIn = communicator,
): Promise<PublicMessage> {
  const response = await sendAs(app, who, 'POST', '/api/v1/messages', buildMessage(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** A step on the version the caller last saw. */
const step = (
  who: SignedIn,
  seen: Pick<PublicMessage, 'id' | 'updatedAt'>,
  action: 'submit' | 'return' | 'approve' | 'publish' | 'withdraw' | 'versions',
  body: Record<string, unknown> = {},
) =>
  sendAs(app, who, 'POST', `/api/v1/messages/${seen.id}/${action}`, {
    expectedUpdatedAt: seen.updatedAt,
    ...body,
  });

const edit = (
  who: SignedIn,
  seen: Pick<PublicMessage, 'id' | 'updatedAt'>,
  changes: Record<string, unknown>,
) =>
  sendAs(app, who, 'PATCH', `/api/v1/messages/${seen.id}`, {
    changes,
    expectedUpdatedAt: seen.updatedAt,
  });

/** Takes a step that must succeed, and returns the version as it now is. */
async function done(
  response: Awaited<ReturnType<typeof step>>,
  status = 200,
): Promise<PublicMessage> {
  expect(response.statusCode, response.body).toBe(status);
  return response.json();
}

/** A message drafted by the communicator and approved by their colleague. */
async function approved(overrides: Partial<CreateMessageRequest> = {}): Promise<PublicMessage> {
  const draft = await create(overrides);
  const inReview = await done(await step(communicator, draft, 'submit'));
  return done(await step(colleague, inReview, 'approve'));
}

async function published(overrides: Partial<CreateMessageRequest> = {}): Promise<PublicMessage> {
  return done(await step(communicator, await approved(overrides), 'publish'));
}

/** What is stored: every message version as it is, and the journal's length. */
async function stored(): Promise<{ messages: string; journal: number }> {
  const { rows } = await app.database.pool.query<{ messages: string; journal: number }>(
    `select (select coalesce(string_agg(row_to_json(m)::text, '|' order by id, version), '')
               from public_messages m) as messages,
            (select count(*)::int from journal) as journal`,
  );
  return rows[0]!;
}

/** Expects the refusal, and that nothing stored changed. */
async function refused(
  attempt: () => Promise<Awaited<ReturnType<typeof step>>>,
  status: number,
  message: string | RegExp,
): Promise<void> {
  const before = await stored();
  const response = await attempt();
  expect(response.statusCode, response.body).toBe(status);
  expect(response.json<{ message: string }>().message).toMatch(message);
  expect(await stored()).toEqual(before);
}

/** The journal entries about one message, oldest first. */
async function journalOf(messageId: string) {
  const { rows } = await app.database.pool.query<{
    kind: string;
    actor: string;
    incident_id: string | null;
    data: { message: PublicMessage } & Record<string, unknown>;
  }>(
    `select kind, actor, incident_id, data from journal
      where data -> 'message' ->> 'id' = $1 order by seq`,
    [messageId],
  );
  return rows;
}

async function cap(messageId: string, version: number, who: SignedIn = leadership) {
  return read(`/api/v1/messages/${messageId}/versions/${version}/cap`, who);
}

interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  note?: string;
  references?: string;
  incidents?: string;
  info: Array<{ language: string; headline: string; area: { areaDesc: string } }>;
}

function capAlert(xml: string): CapAlert {
  const parser = new XMLParser({ isArray: (name) => name === 'info' });
  return (parser.parse(xml) as { alert: CapAlert }).alert;
}

/** What xmllint says of a document against the official CAP 1.2 schema. */
function schemaCheck(xml: string): { valid: boolean; message: string } {
  if (!existsSync(xsd)) return { valid: true, message: 'no schema beside the checkout' };
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

function username(who: SignedIn): string {
  return who.session.user.username;
}

describe('a message from draft to withdrawal', () => {
  it('is drafted, reviewed, approved by a second person, published, updated and withdrawn, with a journal entry for each step and CAP documents that reference each other', async () => {
    now = new Date('2026-11-22T08:00:00.000Z');
    const draft = await create();
    expect(draft).toMatchObject({
      version: 1,
      status: 'draft',
      author: username(communicator),
      effective: '2026-11-22T08:00:00.000Z',
      expires: '2026-11-22T14:00:00.000Z',
    });
    expect(draft.incidentId).toBeUndefined();

    const changed = await done(
      await edit(communicator, draft, {
        variants: [variant('sv', { headline: 'Vattenläcka vid Götgatan 78' }), variant('en')],
        link: 'https://stockholm.example/vatten',
      }),
    );
    expect(changed.variants[0]?.headline).toBe('Vattenläcka vid Götgatan 78');
    expect(changed.link).toBe('https://stockholm.example/vatten');

    now = new Date('2026-11-22T08:05:00.000Z');
    const inReview = await done(await step(communicator, changed, 'submit'));
    expect(inReview).toMatchObject({ status: 'in_review', submittedAt: now.toISOString() });

    const approval = await done(await step(colleague, inReview, 'approve'));
    expect(approval).toMatchObject({ status: 'approved', approvedBy: username(colleague) });

    now = new Date('2026-11-22T08:10:00.000Z');
    const first = await done(await step(communicator, approval, 'publish'));
    expect(first).toMatchObject({
      status: 'published',
      publishedBy: username(communicator),
      publishedAt: '2026-11-22T08:10:00.000Z',
    });

    const detail = await read(`/api/v1/messages/${draft.id}`, leadership);
    expect(detail.statusCode).toBe(200);
    expect(detail.json<MessageDetail>()).toEqual({ versions: [first], problems: [] });

    const firstCap = await cap(draft.id, 1);
    expect(firstCap.statusCode, firstCap.body).toBe(200);
    expect(firstCap.headers['content-type']).toBe('application/cap+xml; charset=utf-8');
    const alert = capAlert(firstCap.body);
    expect(alert).toMatchObject({
      identifier: capIdentifier(draft.id, 1),
      // The host of the address the public reaches Vaka at (the test configuration's).
      sender: 'localhost',
      sent: '2026-11-22T08:10:00+00:00',
      status: 'Actual',
      msgType: 'Alert',
    });
    expect(alert.info.map((info) => [info.language, info.headline])).toEqual([
      ['sv', 'Vattenläcka vid Götgatan 78'],
      ['en', 'Water main burst on Götgatan'],
    ]);
    expect(schemaCheck(firstCap.body)).toEqual({ valid: true, message: expect.any(String) });

    // The update, written by the duty officer this time and approved by the communicator.
    now = new Date('2026-11-22T09:00:00.000Z');
    const update = await done(await step(dutyOfficer, first, 'versions'), 201);
    expect(update).toMatchObject({
      id: draft.id,
      version: 2,
      status: 'draft',
      author: username(dutyOfficer),
      variants: first.variants,
      link: first.link,
    });
    expect(update.publishedAt).toBeUndefined();
    const updated = await done(
      await edit(dutyOfficer, update, {
        variants: [
          variant('sv', { headline: 'Vattenläckan lagad' }),
          variant('en', { headline: 'Water main repaired' }),
        ],
        link: null,
      }),
    );
    expect(updated.link).toBeUndefined();
    const updateInReview = await done(await step(dutyOfficer, updated, 'submit'));
    const updateApproved = await done(await step(communicator, updateInReview, 'approve'));
    // The first version stays out while its update is prepared.
    expect((await read(`/api/v1/messages/${draft.id}`)).json<MessageDetail>().versions[1]).toEqual(
      first,
    );
    now = new Date('2026-11-22T09:10:00.000Z');
    const second = await done(await step(dutyOfficer, updateApproved, 'publish'));
    expect(second).toMatchObject({ version: 2, status: 'published' });
    const versions = (await read(`/api/v1/messages/${draft.id}`)).json<MessageDetail>().versions;
    expect(versions.map((version) => [version.version, version.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);

    const updateAlert = capAlert((await cap(draft.id, 2)).body);
    expect(updateAlert).toMatchObject({
      identifier: capIdentifier(draft.id, 2),
      msgType: 'Update',
      references: `localhost,${capIdentifier(draft.id, 1)},2026-11-22T08:10:00+00:00`,
    });
    // The superseded version's document is still the alert it was.
    expect(capAlert((await cap(draft.id, 1)).body).msgType).toBe('Alert');

    now = new Date('2026-11-22T10:00:00.000Z');
    const withdrawn = await done(
      await step(communicator, second, 'withdraw', { reason: ' The leak is repaired. ' }),
    );
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      withdrawnBy: username(communicator),
      withdrawnAt: '2026-11-22T10:00:00.000Z',
      withdrawReason: 'The leak is repaired.',
    });
    const cancelXml = (await cap(draft.id, 2)).body;
    const cancel = capAlert(cancelXml);
    expect(cancel).toMatchObject({
      identifier: capIdentifier(draft.id, 2, true),
      msgType: 'Cancel',
      sent: '2026-11-22T10:00:00+00:00',
      note: 'The leak is repaired.',
      references: [
        `localhost,${capIdentifier(draft.id, 1)},2026-11-22T08:10:00+00:00`,
        `localhost,${capIdentifier(draft.id, 2)},2026-11-22T09:10:00+00:00`,
      ].join(' '),
    });
    expect(schemaCheck(cancelXml)).toEqual({ valid: true, message: expect.any(String) });

    const journal = await journalOf(draft.id);
    expect(journal.map((entry) => [entry.kind, entry.actor, entry.data.message.version])).toEqual([
      ['message.drafted', username(communicator), 1],
      ['message.changed', username(communicator), 1],
      ['message.submitted', username(communicator), 1],
      ['message.approved', username(colleague), 1],
      ['message.published', username(communicator), 1],
      ['message.drafted', username(dutyOfficer), 2],
      ['message.changed', username(dutyOfficer), 2],
      ['message.submitted', username(dutyOfficer), 2],
      ['message.approved', username(communicator), 2],
      ['message.published', username(dutyOfficer), 2],
      ['message.withdrawn', username(communicator), 2],
    ]);
    // Each entry carries the version's whole state, as the API answered it.
    expect(journal[4]?.data.message).toEqual(first);
    expect(journal[10]?.data).toEqual({ message: withdrawn, reason: 'The leak is repaired.' });
    expect(journal[1]?.data.previous).toEqual({
      variants: draft.variants,
      link: null,
    });
    expect(journal[9]?.data.superseded).toEqual(versions[1]);
    expect(journal.every((entry) => entry.incident_id === null)).toBe(true);

    const summarize = entrySummarizer();
    const lines = journal.map((entry) => summarize(entry as unknown as JournalEntry));
    expect(lines[9]).toBe('Message published: Vattenläckan lagad (version 2), replacing version 1');
    expect(lines[10]).toBe(
      'Message withdrawn: Vattenläckan lagad (version 2): The leak is repaired.',
    );

    const list = await read('/api/v1/messages?status=withdrawn', leadership);
    expect(list.json<MessageList>().messages.find((message) => message.id === draft.id)).toEqual(
      withdrawn,
    );
    const drafts = await read('/api/v1/messages?status=draft,in_review', leadership);
    expect(drafts.json<MessageList>().messages.some((message) => message.id === draft.id)).toBe(
      false,
    );
  });

  it('lists the latest version of each message, the most recently changed first', async () => {
    now = new Date('2026-11-22T10:30:00.000Z');
    const older = await create();
    now = new Date('2026-11-22T10:31:00.000Z');
    const newer = await published();
    const list = (await read('/api/v1/messages?limit=2', dutyOfficer)).json<MessageList>();
    expect(list.messages.map((message) => [message.id, message.status])).toEqual([
      [newer.id, 'published'],
      [older.id, 'draft'],
    ]);
    expect(list.truncated).toBe(true);
  });

  it('goes out as an exercise: CAP status Exercise', async () => {
    const drill = await published({ exercise: true });
    const alert = capAlert((await cap(drill.id, 1)).body);
    expect(alert.status).toBe('Exercise');
  });

  it('keeps the area drawn on the map, as changed in the draft, and sends it as a closed CAP polygon', async () => {
    const drawn: [number, number][] = [
      [59.3405, 17.93],
      [59.3405, 17.95],
      [59.33, 17.95],
      [59.3405, 17.93],
    ];
    const draft = await create({ area: { description: '', districtIds: [], polygon: drawn } });
    expect(draft.area.polygon).toEqual(drawn);
    const redrawn: [number, number][] = [...drawn.slice(0, 3), [59.33, 17.93], [59.3405, 17.93]];
    const changed = await done(
      await edit(communicator, draft, {
        area: { description: 'Bromma', districtIds: [], polygon: redrawn },
      }),
    );
    expect(changed.area.polygon).toEqual(redrawn);
    const inReview = await done(await step(communicator, changed, 'submit'));
    const out = await done(
      await step(communicator, await done(await step(colleague, inReview, 'approve')), 'publish'),
    );
    const xml = (await cap(out.id, 1)).body;
    expect(schemaCheck(xml)).toEqual({ valid: true, message: expect.any(String) });
    const polygons = [...xml.matchAll(/<polygon>([^<]*)<\/polygon>/g)].map((match) => match[1]);
    // One area in each language's <info>, the corners in order, the first again at the end.
    expect(polygons).toEqual([
      '59.3405,17.93 59.3405,17.95 59.33,17.95 59.33,17.93 59.3405,17.93',
      '59.3405,17.93 59.3405,17.95 59.33,17.95 59.33,17.93 59.3405,17.93',
    ]);
  });

  it('goes back to draft from review and from approval, with what must change, and is drafted again', async () => {
    const inReview = await done(await step(communicator, await create(), 'submit'));
    const returned = await done(
      await step(colleague, inReview, 'return', { reason: 'Say which stretch of the street' }),
    );
    expect(returned.status).toBe('draft');
    expect(returned.submittedAt).toBeUndefined();
    // The author reads what must change on the message itself.
    const [seen] = (await read(`/api/v1/messages/${inReview.id}`)).json<MessageDetail>().versions;
    expect(seen).toMatchObject({
      returnedBy: username(colleague),
      returnedAt: returned.updatedAt,
      returnReason: 'Say which stretch of the street',
    });
    const resubmitted = await done(await step(communicator, returned, 'submit'));
    expect(resubmitted).not.toHaveProperty('returnReason');
    expect(resubmitted).not.toHaveProperty('returnedBy');
    const approval = await done(await step(colleague, resubmitted, 'approve'));
    const again = await done(
      await step(communicator, approval, 'return', { reason: 'The leak grew' }),
    );
    expect(again).toMatchObject({ status: 'draft' });
    expect(again.approvedBy).toBeUndefined();
    const journal = await journalOf(inReview.id);
    expect(
      journal.filter((entry) => entry.kind === 'message.returned').map((e) => e.data.reason),
    ).toEqual(['Say which stretch of the street', 'The leak grew']);
  });

  it('withdraws an update still being prepared together with the published version', async () => {
    const first = await published();
    const pending = await done(await step(communicator, first, 'versions'), 201);
    const withdrawn = await done(
      await step(communicator, first, 'withdraw', { reason: 'Sent by mistake' }),
    );
    expect(withdrawn).toMatchObject({ version: 1, status: 'withdrawn' });
    const detail = (await read(`/api/v1/messages/${first.id}`)).json<MessageDetail>();
    expect(detail.versions.map((version) => [version.version, version.status])).toEqual([
      [2, 'withdrawn'],
      [1, 'withdrawn'],
    ]);
    const [entry] = (await journalOf(first.id)).filter((e) => e.kind === 'message.withdrawn');
    expect(entry?.data.discarded).toEqual(detail.versions[0]);
    expect(pending.version).toBe(2);
    // The discarded version never went out, so it has no CAP document; the withdrawn one a Cancel.
    expect((await cap(first.id, 2)).statusCode).toBe(409);
    expect(capAlert((await cap(first.id, 1)).body).msgType).toBe('Cancel');
  });
});

describe('refusals, each storing nothing', () => {
  it('refuses the author approving their own message (403), saying a second person must', async () => {
    const inReview = await done(await step(communicator, await create(), 'submit'));
    await refused(() => step(communicator, inReview, 'approve'), 403, /someone else must approve/);
  });

  it('refuses a colleague who changed the draft approving it (403): they wrote it too', async () => {
    const draft = await create();
    const changed = await done(
      await edit(colleague, draft, { issuer: 'Stockholms stad, krisledningen' }),
    );
    const inReview = await done(await step(communicator, changed, 'submit'));
    await refused(
      () => step(colleague, inReview, 'approve'),
      403,
      /You changed version 1 of this message while it was a draft, so someone else must approve it/,
    );
    // A third person, who did not write it, may.
    const third = await signIn(
      app,
      (await createTestUser(app.database, ['communicator'])).username,
    );
    expect((await step(third, inReview, 'approve')).statusCode).toBe(200);
  });

  it('refuses to submit without a required language, naming it', async () => {
    const draft = await create({ variants: [variant('en')] });
    await refused(() => step(communicator, draft, 'submit'), 409, /Swedish version is missing/);
    // The expected language only gets pointed out.
    const detail = (await read(`/api/v1/messages/${draft.id}`)).json<MessageDetail>();
    expect(detail.problems).toEqual([{ kind: 'language_missing', language: 'sv', blocking: true }]);
  });

  it('refuses to submit an SMS of four segments, and lists every blocking problem', async () => {
    const draft = await create({
      variants: [variant('sv', { sms: 'a'.repeat(470), push: ' ' }), variant('en')],
    });
    await refused(
      () => step(communicator, draft, 'submit'),
      409,
      /Swedish push notification is empty; the Swedish SMS takes 4 segments, at most 3 are allowed/,
    );
  });

  it('points out a missing expected language without blocking the review', async () => {
    const draft = await create({ variants: [variant('sv')] });
    const detail = (await read(`/api/v1/messages/${draft.id}`)).json<MessageDetail>();
    expect(detail.problems).toEqual([
      { kind: 'language_missing', language: 'en', blocking: false },
    ]);
    expect((await step(communicator, draft, 'submit')).statusCode).toBe(200);
  });

  it('refuses a step on a stale view', async () => {
    const draft = await create();
    const changed = await done(await edit(communicator, draft, { severity: 'Severe' }));
    await refused(() => edit(colleague, draft, { severity: 'Minor' }), 409, /Someone changed/);
    await refused(() => step(communicator, draft, 'submit'), 409, /after you loaded it/);
    expect(changed.severity).toBe('Severe');
  });

  it('refuses what the status does not allow, naming what can be done', async () => {
    const draft = await create();
    await refused(
      () => step(colleague, draft, 'approve'),
      409,
      'Version 1 of this message is draft and cannot be approved; what can be done now: change it, submit it for review',
    );
    await refused(() => step(communicator, draft, 'publish'), 409, /cannot be published/);
    await refused(
      () => step(communicator, draft, 'withdraw', { reason: 'Not needed' }),
      409,
      /No version of this message is out to withdraw/,
    );
    await refused(() => step(communicator, draft, 'versions'), 409, /only a published message/);
    const inReview = await done(await step(communicator, draft, 'submit'));
    await refused(
      () => edit(communicator, inReview, { severity: 'Minor' }),
      409,
      /is in_review and cannot be changed; what can be done now: return it to draft, approve it/,
    );
    await refused(() => step(communicator, inReview, 'publish'), 409, /cannot be published/);
    const out = await published();
    await refused(() => edit(communicator, out, { severity: 'Minor' }), 409, /draft a new version/);
    const update = await done(await step(communicator, out, 'versions'), 201);
    await refused(() => step(communicator, out, 'versions'), 409, /already the update/);
    expect(update.version).toBe(2);
    const gone = await done(await step(communicator, out, 'withdraw', { reason: 'Over' }));
    await refused(
      () => step(communicator, gone, 'withdraw', { reason: 'Again' }),
      409,
      /No version of this message is out/,
    );
  });

  it('refuses a withdrawal or a return without a reason (400)', async () => {
    const out = await published();
    await refused(() => step(communicator, out, 'withdraw', { reason: '   ' }), 400, /say why/);
    await refused(() => step(communicator, out, 'withdraw', { reason: '' }), 400, /reason/);
    await refused(() => step(communicator, out, 'withdraw'), 400, /reason/);
    const inReview = await done(await step(communicator, await create(), 'submit'));
    await refused(() => step(colleague, inReview, 'return', { reason: ' ' }), 400, /what must/);
  });

  it('refuses unknown messages and versions (404) and a version never published (409)', async () => {
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    const seen = { id: unknown, updatedAt: now.toISOString() };
    expect((await read(`/api/v1/messages/${unknown}`)).statusCode).toBe(404);
    await refused(() => step(communicator, seen, 'submit'), 404, `There is no message ${unknown}`);
    await refused(() => edit(communicator, seen, { severity: 'Minor' }), 404, /no message/);
    expect((await cap(unknown, 1)).statusCode).toBe(404);
    const draft = await create();
    const noVersion = await cap(draft.id, 2);
    expect(noVersion.statusCode).toBe(404);
    expect(noVersion.json<{ message: string }>().message).toMatch(/no version 2/);
    const never = await cap(draft.id, 1);
    expect(never.statusCode).toBe(409);
    expect(never.json<{ message: string }>().message).toMatch(/never published/);
    expect((await read('/api/v1/messages/not-a-uuid')).statusCode).toBe(400);
  });

  it('refuses bad input with a sentence (400)', async () => {
    const post = (body: unknown) => sendAs(app, communicator, 'POST', '/api/v1/messages', body);
    await refused(
      () => post(buildMessage({ area: { description: 'X', districtIds: ['atlantis'] } })),
      400,
      /there is no district atlantis/,
    );
    await refused(
      () =>
        post(
          buildMessage({
            area: {
              description: 'Drawn',
              districtIds: [],
              polygon: [
                [59.3, 18.0],
                [59.3, 18.1],
                [59.31, 18.1],
                [59.31, 18.0],
              ],
            },
          }),
        ),
      400,
      /must end at the point it starts from/,
    );
    const drawn = (polygon: Array<[number, number]>) =>
      post(buildMessage({ area: { description: 'Drawn', districtIds: [], polygon } }));
    // A bow tie: its second and fourth sides cross.
    await refused(
      () =>
        drawn([
          [59.3, 18.0],
          [59.31, 18.1],
          [59.31, 18.0],
          [59.3, 18.1],
          [59.3, 18.0],
        ]),
      400,
      /area.polygon: the side from corner 1 and the side from corner 3 cross or touch/,
    );
    await refused(
      () =>
        drawn([
          [59.3, 18.0],
          [59.31, 18.1],
          [59.32, 18.2],
          [59.3, 18.0],
        ]),
      400,
      /area.polygon: its corners lie on one line/,
    );
    await refused(
      () => post(buildMessage({ incidentId: '00000000-0000-4000-8000-00000000abcd' })),
      400,
      /incidentId: there is no incident/,
    );
    await refused(() => post({ ...buildMessage(), urgency: 'Soon' }), 400, /urgency/);
    await refused(() => post({ ...buildMessage(), colour: 'red' }), 400, /colour/);
    const draft = await create();
    await refused(() => edit(communicator, draft, { severity: draft.severity }), 400, /Nothing/);
    await refused(() => edit(communicator, draft, {}), 400, /changes/);
    const approval = await approved();
    await refused(
      () =>
        step(communicator, approval, 'publish', {
          publishAt: new Date(Date.parse(approval.expires) + HOUR).toISOString(),
        }),
      400,
      /is not before the message expires/,
    );
    await refused(() => read('/api/v1/messages?limit=900'), 400, /limit/);
    await refused(() => read('/api/v1/messages?status=lost'), 400, /status/);
  });

  it('refuses to publish a version whose time of validity has passed', async () => {
    const approval = await approved();
    const before = now;
    now = new Date(Date.parse(approval.expires) + 1);
    try {
      await refused(() => step(communicator, approval, 'publish'), 409, /expired at/);
    } finally {
      now = before;
    }
  });
});

describe('who may do what', () => {
  it('lets communicators and duty officers write, communicators and leadership approve, and everyone who sees the situation read', async () => {
    const byDutyOfficer = await create({}, dutyOfficer);
    expect(byDutyOfficer.author).toBe(username(dutyOfficer));
    const inReview = await done(await step(dutyOfficer, byDutyOfficer, 'submit'));
    // The duty officer cannot approve, not even someone else's message.
    const other = await done(await step(communicator, await create(), 'submit'));
    expect((await step(dutyOfficer, other, 'approve')).statusCode).toBe(403);
    const approval = await done(await step(leadership, inReview, 'approve'));
    expect(approval.approvedBy).toBe(username(leadership));
    // Leadership approves but does not write or publish.
    expect((await step(leadership, approval, 'publish')).statusCode).toBe(403);
    expect(
      (await sendAs(app, leadership, 'POST', '/api/v1/messages', buildMessage())).statusCode,
    ).toBe(403);
    for (const who of [dutyOfficer, communicator, leadership]) {
      expect((await read('/api/v1/messages', who)).statusCode).toBe(200);
      expect((await read(`/api/v1/messages/${approval.id}`, who)).statusCode).toBe(200);
    }
  });

  it('refuses the admin (403), a partner key (403) and anyone not signed in (401)', async () => {
    const draft = await create();
    expect((await read('/api/v1/messages', admin)).statusCode).toBe(403);
    expect((await read(`/api/v1/messages/${draft.id}`, admin)).statusCode).toBe(403);
    expect((await sendAs(app, admin, 'POST', '/api/v1/messages', buildMessage())).statusCode).toBe(
      403,
    );
    expect((await step(admin, draft, 'submit')).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/messages', headers: partner })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/messages' })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: `/api/v1/messages/${draft.id}/versions/1/cap` })).statusCode,
    ).toBe(401);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/messages',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(buildMessage()),
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('a message drafted from an incident', () => {
  it('carries its category, district and the notes released to the public, as corrected, in every owed language', async () => {
    const report = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...partner, 'content-type': 'application/json' },
      payload: JSON.stringify(buildReport({ category: 'utility_water', severity: 'serious' })),
    });
    expect(report.statusCode, report.body).toBe(201);
    const { incidentId } = report.json<ReportReceipt>();
    const note = async (text: string, flags: { public?: boolean } = {}) => {
      const response = await sendAs(
        app,
        dutyOfficer,
        'POST',
        `/api/v1/incidents/${incidentId}/notes`,
        {
          text,
          ...flags,
        },
      );
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ seq: number }>();
    };
    await note('Vattnet är avstängt på Götgatan 70–90.', { public: true });
    await note('The caller lives on the third floor.');
    const later = await note('Tankbil vid Medborgarplatsen.');
    const flagged = await sendAs(app, dutyOfficer, 'POST', `/api/v1/journal/${later.seq}/flags`, {
      public: true,
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    const wrong = await note('Reparationen tar två timmar.', { public: true });
    const corrected = await sendAs(
      app,
      dutyOfficer,
      'POST',
      `/api/v1/journal/${wrong.seq}/corrections`,
      { text: 'Reparationen tar fyra timmar.' },
    );
    expect(corrected.statusCode, corrected.body).toBe(201);

    now = new Date('2026-11-22T11:00:00.000Z');
    const response = await read(`/api/v1/incidents/${incidentId}/message-draft`);
    expect(response.statusCode, response.body).toBe(200);
    const draft = response.json<MessageDraft>();
    expect(draft).toMatchObject({
      incidentId,
      category: 'utility_water',
      urgency: 'Immediate',
      severity: 'Severe',
      area: { description: 'Södermalm', districtIds: ['sodermalm'] },
      effective: '2026-11-22T11:00:00.000Z',
      expires: '2026-11-22T17:00:00.000Z',
      issuer: 'Stockholm (demo)',
      exercise: false,
    });
    expect(draft.variants.map((v) => v.language)).toEqual(['sv', 'en']);
    expect(draft.variants[0]?.description).toBe(
      [
        'Vattnet är avstängt på Götgatan 70–90.',
        'Tankbil vid Medborgarplatsen.',
        'Reparationen tar fyra timmar.',
      ].join('\n\n'),
    );
    expect(draft.variants[0]?.headline).toBe('Vattenavbrott: Södermalm');

    // Nothing is stored until it is posted.
    const posted = await sendAs(app, communicator, 'POST', '/api/v1/messages', draft);
    expect(posted.statusCode, posted.body).toBe(201);
    const message = posted.json<PublicMessage>();
    expect(message.incidentId).toBe(incidentId);
    const journal = await journalOf(message.id);
    expect(journal.map((entry) => [entry.kind, entry.incident_id])).toEqual([
      ['message.drafted', incidentId],
    ]);
    // The entry is part of the incident's journal, as its timeline shows it.
    const incidentJournal = await read(`/api/v1/incidents/${incidentId}/journal`, dutyOfficer);
    const kinds = incidentJournal
      .json<{ entries: JournalEntry[] }>()
      .entries.map((entry) => entry.kind);
    expect(kinds.at(-1)).toBe('message.drafted');
  });

  it('is refused for an unknown incident (404) and to those who do not write messages (403)', async () => {
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    expect((await read(`/api/v1/incidents/${unknown}/message-draft`)).statusCode).toBe(404);
    expect((await read(`/api/v1/incidents/${unknown}/message-draft`, leadership)).statusCode).toBe(
      403,
    );
  });
});

describe('scheduled publication and expiry', () => {
  it('publishes an approved version when its time comes, by whoever scheduled it, and expires it when its validity ends', async () => {
    now = new Date('2026-11-23T06:00:00.000Z');
    const approval = await approved({
      effective: '2026-11-23T07:00:00.000Z',
      expires: '2026-11-23T19:00:00.000Z',
    });
    const scheduled = await done(
      await step(communicator, approval, 'publish', { publishAt: '2026-11-23T07:00:00Z' }),
    );
    expect(scheduled).toMatchObject({ status: 'approved', publishAt: '2026-11-23T07:00:00.000Z' });

    now = new Date('2026-11-23T06:59:59.000Z');
    await app.messageTimer.tick();
    expect(
      (await read(`/api/v1/messages/${approval.id}`)).json<MessageDetail>().versions[0]?.status,
    ).toBe('approved');

    now = new Date('2026-11-23T07:00:30.000Z');
    expect((await app.messageTimer.tick()).published).toBe(1);
    // Once only, whatever runs next.
    expect((await app.messageTimer.tick()).published).toBe(0);
    const [out] = (await read(`/api/v1/messages/${approval.id}`)).json<MessageDetail>().versions;
    expect(out).toMatchObject({
      status: 'published',
      publishedBy: username(communicator),
      publishedAt: '2026-11-23T07:00:30.000Z',
      publishAt: '2026-11-23T07:00:00.000Z',
    });

    now = new Date('2026-11-23T19:00:00.000Z');
    expect((await app.messageTimer.tick()).expired).toBeGreaterThanOrEqual(1);
    const [expired] = (await read(`/api/v1/messages/${approval.id}`)).json<MessageDetail>()
      .versions;
    expect(expired?.status).toBe('expired');

    const journal = await journalOf(approval.id);
    expect(journal.slice(-3).map((entry) => [entry.kind, entry.actor])).toEqual([
      ['message.scheduled', username(communicator)],
      ['message.published', 'system'],
      ['message.expired', 'system'],
    ]);
    // An expired message is over: it cannot be withdrawn or updated.
    await refused(
      () => step(communicator, expired!, 'withdraw', { reason: 'Over' }),
      409,
      /No version of this message is out/,
    );
  });

  it('drops the schedule when the version goes back to draft', async () => {
    now = new Date('2026-11-24T06:00:00.000Z');
    const approval = await approved({ expires: '2026-11-24T20:00:00.000Z' });
    const scheduled = await done(
      await step(communicator, approval, 'publish', { publishAt: '2026-11-24T08:00:00.000Z' }),
    );
    const returned = await done(
      await step(colleague, scheduled, 'return', { reason: 'Wait for the press conference' }),
    );
    expect(returned.publishAt).toBeUndefined();
    now = new Date('2026-11-24T09:00:00.000Z');
    await app.messageTimer.tick();
    const [latest] = (await read(`/api/v1/messages/${approval.id}`)).json<MessageDetail>().versions;
    expect(latest?.status).toBe('draft');
  });

  it('returns a scheduled version to draft, saying why, when its validity ended before it could go out', async () => {
    now = new Date('2026-11-25T06:00:00.000Z');
    const approval = await approved({ expires: '2026-11-25T08:00:00.000Z' });
    await done(
      await step(communicator, approval, 'publish', { publishAt: '2026-11-25T07:00:00.000Z' }),
    );
    // The server was down from before seven until after eight.
    now = new Date('2026-11-25T08:30:00.000Z');
    expect(await app.messageTimer.tick()).toEqual({ published: 0, returned: 1, expired: 0 });
    const [latest] = (await read(`/api/v1/messages/${approval.id}`)).json<MessageDetail>().versions;
    expect(latest).toMatchObject({ status: 'draft', returnedBy: 'system' });
    expect(latest?.returnReason).toMatch(/its time of validity ended/);
    expect(latest?.publishAt).toBeUndefined();
    expect(latest?.approvedBy).toBeUndefined();
    const [entry] = (await journalOf(approval.id)).slice(-1);
    expect(entry).toMatchObject({ kind: 'message.returned', actor: 'system' });
    expect(JSON.stringify(entry)).toContain(
      'its time of validity ended at 2026-11-25T08:00:00.000Z before it could',
    );
    const page = await app.inject({ url: '/public' });
    expect(page.body).not.toContain(approval.id);
    // Once only.
    await app.messageTimer.tick();
    expect((await journalOf(approval.id)).length).toBe(5);
  });
});
