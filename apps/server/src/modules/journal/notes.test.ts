import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  buildTimeline,
  type Incident,
  type IncidentDetail,
  type JournalEntry,
  type ReportReceipt,
} from '@vaka/domain';
import { journalHead } from '@vaka/db';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import { connectLive } from '../../../../../tests/support/live-client.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;
let baseUrl: string;
let partner: Record<string, string>;
let dutyOfficer: SignedIn;

beforeAll(async () => {
  app = await buildTestApp();
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
});
afterAll(() => app.close());

async function newIncident(title = 'Gas smell in a school'): Promise<ReportReceipt> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: partner,
    payload: buildReport({ title }),
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

const post = (url: string, payload: unknown, headers = dutyOfficer.changeHeaders) =>
  app.inject({ method: 'POST', url, headers, payload: payload as object });
const addNote = (incidentId: string, payload: unknown, headers?: Record<string, string>) =>
  post(`/api/v1/incidents/${incidentId}/notes`, payload, headers);
const flag = (seq: number | string, payload: unknown, headers?: Record<string, string>) =>
  post(`/api/v1/journal/${seq}/flags`, payload, headers);
const correct = (seq: number | string, payload: unknown, headers?: Record<string, string>) =>
  post(`/api/v1/journal/${seq}/corrections`, payload, headers);

