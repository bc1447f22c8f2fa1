import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CreateUnitSchedule, ScheduleLayer, Unit, UnitSchedule } from '@vaka/domain';
import { unitOnCall } from './service.ts';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { sendAs, type SignedIn, signInEveryRole } from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;
let admin: SignedIn;
let dutyOfficer: SignedIn;
let communicator: SignedIn;
let leadership: SignedIn;
let partner: Record<string, string>;

beforeAll(async () => {
  app = await buildTestApp();
  ({ admin, dutyOfficer, communicator, leadership, partner } = await signInEveryRole(app));
});
afterAll(() => app.close());

const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, who = admin) =>
  sendAs(app, who, method, url, body);

const read = (url: string, who: SignedIn = dutyOfficer) =>
  app.inject({ url, headers: who.headers });

let serial = 0;

/** A unit in Stockholm with two contacts, Anna and Björn. */
async function createUnit(): Promise<Unit> {
  serial += 1;
  const response = await send('POST', '/api/v1/units', {
    name: `Trafikkontoret ${serial}`,
    timeZone: 'Europe/Stockholm',
    contacts: [
      { name: 'Anna', phone: '+46 70 555 01 01', preferredChannel: 'sms', language: 'sv' },
      { name: 'Björn', email: 'bjorn@trafik.example', preferredChannel: 'email', language: 'sv' },
    ],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const contactIds = (unit: Unit) => unit.contacts.map((contact) => contact.id);

/** Anna and Björn take turns a day each, handing over at 08:00 local from Monday 5 January 2026. */
function dailyRotation(unit: Unit, overrides: Partial<ScheduleLayer> = {}): ScheduleLayer {
  return {
    participants: contactIds(unit),
    shift: { kind: 'daily' },
    handoffTime: '08:00',
    startsAt: '2026-01-05',
    ...overrides,
  };
}

async function createSchedule(
  unit: Unit,
  request: Partial<CreateUnitSchedule> = {},
): Promise<UnitSchedule> {
  const response = await send('POST', `/api/v1/units/${unit.id}/schedules`, {
    name: 'Primary',
    layers: [dailyRotation(unit)],
    ...request,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** What is stored: schedules, overrides in force, and the journal's length. */
async function stored(): Promise<{ schedules: number; overrides: number; journal: number }> {
  const { rows } = await app.database.pool.query<{
    schedules: number;
    overrides: number;
    journal: number;
  }>(
    `select (select count(*)::int from schedules) as schedules,
            (select count(*)::int from schedule_overrides where removed_at is null) as overrides,
            (select count(*)::int from journal) as journal`,
  );
  return rows[0]!;
}

/** The journal entries about one schedule, oldest first. */
async function journalOf(scheduleId: string) {
  const { rows } = await app.database.pool.query<{
    kind: string;
    actor: string;
    data: { schedule: UnitSchedule; previous?: UnitSchedule; override?: { id: string } };
  }>(`select kind, actor, data from journal where data -> 'schedule' ->> 'id' = $1 order by seq`, [
    scheduleId,
  ]);
  return rows;
}

describe('creating and changing a schedule', () => {
  it("stores it in the unit's time zone, lists it with the unit, and journals it", async () => {
    const unit = await createUnit();
    const schedule = await createSchedule(unit);
    expect(schedule).toMatchObject({
      unitId: unit.id,
      name: 'Primary',
      schedule: { timeZone: 'Europe/Stockholm', layers: [dailyRotation(unit)], overrides: [] },
    });
    expect((await read(`/api/v1/schedules/${schedule.id}`)).json()).toEqual(schedule);
    expect((await read(`/api/v1/units/${unit.id}/schedules`, communicator)).json()).toEqual({
      schedules: [schedule],
    });
    const entries = await journalOf(schedule.id);
    expect(entries.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['schedule.created', admin.session.user.username],
    ]);
    expect(entries[0]!.data.schedule).toEqual(schedule);
  });

  it.each([
    [
      'a participant who is not a contact of the unit',
      (unit: Unit) => ({
        layers: [dailyRotation(unit, { participants: ['00000000-0000-4000-8000-000000000001'] })],
      }),
      'layers[0].participants[0]: 00000000-0000-4000-8000-000000000001 is not a contact',
    ],
    ['an unknown time zone', () => ({ timeZone: 'Mars/Olympus' }), 'Mars/Olympus is not a time'],
    ['a blank name', () => ({ name: '   ' }), 'give the schedule a name'],
    [
      'a malformed hand-off time',
      (unit: Unit) => ({ layers: [dailyRotation(unit, { handoffTime: '25:00' })] }),
      'handoffTime',
    ],
  ])('refuses %s (400) and stores nothing', async (_case, request, message) => {
    const unit = await createUnit();
    const before = await stored();
    const response = await send('POST', `/api/v1/units/${unit.id}/schedules`, {
      name: 'Primary',
      layers: [dailyRotation(unit)],
      ...request(unit),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toContain(message);
    expect(await stored()).toEqual(before);
  });

  it("refuses another unit's contact as a participant", async () => {
    const unit = await createUnit();
    const other = await createUnit();
    const response = await send('POST', `/api/v1/units/${unit.id}/schedules`, {
      name: 'Primary',
      layers: [dailyRotation(other)],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain(other.contacts[0]!.id);
  });

  it('changes the rotations with the view it was loaded in, and refuses a stale view (409)', async () => {
    const unit = await createUnit();
    const schedule = await createSchedule(unit);
    const changed = await send('PATCH', `/api/v1/schedules/${schedule.id}`, {
      changes: { name: 'Nights', layers: [dailyRotation(unit, { handoffTime: '20:00' })] },
      expectedUpdatedAt: schedule.updatedAt,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().schedule.layers[0].handoffTime).toBe('20:00');

    const before = await stored();
    const stale = await send('PATCH', `/api/v1/schedules/${schedule.id}`, {
      changes: { name: 'Days' },
      expectedUpdatedAt: schedule.updatedAt,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().message).toContain('after you loaded it');
    expect(await stored()).toEqual(before);
    expect((await read(`/api/v1/schedules/${schedule.id}`)).json().name).toBe('Nights');

    const entries = await journalOf(schedule.id);
    expect(entries.map((entry) => entry.kind)).toEqual(['schedule.created', 'schedule.changed']);
    expect(entries[1]!.data.previous).toEqual(schedule);
  });

  it('refuses a change to nothing new, and a stranger as participant, storing nothing', async () => {
    const unit = await createUnit();
    const schedule = await createSchedule(unit);
    const before = await stored();
    const same = await send('PATCH', `/api/v1/schedules/${schedule.id}`, {
      changes: { name: 'Primary' },
      expectedUpdatedAt: schedule.updatedAt,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().message).toContain('Nothing to change');
    const stranger = await send('PATCH', `/api/v1/schedules/${schedule.id}`, {
      changes: {
        layers: [dailyRotation(unit, { participants: ['00000000-0000-4000-8000-000000000002'] })],
      },
      expectedUpdatedAt: schedule.updatedAt,
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().message).toContain('00000000-0000-4000-8000-000000000002');
    expect(await stored()).toEqual(before);
  });

  it('archives a schedule once; it leaves the list and refuses changes and overrides', async () => {
    const unit = await createUnit();
    const schedule = await createSchedule(unit);
    const archived = await send('DELETE', `/api/v1/schedules/${schedule.id}`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().archivedAt).toBeDefined();
    expect((await read(`/api/v1/units/${unit.id}/schedules`)).json().schedules).toEqual([]);

    const before = await stored();
    expect((await send('DELETE', `/api/v1/schedules/${schedule.id}`)).statusCode).toBe(409);
    const change = await send('PATCH', `/api/v1/schedules/${schedule.id}`, {
      changes: { name: 'Again' },
      expectedUpdatedAt: archived.json().updatedAt,
    });
    expect(change.statusCode).toBe(409);
    const override = await send('POST', `/api/v1/schedules/${schedule.id}/overrides`, {
      contactId: unit.contacts[0]!.id,
      from: '2026-01-09T17:00:00Z',
      to: '2026-01-10T07:00:00Z',
    });
    expect(override.statusCode).toBe(409);
    expect(await stored()).toEqual(before);
  });

  it('refuses to archive a schedule an escalation policy reaches people through', async () => {
    const unit = await createUnit();
    const schedule = await createSchedule(unit);
    const policy = await send('POST', `/api/v1/units/${unit.id}/escalation-policies`, {
      name: 'Nights',
      steps: [
        {
          waitMinutes: 10,
          requireAll: false,
          targets: [{ kind: 'schedule', scheduleId: schedule.id }],
        },
      ],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const before = await stored();
    const archived = await send('DELETE', `/api/v1/schedules/${schedule.id}`);
    expect(archived.statusCode).toBe(409);
    expect(archived.json().message).toBe(
      'The escalation policy Nights reach people through the schedule Primary: take it out there first',
    );
    expect(await stored()).toEqual(before);
    // Once the policy is archived, so may the schedule be.
    expect(
      (await send('DELETE', `/api/v1/escalation-policies/${policy.json().id}`)).statusCode,
    ).toBe(200);
    expect((await send('DELETE', `/api/v1/schedules/${schedule.id}`)).statusCode).toBe(200);
  });

  it('refuses a start date that is not in the calendar, storing nothing', async () => {
    const unit = await createUnit();
    const before = await stored();
    const response = await send('POST', `/api/v1/units/${unit.id}/schedules`, {
      name: 'Primary',
      layers: [dailyRotation(unit, { startsAt: '2026-02-31' })],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toContain('body/layers/0/startsAt must match format "date"');
    expect(await stored()).toEqual(before);
  });

  it('answers 404 for a unit or schedule that does not exist', async () => {
    const nowhere = '00000000-0000-4000-8000-00000000dead';
    expect((await read(`/api/v1/units/${nowhere}/schedules`)).statusCode).toBe(404);
    expect((await read(`/api/v1/units/${nowhere}/on-call`)).statusCode).toBe(404);
    expect((await read(`/api/v1/schedules/${nowhere}`)).statusCode).toBe(404);
    const response = await send('POST', `/api/v1/units/${nowhere}/schedules`, {
      name: 'Primary',
      layers: [],
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('overrides', () => {
  it('are added by the duty officer, win over the rotation, and are removed by id', async () => {
    const unit = await createUnit();
    const [anna, bjorn] = contactIds(unit) as [string, string];
    const schedule = await createSchedule(unit);
    // Björn takes Monday evening, 18:00 to midnight local, from Anna.
    const added = await send(
      'POST',
      `/api/v1/schedules/${schedule.id}/overrides`,
      { contactId: bjorn, from: '2026-01-05T17:00:00Z', to: '2026-01-05T23:00:00Z', note: 'swap' },
      dutyOfficer,
    );
    expect(added.statusCode, added.body).toBe(201);
    const withOverride: UnitSchedule = added.json();
    expect(withOverride.updatedAt).toBe(schedule.updatedAt);
    const override = withOverride.schedule.overrides[0]!;
    expect(override).toMatchObject({
      contactId: bjorn,
      from: '2026-01-05T17:00:00.000Z',
      to: '2026-01-05T23:00:00.000Z',
      note: 'swap',
      createdBy: dutyOfficer.session.user.username,
    });

    const onCall = await read(
      `/api/v1/units/${unit.id}/on-call?from=2026-01-05T07:00:00Z&to=2026-01-06T07:00:00Z`,
    );
    expect(onCall.statusCode, onCall.body).toBe(200);
    expect(onCall.json().schedules[0].shifts).toEqual([
      {
        contactId: anna,
        from: '2026-01-05T07:00:00.000Z',
        to: '2026-01-05T17:00:00.000Z',
        source: 'layer',
        layer: 0,
      },
      {
        contactId: bjorn,
        from: '2026-01-05T17:00:00.000Z',
        to: '2026-01-05T23:00:00.000Z',
        source: 'override',
      },
      {
        contactId: anna,
        from: '2026-01-05T23:00:00.000Z',
        to: '2026-01-06T07:00:00.000Z',
        source: 'layer',
        layer: 0,
      },
    ]);

    const removed = await send(
      'DELETE',
      `/api/v1/schedules/${schedule.id}/overrides/${override.id}`,
      undefined,
      admin,
    );
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().schedule.overrides).toEqual([]);
    const before = await stored();
    const again = await send('DELETE', `/api/v1/schedules/${schedule.id}/overrides/${override.id}`);
    expect(again.statusCode).toBe(404);
    expect(await stored()).toEqual(before);

    const entries = await journalOf(schedule.id);
    expect(entries.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['schedule.created', admin.session.user.username],
      ['schedule.override_added', dutyOfficer.session.user.username],
      ['schedule.override_removed', admin.session.user.username],
    ]);
    expect(entries[2]!.data.override).toEqual(override);
  });

  it.each([
    [
      'an override that ends before it begins',
      (unit: Unit) => ({
        contactId: unit.contacts[0]!.id,
        from: '2026-01-05T23:00:00Z',
        to: '2026-01-05T17:00:00Z',
      }),
      'not after it begins',
    ],
    [
      'an override for someone who is not a contact of the unit',
      () => ({
        contactId: '00000000-0000-4000-8000-000000000003',
        from: '2026-01-05T17:00:00Z',
        to: '2026-01-05T23:00:00Z',
      }),
      'contactId: 00000000-0000-4000-8000-000000000003 is not a contact',
    ],
  ])('refuses %s (400) and stores nothing', async (_case, request, message) => {
    const unit = await createUnit();
    const schedule = await createSchedule(unit);
    const before = await stored();
    const response = await send(
      'POST',
      `/api/v1/schedules/${schedule.id}/overrides`,
      request(unit),
      dutyOfficer,
    );
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toContain(message);
    expect(await stored()).toEqual(before);
  });
});

describe('who is on call', () => {
  it('answers the daily rotation with exact instants, and who is on call now and next', async () => {
    const unit = await createUnit();
    const [anna, bjorn] = contactIds(unit) as [string, string];
    const schedule = await createSchedule(unit);
    // Monday 5 January 2026, 13:00 in Stockholm.
    const answer = await unitOnCall(
      app.database,
      unit.id,
      { from: '2026-01-05T00:00:00Z', to: '2026-01-07T12:00:00Z' },
      new Date('2026-01-05T12:00:00Z'),
    );
    const [only] = answer.schedules;
    expect(only).toMatchObject({ scheduleId: schedule.id, timeZone: 'Europe/Stockholm' });
    expect(only!.shifts.map((shift) => [shift.contactId, shift.from, shift.to])).toEqual([
      [anna, '2026-01-05T07:00:00.000Z', '2026-01-06T07:00:00.000Z'],
      [bjorn, '2026-01-06T07:00:00.000Z', '2026-01-07T07:00:00.000Z'],
      [anna, '2026-01-07T07:00:00.000Z', '2026-01-07T12:00:00.000Z'],
    ]);
    expect(only!.now).toMatchObject({
      contactId: anna,
      from: '2026-01-05T07:00:00.000Z',
      to: '2026-01-06T07:00:00.000Z',
    });
    expect(only!.next).toMatchObject({
      contactId: bjorn,
      from: '2026-01-06T07:00:00.000Z',
      to: '2026-01-07T07:00:00.000Z',
    });
    expect(only!.gaps).toEqual([]);
    expect(answer.gaps).toEqual([]);
  });

  it('warns of the nights nobody is on call in the next 24 hours, and of a unit with no schedule', async () => {
    const unit = await createUnit();
    await createSchedule(unit, {
      layers: [
        dailyRotation(unit, {
          restrictions: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '08:00', endTime: '20:00' }],
        }),
      ],
    });
    const now = new Date('2026-01-05T12:00:00Z');
    const night = [{ from: '2026-01-05T19:00:00.000Z', to: '2026-01-06T07:00:00.000Z' }];
    const answer = await unitOnCall(app.database, unit.id, {}, now);
    expect(answer.schedules[0]!.gaps).toEqual(night);
    expect(answer.gaps).toEqual(night);
    expect(answer).toMatchObject({
      from: '2026-01-05T12:00:00.000Z',
      to: '2026-01-19T12:00:00.000Z',
    });

    // A second schedule that covers the night leaves the unit itself without a gap.
    await createSchedule(unit, {
      name: 'Nights',
      layers: [
        dailyRotation(unit, {
          restrictions: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '20:00', endTime: '08:00' }],
        }),
      ],
    });
    const covered = await unitOnCall(app.database, unit.id, {}, now);
    expect(covered.gaps).toEqual([]);

    const bare = await createUnit();
    expect((await unitOnCall(app.database, bare.id, {}, now)).gaps).toEqual([
      { from: '2026-01-05T12:00:00.000Z', to: '2026-01-06T12:00:00.000Z' },
    ]);
  });

  it('refuses a range longer than 31 days, or one that ends before it begins', async () => {
    const unit = await createUnit();
    const long = await read(
      `/api/v1/units/${unit.id}/on-call?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:01Z`,
    );
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('31 days');
    const backwards = await read(
      `/api/v1/units/${unit.id}/on-call?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`,
    );
    expect(backwards.statusCode).toBe(400);
    const fine = await read(`/api/v1/units/${unit.id}/on-call`, leadership);
    expect(fine.statusCode, fine.body).toBe(200);
  });
});

describe('who may do what', () => {
  it('lets admins keep schedules, duty officers and admins enter overrides; others 403, anonymous 401', async () => {
    const unit = await createUnit();
    const schedule = await createSchedule(unit);
    const before = await stored();
    for (const who of [dutyOfficer, communicator, leadership]) {
      const create = await send(
        'POST',
        `/api/v1/units/${unit.id}/schedules`,
        { name: 'Mine', layers: [] },
        who,
      );
      expect(create.statusCode).toBe(403);
      const change = await send(
        'PATCH',
        `/api/v1/schedules/${schedule.id}`,
        { changes: { name: 'Mine' }, expectedUpdatedAt: schedule.updatedAt },
        who,
      );
      expect(change.statusCode).toBe(403);
      expect(
        (await send('DELETE', `/api/v1/schedules/${schedule.id}`, undefined, who)).statusCode,
      ).toBe(403);
    }
    const override = {
      contactId: unit.contacts[0]!.id,
      from: '2026-01-09T17:00:00Z',
      to: '2026-01-10T07:00:00Z',
    };
    for (const who of [communicator, leadership]) {
      const response = await send(
        'POST',
        `/api/v1/schedules/${schedule.id}/overrides`,
        override,
        who,
      );
      expect(response.statusCode).toBe(403);
    }
    const byKey = await app.inject({
      method: 'POST',
      url: `/api/v1/schedules/${schedule.id}/overrides`,
      headers: { ...partner, 'content-type': 'application/json' },
      payload: JSON.stringify(override),
    });
    expect(byKey.statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/v1/schedules/${schedule.id}/overrides`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(override),
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await app.inject({ url: `/api/v1/units/${unit.id}/on-call` })).statusCode).toBe(401);
    expect(await stored()).toEqual(before);

    for (const who of [communicator, leadership, admin]) {
      expect((await read(`/api/v1/units/${unit.id}/on-call`, who)).statusCode).toBe(200);
    }
    const byAdmin = await send('POST', `/api/v1/schedules/${schedule.id}/overrides`, override);
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
  });
});
