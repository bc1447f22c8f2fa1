import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type {
  CreateEscalationPolicy,
  EscalationPolicy,
  EscalationStep,
  Unit,
  UnitSchedule,
} from '@vaka/domain';
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

/** A unit with two contacts, Anna and Björn, and a schedule in which they take turns. */
async function createUnit(): Promise<{ unit: Unit; schedule: UnitSchedule }> {
  serial += 1;
  const created = await send('POST', '/api/v1/units', {
    name: `Räddningstjänsten ${serial}`,
    timeZone: 'Europe/Stockholm',
    contacts: [
      { name: 'Anna', phone: '+46 70 555 01 01', preferredChannel: 'sms', language: 'sv' },
      { name: 'Björn', email: 'bjorn@rtj.example', preferredChannel: 'email', language: 'sv' },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  const unit: Unit = created.json();
  const schedule = await send('POST', `/api/v1/units/${unit.id}/schedules`, {
    name: 'Primary',
    layers: [
      {
        participants: unit.contacts.map((contact) => contact.id),
        shift: { kind: 'daily' },
        handoffTime: '08:00',
        startsAt: '2026-01-05',
      },
    ],
  });
  expect(schedule.statusCode, schedule.body).toBe(201);
  return { unit, schedule: schedule.json() };
}

/** Whoever is on call first, with Anna alongside until both have acknowledged; then Björn. */
function twoSteps(unit: Unit, schedule: UnitSchedule): EscalationStep[] {
  return [
    {
      waitMinutes: 5,
      requireAll: true,
      targets: [
        { kind: 'schedule', scheduleId: schedule.id },
        { kind: 'contact', contactId: unit.contacts[0]!.id },
      ],
    },
    {
      waitMinutes: 15,
      requireAll: false,
      targets: [{ kind: 'contact', contactId: unit.contacts[1]!.id }],
    },
  ];
}

async function createPolicy(
  unit: Unit,
  schedule: UnitSchedule,
  request: Partial<CreateEscalationPolicy> = {},
): Promise<EscalationPolicy> {
  const response = await send('POST', `/api/v1/units/${unit.id}/escalation-policies`, {
    name: 'Fire',
    repeat: 2,
    steps: twoSteps(unit, schedule),
    ...request,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** What is stored: escalation policies (archived ones apart) and the journal's length. */
async function stored(): Promise<{ policies: number; archived: number; journal: number }> {
  const { rows } = await app.database.pool.query<{
    policies: number;
    archived: number;
    journal: number;
  }>(
    `select (select count(*)::int from escalation_policies) as policies,
            (select count(*)::int from escalation_policies where archived_at is not null) as archived,
            (select count(*)::int from journal) as journal`,
  );
  return rows[0]!;
}

/** The journal entries about one policy, oldest first. */
async function journalOf(policyId: string) {
  const { rows } = await app.database.pool.query<{
    kind: string;
    actor: string;
    data: { policy: EscalationPolicy; previous?: EscalationPolicy };
  }>(`select kind, actor, data from journal where data -> 'policy' ->> 'id' = $1 order by seq`, [
    policyId,
  ]);
  return rows;
}

const stranger = '00000000-0000-4000-8000-000000000001';

describe('creating and changing an escalation policy', () => {
  it('stores its steps in order, lists it with the unit, and journals it', async () => {
    const { unit, schedule } = await createUnit();
    const policy = await createPolicy(unit, schedule, { name: '  Fire  ' });
    expect(policy).toMatchObject({
      unitId: unit.id,
      name: 'Fire',
      repeat: 2,
      steps: twoSteps(unit, schedule),
    });
    expect(policy.archivedAt).toBeUndefined();
    expect((await read(`/api/v1/escalation-policies/${policy.id}`)).json()).toEqual(policy);
    expect(
      (await read(`/api/v1/units/${unit.id}/escalation-policies`, communicator)).json(),
    ).toEqual({ policies: [policy] });
    const entries = await journalOf(policy.id);
    expect(entries.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['escalation_policy.created', admin.session.user.username],
    ]);
    expect(entries[0]!.data.policy).toEqual(policy);
  });

  it('runs once when no repeat is given', async () => {
    const { unit, schedule } = await createUnit();
    const response = await send('POST', `/api/v1/units/${unit.id}/escalation-policies`, {
      name: 'Water',
      steps: twoSteps(unit, schedule),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().repeat).toBe(0);
  });

  it.each([
    [
      'a contact who is not a contact of the unit',
      (unit: Unit, schedule: UnitSchedule) => ({
        steps: [
          twoSteps(unit, schedule)[0]!,
          {
            waitMinutes: 5,
            requireAll: false,
            targets: [{ kind: 'contact', contactId: stranger }],
          },
        ],
      }),
      `steps[1].targets[0]: ${stranger} is not a contact`,
    ],
    [
      'a schedule that does not exist',
      () => ({
        steps: [
          {
            waitMinutes: 5,
            requireAll: false,
            targets: [{ kind: 'schedule', scheduleId: stranger }],
          },
        ],
      }),
      `steps[0].targets[0]: ${stranger} is not a schedule`,
    ],
    [
      'a target named twice in a step',
      (unit: Unit) => ({
        steps: [
          {
            waitMinutes: 5,
            requireAll: true,
            targets: [
              { kind: 'contact', contactId: unit.contacts[1]!.id },
              { kind: 'contact', contactId: unit.contacts[1]!.id },
            ],
          },
        ],
      }),
      'steps[0].targets[1]: the step already names this contact',
    ],
    ['a blank name', () => ({ name: '   ' }), 'give the escalation policy a name'],
    ['no steps', () => ({ steps: [] }), 'steps'],
    ['a repeat above 9', () => ({ repeat: 10 }), 'repeat'],
    [
      'a wait of no time',
      (unit: Unit, schedule: UnitSchedule) => ({
        steps: [{ ...twoSteps(unit, schedule)[0]!, waitMinutes: 0 }],
      }),
      'waitMinutes',
    ],
    [
      'a step without targets',
      () => ({ steps: [{ waitMinutes: 5, requireAll: false, targets: [] }] }),
      'targets',
    ],
  ])('refuses %s (400) and stores nothing', async (_case, request, message) => {
    const { unit, schedule } = await createUnit();
    const before = await stored();
    const response = await send('POST', `/api/v1/units/${unit.id}/escalation-policies`, {
      name: 'Fire',
      steps: twoSteps(unit, schedule),
      ...request(unit, schedule),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toContain(message);
    expect(await stored()).toEqual(before);
  });

  it("refuses another unit's contact or schedule, and an archived schedule", async () => {
    const { unit, schedule } = await createUnit();
    const other = await createUnit();
    const before = await stored();
    const foreign = await send('POST', `/api/v1/units/${unit.id}/escalation-policies`, {
      name: 'Fire',
      steps: twoSteps(other.unit, other.schedule),
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().message).toContain(`steps[0].targets[0]: ${other.schedule.id}`);

    expect((await send('DELETE', `/api/v1/schedules/${schedule.id}`)).statusCode).toBe(200);
    const afterArchiving = await stored();
    expect(afterArchiving.journal).toBe(before.journal + 1);
    const archived = await send('POST', `/api/v1/units/${unit.id}/escalation-policies`, {
      name: 'Fire',
      steps: twoSteps(unit, schedule),
    });
    expect(archived.statusCode).toBe(400);
    expect(archived.json().message).toContain(
      'steps[0].targets[0]: the schedule Primary was archived',
    );
    expect(await stored()).toEqual(afterArchiving);
  });

  it('changes the steps with the view it was loaded in, and refuses a stale view (409)', async () => {
    const { unit, schedule } = await createUnit();
    const policy = await createPolicy(unit, schedule);
    const reordered = [...twoSteps(unit, schedule)].reverse();
    const changed = await send('PATCH', `/api/v1/escalation-policies/${policy.id}`, {
      changes: { name: 'Fire at night', repeat: 0, steps: reordered },
      expectedUpdatedAt: policy.updatedAt,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Fire at night', repeat: 0, steps: reordered });

    const before = await stored();
    const stale = await send('PATCH', `/api/v1/escalation-policies/${policy.id}`, {
      changes: { name: 'Fire by day' },
      expectedUpdatedAt: policy.updatedAt,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().message).toContain('after you loaded it');
    expect(await stored()).toEqual(before);
    expect((await read(`/api/v1/escalation-policies/${policy.id}`)).json().name).toBe(
      'Fire at night',
    );

    const entries = await journalOf(policy.id);
    expect(entries.map((entry) => entry.kind)).toEqual([
      'escalation_policy.created',
      'escalation_policy.changed',
    ]);
    expect(entries[1]!.data.previous).toEqual(policy);
    expect(entries[1]!.data.policy).toEqual(changed.json());
  });

  it('refuses a change to nothing new, and a stranger as target, storing nothing', async () => {
    const { unit, schedule } = await createUnit();
    const policy = await createPolicy(unit, schedule);
    const before = await stored();
    const same = await send('PATCH', `/api/v1/escalation-policies/${policy.id}`, {
      changes: { name: 'Fire', repeat: 2 },
      expectedUpdatedAt: policy.updatedAt,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().message).toContain('Nothing to change');
    const strangerTarget = await send('PATCH', `/api/v1/escalation-policies/${policy.id}`, {
      changes: {
        steps: [
          {
            waitMinutes: 5,
            requireAll: false,
            targets: [{ kind: 'contact', contactId: stranger }],
          },
        ],
      },
      expectedUpdatedAt: policy.updatedAt,
    });
    expect(strangerTarget.statusCode).toBe(400);
    expect(strangerTarget.json().message).toContain(`steps[0].targets[0]: ${stranger}`);
    expect(await stored()).toEqual(before);
  });

  it('archives a policy once; it leaves the list and refuses changes', async () => {
    const { unit, schedule } = await createUnit();
    const policy = await createPolicy(unit, schedule);
    const archived = await send('DELETE', `/api/v1/escalation-policies/${policy.id}`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().archivedAt).toBeDefined();
    expect((await read(`/api/v1/units/${unit.id}/escalation-policies`)).json().policies).toEqual(
      [],
    );
    expect((await read(`/api/v1/escalation-policies/${policy.id}`)).json()).toEqual(
      archived.json(),
    );

    const before = await stored();
    const again = await send('DELETE', `/api/v1/escalation-policies/${policy.id}`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('was archived');
    const change = await send('PATCH', `/api/v1/escalation-policies/${policy.id}`, {
      changes: { name: 'Again' },
      expectedUpdatedAt: archived.json().updatedAt,
    });
    expect(change.statusCode).toBe(409);
    expect(await stored()).toEqual(before);
    expect((await journalOf(policy.id)).map((entry) => entry.kind)).toEqual([
      'escalation_policy.created',
      'escalation_policy.archived',
    ]);
  });

  it('keeps a unit with policies in use from being archived, and refuses new ones after (409)', async () => {
    const { unit, schedule } = await createUnit();
    const policy = await createPolicy(unit, schedule);
    const refused = await send('DELETE', `/api/v1/units/${unit.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain(`the escalation policy ${policy.name}`);

    expect((await send('DELETE', `/api/v1/escalation-policies/${policy.id}`)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/v1/schedules/${schedule.id}`)).statusCode).toBe(200);
    expect((await send('DELETE', `/api/v1/units/${unit.id}`)).statusCode).toBe(200);
    const before = await stored();
    const create = await send('POST', `/api/v1/units/${unit.id}/escalation-policies`, {
      name: 'Late',
      steps: twoSteps(unit, schedule),
    });
    expect(create.statusCode, create.body).toBe(409);
    expect(create.json().message).toContain('was archived');
    expect(await stored()).toEqual(before);
  });

  it('answers 404 for a unit or policy that does not exist', async () => {
    const { unit, schedule } = await createUnit();
    const nowhere = '00000000-0000-4000-8000-00000000dead';
    const before = await stored();
    expect((await read(`/api/v1/units/${nowhere}/escalation-policies`)).statusCode).toBe(404);
    expect((await read(`/api/v1/escalation-policies/${nowhere}`)).statusCode).toBe(404);
    const create = await send('POST', `/api/v1/units/${nowhere}/escalation-policies`, {
      name: 'Fire',
      steps: twoSteps(unit, schedule),
    });
    expect(create.statusCode).toBe(404);
    const change = await send('PATCH', `/api/v1/escalation-policies/${nowhere}`, {
      changes: { name: 'Fire' },
      expectedUpdatedAt: '2026-01-05T12:00:00Z',
    });
    expect(change.statusCode).toBe(404);
    expect((await send('DELETE', `/api/v1/escalation-policies/${nowhere}`)).statusCode).toBe(404);
    expect(await stored()).toEqual(before);
  });
});

describe('who may do what', () => {
  it('lets admins keep policies and every role read them; others 403, anonymous 401', async () => {
    const { unit, schedule } = await createUnit();
    const policy = await createPolicy(unit, schedule);
    const before = await stored();
    for (const who of [dutyOfficer, communicator, leadership]) {
      const create = await send(
        'POST',
        `/api/v1/units/${unit.id}/escalation-policies`,
        { name: 'Mine', steps: twoSteps(unit, schedule) },
        who,
      );
      expect(create.statusCode).toBe(403);
      const change = await send(
        'PATCH',
        `/api/v1/escalation-policies/${policy.id}`,
        { changes: { name: 'Mine' }, expectedUpdatedAt: policy.updatedAt },
        who,
      );
      expect(change.statusCode).toBe(403);
      expect(
        (await send('DELETE', `/api/v1/escalation-policies/${policy.id}`, undefined, who))
          .statusCode,
      ).toBe(403);
      expect((await read(`/api/v1/units/${unit.id}/escalation-policies`, who)).statusCode).toBe(
        200,
      );
      expect((await read(`/api/v1/escalation-policies/${policy.id}`, who)).json()).toEqual(policy);
    }
    const byKey = await app.inject({
      method: 'POST',
      url: `/api/v1/units/${unit.id}/escalation-policies`,
      headers: { ...partner, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Partner', steps: twoSteps(unit, schedule) }),
    });
    expect(byKey.statusCode).toBe(403);
    expect(
      (await app.inject({ url: `/api/v1/escalation-policies/${policy.id}`, headers: partner }))
        .statusCode,
    ).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/v1/units/${unit.id}/escalation-policies`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Anyone', steps: twoSteps(unit, schedule) }),
    });
    expect(anonymous.statusCode).toBe(401);
    expect(
      (await app.inject({ url: `/api/v1/units/${unit.id}/escalation-policies` })).statusCode,
    ).toBe(401);
    expect(await stored()).toEqual(before);
  });
});
