import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { ConsoleRequest, Escalation, Unit } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import {
  createTestUser,
  sendAs,
  signInEveryRole,
  type EveryRole,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';

// A desk of the city's own that works in Vaka (the duty communicator, say) is reached in its
// console: the request waits there, with the same page an SMS link opens.

let app: FastifyInstance;
let people: EveryRole;
let communicator: SignedIn;
const now = new Date('2026-11-22T08:00:00.000Z');

beforeAll(async () => {
  app = await buildTestApp({ clock: () => now });
  people = await signInEveryRole(app);
  communicator = people.communicator;
});
afterAll(() => app.close());

async function consoleUnit(): Promise<{ unit: Unit; policyId: string }> {
  const unit = await sendAs(app, people.admin, 'POST', '/api/v1/units', {
    name: 'Kommunikationsavdelningen',
    categories: ['utility_water'],
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Kommunikatör i beredskap',
        username: communicator.session.user.username,
        preferredChannel: 'console',
        language: 'sv',
      },
    ],
  });
  expect(unit.statusCode, unit.body).toBe(201);
  const created = unit.json() as Unit;
  const policy = await sendAs(
    app,
    people.admin,
    'POST',
    `/api/v1/units/${created.id}/escalation-policies`,
    {
      name: 'Konsolen',
      steps: [
        {
          waitMinutes: 10,
          requireAll: false,
          targets: [{ kind: 'contact', contactId: created.contacts[0]!.id }],
        },
      ],
    },
  );
  expect(policy.statusCode, policy.body).toBe(201);
  return { unit: created, policyId: (policy.json() as { id: string }).id };
}

const requestsOf = async (who: SignedIn): Promise<ConsoleRequest[]> => {
  const response = await app.inject({ url: '/api/v1/escalation-requests', headers: who.headers });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { requests: ConsoleRequest[] }).requests;
};

describe('the console channel', () => {
  it('puts the request in the contact’s own console, and the link there answers it', async () => {
    const { unit, policyId } = await consoleUnit();
    const report = await sendAs(app, people.dutyOfficer, 'POST', '/api/v1/reports', buildReport());
    const { incidentId } = report.json() as { incidentId: string };
    const started = await sendAs(
      app,
      people.dutyOfficer,
      'POST',
      `/api/v1/incidents/${incidentId}/escalations`,
      { unitId: unit.id, policyId, brief: 'Pressmeddelande om vattenläckan' },
    );
    expect(started.statusCode, started.body).toBe(201);
    const escalation = started.json() as Escalation;
    await app.escalationEngine.tick();

    const [request, ...others] = await requestsOf(communicator);
    expect(others).toEqual([]);
    expect(request).toMatchObject({
      escalationId: escalation.id,
      incidentId,
      unitName: 'Kommunikationsavdelningen',
      brief: 'Pressmeddelande om vattenläckan',
      link: expect.stringMatching(/^\/ack\/[A-Za-z0-9_-]{51}$/),
    });
    // Delivered: it is in the console, as the duty officer sees.
    const view = await app.inject({
      url: `/api/v1/incidents/${incidentId}/escalations`,
      headers: people.dutyOfficer.headers,
    });
    const [shown] = (view.json() as { escalations: Escalation[] }).escalations;
    expect(shown?.notifications.map((n) => [n.channel, n.address, n.delivery])).toEqual([
      ['console', communicator.session.user.username, 'sent'],
    ]);
    // Nobody else sees it.
    expect(await requestsOf(people.leadership)).toEqual([]);

    const page = await app.inject({ url: request!.link });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pressmeddelande om vattenläckan');
    const accepted = await app.inject({
      method: 'POST',
      url: request!.link,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'action=accept',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await requestsOf(communicator)).toEqual([]);
  });

  it('refuses a console contact without an account, or with one that does not exist', async () => {
    const contact = { name: 'Desk', preferredChannel: 'console', language: 'sv' };
    const missing = await sendAs(app, people.admin, 'POST', '/api/v1/units', {
      name: 'Desk without account',
      timeZone: 'Europe/Stockholm',
      contacts: [contact],
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toBe(
      'contacts[0]: Desk needs a phone number, an e-mail address or an account to be reached',
    );
    const unknown = await sendAs(app, people.admin, 'POST', '/api/v1/units', {
      name: 'Desk with a stranger',
      timeZone: 'Europe/Stockholm',
      contacts: [{ ...contact, username: 'nobody-here' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain(
      'contacts[0].username: there is no account nobody-here',
    );
    const disabled = await createTestUser(app.database, ['communicator']);
    const change = await sendAs(app, people.admin, 'PATCH', `/api/v1/users/${disabled.id}`, {
      disabled: true,
    });
    expect(change.statusCode, change.body).toBe(200);
    const gone = await sendAs(app, people.admin, 'POST', '/api/v1/units', {
      name: 'Desk with a disabled account',
      timeZone: 'Europe/Stockholm',
      contacts: [{ ...contact, username: disabled.username }],
    });
    expect(gone.statusCode).toBe(400);
  });

  it('needs a session: an API key or an anonymous caller gets nothing', async () => {
    const anonymous = await app.inject({ url: '/api/v1/escalation-requests' });
    expect(anonymous.statusCode).toBe(401);
    const partner = await app.inject({
      url: '/api/v1/escalation-requests',
      headers: people.partner,
    });
    expect(partner.statusCode).toBe(403);
  });
});
