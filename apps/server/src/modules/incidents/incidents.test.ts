import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Incident } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;
let dutyOfficer: SignedIn;
let partner: Record<string, string>;

beforeAll(async () => {
  app = await buildTestApp();
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
});
afterAll(() => app.close());

async function newIncident(): Promise<Incident> {
  const receipt = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: partner,
      payload: buildReport(),
    })
  ).json();
  const situation = (
    await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })
  ).json();
  return situation.incidents.find((incident: Incident) => incident.id === receipt.incidentId);
}

const transition = (incident: Pick<Incident, 'id' | 'updatedAt'>, body: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/incidents/${incident.id}/transitions`,
    headers: { ...dutyOfficer.changeHeaders, 'content-type': 'application/json' },
    payload: JSON.stringify({ expectedUpdatedAt: incident.updatedAt, ...body }),
  });

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
    const situation = (
      await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })
    ).json();
    expect(situation.incidents.map((open: Incident) => open.id)).not.toContain(incident.id);
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
    const situation = (
      await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })
    ).json();
    expect(situation.incidents.find((open: Incident) => open.id === seen.id).status).toBe(
      'acknowledged',
    );
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
});
