import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CreateReport, DistrictCollection, Incident, Role } from '@vaka/domain';
import { findIncident } from '@vaka/db';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

/** Two districts of the demo city, as rough boxes: Södermalm in the south, Norrmalm north of it. */
const DISTRICTS: DistrictCollection = {
  type: 'FeatureCollection',
  features: [
    district('sodermalm', 'Södermalm', [18.03, 59.305, 18.11, 59.325]),
    district('norrmalm', 'Norrmalm', [18.03, 59.33, 18.08, 59.35]),
  ],
};
const IN_NORRMALM = { address: 'Odenplan, Stockholm', coordinates: { lat: 59.343, lon: 18.0497 } };

let app: FastifyInstance;
let dutyOfficer: SignedIn;
let secondOfficer: SignedIn;
let partner: Record<string, string>;

beforeAll(async () => {
  app = await buildTestApp({ config: { districts: DISTRICTS } });
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
  secondOfficer = await signIn(
    app,
    (await createTestUser(app.database, ['duty_officer'])).username,
  );
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
});
afterAll(() => app.close());

async function newIncident(overrides: Partial<CreateReport> = {}): Promise<Incident> {
  const receipt = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: partner,
      payload: buildReport(overrides),
    })
  ).json();
  return (await incident(receipt.incidentId))!;
}

/** The incident as stored now. */
const incident = (id: string) => findIncident(app.database.db, id);

/** Report ids by the incident they are in now. */
async function reportsOf(...incidentIds: string[]): Promise<Record<string, string[]>> {
  const { rows } = await app.database.pool.query<{ id: string; incident_id: string }>(
    'select id, incident_id from reports where incident_id = any($1) order by received_at, id',
    [incidentIds],
  );
  return Object.fromEntries(
    incidentIds.map((id) => [
      id,
      rows.filter((row) => row.incident_id === id).map((row) => row.id),
    ]),
  );
}

async function journalOf(incidentId: string, kind: string) {
  const { rows } = await app.database.pool.query<{ actor: string; data: Record<string, unknown> }>(
    'select actor, data from journal where incident_id = $1 and kind = $2 order by seq',
    [incidentId, kind],
  );
  return rows;
}

async function openIncidentIds(): Promise<string[]> {
  const situation = (
    await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })
  ).json();
  return situation.incidents.map((open: Incident) => open.id);
}

