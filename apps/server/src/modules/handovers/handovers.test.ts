import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  JournalKind,
  type CreateMessageRequest,
  type Escalation,
  type Handover,
  type HandoverList,
  type MessageVariant,
  type OnDuty,
  type PlannedEvent,
  type PublicMessage,
  type Role,
  type Severity,
  type Situation,
} from '@vaka/domain';
import { insertPlannedEvent } from '@vaka/db';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { connectLive } from '../../../../../tests/support/live-client.ts';
import {
  createTestUser,
  sendAs,
  signIn,
  signInEveryRole,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import { seedDemoData } from '../../demo/seed.ts';
import { DEMO_PASSWORD, ensureDemoUsers } from '../auth/service.ts';

const HOUR = 3_600_000;

/** The server's time, moved by hand. */
let now = new Date('2026-11-22T12:00:00.000Z');
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};
const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * HOUR).toISOString();

let app: FastifyInstance;
let baseUrl: string;
let admin: SignedIn;
/** The outgoing duty officer, who drafts. */
let outgoing: SignedIn;
/** The incoming duty officer, who confirms. */
let incoming: SignedIn;
let communicator: SignedIn;
let leadership: SignedIn;
/** A second communicator: the approver of the first one's messages. */
let colleague: SignedIn;

beforeAll(async () => {
  app = await buildTestApp({ clock: () => now });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  ({ admin, communicator, leadership } = await signInEveryRole(app));
  outgoing = await signIn(
    app,
    (await createTestUser(app.database, ['duty_officer'], { displayName: 'Erik Holm' })).username,
  );
  incoming = await signIn(
    app,
    (await createTestUser(app.database, ['duty_officer'], { displayName: 'Anna Berg' })).username,
  );
  colleague = await signIn(app, (await createTestUser(app.database, ['communicator'])).username);
});
afterAll(() => app.close());

// ---------------------------------------------------------------------------------------------
// What there is to hand over, made through the API as people would

