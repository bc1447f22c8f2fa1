import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CreateUnit, Unit } from '@vaka/domain';
import { loadCityFile } from '../../config.ts';
import { listUnitEscalationPolicies } from '@vaka/db';
import { seedDemoUnits } from '../../demo/seed.ts';
import { unitOnCall } from '../schedules/service.ts';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import {
  createTestUser,
  sendAs,
  type SignedIn,
  signIn,
  signInEveryRole,
} from '../../../../../tests/support/accounts.ts';

const DEMO_CITY = new URL('../../../config/demo-city.json', import.meta.url).pathname;

let app: FastifyInstance;
let admin: SignedIn;
let dutyOfficer: SignedIn;
let communicator: SignedIn;
let leadership: SignedIn;
let partner: Record<string, string>;

beforeAll(async () => {
  const demo = loadCityFile(DEMO_CITY);
  // The demo city, using only some categories, so that one it does not use can be tried.
  app = await buildTestApp({
    config: {
      ...demo,
      city: { ...demo.city, categories: ['fire', 'flooding', 'utility_water', 'transport'] },
    },
  });
  ({ admin, dutyOfficer, communicator, leadership, partner } = await signInEveryRole(app));
});
afterAll(() => app.close());

let serial = 0;

/** A unit as an admin would enter it, with a name of its own. */
function buildUnit(overrides: Partial<CreateUnit> = {}): CreateUnit {
  serial += 1;
  return {
    name: `Stockholm Vatten och Avfall ${serial}`,
    description: 'Water mains, sewers and waste collection',
    categories: ['flooding', 'utility_water'],
    districtIds: ['sodermalm', 'kungsholmen'],
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Driftcentralen',
        phone: '+46 8 555 010 00',
        email: 'drift@vatten.example',
        preferredChannel: 'sms',
        language: 'sv',
      },
      {
        name: 'Anna Berg',
        email: 'anna.berg@vatten.example',
        preferredChannel: 'email',
        language: 'en',
      },
    ],
    ...overrides,
  };
}

const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, who = admin) =>
  sendAs(app, who, method, url, body);

const read = (url: string, who: SignedIn = dutyOfficer) =>
  app.inject({ url, headers: who.headers });

async function createUnit(overrides: Partial<CreateUnit> = {}): Promise<Unit> {
  const response = await send('POST', '/api/v1/units', buildUnit(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const patch = (seen: Pick<Unit, 'id' | 'updatedAt'>, changes: Record<string, unknown>) =>
  send('PATCH', `/api/v1/units/${seen.id}`, { changes, expectedUpdatedAt: seen.updatedAt });

/** What is stored: the number of units and of contacts ever kept, and the journal's length. */
async function stored(): Promise<{ units: number; contacts: number; journal: number }> {
  const { rows } = await app.database.pool.query<{
    units: number;
    contacts: number;
    journal: number;
  }>(
    `select (select count(*)::int from units) as units,
            (select count(*)::int from unit_contacts) as contacts,
            (select count(*)::int from journal) as journal`,
  );
  return rows[0]!;
}

/** The journal entries about one unit, oldest first. */
async function journalOf(unitId: string) {
  const { rows } = await app.database.pool.query<{
    kind: string;
    actor: string;
    data: { unit: Unit; previous?: Unit };
  }>(`select kind, actor, data from journal where data -> 'unit' ->> 'id' = $1 order by seq`, [
    unitId,
  ]);
  return rows;
}

describe('creating a unit', () => {
  it('stores it with its contacts, each with an id, and journals it', async () => {
    const unit = await createUnit({ timeZone: 'europe/stockholm' });
    expect(unit).toMatchObject({
      categories: ['flooding', 'utility_water'],
      districtIds: ['sodermalm', 'kungsholmen'],
      timeZone: 'Europe/Stockholm',
      description: 'Water mains, sewers and waste collection',
    });
    expect(unit.archivedAt).toBeUndefined();
    expect(unit.contacts.map((contact) => contact.name)).toEqual(['Driftcentralen', 'Anna Berg']);
    expect(new Set(unit.contacts.map((contact) => contact.id)).size).toBe(2);
    expect((await read(`/api/v1/units/${unit.id}`)).json()).toEqual(unit);

    const entries = await journalOf(unit.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'unit.created', actor: admin.session.user.username });
    expect(entries[0]!.data.unit).toEqual(unit);
  });

  it('takes a unit with no contacts, categories or districts yet', async () => {
    const response = await send('POST', '/api/v1/units', {
      name: 'Polisen samverkan',
      timeZone: 'Europe/Stockholm',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ contacts: [], categories: [], districtIds: [] });
  });

  it.each([
    [
      'a category the city does not use',
      { categories: ['fire', 'public_order'] },
      'public_order is not one Stockholm (demo) uses',
    ],
    ['an unknown district', { districtIds: ['sodermalm', 'atlantis'] }, 'no district atlantis'],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'Europe/Atlantis is not a time zone'],
    [
      'a contact with neither phone nor e-mail',
      { contacts: [{ name: 'Nobody', preferredChannel: 'sms', language: 'sv' }] },
      'contacts[0]: Nobody needs a phone number, an e-mail address or an account',
    ],
    [
      'a contact who prefers SMS without a phone',
      {
        contacts: [
          { name: 'Olle', phone: '+46 70 555 12 34', preferredChannel: 'sms', language: 'sv' },
          { name: 'Eva', email: 'eva@example.org', preferredChannel: 'sms', language: 'sv' },
        ],
      },
      'contacts[1].phone: Eva prefers SMS',
    ],
    [
      'a contact who prefers e-mail without an address',
      {
        contacts: [
          { name: 'Olle', phone: '070-555 12 34', preferredChannel: 'email', language: 'sv' },
        ],
      },
      'contacts[0].email: Olle prefers e-mail',
    ],
    [
      'a phone number with letters',
      {
        contacts: [{ name: 'Olle', phone: 'call me', preferredChannel: 'sms', language: 'sv' }],
      },
      'phone',
    ],
    [
      'a malformed e-mail address',
      {
        contacts: [
          { name: 'Olle', email: 'olle-at-home', preferredChannel: 'email', language: 'sv' },
        ],
      },
      'email',
    ],
    ['a blank name', { name: '   ' }, 'name: give the unit a name'],
    ['an unknown field', { colour: 'red' }, 'colour'],
  ])(
    'refuses %s with a 400 that says so, and stores nothing',
    async (_case, overrides, message) => {
      const before = await stored();
      const response = await send('POST', '/api/v1/units', { ...buildUnit(), ...overrides });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().message).toContain(message);
      expect(await stored()).toEqual(before);
    },
  );

  it('refuses a second unit in use with the same name (409), in any letter case', async () => {
    const unit = await createUnit();
    const before = await stored();
    const response = await send(
      'POST',
      '/api/v1/units',
      buildUnit({ name: unit.name.toUpperCase() }),
    );
    expect(response.statusCode, response.body).toBe(409);
    expect(response.json().message).toContain(`There is already a unit named ${unit.name}`);
    expect(await stored()).toEqual(before);
  });
});