const send = (method: 'PATCH' | 'POST', url: string, body: unknown, who = dutyOfficer) =>
  app.inject({
    method,
    url,
    headers: { ...who.changeHeaders, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

const transition = (seen: Pick<Incident, 'id' | 'updatedAt'>, body: Record<string, unknown>) =>
  send('POST', `/api/v1/incidents/${seen.id}/transitions`, {
    expectedUpdatedAt: seen.updatedAt,
    ...body,
  });

const patch = (
  seen: Pick<Incident, 'id' | 'updatedAt'>,
  changes: Record<string, unknown>,
  who = dutyOfficer,
) =>
  send(
    'PATCH',
    `/api/v1/incidents/${seen.id}`,
    { changes, reason: 'as the caller said', expectedUpdatedAt: seen.updatedAt },
    who,
  );

const merge = (
  duplicate: Pick<Incident, 'id' | 'updatedAt'>,
  into: Pick<Incident, 'id' | 'updatedAt'>,
  who = dutyOfficer,
) =>
  send(
    'POST',
    `/api/v1/incidents/${duplicate.id}/merge`,
    {
      into: into.id,
      reason: 'the same fire, reported twice',
      expectedUpdatedAt: duplicate.updatedAt,
      intoExpectedUpdatedAt: into.updatedAt,
    },
    who,
  );

const split = (from: Pick<Incident, 'id' | 'updatedAt'>, reportId: string) =>
  send('POST', `/api/v1/incidents/${from.id}/split`, {
    reportId,
    reason: 'a different place',
    expectedUpdatedAt: from.updatedAt,
  });

/** An incident with two reports: one merged into the other. */
async function incidentWithTwoReports(): Promise<{ incident: Incident; reportIds: string[] }> {
  const into = await newIncident({ title: 'Smoke from a cellar window' });
  const duplicate = await newIncident({
    title: 'Cellar on fire',
    severity: 'critical',
    location: IN_NORRMALM,
  });
  const merged = await merge(duplicate, into);
  expect(merged.statusCode).toBe(200);
  const incident = merged.json().incident as Incident;
  return { incident, reportIds: (await reportsOf(incident.id))[incident.id]! };
}

describe('moving an incident along its lifecycle', () => {
  it('acknowledges, starts, monitors and closes it, journalling who, when and why', async () => {
    let incident = await newIncident();
    for (const [step, status] of [
      ['acknowledge', 'acknowledged'],
      ['start', 'in_progress'],
      ['monitor', 'monitoring'],
      ['close', 'closed'],
    ] as const) {
      const response = await transition(incident, { transition: step, reason: `because ${step}` });
      expect(response.statusCode).toBe(200);
      incident = response.json();
      expect(incident.status).toBe(status);
    }
    const { rows } = await app.database.pool.query(
      "select actor, data->>'transition' as transition, data->>'reason' as reason from journal where incident_id = $1 and kind = 'incident.updated' order by seq",
      [incident.id],
    );
    expect(rows).toEqual(
      ['acknowledge', 'start', 'monitor', 'close'].map((step) => ({
        actor: dutyOfficer.session.user.username,
        transition: step,
        reason: `because ${step}`,
      })),
    );
    expect(await openIncidentIds()).not.toContain(incident.id);
  });

  it('refuses an impossible transition with 409 and says which are possible', async () => {
    const incident = await newIncident();
    const response = await transition(incident, { transition: 'reopen', reason: 'try' });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe(
      'An incident that is new cannot reopen; it can: acknowledge, start, close',
    );
  });

  it('refuses a change made on a stale view (409), keeping the other change', async () => {
    const seen = await newIncident();
    expect(
      (await transition(seen, { transition: 'acknowledge', reason: 'first officer' })).statusCode,
    ).toBe(200);
    const stale = await transition(seen, {
      transition: 'close',
      reason: 'second officer, stale view',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(
      /Someone changed this incident at .*, after you loaded it/,
    );
    expect((await incident(seen.id))!.status).toBe('acknowledged');
  });

  it('answers 404 for an incident that does not exist and 400 without a reason', async () => {
    const missing = {
      id: '00000000-0000-4000-8000-000000000000',
      updatedAt: new Date().toISOString(),
    };
    expect((await transition(missing, { transition: 'close', reason: 'x' })).statusCode).toBe(404);
    const incident = await newIncident();
    const noReason = await transition(incident, { transition: 'close' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/reason/);
  });

  it('refuses to reopen a merged incident, naming the one it went into', async () => {
    const into = await newIncident({ title: 'Burst water main' });
    const duplicate = await newIncident();
    const { merged } = (await merge(duplicate, into)).json();
    const reopen = await transition(merged, { transition: 'reopen', reason: 'it was separate' });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().message).toBe(
      `The incident "${duplicate.title}" (${duplicate.id}) was merged into the incident "Burst water main" (${into.id}); split its reports out of that one instead`,
    );
    expect((await incident(duplicate.id))!.status).toBe('closed');
  });
});

describe('changing an incident', () => {
  it('changes what was asked, journalling the old values of what really changed', async () => {
    const seen = await newIncident({ title: 'Water on the road', severity: 'moderate' });
    const response = await patch(seen, {
      title: 'Burst water main under Götgatan',
      severity: 'serious',
      category: seen.category,
    });
    expect(response.statusCode).toBe(200);
    const changed: Incident = response.json();
    expect(changed).toMatchObject({
      id: seen.id,
      title: 'Burst water main under Götgatan',
      severity: 'serious',
      category: seen.category,
      status: 'new',
    });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(seen.updatedAt));
    expect(await incident(seen.id)).toEqual(changed);
    expect(await journalOf(seen.id, 'incident.updated')).toEqual([
      {
        actor: dutyOfficer.session.user.username,
        data: {
          incident: changed,
          reason: 'as the caller said',
          previous: { title: 'Water on the road', severity: 'moderate' },
        },
      },
    ]);
  });

  it('places the incident in its new district when it moves, and in none without coordinates', async () => {
    const seen = await newIncident();
    const moved = await patch(seen, { location: IN_NORRMALM });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().district).toEqual({ id: 'norrmalm', name: 'Norrmalm' });
    const addressOnly = await patch(moved.json(), { location: { address: 'Somewhere north' } });
    expect(addressOnly.statusCode).toBe(200);
    expect(addressOnly.json().district).toBeUndefined();
    expect((await incident(seen.id))!.district).toBeUndefined();
    const [, second] = await journalOf(seen.id, 'incident.updated');
    expect(second!.data.previous).toEqual({ location: IN_NORRMALM });
  });

  it('answers 400 when nothing would change, and journals nothing', async () => {
    const seen = await newIncident();
    const response = await patch(seen, { severity: seen.severity, location: seen.location });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(
      'Nothing to change: the incident already has these values',
    );
    expect(await journalOf(seen.id, 'incident.updated')).toEqual([]);
  });

  it('refuses a change on a stale view (409), keeping the change made first', async () => {
    const seen = await newIncident();
    expect((await patch(seen, { severity: 'critical' })).statusCode).toBe(200);
    const stale = await patch(seen, { severity: 'minor' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/^Someone changed this incident at .*, after you loaded/);
    expect((await incident(seen.id))!.severity).toBe('critical');
  });

  it('answers 404 for an unknown incident and 400 for changes it cannot make', async () => {
    const missing = {
      id: '00000000-0000-4000-8000-000000000000',
      updatedAt: new Date().toISOString(),
    };
    expect((await patch(missing, { severity: 'minor' })).statusCode).toBe(404);
    const seen = await newIncident();
    for (const [changes, message] of [
      [{}, /body\/changes must NOT have fewer than 1 properties/],
      [{ status: 'closed' }, /not allowed: 'status'/],
      [{ severity: 'huge' }, /body\/changes\/severity must be one of/],
      [{ title: '' }, /body\/changes\/title/],
      [{ location: {} }, /body\/changes\/location/],
    ] as const) {
      const response = await patch(seen, changes);
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(message);
    }
    expect(await incident(seen.id)).toEqual(seen);
  });

  it('refuses to change a merged incident, naming the one it went into', async () => {
    const into = await newIncident({ title: 'Storm damage in the park' });
    const duplicate = await newIncident();
    const { merged } = (await merge(duplicate, into)).json();
    const response = await patch(merged, { severity: 'critical' });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain(
      `was merged into the incident "Storm damage in the park" (${into.id}); change that one instead`,
    );
  });
});

describe('merging a duplicate into the incident that goes on', () => {
  it('moves its reports, closes it, and journals both new states in one entry', async () => {
    const into = await newIncident({ title: 'Fire in a stairwell', severity: 'serious' });
    const duplicate = await newIncident({ title: 'Smoke on Götgatan', severity: 'critical' });
    const before = await reportsOf(into.id, duplicate.id);
    const response = await merge(duplicate, into);
    expect(response.statusCode).toBe(200);
    const { incident: continued, merged } = response.json() as {
      incident: Incident;
      merged: Incident;
    };
    expect(continued).toMatchObject({
      id: into.id,
      title: 'Fire in a stairwell',
      // The duty officer decides whether the merged picture is more serious.
      severity: 'serious',
      reportCount: 2,
      status: 'new',
    });
    expect(merged).toMatchObject({
      id: duplicate.id,
      status: 'closed',
      mergedInto: into.id,
      reportCount: 0,
    });
    expect(await incident(into.id)).toEqual(continued);
    expect(await incident(duplicate.id)).toEqual(merged);
    expect(await reportsOf(into.id, duplicate.id)).toEqual({
      [into.id]: [...before[into.id]!, ...before[duplicate.id]!],
      [duplicate.id]: [],
    });
    expect(await journalOf(duplicate.id, 'incident.merged')).toEqual([
      {
        actor: dutyOfficer.session.user.username,
        data: {
          incident: merged,
          into: continued,
          reportIds: before[duplicate.id],
          reason: 'the same fire, reported twice',
        },
      },
    ]);
    const open = await openIncidentIds();
    expect(open).toContain(into.id);
    expect(open).not.toContain(duplicate.id);
  });

  it('takes the reports of a duplicate that itself took others', async () => {
    const first = await newIncident();
    const second = await newIncident();
    const third = await newIncident();
    const { incident: secondNow } = (await merge(first, second)).json();
    const response = await merge(secondNow, third);
    expect(response.statusCode).toBe(200);
    expect(response.json().incident.reportCount).toBe(3);
    expect((await reportsOf(third.id))[third.id]).toHaveLength(3);
  });

  it('refuses what cannot be merged, with a reason, and changes nothing', async () => {
    const into = await newIncident({ title: 'Power cut in Hammarby' });
    const duplicate = await newIncident();
    const missing = {
      id: '00000000-0000-4000-8000-000000000000',
      updatedAt: new Date().toISOString(),
    };
    const refusals: Array<
      [Promise<{ statusCode: number; json(): { message: string } }>, number, string | RegExp]
    > = [
      [
        merge(duplicate, duplicate),
        400,
        'An incident cannot be merged into itself: choose the incident that goes on',
      ],
      [merge(missing, into), 404, `There is no incident ${missing.id}`],
      [merge(duplicate, missing), 404, `There is no incident ${missing.id} to merge into`],
      [
        merge({ ...duplicate, updatedAt: missing.updatedAt }, into),
        409,
        /^Someone changed this incident at/,
      ],
      [
        merge(duplicate, { ...into, updatedAt: missing.updatedAt }),
        409,
        `Someone changed the incident "Power cut in Hammarby" (${into.id}) at ${into.updatedAt}, after you loaded it: look at it again and retry`,
      ],
    ];
    for (const [request, status, message] of refusals) {
      const response = await request;
      expect(response.statusCode).toBe(status);
      if (typeof message === 'string') expect(response.json().message).toBe(message);
      else expect(response.json().message).toMatch(message);
    }
    const noReason = await send('POST', `/api/v1/incidents/${duplicate.id}/merge`, {
      into: into.id,
      expectedUpdatedAt: duplicate.updatedAt,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/reason/);
    expect(await incident(into.id)).toEqual(into);
    expect(await incident(duplicate.id)).toEqual(duplicate);
    expect(await journalOf(duplicate.id, 'incident.merged')).toEqual([]);
  });

  it('refuses to merge into a closed incident until it is reopened', async () => {
    const into = await newIncident({ title: 'Gas smell, checked' });
    const closed = (
      await transition(into, { transition: 'close', reason: 'nothing found' })
    ).json();
    const duplicate = await newIncident();
    const refused = await merge(duplicate, closed);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe(
      `The incident "Gas smell, checked" (${into.id}) is closed: reopen it first, then merge into it`,
    );
    const reopened = (
      await transition(closed, { transition: 'reopen', reason: 'smell again' })
    ).json();
    expect((await merge(duplicate, reopened)).statusCode).toBe(200);
  });

  it('refuses a merge of or into an incident already merged, naming where it went', async () => {
    const target = await newIncident({ title: 'Flooded underpass' });
    const duplicate = await newIncident();
    const other = await newIncident();
    const { merged } = (await merge(duplicate, target)).json();
    const again = await merge(merged, other);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(
      `The incident "${duplicate.title}" (${duplicate.id}) was merged into the incident "Flooded underpass" (${target.id}); it cannot be merged again`,
    );
    const intoMerged = await merge(other, merged);
    expect(intoMerged.statusCode).toBe(409);
    expect(intoMerged.json().message).toMatch(
      /was merged into the incident "Flooded underpass".*; merge into that one instead$/,
    );
    expect(await incident(other.id)).toEqual(other);
  });
});

describe('splitting a report out into an incident of its own', () => {
  it('opens an acknowledged incident from the report, in its district, and journals the move', async () => {
    const { incident: from, reportIds } = await incidentWithTwoReports();
    const splitting = reportIds[1]!;
    const response = await split(from, splitting);
    expect(response.statusCode).toBe(200);
    const { incident: opened, from: left } = response.json() as {
      incident: Incident;
      from: Incident;
    };
    expect(opened).toMatchObject({
      title: 'Cellar on fire',
      category: 'utility_water',
      severity: 'critical',
      status: 'acknowledged',
      location: IN_NORRMALM,
      district: { id: 'norrmalm', name: 'Norrmalm' },
      reportCount: 1,
    });
    expect(opened.id).not.toBe(from.id);
    expect(left).toMatchObject({ id: from.id, reportCount: 1, title: from.title });
    expect(await incident(opened.id)).toEqual(opened);
    expect(await incident(from.id)).toEqual(left);
    expect(await reportsOf(from.id, opened.id)).toEqual({
      [from.id]: [reportIds[0]],
      [opened.id]: [splitting],
    });
    expect(await journalOf(opened.id, 'incident.split')).toEqual([
      {
        actor: dutyOfficer.session.user.username,
        data: { incident: opened, from: left, reportId: splitting, reason: 'a different place' },
      },
    ]);
    expect(await openIncidentIds()).toEqual(expect.arrayContaining([opened.id, from.id]));
  });

  it('refuses what cannot be split, with a reason, and changes nothing', async () => {
    const { incident: from, reportIds } = await incidentWithTwoReports();
    const lone = await newIncident({ title: 'Fallen tree' });
    const loneReport = (await reportsOf(lone.id))[lone.id]![0]!;
    const unknown = '00000000-0000-4000-8000-000000000000';

    const unknownReport = await split(from, unknown);
    expect(unknownReport.statusCode).toBe(404);
    expect(unknownReport.json().message).toBe(`There is no report ${unknown}`);

    expect((await split({ ...from, id: unknown }, reportIds[0]!)).statusCode).toBe(404);

    const elsewhere = await split(from, loneReport);
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().message).toBe(
      `The report is not in this incident but in the incident "Fallen tree" (${lone.id}): split it from that one`,
    );

    const only = await split(lone, loneReport);
    expect(only.statusCode).toBe(409);
    expect(only.json().message).toMatch(/^This is the only report of the incident/);

    const stale = await split({ ...from, updatedAt: lone.updatedAt }, reportIds[0]!);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/^Someone changed this incident at/);

    expect(await incident(from.id)).toEqual(from);
    expect(await incident(lone.id)).toEqual(lone);
    expect(await reportsOf(from.id)).toEqual({ [from.id]: reportIds });
  });

  it('refuses to split from a merged incident, naming where its reports went', async () => {
    const into = await newIncident({ title: 'Tram off the rails' });
    const duplicate = await newIncident();
    const reportId = (await reportsOf(duplicate.id))[duplicate.id]![0]!;
    const { merged } = (await merge(duplicate, into)).json();
    const response = await split(merged, reportId);
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(
      /was merged into the incident "Tram off the rails" .*; its reports are there now: split from that one instead$/,
    );
  });
});

describe('who may change incidents', () => {
  const changes = (seen: Incident) =>
    [
      {
        method: 'PATCH',
        url: `/api/v1/incidents/${seen.id}`,
        body: { changes: { severity: 'minor' }, expectedUpdatedAt: seen.updatedAt },
      },
      {
        method: 'POST',
        url: `/api/v1/incidents/${seen.id}/transitions`,
        body: { transition: 'close', reason: 'x', expectedUpdatedAt: seen.updatedAt },
      },
      {
        method: 'POST',
        url: `/api/v1/incidents/${seen.id}/merge`,
        body: { into: seen.id, reason: 'x', expectedUpdatedAt: seen.updatedAt },
      },
      {
        method: 'POST',
        url: `/api/v1/incidents/${seen.id}/split`,
        body: { reportId: seen.id, reason: 'x', expectedUpdatedAt: seen.updatedAt },
      },
    ] as const;

  it.each<Role>(['communicator', 'leadership', 'admin'])(
    'refuses the %s role (403), which may not change incidents',
    async (role) => {
      const person = await signIn(app, (await createTestUser(app.database, [role])).username);
      const seen = await newIncident();
      for (const { method, url, body } of changes(seen)) {
        expect((await send(method, url, body, person)).statusCode, `${method} ${url}`).toBe(403);
      }
      expect(await incident(seen.id)).toEqual(seen);
    },
  );

  it('refuses anyone not signed in (401) and a partner key (403)', async () => {
    const seen = await newIncident();
    for (const { method, url, body } of changes(seen)) {
      const anonymous = await app.inject({ method, url, payload: body });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      const key = await app.inject({ method, url, headers: partner, payload: body });
      expect(key.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await incident(seen.id)).toEqual(seen);
  });
});

describe('two duty officers changing the same incident at once', () => {
  it('lets one change through and refuses the other with 409, losing nothing', async () => {
    const seen = await newIncident();
    const answers = await Promise.all([
      patch(seen, { severity: 'critical' }, dutyOfficer),
      patch(seen, { title: 'Second officer’s title' }, secondOfficer),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.statusCode === 200)!.json() as Incident;
    expect(await incident(seen.id)).toEqual(winner);
    expect(await journalOf(seen.id, 'incident.updated')).toHaveLength(1);
  });

  it('merges a duplicate into only one of two incidents when both officers merge it at once', async () => {
    const duplicate = await newIncident();
    const [first, second] = [await newIncident(), await newIncident()];
    const duplicateReports = (await reportsOf(duplicate.id))[duplicate.id]!;
    const answers = await Promise.all([
      merge(duplicate, first, dutyOfficer),
      merge(duplicate, second, secondOfficer),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const { incident: winner } = answers.find((answer) => answer.statusCode === 200)!.json();
    const loser = winner.id === first.id ? second : first;
    expect((await reportsOf(winner.id))[winner.id]).toEqual(
      expect.arrayContaining(duplicateReports),
    );
    expect(await incident(winner.id)).toMatchObject({ reportCount: 2 });
    expect(await incident(loser.id)).toEqual(loser);
    expect((await reportsOf(loser.id))[loser.id]).toHaveLength(1);
    expect(await incident(duplicate.id)).toMatchObject({ mergedInto: winner.id, reportCount: 0 });
    expect(await journalOf(duplicate.id, 'incident.merged')).toHaveLength(1);
  });

  it('refuses a change of a duplicate being merged at the same moment, or the merge', async () => {
    const into = await newIncident();
    const duplicate = await newIncident();
    const answers = await Promise.all([
      merge(duplicate, into, dutyOfficer),
      patch(duplicate, { severity: 'critical' }, secondOfficer),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const stored = (await incident(duplicate.id))!;
    if (answers[0]!.statusCode === 200) {
      expect(stored).toMatchObject({ mergedInto: into.id, severity: duplicate.severity });
    } else {
      expect(stored).toMatchObject({ severity: 'critical', reportCount: 1 });
      expect(stored.mergedInto).toBeUndefined();
    }
  });
});

function district(
  id: string,
  name: string,
  [west, south, east, north]: [number, number, number, number],
): DistrictCollection['features'][number] {
  return {
    type: 'Feature',
    properties: { id, name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    },
  };
}
