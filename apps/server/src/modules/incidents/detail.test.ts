import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Incident, IncidentDetail, JournalEntry, ReportReceipt } from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

let app: FastifyInstance;
let partner: Record<string, string>;
let dutyOfficer: SignedIn;

beforeAll(async () => {
  app = await buildTestApp();
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
});
afterAll(() => app.close());

/** A partner reports something; each report opens an incident of its own. */
async function report(title: string): Promise<ReportReceipt> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: partner,
    payload: buildReport({ title }),
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

const detail = (id: string, headers: Record<string, string> = dutyOfficer.headers) =>
  app.inject({ url: `/api/v1/incidents/${id}`, headers });

async function openIncident(id: string): Promise<Incident> {
  const situation = (
    await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })
  ).json();
  return situation.incidents.find((incident: Incident) => incident.id === id);
}

async function merge(duplicateId: string, intoId: string): Promise<void> {
  const duplicate = await openIncident(duplicateId);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/incidents/${duplicateId}/merge`,
    headers: dutyOfficer.changeHeaders,
    payload: {
      into: intoId,
      reason: 'the same burst pipe',
      expectedUpdatedAt: duplicate.updatedAt,
    },
  });
  expect(response.statusCode).toBe(200);
}

const kindsOf = (entries: JournalEntry[]) => entries.map((entry) => entry.kind);

describe('the detail of an incident', () => {
  it('shows the incident, its report and its journal, oldest first, as of a journal sequence', async () => {
    const receipt = await report('Burst water main on Götgatan');
    const response = await detail(receipt.incidentId);
    expect(response.statusCode).toBe(200);
    const shown: IncidentDetail = response.json();
    expect(shown.incident).toMatchObject({
      id: receipt.incidentId,
      title: 'Burst water main on Götgatan',
      status: 'new',
    });
    expect(shown.reports).toEqual([
      expect.objectContaining({
        id: receipt.reportId,
        title: 'Burst water main on Götgatan',
        reporter: { name: 'Anna Lind', phone: '+46 70 123 45 67' },
      }),
    ]);
    expect(shown.mergedFrom).toEqual([]);
    expect(kindsOf(shown.entries).sort()).toEqual(['incident.opened', 'report.received']);
    expect(
      shown.entries.every(
        (entry) => 'incidentId' in entry && entry.incidentId === receipt.incidentId,
      ),
    ).toBe(true);
    expect(shown.asOfSeq).toBeGreaterThanOrEqual(Math.max(...shown.entries.map((e) => e.seq)));
  });

  it('follows the incident through a status change with its reason', async () => {
    const receipt = await report('Power cut in Vällingby');
    const incident = await openIncident(receipt.incidentId);
    const changed = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incident.id}/transitions`,
      headers: dutyOfficer.changeHeaders,
      payload: {
        transition: 'acknowledge',
        reason: 'Ellevio is on it',
        expectedUpdatedAt: incident.updatedAt,
      },
    });
    expect(changed.statusCode).toBe(200);
    const shown: IncidentDetail = (await detail(incident.id)).json();
    expect(shown.incident.status).toBe('acknowledged');
    expect(shown.entries.at(-1)).toMatchObject({
      kind: 'incident.updated',
      actor: dutyOfficer.session.user.username,
      data: { transition: 'acknowledge', reason: 'Ellevio is on it' },
    });
    const seqs = shown.entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('takes in the reports and journal of incidents merged into it, and of those merged into them', async () => {
    const first = await report('Water in the street, first call');
    const second = await report('Water in the street, second call');
    const survivor = await report('Water in the street, third call');
    await merge(second.incidentId, first.incidentId);
    await merge(first.incidentId, survivor.incidentId);

    const shown: IncidentDetail = (await detail(survivor.incidentId)).json();
    expect(shown.incident).toMatchObject({ id: survivor.incidentId, reportCount: 3 });
    expect(shown.reports.map((r) => r.id).sort()).toEqual(
      [first.reportId, second.reportId, survivor.reportId].sort(),
    );
    expect(shown.mergedFrom).toEqual([first.incidentId, second.incidentId]);
    const about = (id: string) =>
      shown.entries.filter((entry) => 'incidentId' in entry && entry.incidentId === id);
    expect(kindsOf(about(second.incidentId)).sort()).toEqual([
      'incident.merged',
      'incident.opened',
      'report.received',
    ]);
    expect(kindsOf(about(first.incidentId)).sort()).toEqual([
      'incident.merged',
      'incident.opened',
      'report.received',
    ]);
    expect(about(survivor.incidentId)).toHaveLength(2);
    expect(shown.entries).toHaveLength(8);
    const seqs = shown.entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    // The duplicate's own detail still shows what it was, without the survivor's story.
    const duplicate: IncidentDetail = (await detail(second.incidentId)).json();
    expect(duplicate.incident).toMatchObject({ status: 'closed', mergedInto: first.incidentId });
    expect(duplicate.reports).toEqual([]);
    expect(duplicate.entries).toHaveLength(3);
  });

  it('answers 404 with a sentence for an incident that does not exist, and 400 for a malformed id', async () => {
    const missing = await detail('00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe(
      'There is no incident 00000000-0000-4000-8000-000000000000',
    );
    const malformed = await detail('not-an-id');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/params\/id must match format "uuid"/);
  });

  it('lets the communicator and leadership read it, but not an admin, a partner or anyone signed out', async () => {
    const receipt = await report('Fallen tree on a tram line');
    for (const role of ['communicator', 'leadership'] as const) {
      const person = await signIn(app, (await createTestUser(app.database, [role])).username);
      expect((await detail(receipt.incidentId, person.headers)).statusCode).toBe(200);
    }
    const admin = await signIn(app, (await createTestUser(app.database, ['admin'])).username);
    const refused = await detail(receipt.incidentId, admin.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/situation:read/);
    expect((await detail(receipt.incidentId, partner)).statusCode).toBe(403);
    expect((await detail(receipt.incidentId, {})).statusCode).toBe(401);
  });
});