describe('listing and reading units', () => {
  it('lists units in use by name to every role that reads them, archived ones only when asked', async () => {
    const zulu = await createUnit({ name: 'Zulu trafikkontoret' });
    const alpha = await createUnit({ name: 'alpha brandförsvar' });
    const archived = await createUnit({ name: 'Archived contractor' });
    expect((await send('DELETE', `/api/v1/units/${archived.id}`)).statusCode).toBe(200);

    for (const who of [admin, dutyOfficer, communicator, leadership]) {
      const response = await read('/api/v1/units', who);
      expect(response.statusCode, response.body).toBe(200);
      const names = response.json().units.map((unit: Unit) => unit.name);
      expect(names).toContain(zulu.name);
      expect(names.indexOf(alpha.name)).toBeLessThan(names.indexOf(zulu.name));
      expect(names).not.toContain(archived.name);
    }
    const all = (await read('/api/v1/units?archived=true')).json().units as Unit[];
    expect(all.find((unit) => unit.id === archived.id)?.archivedAt).toBeDefined();
    // Still readable by id, for the journal and the escalations that named it.
    expect((await read(`/api/v1/units/${archived.id}`)).json().name).toBe(archived.name);
  });

  it('answers 404 for a unit that does not exist, and 400 for a malformed query', async () => {
    const missing = await read('/api/v1/units/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toContain('There is no unit');
    expect((await read('/api/v1/units?archived=yes')).statusCode).toBe(400);
  });
});

describe('changing a unit', () => {
  it('changes fields and contacts: kept contacts keep their ids, and the journal has both states', async () => {
    const unit = await createUnit();
    const [desk, anna] = unit.contacts as [Unit['contacts'][0], Unit['contacts'][0]];
    const response = await patch(unit, {
      name: `${unit.name} (drift)`,
      description: '',
      districtIds: [],
      contacts: [
        { ...anna, phone: '+46 70 555 98 76', preferredChannel: 'sms' },
        { name: 'Jour Söder', phone: '+46 8 555 020 00', preferredChannel: 'sms', language: 'sv' },
      ],
    });
    expect(response.statusCode, response.body).toBe(200);
    const changed: Unit = response.json();
    expect(changed.name).toBe(`${unit.name} (drift)`);
    expect(changed.description).toBeUndefined();
    expect(changed.districtIds).toEqual([]);
    expect(changed.contacts[0]).toEqual({
      ...anna,
      phone: '+46 70 555 98 76',
      preferredChannel: 'sms',
    });
    expect(changed.contacts[1]?.id).not.toBe(desk.id);
    expect(changed.contacts.map((contact) => contact.id)).not.toContain(desk.id);
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(unit.updatedAt));
    expect((await read(`/api/v1/units/${unit.id}`)).json()).toEqual(changed);

    const entries = await journalOf(unit.id);
    expect(entries.map((entry) => entry.kind)).toEqual(['unit.created', 'unit.changed']);
    expect(entries[1]!.data).toEqual({ unit: changed, previous: unit });
  });

  it('brings back a contact removed by mistake only as a new one', async () => {
    const unit = await createUnit();
    const [desk, anna] = unit.contacts as [Unit['contacts'][0], Unit['contacts'][0]];
    const without = (await patch(unit, { contacts: [anna] })).json() as Unit;
    const before = await stored();
    const response = await patch(without, { contacts: [anna, desk] });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toContain(
      `contacts[1].id: ${desk.id} is not a contact of this unit`,
    );
    expect(await stored()).toEqual(before);
  });

  it('refuses to remove a contact a schedule rotates or a policy names (409), storing nothing', async () => {
    const unit = await createUnit();
    const [desk, anna] = unit.contacts as [Unit['contacts'][0], Unit['contacts'][0]];
    const schedule = await send('POST', `/api/v1/units/${unit.id}/schedules`, {
      name: 'Duty phone',
      layers: [
        {
          participants: [desk.id],
          shift: { kind: 'weekly' },
          handoffTime: '08:00',
          handoffWeekday: 1,
          startsAt: '2026-01-05',
        },
      ],
    });
    expect(schedule.statusCode, schedule.body).toBe(201);
    const policy = await send('POST', `/api/v1/units/${unit.id}/escalation-policies`, {
      name: 'Water emergencies',
      steps: [
        { waitMinutes: 10, requireAll: false, targets: [{ kind: 'contact', contactId: anna.id }] },
      ],
    });
    expect(policy.statusCode, policy.body).toBe(201);
    const before = await stored();

    const withoutDesk = await patch(unit, { contacts: [anna] });
    expect(withoutDesk.statusCode, withoutDesk.body).toBe(409);
    expect(withoutDesk.json().message).toBe(
      'Driftcentralen is in the rotation of the schedule Duty phone: take them out there first',
    );
    const withoutAnna = await patch(unit, { contacts: [desk] });
    expect(withoutAnna.statusCode, withoutAnna.body).toBe(409);
    expect(withoutAnna.json().message).toBe(
      'Anna Berg is a target of the escalation policy Water emergencies: take them out there first',
    );
    expect(await stored()).toEqual(before);
    // Changing a contact that stays is still possible.
    const renamed = await patch(unit, {
      contacts: [{ ...desk, name: 'Driftcentralen dygnet runt' }, anna],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it('refuses a stale view (409) and stores nothing', async () => {
    const unit = await createUnit();
    const first = await patch(unit, { categories: ['flooding'] });
    expect(first.statusCode, first.body).toBe(200);
    const before = await stored();
    const stale = await patch(unit, { timeZone: 'Europe/Helsinki' });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().message).toContain('after you loaded it');
    expect(await stored()).toEqual(before);
    expect((await read(`/api/v1/units/${unit.id}`)).json().timeZone).toBe('Europe/Stockholm');
  });

  it.each([
    [
      'a change to nothing new',
      (unit: Unit) => ({ categories: unit.categories }),
      400,
      'Nothing to change',
    ],
    ['an unknown district', () => ({ districtIds: ['atlantis'] }), 400, 'no district atlantis'],
    ['an unknown time zone', () => ({ timeZone: 'Mars/Olympus' }), 400, 'not a time zone'],
    ['a category the city does not use', () => ({ categories: ['health'] }), 400, 'health'],
    ['an empty change', () => ({}), 400, ''],
    [
      'a contact listed twice',
      (unit: Unit) => ({ contacts: [unit.contacts[0], unit.contacts[0]] }),
      400,
      'listed twice',
    ],
  ])('refuses %s and stores nothing', async (_case, changes, status, message) => {
    const unit = await createUnit();
    const before = await stored();
    const response = await patch(unit, changes(unit));
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().message).toContain(message);
    expect(await stored()).toEqual(before);
  });

  it("refuses another unit's contact id, and a name another unit uses", async () => {
    const unit = await createUnit();
    const other = await createUnit();
    const before = await stored();
    const stolen = await patch(unit, { contacts: [other.contacts[0]] });
    expect(stolen.statusCode, stolen.body).toBe(400);
    const taken = await patch(unit, { name: other.name });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(await stored()).toEqual(before);
    expect((await read(`/api/v1/units/${other.id}`)).json()).toEqual(other);
  });

  it('answers 404 for a unit that does not exist', async () => {
    const response = await patch(
      { id: '00000000-0000-4000-8000-000000000000', updatedAt: new Date().toISOString() },
      { name: 'Ghost' },
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('archiving a unit', () => {
  it('archives it once, journals it, frees its name, and refuses changes afterwards', async () => {
    const unit = await createUnit();
    const response = await send('DELETE', `/api/v1/units/${unit.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const archived: Unit = response.json();
    expect(archived.archivedAt).toBeDefined();
    expect(archived.contacts).toEqual(unit.contacts);

    const before = await stored();
    const again = await send('DELETE', `/api/v1/units/${unit.id}`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('was archived at');
    const change = await patch(archived, { name: 'Revived' });
    expect(change.statusCode).toBe(409);
    expect(await stored()).toEqual(before);

    expect((await journalOf(unit.id)).map((entry) => entry.kind)).toEqual([
      'unit.created',
      'unit.archived',
    ]);
    // A new unit may take the archived one's name.
    await createUnit({ name: unit.name });
  });

  it('refuses while the unit has a schedule in use, naming it', async () => {
    const unit = await createUnit();
    const schedule = await send('POST', `/api/v1/units/${unit.id}/schedules`, {
      name: 'Dagjour',
      layers: [
        {
          participants: [unit.contacts[0]!.id],
          shift: { kind: 'daily' },
          handoffTime: '08:00',
          startsAt: '2026-01-05',
        },
      ],
    });
    expect(schedule.statusCode, schedule.body).toBe(201);
    const before = await stored();
    const response = await send('DELETE', `/api/v1/units/${unit.id}`);
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe(
      `The unit ${unit.name} still has the schedule Dagjour in use: archive them first`,
    );
    expect(await stored()).toEqual(before);
  });

  it('answers 404 for a unit that does not exist', async () => {
    const response = await send('DELETE', '/api/v1/units/00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
  });
});

describe('who may do what', () => {
  it('lets only admins create, change and archive; others get 403, anonymous callers 401', async () => {
    const unit = await createUnit();
    const before = await stored();
    for (const who of [dutyOfficer, communicator, leadership]) {
      expect((await send('POST', '/api/v1/units', buildUnit(), who)).statusCode).toBe(403);
      const change = await send(
        'PATCH',
        `/api/v1/units/${unit.id}`,
        { changes: { name: 'Mine now' }, expectedUpdatedAt: unit.updatedAt },
        who,
      );
      expect(change.statusCode).toBe(403);
      expect((await send('DELETE', `/api/v1/units/${unit.id}`, undefined, who)).statusCode).toBe(
        403,
      );
    }
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(buildUnit()),
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/units' })).statusCode).toBe(401);
    const byKey = await app.inject({
      method: 'POST',
      url: '/api/v1/units',
      headers: { ...partner, 'content-type': 'application/json' },
      payload: JSON.stringify(buildUnit()),
    });
    expect(byKey.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/units', headers: partner })).statusCode).toBe(403);
    expect(await stored()).toEqual(before);
  });
});

describe('the demo units', () => {
  it('are seeded once, journalled, each reachable by its preferred channel', async () => {
    const demo = await buildTestApp();
    try {
      expect(await seedDemoUnits(demo)).toBe(4);
      expect(await seedDemoUnits(demo)).toBe(0);
      const units = await demo.inject({
        url: '/api/v1/units',
        headers: (
          await signIn(demo, (await createTestUser(demo.database, ['duty_officer'])).username)
        ).headers,
      });
      const names = (units.json().units as Unit[]).map((unit) => unit.name);
      expect(names).toEqual([
        'Polisen samverkan',
        'Stockholm Vatten och Avfall',
        'Storstockholms brandförsvar',
        'Trafikkontoret',
      ]);
      const { rows } = await demo.database.pool.query<{ n: number }>(
        "select count(*)::int as n from journal where kind = 'unit.created'",
      );
      expect(rows[0]?.n).toBe(4);
      // Each can be escalated to at once: someone is on call, and a policy asks them.
      const now = new Date('2026-11-22T03:00:00Z');
      for (const unit of units.json().units as Unit[]) {
        const onCall = await unitOnCall(demo.database, unit.id, {}, now);
        expect(onCall.schedules.map((schedule) => schedule.now?.contactId)).toEqual([
          expect.any(String),
        ]);
        const policies = await listUnitEscalationPolicies(demo.database.db, unit.id);
        expect(policies.map((policy) => [policy.name, policy.steps.length])).toEqual([
          ['Standard', 2],
        ]);
      }
    } finally {
      await demo.close();
    }
  });
});