async function detail(incidentId: string): Promise<IncidentDetail> {
  const response = await app.inject({
    url: `/api/v1/incidents/${incidentId}`,
    headers: dutyOfficer.headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function incidentNow(incidentId: string): Promise<Incident> {
  return (await detail(incidentId)).incident;
}

async function transition(incidentId: string, step: string): Promise<void> {
  const incident = await incidentNow(incidentId);
  const response = await post(`/api/v1/incidents/${incidentId}/transitions`, {
    transition: step,
    reason: `we ${step}`,
    expectedUpdatedAt: incident.updatedAt,
  });
  expect(response.statusCode).toBe(200);
}

async function merge(duplicateId: string, intoId: string): Promise<void> {
  const duplicate = await incidentNow(duplicateId);
  const response = await post(`/api/v1/incidents/${duplicateId}/merge`, {
    into: intoId,
    reason: 'the same leak',
    expectedUpdatedAt: duplicate.updatedAt,
  });
  expect(response.statusCode).toBe(200);
}

async function noteSeq(incidentId: string, text: string): Promise<number> {
  const response = await addNote(incidentId, { text });
  expect(response.statusCode).toBe(201);
  return response.json().seq;
}

/** Refused, and the journal did not grow. */
async function expectRefused(
  request: () => Promise<{ statusCode: number; json(): { message: string } }>,
  statusCode: number,
  message: RegExp | string,
): Promise<void> {
  const before = await journalHead(app.database.db);
  const response = await request();
  expect(response.statusCode).toBe(statusCode);
  if (typeof message === 'string') expect(response.json().message).toBe(message);
  else expect(response.json().message).toMatch(message);
  expect(await journalHead(app.database.db)).toBe(before);
}

/** A time this many minutes before now. */
function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

async function signInSeq(): Promise<number> {
  const { rows } = await app.database.pool.query<{ seq: string }>(
    "select seq from journal where kind = 'auth.signed_in' order by seq limit 1",
  );
  return Number(rows[0]!.seq);
}

describe('notes on an incident', () => {
  it('journals a note with who wrote it, when it happened and its flags, and shows it in the detail', async () => {
    const { incidentId } = await newIncident();
    const arrivedAt = minutesAgo(25);
    const response = await addNote(incidentId, {
      text: 'Räddningstjänsten på plats; skolan utrymd',
      eventAt: arrivedAt,
      keyEvent: true,
      public: true,
    });
    expect(response.statusCode).toBe(201);
    const note = response.json();
    expect(note).toMatchObject({
      kind: 'note.added',
      incidentId,
      actor: dutyOfficer.session.user.username,
      data: {
        text: 'Räddningstjänsten på plats; skolan utrymd',
        eventAt: arrivedAt,
        keyEvent: true,
        public: true,
      },
    });
    expect(Date.now() - Date.parse(note.recordedAt)).toBeLessThan(60_000);
    expect((await detail(incidentId)).entries.at(-1)).toEqual(note);
  });

  it('is neither a key event nor public unless it says so, and may come without an event time', async () => {
    const { incidentId } = await newIncident();
    const response = await addNote(incidentId, { text: 'Called the caretaker' });
    expect(response.statusCode).toBe(201);
    expect(response.json().data).toEqual({
      text: 'Called the caretaker',
      keyEvent: false,
      public: false,
    });
  });

  it('takes an event time a little ahead of the clock, and refuses one more than 5 minutes ahead', async () => {
    const { incidentId } = await newIncident();
    const soon = new Date(Date.now() + 2 * 60_000).toISOString();
    expect(
      (await addNote(incidentId, { text: 'Water off in a minute', eventAt: soon })).statusCode,
    ).toBe(201);
    const later = new Date(Date.now() + 10 * 60_000).toISOString();
    await expectRefused(
      () => addNote(incidentId, { text: 'Water off later', eventAt: later }),
      400,
      new RegExp(`eventAt ${later} is in the future .*at most 5 minutes ahead`),
    );
  });

  it('takes notes on a closed incident: things are learnt afterwards', async () => {
    const { incidentId } = await newIncident();
    await transition(incidentId, 'close');
    const response = await addNote(incidentId, { text: 'The cause was a leaking valve' });
    expect(response.statusCode).toBe(201);
    expect((await detail(incidentId)).entries.at(-1)!.seq).toBe(response.json().seq);
  });

  it('refuses a note on an incident merged into another with 409, naming where it went', async () => {
    const duplicate = await newIncident('Leak, duplicate call');
    const survivor = await newIncident('Leak, first call');
    await merge(duplicate.incidentId, survivor.incidentId);
    await expectRefused(
      () => addNote(duplicate.incidentId, { text: 'Late news' }),
      409,
      `Incident ${duplicate.incidentId} was merged into incident ${survivor.incidentId}: add the note there`,
    );
  });

  it('refuses an unknown incident (404) and a malformed note (400), storing nothing', async () => {
    const { incidentId } = await newIncident();
    await expectRefused(
      () => addNote('00000000-0000-4000-8000-000000000000', { text: 'Hello' }),
      404,
      'There is no incident 00000000-0000-4000-8000-000000000000',
    );
    await expectRefused(() => addNote('nope', { text: 'Hello' }), 400, /params\/id/);
    await expectRefused(() => addNote(incidentId, {}), 400, /required field 'text'/);
    await expectRefused(() => addNote(incidentId, { text: '' }), 400, /body\/text/);
    await expectRefused(
      () => addNote(incidentId, { text: 'x'.repeat(10_001) }),
      400,
      /body\/text must NOT have more than 10000 characters/,
    );
    await expectRefused(
      () => addNote(incidentId, { text: 'Hi', author: 'someone else' }),
      400,
      /not allowed: 'author'/,
    );
    await expectRefused(
      () => addNote(incidentId, { text: 'Hi', eventAt: 'yesterday' }),
      400,
      /body\/eventAt must match format "date-time"/,
    );
    await expectRefused(
      () => addNote(incidentId, { text: 'Hi', keyEvent: 'yes' }),
      400,
      /keyEvent/,
    );
  });

  it('is for the duty officer: the communicator, leadership and an admin get 403, anyone signed out 401', async () => {
    const { incidentId } = await newIncident();
    for (const role of ['communicator', 'leadership', 'admin'] as const) {
      const person = await signIn(app, (await createTestUser(app.database, [role])).username);
      await expectRefused(
        () => addNote(incidentId, { text: 'Mine' }, person.changeHeaders),
        403,
        /incidents:update/,
      );
    }
    await expectRefused(
      () => addNote(incidentId, { text: 'Mine' }, partner),
      403,
      /incidents:update/,
    );
    await expectRefused(() => addNote(incidentId, { text: 'Mine' }, {}), 401, 'Sign in first');
    await expectRefused(
      () => addNote(incidentId, { text: 'Mine' }, dutyOfficer.headers),
      403,
      /CSRF|header/,
    );
  });
});

describe('flags on entries', () => {
  it('marks an entry as a key event and as public, keeps the latest choice, and belongs to the incident', async () => {
    const { incidentId, seq: reportSeq } = await newIncident();
    const seq = await noteSeq(incidentId, 'Evacuation of the school finished');
    const first = await flag(seq, { keyEvent: true });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'entry.flagged',
      incidentId,
      actor: dutyOfficer.session.user.username,
      data: { seq, keyEvent: true },
    });
    expect(first.json().data).not.toHaveProperty('public');
    expect((await flag(seq, { public: true })).statusCode).toBe(201);
    expect((await flag(seq, { keyEvent: false })).statusCode).toBe(201);
    expect((await flag(reportSeq, { keyEvent: true })).statusCode).toBe(201);

    const timeline = buildTimeline((await detail(incidentId)).entries);
    const item = (at: number) => timeline.find((candidate) => candidate.entry.seq === at)!;
    expect(item(seq)).toMatchObject({ keyEvent: false, public: true });
    expect(item(reportSeq)).toMatchObject({ keyEvent: true, public: false });
    expect(timeline.filter((candidate) => candidate.entry.kind === 'entry.flagged')).toHaveLength(
      4,
    );
  });

  it('flags an entry of an incident merged away under that incident, shown with the one it went into', async () => {
    const duplicate = await newIncident('Leak, second call');
    const survivor = await newIncident('Leak, the one that goes on');
    await merge(duplicate.incidentId, survivor.incidentId);
    const response = await flag(duplicate.seq, { keyEvent: true });
    expect(response.statusCode).toBe(201);
    expect(response.json().incidentId).toBe(duplicate.incidentId);
    const timeline = buildTimeline((await detail(survivor.incidentId)).entries);
    expect(timeline.find((item) => item.entry.seq === duplicate.seq)?.keyEvent).toBe(true);
  });

  it('refuses what cannot be flagged, storing nothing', async () => {
    const { incidentId } = await newIncident();
    const seq = await noteSeq(incidentId, 'Road closed at Hornsgatan');
    const flagSeq = (await flag(seq, { keyEvent: true })).json().seq;
    const correctionSeq = (await correct(seq, { text: 'Road closed at Hornsgatan 12' })).json().seq;

    await expectRefused(
      () => flag(999_999, { keyEvent: true }),
      404,
      'There is no journal entry 999999',
    );
    const signedIn = await signInSeq();
    await expectRefused(
      () => flag(signedIn, { keyEvent: true }),
      409,
      `Entry ${signedIn} (auth.signed_in) is about no incident: only an incident's entries can be flagged`,
    );
    await expectRefused(
      () => flag(flagSeq, { public: true }),
      409,
      `Entry ${flagSeq} sets the flags of entry ${seq}: flag entry ${seq} instead`,
    );
    await expectRefused(
      () => flag(correctionSeq, { keyEvent: true }),
      409,
      `Entry ${correctionSeq} corrects entry ${seq}: flag entry ${seq} instead`,
    );
    await expectRefused(() => flag(seq, {}), 400, /body must NOT have fewer than 1 properties/);
    await expectRefused(
      () => flag(seq, { keyEvent: true, urgent: true }),
      400,
      /not allowed: 'urgent'/,
    );
    for (const bad of ['0', '-1', 'abc', '1.5', '9'.repeat(20)]) {
      await expectRefused(() => flag(bad, { keyEvent: true }), 400, /params\/seq/);
    }
  });

  it('is for the duty officer only', async () => {
    const { incidentId } = await newIncident();
    const seq = await noteSeq(incidentId, 'Press asked about the school');
    const communicator = await signIn(
      app,
      (await createTestUser(app.database, ['communicator'])).username,
    );
    await expectRefused(
      () => flag(seq, { public: true }, communicator.changeHeaders),
      403,
      /incidents:update/,
    );
    await expectRefused(() => flag(seq, { public: true }, {}), 401, 'Sign in first');
  });
});

describe('corrections of entries', () => {
  it('adds a correction and leaves the corrected entry exactly as it was; the detail shows both', async () => {
    const { incidentId } = await newIncident();
    const wrongTime = minutesAgo(20);
    const rightTime = minutesAgo(26);
    const wrong = await addNote(incidentId, {
      text: 'Fire brigade arrived 08:40',
      eventAt: wrongTime,
    });
    const original: JournalEntry = wrong.json();
    const { rows: before } = await app.database.pool.query('select * from journal where seq = $1', [
      original.seq,
    ]);

    const response = await correct(original.seq, {
      text: 'Fire brigade arrived 08:34',
      eventAt: rightTime,
    });
    expect(response.statusCode).toBe(201);
    const correction = response.json();
    expect(correction).toMatchObject({
      kind: 'entry.corrected',
      incidentId,
      actor: dutyOfficer.session.user.username,
      data: {
        seq: original.seq,
        text: 'Fire brigade arrived 08:34',
        eventAt: rightTime,
      },
    });

    const { rows: after } = await app.database.pool.query('select * from journal where seq = $1', [
      original.seq,
    ]);
    expect(after).toEqual(before);
    const shown = await detail(incidentId);
    expect(shown.entries.find((entry) => entry.seq === original.seq)).toEqual(original);
    expect(shown.entries.at(-1)).toEqual(correction);
    const timeline = buildTimeline(shown.entries);
    expect(timeline.find((item) => item.entry.seq === original.seq)).toMatchObject({
      correctedBy: [correction.seq],
      eventAt: wrongTime,
    });

    const verification = await app.inject({
      url: '/api/v1/journal/verify',
      headers: dutyOfficer.headers,
    });
    expect(verification.json()).toMatchObject({ ok: true });
  });

  it("corrects a report's entry too, under the report's incident", async () => {
    const { incidentId, seq } = await newIncident('Smoke at Odenplan');
    const response = await correct(seq, { text: 'It was steam from a vent, not smoke' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ incidentId, data: { seq } });
  });

  it('refuses what cannot be corrected, storing nothing', async () => {
    const { incidentId } = await newIncident();
    const seq = await noteSeq(incidentId, 'Two injured');
    const correctionSeq = (await correct(seq, { text: 'One injured' })).json().seq;
    const flagSeq = (await flag(seq, { keyEvent: true })).json().seq;

    await expectRefused(
      () => correct(999_999, { text: 'x' }),
      404,
      'There is no journal entry 999999',
    );
    const signedIn = await signInSeq();
    await expectRefused(
      () => correct(signedIn, { text: 'x' }),
      409,
      `Entry ${signedIn} (auth.signed_in) is about no incident: only an incident's entries can be corrected`,
    );
    await expectRefused(
      () => correct(correctionSeq, { text: 'No one injured' }),
      409,
      `Entry ${correctionSeq} is a correction of entry ${seq}: correct entry ${seq} again instead`,
    );
    await expectRefused(
      () => correct(flagSeq, { text: 'not key' }),
      409,
      `Entry ${flagSeq} sets the flags of entry ${seq}: flag entry ${seq} again instead`,
    );
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    await expectRefused(
      () => correct(seq, { text: 'One injured', eventAt: later }),
      400,
      /is in the future/,
    );
    await expectRefused(() => correct(seq, { text: '' }), 400, /body\/text/);
    await expectRefused(
      () => correct(seq, { eventAt: minutesAgo(1) }),
      400,
      /required field 'text'/,
    );
    await expectRefused(() => correct('x', { text: 'y' }), 400, /params\/seq/);
  });

  it('is for the duty officer only', async () => {
    const { incidentId } = await newIncident();
    const seq = await noteSeq(incidentId, 'Bus traffic diverted');
    const leadership = await signIn(
      app,
      (await createTestUser(app.database, ['leadership'])).username,
    );
    await expectRefused(
      () => correct(seq, { text: 'Trams too' }, leadership.changeHeaders),
      403,
      /incidents:update/,
    );
    await expectRefused(() => correct(seq, { text: 'Trams too' }, {}), 401, 'Sign in first');
  });
});

describe('on the live stream', () => {
  it('brings notes, flags and corrections to a watching console as they are made', async () => {
    const { incidentId } = await newIncident();
    const situation = await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers });
    const liveConsole = await connectLive(
      baseUrl,
      { since: situation.json().asOfSeq },
      { cookie: dutyOfficer.cookie },
    );
    try {
      const seq = await noteSeq(incidentId, 'Shelter opened at the sports hall');
      const flagged = (await flag(seq, { public: true })).json().seq;
      const corrected = (await correct(seq, { text: 'Shelter opened at the library' })).json().seq;
      await liveConsole.waitFor((c) => c.entries.some((entry) => entry.seq === corrected));
      expect(
        liveConsole.entries
          .filter((entry) => [seq, flagged, corrected].includes(entry.seq))
          .map((entry) => entry.kind),
      ).toEqual(['note.added', 'entry.flagged', 'entry.corrected']);
    } finally {
      liveConsole.close();
    }
  });
});
