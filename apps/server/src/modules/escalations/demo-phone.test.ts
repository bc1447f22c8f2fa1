import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Escalation, EscalationPolicy, Unit } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { sendAs, signInEveryRole, type EveryRole } from '../../../../../tests/support/accounts.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';

// In the demo, with no SMS gateway or SMTP server, the messages land on a page of Vaka's own, so
// whoever tries Vaka out can read them and answer through their links.

let demo: FastifyInstance;
let people: EveryRole;

beforeAll(async () => {
  demo = await buildTestApp({ config: { demo: true } });
  await demo.ready();
  people = await signInEveryRole(demo);
});
afterAll(() => demo.close());

describe('the demo phone', () => {
  it('shows the messages an escalation sends, with links that answer it', async () => {
    const units = (
      await demo.inject({ url: '/api/v1/units', headers: people.dutyOfficer.headers })
    ).json().units as Unit[];
    const rescue = units.find((unit) => unit.name === 'Storstockholms brandförsvar')!;
    const policies = (
      await demo.inject({
        url: `/api/v1/units/${rescue.id}/escalation-policies`,
        headers: people.dutyOfficer.headers,
      })
    ).json().policies as EscalationPolicy[];
    const report = await sendAs(
      demo,
      people.dutyOfficer,
      'POST',
      '/api/v1/reports',
      buildReport({ title: 'Brand i ett soprum', category: 'fire' }),
    );
    const { incidentId } = report.json() as { incidentId: string };
    const started = await sendAs(
      demo,
      people.dutyOfficer,
      'POST',
      `/api/v1/incidents/${incidentId}/escalations`,
      { unitId: rescue.id, policyId: policies[0]!.id, brief: 'Ta över släckningen' },
    );
    expect(started.statusCode, started.body).toBe(201);
    await demo.escalationEngine.tick();

    const escalation = (
      await demo.inject({
        url: `/api/v1/incidents/${incidentId}/escalations`,
        headers: people.dutyOfficer.headers,
      })
    ).json().escalations[0] as Escalation;
    expect(escalation.notifications.map((n) => n.delivery)).toEqual(['sent']);

    const phone = await demo.inject({ url: '/demo/phone', headers: people.dutyOfficer.headers });
    expect(phone.statusCode).toBe(200);
    expect(phone.headers['content-type']).toContain('text/html');
    expect(phone.body).toContain('Ta över släckningen');
    const link = /href="http:\/\/localhost:8080(\/ack\/[A-Za-z0-9_-]+)"/.exec(phone.body);
    expect(link).not.toBeNull();
    const page = await demo.inject({ url: link![1]! });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Brand i ett soprum');
  });

  it('needs a session, and exists only in the demo', async () => {
    expect((await demo.inject({ url: '/demo/phone' })).statusCode).toBe(401);
    const plain = await buildTestApp();
    try {
      const everyone = await signInEveryRole(plain);
      const response = await plain.inject({
        url: '/demo/phone',
        headers: everyone.dutyOfficer.headers,
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().message).toContain('exists only in the demo');
    } finally {
      await plain.close();
    }
  });
});
