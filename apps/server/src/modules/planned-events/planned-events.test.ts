import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CreatePlannedEvent, Incident, PlannedEvent, Unit } from '@vaka/domain';
import { findIncident, listPlannedEvents } from '@vaka/db';
import { seedDemoUnits } from '../../demo/seed.ts';
import { seedDemoPlannedEvents } from '../../demo/planned-events.ts';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import {
  sendAs,
  signInEveryRole,
  type EveryRole,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Tele2 Arena in Johanneshov, in the demo city's Enskede-Årsta-Vantör. */
const TELE2_ARENA = {
  address: 'Tele2 Arena, Arenaslingan 14, Johanneshov',
  coordinates: { lat: 59.2906, lon: 18.0844 },
};

let app: FastifyInstance;
let people: EveryRole;
let dutyOfficer: SignedIn;
let leadership: SignedIn;
let police: Unit;
let traffic: Unit;

beforeAll(async () => {
  app = await buildTestApp();
  people = await signInEveryRole(app);
  ({ dutyOfficer, leadership } = people);
  police = await createUnit('Polisen samverkan');
  traffic = await createUnit('Trafikkontoret');
});
afterAll(() => app.close());

async function createUnit(name: string): Promise<Unit> {
  const response = await sendAs(app, people.admin, 'POST', '/api/v1/units', {
    name,
    timeZone: 'Europe/Stockholm',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** A time some hours from now, to the minute. */
const hoursFromNow = (hours: number) =>
  new Date(Math.floor((Date.now() + hours * HOUR) / 60_000) * 60_000).toISOString();

/** A derby tomorrow evening as a duty officer would enter it. */
function buildEvent(overrides: Partial<CreatePlannedEvent> = {}): CreatePlannedEvent {
  return {
    title: 'Derby Hammarby–Djurgården',
    kind: 'sports',
    startsAt: hoursFromNow(26),
    endsAt: hoursFromNow(29),
    location: TELE2_ARENA,
    expectedCrowd: 30_000,
    responsibleUnitIds: [police.id],
    notes: 'Supporter march from Medborgarplatsen from 16:30.',
    ...overrides,
  };
}

const send = (method: 'POST' | 'PATCH', url: string, body?: unknown, who: SignedIn = dutyOfficer) =>
  sendAs(app, who, method, url, body);

async function createEvent(
  overrides: Partial<CreatePlannedEvent> = {},
  who: SignedIn = dutyOfficer,
): Promise<PlannedEvent> {
  const response = await send('POST', '/api/v1/planned-events', buildEvent(overrides), who);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const patch = (seen: PlannedEvent, changes: Record<string, unknown>) =>
  send('PATCH', `/api/v1/planned-events/${seen.id}`, {
    expectedUpdatedAt: seen.updatedAt,
    changes,
  });

const cancel = (seen: PlannedEvent, reason = 'Called off by the organiser') =>
  send('POST', `/api/v1/planned-events/${seen.id}/cancel`, {
    expectedUpdatedAt: seen.updatedAt,
    reason,
  });

async function calendar(query = '', who: SignedIn = leadership): Promise<PlannedEvent[]> {
  const response = await app.inject({
    url: `/api/v1/planned-events${query}`,
    headers: who.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { events: PlannedEvent[] }).events;
}

/** The journal entries about one planned event, oldest first. */
async function journalOf(eventId: string) {
  const { rows } = await app.database.pool.query<{
    kind: string;
    actor: string;
    data: { event: PlannedEvent; previous?: Record<string, unknown>; reason?: string };
  }>(`select kind, actor, data from journal where data -> 'event' ->> 'id' = $1 order by seq`, [
    eventId,
  ]);
  return rows;
}

/** The number of planned events stored and of journal entries. */
async function stored(): Promise<{ events: number; journal: number }> {
  const { rows } = await app.database.pool.query<{ events: number; journal: number }>(
    `select (select count(*)::int from planned_events) as events,
            (select count(*)::int from journal) as journal`,
  );
  return rows[0]!;
}

describe('adding a planned event', () => {
  it('stores it in its district, journals it, and lists it in the coming days', async () => {
    const event = await createEvent();
    expect(event).toMatchObject({
      title: 'Derby Hammarby–Djurgården',
      kind: 'sports',
      district: { id: 'enskede-arsta-vantor', name: 'Enskede-Årsta-Vantör' },
      expectedCrowd: 30_000,
      responsibleUnitIds: [police.id],
    });
    expect(event.cancelledAt).toBeUndefined();
    expect(await journalOf(event.id)).toEqual([
      {
        kind: 'planned_event.created',
        actor: dutyOfficer.session.user.username,
        data: { event },
      },
    ]);
    expect((await calendar()).map((listed) => listed.id)).toContain(event.id);
    const read = await app.inject({
      url: `/api/v1/planned-events/${event.id}`,
      headers: leadership.headers,
    });
    expect(read.json()).toEqual(event);
  });

  it('lets leadership add one too, and an event without coordinates has no district', async () => {
    const event = await createEvent(
      { title: 'State visit from Finland', kind: 'state_visit', location: { address: 'Slottet' } },
      leadership,
    );
    expect(event.district).toBeUndefined();
    expect(event.createdBy).toBe(leadership.session.user.username);
  });

  it('refuses an event that ends before it starts, naming both times, and stores nothing', async () => {
    const before = await stored();
    const response = await send(
      'POST',
      '/api/v1/planned-events',
      buildEvent({ startsAt: hoursFromNow(5), endsAt: hoursFromNow(5) }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/must end after it starts/);
    expect(await stored()).toEqual(before);
  });

  it('refuses a responsible unit Vaka does not know, naming it', async () => {
    const before = await stored();
    const unknown = '00000000-0000-4000-8000-000000000042';
    const response = await send(
      'POST',
      '/api/v1/planned-events',
      buildEvent({ responsibleUnitIds: [police.id, unknown] }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(unknown);
    expect(await stored()).toEqual(before);
  });

  it('refuses a field it does not know and a kind it does not have', async () => {
    for (const body of [
      { ...buildEvent(), organiser: 'Hammarby IF' },
      { ...buildEvent(), kind: 'wedding' },
      { ...buildEvent(), title: '' },
    ]) {
      const response = await send('POST', '/api/v1/planned-events', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().message).toBeTruthy();
    }
  });
});

describe('who may see and keep the calendar', () => {
  it('lets everyone who reads the situation see it, and only duty officers and leadership keep it', async () => {
    const event = await createEvent({ title: 'Pride parade' });
    for (const who of [people.dutyOfficer, people.communicator, people.leadership]) {
      expect((await calendar('', who)).map((listed) => listed.id)).toContain(event.id);
    }
    const asAdmin = await app.inject({
      url: '/api/v1/planned-events',
      headers: people.admin.headers,
    });
    expect(asAdmin.statusCode).toBe(403);
    const asCommunicator = await send(
      'POST',
      '/api/v1/planned-events',
      buildEvent(),
      people.communicator,
    );
    expect(asCommunicator.statusCode).toBe(403);
    const asAdminCancel = await sendAs(
      app,
      people.admin,
      'POST',
      `/api/v1/planned-events/${event.id}/cancel`,
      { expectedUpdatedAt: event.updatedAt, reason: 'no' },
    );
    expect(asAdminCancel.statusCode).toBe(403);
  });

  it('answers a caller who is not signed in with 401', async () => {
    expect((await app.inject({ url: '/api/v1/planned-events' })).statusCode).toBe(401);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/planned-events',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(buildEvent()),
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('the calendar', () => {
  it('lists the events overlapping the window, soonest first, cancelled ones only when asked', async () => {
    const from = new Date(Date.now() + 40 * DAY);
    const at = (hours: number) => new Date(from.getTime() + hours * HOUR).toISOString();
    const later = await createEvent({ title: 'Later', startsAt: at(10), endsAt: at(12) });
    const running = await createEvent({ title: 'Running', startsAt: at(-2), endsAt: at(1) });
    const sooner = await createEvent({ title: 'Sooner', startsAt: at(3), endsAt: at(4) });
    await createEvent({ title: 'Over before', startsAt: at(-3), endsAt: at(0) });
    await createEvent({ title: 'After the window', startsAt: at(24), endsAt: at(25) });
    const called = await createEvent({ title: 'Called off', startsAt: at(5), endsAt: at(6) });
    expect((await cancel(called)).statusCode).toBe(200);

    const query = `?from=${from.toISOString()}&to=${at(24)}`;
    expect((await calendar(query)).map((event) => event.title)).toEqual([
      'Running',
      'Sooner',
      'Later',
    ]);
    expect((await calendar(`${query}&cancelled=true`)).map((event) => event.title)).toEqual([
      'Running',
      'Sooner',
      'Called off',
      'Later',
    ]);
    // The repository other parts gather events with gives the same answer.
    const gathered = await listPlannedEvents(app.database.db, {
      from,
      to: new Date(at(24)),
      cancelled: false,
    });
    expect(gathered.map((event) => event.id)).toEqual([running.id, sooner.id, later.id]);
  });

  it('looks two weeks ahead from now by default', async () => {
    const inTwelveDays = await createEvent({
      title: 'Marathon',
      startsAt: hoursFromNow(12 * 24),
      endsAt: hoursFromNow(12 * 24 + 6),
    });
    const inSixteenDays = await createEvent({
      title: 'Midsummer',
      startsAt: hoursFromNow(16 * 24),
      endsAt: hoursFromNow(16 * 24 + 6),
    });
    const ids = (await calendar()).map((event) => event.id);
    expect(ids).toContain(inTwelveDays.id);
    expect(ids).not.toContain(inSixteenDays.id);
  });

  it('refuses a window that ends before it begins', async () => {
    const response = await app.inject({
      url: `/api/v1/planned-events?from=${hoursFromNow(5)}&to=${hoursFromNow(1)}`,
      headers: leadership.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/must be before/);
  });

  it('answers an unknown event with 404', async () => {
    const response = await app.inject({
      url: '/api/v1/planned-events/00000000-0000-4000-8000-000000000001',
      headers: leadership.headers,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(/no planned event/);
  });
});

describe('changing a planned event', () => {
  it('journals the values the changed fields had, and a crowd of null clears it', async () => {
    const event = await createEvent();
    const response = await patch(event, {
      title: 'Derby Hammarby–AIK',
      location: { address: 'Stockholms stadion', coordinates: { lat: 59.3456, lon: 18.0789 } },
      expectedCrowd: null,
      responsibleUnitIds: [police.id, traffic.id],
      notes: event.notes,
    });
    expect(response.statusCode, response.body).toBe(200);
    const changed: PlannedEvent = response.json();
    expect(changed).toMatchObject({
      title: 'Derby Hammarby–AIK',
      district: { id: 'norra-innerstaden' },
      responsibleUnitIds: [police.id, traffic.id],
    });
    expect(changed.expectedCrowd).toBeUndefined();
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(event.updatedAt));
    const entries = await journalOf(event.id);
    expect(entries.map((entry) => entry.kind)).toEqual([
      'planned_event.created',
      'planned_event.changed',
    ]);
    expect(entries[1]?.data).toEqual({
      event: changed,
      previous: {
        title: event.title,
        location: event.location,
        expectedCrowd: 30_000,
        responsibleUnitIds: [police.id],
      },
    });
  });

  it('refuses a change on a stale view, and one that would end the event before it starts', async () => {
    const event = await createEvent();
    expect((await patch(event, { notes: 'Gates open 17:00.' })).statusCode).toBe(200);
    const before = await stored();
    const stale = await patch(event, { expectedCrowd: 45_000 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/after you loaded it/);
    const current = (
      await app.inject({ url: `/api/v1/planned-events/${event.id}`, headers: leadership.headers })
    ).json() as PlannedEvent;
    const backwards = await patch(current, { endsAt: hoursFromNow(1) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toMatch(/must end after it starts/);
    const nothing = await patch(current, { title: current.title });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().message).toMatch(/Nothing to change/);
    const unknownUnit = '00000000-0000-4000-8000-000000000043';
    const withUnknown = await patch(current, { responsibleUnitIds: [unknownUnit] });
    expect(withUnknown.statusCode).toBe(400);
    expect(withUnknown.json().message).toContain(unknownUnit);
    expect(await stored()).toEqual(before);
  });

  it('answers an unknown event with 404', async () => {
    const response = await send(
      'PATCH',
      '/api/v1/planned-events/00000000-0000-4000-8000-00000000000a',
      {
        expectedUpdatedAt: new Date().toISOString(),
        changes: { notes: 'x' },
      },
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('calling off a planned event', () => {
  it('marks it with who and why, journals it, and refuses changing or calling it off again', async () => {
    const event = await createEvent({ title: 'Demonstration at Sergels torg' });
    const response = await cancel(event, 'The organiser withdrew the application');
    expect(response.statusCode, response.body).toBe(200);
    const cancelled: PlannedEvent = response.json();
    expect(cancelled).toMatchObject({
      cancelledBy: dutyOfficer.session.user.username,
      cancelReason: 'The organiser withdrew the application',
    });
    expect(cancelled.cancelledAt).toBeDefined();
    expect((await journalOf(event.id)).at(-1)).toEqual({
      kind: 'planned_event.cancelled',
      actor: dutyOfficer.session.user.username,
      data: { event: cancelled, reason: 'The organiser withdrew the application' },
    });
    expect((await calendar()).map((listed) => listed.id)).not.toContain(event.id);

    const before = await stored();
    const again = await cancel(cancelled);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/called off/);
    const change = await patch(cancelled, { notes: 'Back on?' });
    expect(change.statusCode).toBe(409);
    expect(change.json().message).toMatch(/called off/);
    expect(await stored()).toEqual(before);
  });

  it('refuses a stale view, a missing reason and an unknown event', async () => {
    const event = await createEvent();
    expect((await patch(event, { notes: 'Gates open 17:00.' })).statusCode).toBe(200);
    expect((await cancel(event)).statusCode).toBe(409);
    expect((await cancel(event, '')).statusCode).toBe(400);
    const unknown = await send(
      'POST',
      '/api/v1/planned-events/00000000-0000-4000-8000-00000000000b/cancel',
      {
        expectedUpdatedAt: event.updatedAt,
        reason: 'Rain',
      },
    );
    expect(unknown.statusCode).toBe(404);
  });
});

describe('linking an incident to a planned event', () => {
  async function newIncident(): Promise<Incident> {
    const receipt = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: people.partner,
        payload: buildReport({ title: 'Supporters throwing flares at Globen' }),
      })
    ).json();
    const response = await app.inject({
      url: `/api/v1/incidents/${receipt.incidentId}`,
      headers: dutyOfficer.headers,
    });
    return (response.json() as { incident: Incident }).incident;
  }

  const link = (incident: Incident, plannedEventId: string | null) =>
    send('PATCH', `/api/v1/incidents/${incident.id}`, {
      changes: { plannedEventId },
      expectedUpdatedAt: incident.updatedAt,
    });

  async function incidentJournal(incidentId: string) {
    const { rows } = await app.database.pool.query<{
      data: { incident: Incident; previous?: Record<string, unknown> };
    }>(
      `select data from journal where incident_id = $1 and kind = 'incident.updated' order by seq`,
      [incidentId],
    );
    return rows.map((row) => row.data);
  }

  it('links and unlinks, journalling the link it had before', async () => {
    const event = await createEvent();
    const incident = await newIncident();
    const linked = await link(incident, event.id);
    expect(linked.statusCode, linked.body).toBe(200);
    const linkedIncident: Incident = linked.json();
    expect(linkedIncident.plannedEventId).toBe(event.id);
    expect(linkedIncident.title).toBe(incident.title);

    const unlinked = await link(linkedIncident, null);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    const unlinkedIncident: Incident = unlinked.json();
    expect(unlinkedIncident.plannedEventId).toBeUndefined();

    expect(await incidentJournal(incident.id)).toEqual([
      { incident: linkedIncident, previous: { plannedEventId: null } },
      { incident: unlinkedIncident, previous: { plannedEventId: event.id } },
    ]);
  });

  it('refuses an unknown or called-off event, and keeps the incident as it was', async () => {
    const incident = await newIncident();
    const unknownId = '00000000-0000-4000-8000-00000000000c';
    const unknown = await link(incident, unknownId);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain(unknownId);

    const event = await createEvent({ title: 'Festival in Kungsträdgården' });
    await cancel(event);
    const cancelled = await link(incident, event.id);
    expect(cancelled.statusCode).toBe(400);
    expect(cancelled.json().message).toMatch(/called off/);
    expect(await incidentJournal(incident.id)).toEqual([]);
  });

  it('still changes the other fields as before, leaving the link alone', async () => {
    const event = await createEvent();
    const incident: Incident = (await link(await newIncident(), event.id)).json();
    const response = await send('PATCH', `/api/v1/incidents/${incident.id}`, {
      changes: { severity: 'critical' },
      expectedUpdatedAt: incident.updatedAt,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ severity: 'critical', plannedEventId: event.id });
    expect((await incidentJournal(incident.id)).at(-1)?.previous).toEqual({
      severity: incident.severity,
    });
  });
});

describe('the demo calendar', () => {
  it('holds the coming days of Stockholm, in the city time, with a demo incident linked', async () => {
    const demo = await buildTestApp();
    try {
      await seedDemoUnits(demo);
      const { receipt } = await demo.intake.submit(
        buildReport({ title: 'State visit: motorcade route closures tomorrow' }),
        { actor: 'demo' },
      );
      // A winter Monday at noon in Stockholm (UTC+1).
      const now = new Date('2026-11-23T11:00:00.000Z');
      expect(await seedDemoPlannedEvents(demo, now)).toBe(4);
      const events = await listPlannedEvents(demo.database.db, {
        from: now,
        to: new Date(now.getTime() + 14 * DAY),
        cancelled: false,
      });
      expect(events.map((event) => [event.kind, event.startsAt, event.district?.name])).toEqual([
        ['state_visit', '2026-11-24T08:00:00.000Z', 'Södermalm'],
        ['sports', '2026-11-24T18:00:00.000Z', 'Enskede-Årsta-Vantör'],
        ['demonstration', '2026-11-25T12:00:00.000Z', 'Norra innerstaden'],
        ['festival', '2026-11-26T11:00:00.000Z', 'Norra innerstaden'],
      ]);
      expect(events.every((event) => event.responsibleUnitIds.length > 0)).toBe(true);
      const incident = await findIncident(demo.database.db, receipt.incidentId);
      expect(incident?.plannedEventId).toBe(events[0]?.id);
    } finally {
      await demo.close();
    }
  });
});