/** An incident opened by a phone report; a title of its own keeps it apart from the others. */
async function openIncident(title: string, severity: Severity): Promise<string> {
  const response = await sendAs(
    app,
    outgoing,
    'POST',
    '/api/v1/reports',
    buildReport({ title, severity }),
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json().incidentId;
}

/** Writes a note on an incident; returns its journal sequence number. */
async function note(incidentId: string, text: string): Promise<number> {
  const response = await sendAs(app, outgoing, 'POST', `/api/v1/incidents/${incidentId}/notes`, {
    text,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().seq;
}

function variant(language: 'sv' | 'en', headline: string): MessageVariant {
  const instruction = language === 'sv' ? 'Undvik området.' : 'Avoid the area.';
  return {
    language,
    headline,
    description: headline,
    instruction,
    sms: `${headline}. ${instruction}`,
    push: headline,
    social: `${headline}. ${instruction}`,
  };
}

async function createMessage(headline: string): Promise<PublicMessage> {
  const body: CreateMessageRequest = {
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: now.toISOString(),
    expires: hoursFromNow(6),
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [variant('sv', headline), variant('en', headline)],
  };
  const response = await sendAs(app, communicator, 'POST', '/api/v1/messages', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function messageStep(
  who: SignedIn,
  message: PublicMessage,
  action: 'submit' | 'approve' | 'publish',
): Promise<PublicMessage> {
  const response = await sendAs(app, who, 'POST', `/api/v1/messages/${message.id}/${action}`, {
    expectedUpdatedAt: message.updatedAt,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A unit with one contact, a policy and an escalation of the incident to it, not acknowledged. */
async function escalate(incidentId: string): Promise<Escalation> {
  const unit = await sendAs(app, admin, 'POST', '/api/v1/units', {
    name: 'Stockholm Vatten',
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Sara Nyström',
        email: 'sara.nystrom@vatten.example',
        preferredChannel: 'email',
        language: 'sv',
      },
    ],
  });
  expect(unit.statusCode, unit.body).toBe(201);
  const { id: unitId, contacts } = unit.json();
  const policy = await sendAs(app, admin, 'POST', `/api/v1/units/${unitId}/escalation-policies`, {
    name: 'Vatten',
    repeat: 0,
    steps: [
      {
        waitMinutes: 10,
        requireAll: false,
        targets: [{ kind: 'contact', contactId: contacts[0].id }],
      },
    ],
  });
  expect(policy.statusCode, policy.body).toBe(201);
  const started = await sendAs(
    app,
    outgoing,
    'POST',
    `/api/v1/incidents/${incidentId}/escalations`,
    {
      unitId,
      policyId: policy.json().id,
      brief: 'Ta över vattenläckan och stäng körfältet',
    },
  );
  expect(started.statusCode, started.body).toBe(201);
  return started.json();
}

/** A planned event put straight in the calendar, as its own screens would store it. */
async function plan(
  title: string,
  startsInHours: number,
  cancelled = false,
): Promise<PlannedEvent> {
  const event: PlannedEvent = {
    id: randomUUID(),
    title,
    kind: 'sports',
    startsAt: hoursFromNow(startsInHours),
    endsAt: hoursFromNow(startsInHours + 3),
    location: { address: 'Strawberry Arena, Solna', coordinates: { lat: 59.3727, lon: 18.0003 } },
    expectedCrowd: 45_000,
    responsibleUnitIds: [],
    notes: 'Derby: AIK – Djurgården',
    createdAt: now.toISOString(),
    createdBy: 'planner',
    updatedAt: now.toISOString(),
    ...(cancelled && {
      cancelledAt: now.toISOString(),
      cancelledBy: 'planner',
      cancelReason: 'Moved to spring',
    }),
  };
  await insertPlannedEvent(app.database.db, event);
  return event;
}

// ---------------------------------------------------------------------------------------------
// The handover routes

const draft = (who: SignedIn = outgoing) => sendAs(app, who, 'POST', '/api/v1/handovers');
const change = (
  seen: Pick<Handover, 'id' | 'updatedAt'>,
  body: Record<string, unknown>,
  who: SignedIn = outgoing,
) =>
  sendAs(app, who, 'PATCH', `/api/v1/handovers/${seen.id}`, {
    expectedUpdatedAt: seen.updatedAt,
    ...body,
  });
const confirm = (seen: Pick<Handover, 'id' | 'updatedAt'>, who: SignedIn = incoming) =>
  sendAs(app, who, 'POST', `/api/v1/handovers/${seen.id}/confirm`, {
    expectedUpdatedAt: seen.updatedAt,
  });
const read = (url: string, who: SignedIn = leadership) => app.inject({ url, headers: who.headers });

async function stored(id: string): Promise<Handover> {
  const response = await read(`/api/v1/handovers/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function onDuty(who: SignedIn = communicator): Promise<OnDuty> {
  const response = await read('/api/v1/duty', who);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function handoverEntries() {
  const { rows } = await app.database.pool.query<{
    kind: string;
    actor: string;
    data: { handover: Handover };
  }>("select kind, actor, data from journal where kind like 'handover.%' order by seq");
  return rows;
}

async function handoverCount(): Promise<number> {
  const { rows } = await app.database.pool.query<{ count: string }>(
    'select count(*) from handovers',
  );
  return Number(rows[0]?.count);
}

// ---------------------------------------------------------------------------------------------

/** What the first test drafts; the later ones carry on with it. */
let first: Handover;
let critical: string;
let serious: string;
let minor: string;
let escalation: Escalation;
let valid: PublicMessage;
let inReview: PublicMessage;
let match: PlannedEvent;

describe('drafting a handover', () => {
  it('says nobody is on duty before the first handover is confirmed', async () => {
    expect(await onDuty()).toEqual({});
  });

  it('gathers the picture as it is now, with empty notes, and journals it', async () => {
    minor = await openIncident('Fallen tree on a footpath in Vasaparken', 'minor');
    critical = await openIncident('Burst water main on Götgatan', 'critical');
    serious = await openIncident('Power cut in Hammarby sjöstad', 'serious');
    const wrongNote = await note(critical, 'Pressure is dropping across Södermalm');
    await note(serious, 'Ellevio says two hours');
    await note(serious, 'Ellevio now says four hours; a care home is without power');
    const corrected = await sendAs(
      app,
      outgoing,
      'POST',
      `/api/v1/journal/${wrongNote}/corrections`,
      {
        text: 'Pressure is dropping in the east of Södermalm only',
      },
    );
    expect(corrected.statusCode, corrected.body).toBe(201);
    escalation = await escalate(critical);

    valid = await createMessage('Vattenläcka på Götgatan');
    valid = await messageStep(communicator, valid, 'submit');
    valid = await messageStep(colleague, valid, 'approve');
    valid = await messageStep(communicator, valid, 'publish');
    inReview = await messageStep(
      communicator,
      await createMessage('Strömavbrott i Hammarby'),
      'submit',
    );
    const stillDraft = await createMessage('Ett utkast som ingen har skickat');

    match = await plan('AIK – Djurgården', 5);
    const tooFar = await plan('Julmarknad på Skansen', 30);
    const calledOff = await plan('Demonstration på Sergels torg', 2, true);

    const response = await draft();
    expect(response.statusCode, response.body).toBe(201);
    first = response.json();
    expect(first).toMatchObject({
      status: 'draft',
      notes: '',
      createdBy: outgoing.session.user.username,
      createdAt: now.toISOString(),
    });
    expect(first.confirmedBy).toBeUndefined();

    const { picture } = first;
    expect(picture.gatheredAt).toBe(now.toISOString());
    expect(picture.readiness.level).toBe('normal');
    // Most severe first, each with the last note written, as corrected.
    expect(picture.incidents.map(({ incident }) => incident.id)).toEqual([
      critical,
      serious,
      minor,
    ]);
    expect(picture.incidents.map(({ lastNote }) => lastNote?.text)).toEqual([
      'Pressure is dropping in the east of Södermalm only',
      'Ellevio now says four hours; a care home is without power',
      undefined,
    ]);
    expect(picture.incidents[0]?.lastNote?.actor).toBe(outgoing.session.user.username);
    expect(picture.escalations.map((e) => e.id)).toEqual([escalation.id]);
    expect(picture.messagesValid.map((m) => m.id)).toEqual([valid.id]);
    expect(picture.messagesPending.map((m) => [m.id, m.status])).toEqual([
      [inReview.id, 'in_review'],
    ]);
    expect(picture.messagesPending.map((m) => m.id)).not.toContain(stillDraft.id);
    expect(picture.plannedEvents.map((e) => e.id)).toEqual([match.id]);
    expect(picture.plannedEvents.map((e) => e.id)).not.toContain(tooFar.id);
    expect(picture.plannedEvents.map((e) => e.id)).not.toContain(calledOff.id);

    expect(await stored(first.id)).toEqual(first);
    expect(await handoverEntries()).toEqual([
      {
        kind: JournalKind.handoverDrafted,
        actor: outgoing.session.user.username,
        data: { handover: first },
      },
    ]);
  });

  it('refuses a second draft while one is in progress, naming it (409)', async () => {
    const response = await draft(incoming);
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain(first.id);
    expect(response.json().message).toContain(outgoing.session.user.username);
    expect(await handoverCount()).toBe(1);
  });
});

describe('changing the draft', () => {
  it('saves the notes, keeps the picture, and journals the change', async () => {
    advance(5);
    const notes = 'Care home in Hammarby: check power at 16:00.\nDerby tonight: police on site.';
    const response = await change(first, { notes });
    expect(response.statusCode, response.body).toBe(200);
    const changed: Handover = response.json();
    expect(changed.notes).toBe(notes);
    expect(changed.picture).toEqual(first.picture);
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
    expect(await stored(first.id)).toEqual(changed);
    const entries = await handoverEntries();
    expect(entries.at(-1)).toEqual({
      kind: JournalKind.handoverChanged,
      actor: outgoing.session.user.username,
      data: { handover: changed },
    });
    first = changed;
  });

  it('refuses a change made on a stale view and keeps the notes (409)', async () => {
    const stale = { id: first.id, updatedAt: first.createdAt };
    const response = await change(stale, { notes: 'Overwritten' });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/changed handover .* after you loaded it/);
    expect(await stored(first.id)).toEqual(first);
  });

  it('gathers the picture again, as it is now, keeping the notes', async () => {
    advance(10);
    const newest = await openIncident('Gas smell at Medborgarplatsen', 'critical');
    const response = await change(first, { refresh: true });
    expect(response.statusCode, response.body).toBe(200);
    const refreshed: Handover = response.json();
    expect(refreshed.notes).toBe(first.notes);
    expect(refreshed.picture.gatheredAt).toBe(now.toISOString());
    // The two critical ones first, the newest of them first.
    expect(refreshed.picture.incidents.map(({ incident }) => incident.id)).toEqual([
      newest,
      critical,
      serious,
      minor,
    ]);
    expect((await handoverEntries()).at(-1)?.kind).toBe(JournalKind.handoverChanged);
    first = refreshed;
  });

  it('journals nothing for notes that are the same as before', async () => {
    const before = (await handoverEntries()).length;
    const response = await change(first, { notes: first.notes });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual(first);
    expect(await handoverEntries()).toHaveLength(before);
  });
});

describe('confirming the handover', () => {
  it('refuses the duty officer who drafted it, in a sentence (403)', async () => {
    const response = await confirm(first, outgoing);
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/You drafted this handover/);
    expect((await stored(first.id)).status).toBe('draft');
    expect(await onDuty()).toEqual({});
  });

  it('refuses a confirmation of a version the incoming officer did not read (409)', async () => {
    const response = await confirm({ id: first.id, updatedAt: first.createdAt });
    expect(response.statusCode).toBe(409);
    expect((await stored(first.id)).status).toBe('draft');
  });

  it('puts the incoming duty officer on duty, live for every console, and journals it', async () => {
    const { asOfSeq }: Situation = (await read('/api/v1/situation')).json();
    const live = await connectLive(baseUrl, { since: asOfSeq }, { cookie: leadership.cookie });
    try {
      advance(3);
      const response = await confirm(first);
      expect(response.statusCode, response.body).toBe(200);
      const confirmed: Handover = response.json();
      expect(confirmed).toMatchObject({
        status: 'confirmed',
        notes: first.notes,
        picture: first.picture,
        confirmedBy: incoming.session.user.username,
        confirmedAt: now.toISOString(),
      });
      expect(await onDuty()).toEqual({
        onDuty: {
          username: incoming.session.user.username,
          displayName: 'Anna Berg',
          since: now.toISOString(),
          handoverId: first.id,
        },
      });
      expect((await handoverEntries()).at(-1)).toEqual({
        kind: JournalKind.handoverConfirmed,
        actor: incoming.session.user.username,
        data: { handover: confirmed },
      });
      await live.waitFor((client) =>
        client.entries.some((entry) => entry.kind === JournalKind.handoverConfirmed),
      );
      first = confirmed;
    } finally {
      live.close();
    }
  });

  it('refuses to change or confirm a confirmed handover (409)', async () => {
    const changed = await change(first, { notes: 'Too late' }, incoming);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().message).toMatch(/was confirmed by/);
    const again = await confirm(first);
    expect(again.statusCode).toBe(409);
    expect(await stored(first.id)).toEqual(first);
  });

  it('lets the next shift draft again, and lists the handovers newest first', async () => {
    advance(8 * 60);
    const response = await draft(incoming);
    expect(response.statusCode, response.body).toBe(201);
    const second: Handover = response.json();
    const list = await read('/api/v1/handovers', communicator);
    expect(list.statusCode).toBe(200);
    const { handovers }: HandoverList = list.json();
    expect(handovers.map((h) => [h.id, h.status])).toEqual([
      [second.id, 'draft'],
      [first.id, 'confirmed'],
    ]);
    // Still on duty until the next one confirms.
    expect((await onDuty()).onDuty?.username).toBe(incoming.session.user.username);
    const taken = await confirm(second, outgoing);
    expect(taken.statusCode, taken.body).toBe(200);
    expect(await onDuty()).toMatchObject({
      onDuty: { displayName: 'Erik Holm', handoverId: second.id },
    });
  });
});

describe('bad input', () => {
  it('answers 404 for a handover that does not exist, and 400 for an id that is no id', async () => {
    const unknown = { id: randomUUID(), updatedAt: now.toISOString() };
    expect((await read(`/api/v1/handovers/${unknown.id}`)).statusCode).toBe(404);
    const changed = await change(unknown, { notes: 'x' });
    expect(changed.statusCode).toBe(404);
    expect(changed.json().message).toContain(unknown.id);
    expect((await confirm(unknown)).statusCode).toBe(404);
    expect((await read('/api/v1/handovers/not-an-id')).statusCode).toBe(400);
  });

  it('answers 400 for a change without anything to change, unknown fields or notes too long', async () => {
    const open = (await draft()).json() as Handover;
    const before = await handoverEntries();
    for (const body of [
      {},
      { notes: 'x'.repeat(20_001) },
      { notes: 'x', colour: 'red' },
      { refresh: 'yes' },
    ]) {
      const response = await change(open, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().message).toEqual(expect.any(String));
    }
    const missing = await sendAs(app, outgoing, 'PATCH', `/api/v1/handovers/${open.id}`, {
      notes: 'x',
    });
    expect(missing.statusCode).toBe(400);
    const noStep = await sendAs(app, incoming, 'POST', `/api/v1/handovers/${open.id}/confirm`, {});
    expect(noStep.statusCode).toBe(400);
    expect(await stored(open.id)).toEqual(open);
    expect(await handoverEntries()).toEqual(before);
  });
});

describe('who may hand over', () => {
  it.each<Role>(['communicator', 'leadership', 'admin'])(
    'refuses the %s role drafting, changing or confirming (403)',
    async (role) => {
      const who = await signIn(app, (await createTestUser(app.database, [role])).username);
      const { handovers }: HandoverList = (await read('/api/v1/handovers')).json();
      const open = handovers.find((h) => h.status === 'draft')!;
      expect((await draft(who)).statusCode).toBe(403);
      expect((await change(open, { notes: 'x' }, who)).statusCode).toBe(403);
      expect((await confirm(open, who)).statusCode).toBe(403);
    },
  );

  it('lets everyone who sees the situation read the handovers and who is on duty', async () => {
    for (const who of [communicator, leadership, incoming]) {
      expect((await read('/api/v1/handovers', who)).statusCode).toBe(200);
      expect((await read('/api/v1/duty', who)).statusCode).toBe(200);
    }
    expect((await read('/api/v1/duty', admin)).statusCode).toBe(403);
  });

  it('refuses anyone not signed in (401)', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/duty'],
      ['GET', '/api/v1/handovers'],
      ['POST', '/api/v1/handovers'],
    ] as const) {
      expect((await app.inject({ method, url })).statusCode).toBe(401);
    }
  });
});

describe('the demo day', () => {
  it("has the night's handover confirmed by the day duty officer, with the night's notes", async () => {
    const demo = await buildTestApp();
    try {
      await ensureDemoUsers(demo);
      await seedDemoData(demo);
      const tib = await signIn(demo, 'tib', DEMO_PASSWORD);
      const duty = await demo.inject({ url: '/api/v1/duty', headers: tib.headers });
      expect(duty.json()).toMatchObject({
        onDuty: { username: 'tib', displayName: 'Tjänsteperson i beredskap' },
      });
      const { handovers }: HandoverList = (
        await demo.inject({ url: '/api/v1/handovers', headers: tib.headers })
      ).json();
      expect(handovers).toHaveLength(1);
      expect(handovers[0]?.notes).toMatch(/Ellevio/);
      expect(handovers[0]?.picture.incidents.length).toBeGreaterThan(0);
    } finally {
      await demo.close();
    }
  });
});
