import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  JournalKind,
  type CreateReport,
  type IncidentDetail,
  type ReportReceipt,
} from '@vaka/domain';
import { countReports, journalHead } from '@vaka/db';
import { buildTestApp, testConfig } from '../../../../../tests/support/app.ts';
import { createTestDatabase } from '../../../../../tests/support/database.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import { connectLive } from '../../../../../tests/support/live-client.ts';
import {
  createTestApiKey,
  createTestUser,
  signIn,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';

let databaseUrl: string;
let app: FastifyInstance;
let baseUrl: string;
let partner: Record<string, string>;
let dutyOfficer: SignedIn;
let communicator: SignedIn;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  app = await buildTestApp({ databaseUrl });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  partner = {
    authorization: `Bearer ${await createTestApiKey(app.database, { name: 'SOS Alarm' })}`,
  };
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
  communicator = await signIn(app, (await createTestUser(app.database, ['communicator'])).username);
});
afterAll(() => app.close());

const json = { 'content-type': 'application/json' };

/** A new report from the partner: it opens an incident. */
async function openIncident(report: CreateReport = buildReport()): Promise<ReportReceipt> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { ...json, ...partner },
    payload: report,
  });
  expect(response.statusCode).toBe(201);
  return response.json<ReportReceipt>();
}

/** Sends a report about an incident that exists, as whoever `headers` say. */
const attach = (
  incidentId: string,
  payload: unknown,
  headers: Record<string, string> = partner,
  target: FastifyInstance = app,
) =>
  target.inject({
    method: 'POST',
    url: `/api/v1/incidents/${incidentId}/reports`,
    headers: { ...json, ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const detail = async (incidentId: string) =>
  (
    await app.inject({ url: `/api/v1/incidents/${incidentId}`, headers: dutyOfficer.headers })
  ).json<IncidentDetail>();

async function stored() {
  return { reports: await countReports(app.database.db), head: await journalHead(app.database.db) };
}

describe('a report attached to an open incident', () => {
  it('from the phone: becomes the incident’s second report, in its detail and on the live stream', async () => {
    const { incidentId, seq } = await openIncident(
      buildReport({ title: 'Water through the asphalt on Götgatan' }),
    );
    const liveConsole = await connectLive(baseUrl, { since: seq }, { cookie: dutyOfficer.cookie });
    try {
      const response = await attach(
        incidentId,
        buildReport({ title: 'Caller: the street is flooding', severity: 'serious' }),
        dutyOfficer.changeHeaders,
      );
      expect(response.statusCode).toBe(201);
      const receipt = response.json<ReportReceipt>();
      expect(receipt).toMatchObject({ incidentId, reportId: expect.any(String) });

      const shown = await detail(incidentId);
      expect(shown.incident).toMatchObject({
        reportCount: 2,
        status: 'new',
        // The incident keeps its own picture: the duty officer decides whether it changes.
        title: 'Water through the asphalt on Götgatan',
        severity: 'moderate',
        updatedAt: receipt.receivedAt,
      });
      expect(shown.reports.map((report) => report.title)).toEqual([
        'Water through the asphalt on Götgatan',
        'Caller: the street is flooding',
      ]);
      expect(shown.entries.slice(-2)).toMatchObject([
        {
          kind: JournalKind.reportReceived,
          seq: receipt.seq,
          actor: dutyOfficer.session.user.username,
          data: { report: { id: receipt.reportId, incidentId } },
        },
        {
          kind: JournalKind.incidentUpdated,
          data: { incident: { reportCount: 2 }, attachedReportId: receipt.reportId },
        },
      ]);

      await liveConsole.waitFor((c) => c.entries.some((e) => e.seq === receipt.seq + 1));
      expect(liveConsole.entries.map((entry) => entry.kind)).toEqual([
        JournalKind.reportReceived,
        JournalKind.incidentUpdated,
      ]);
      // The report is one more of the incident's, not a new incident in the situation.
      const situation = (
        await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })
      ).json<{ incidents: Array<{ id: string }> }>();
      expect(situation.incidents.filter((incident) => incident.id === incidentId)).toHaveLength(1);
      expect(situation.incidents.some((incident) => incident.id === receipt.reportId)).toBe(false);
      // The journal export says in words what happened.
      const csv = await app.inject({
        url: `/api/v1/incidents/${incidentId}/journal?format=csv`,
        headers: dutyOfficer.headers,
      });
      expect(csv.body).toContain(`Report ${receipt.reportId} added; 2 reports`);
    } finally {
      liveConsole.close();
    }
  });

  it('from a partner’s system: its key adds a follow-up to the incident its report opened', async () => {
    const { incidentId } = await openIncident();
    const before = await countReports(app.database.db);
    const response = await attach(
      incidentId,
      buildReport({
        title: 'Update: water main shut off',
        source: { channel: 'partner_api', name: 'SOS Alarm' },
      }),
    );
    expect(response.statusCode).toBe(201);
    expect(response.json<ReportReceipt>().incidentId).toBe(incidentId);
    expect(await countReports(app.database.db)).toBe(before + 1);
    const shown = await detail(incidentId);
    expect(shown.incident.reportCount).toBe(2);
    expect(shown.entries.at(-2)).toMatchObject({ actor: 'api_key:SOS Alarm' });
  });

  it('gives a retry with the same Idempotency-Key the first receipt, storing the report once', async () => {
    const { incidentId } = await openIncident();
    const report = buildReport({ title: 'Second caller about the same leak' });
    const headers = { ...partner, 'idempotency-key': 'attach-retry-1' };
    const first = await attach(incidentId, report, headers);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = await stored();

    const retry = await attach(incidentId, report, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await stored()).toEqual(afterFirst);
    expect((await detail(incidentId)).incident.reportCount).toBe(2);
  });

  it('refuses a reused key with a different report or another incident (422), keeping the first', async () => {
    const { incidentId } = await openIncident();
    const other = await openIncident();
    const headers = { ...partner, 'idempotency-key': 'attach-reused-1' };
    const report = buildReport();
    expect((await attach(incidentId, report, headers)).statusCode).toBe(201);
    const before = await stored();

    for (const [target, body] of [
      [incidentId, { ...report, title: 'Something else entirely' }],
      [other.incidentId, report],
    ] as const) {
      const refused = await attach(target, body, headers);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().message).toMatch(/already used for a different report/);
    }
    // Nor may the key open a new incident with the same report.
    const asNew = await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...json, ...headers },
      payload: report,
    });
    expect(asNew.statusCode).toBe(422);
    expect(await stored()).toEqual(before);
    expect((await detail(other.incidentId)).incident.reportCount).toBe(1);
  });
});

describe('a report that cannot be attached', () => {
  it('is refused for an unknown incident (404), storing nothing', async () => {
    const before = await stored();
    const response = await attach('00000000-0000-4000-8000-00000000dead', buildReport());
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe(
      'There is no incident 00000000-0000-4000-8000-00000000dead',
    );
    expect(await stored()).toEqual(before);
  });

  it('is refused for a merged incident (409), naming where it went', async () => {
    const duplicate = await openIncident();
    const kept = await openIncident(buildReport({ title: 'Burst main at Götgatan' }));
    const seen = (await detail(duplicate.incidentId)).incident;
    const merged = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${duplicate.incidentId}/merge`,
      headers: dutyOfficer.changeHeaders,
      payload: { into: kept.incidentId, reason: 'Same leak', expectedUpdatedAt: seen.updatedAt },
    });
    expect(merged.statusCode).toBe(200);

    const before = await stored();
    const response = await attach(duplicate.incidentId, buildReport());
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(
      new RegExp(
        `was merged into the incident "Burst main at Götgatan" \\(${kept.incidentId}\\); attach the report there`,
      ),
    );
    expect(await stored()).toEqual(before);
  });

  it('is refused for a closed incident (409), saying what to do instead', async () => {
    const { incidentId } = await openIncident();
    const seen = (await detail(incidentId)).incident;
    const closed = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incidentId}/transitions`,
      headers: dutyOfficer.changeHeaders,
      payload: { transition: 'close', reason: 'Repaired', expectedUpdatedAt: seen.updatedAt },
    });
    expect(closed.statusCode).toBe(200);

    const before = await stored();
    const response = await attach(incidentId, buildReport());
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(
      /is closed: reopen it first or send it as a new report/,
    );
    expect(await stored()).toEqual(before);
    expect((await detail(incidentId)).incident.reportCount).toBe(1);
  });

  it('is refused in a category the city does not use (400), storing nothing', async () => {
    const { incidentId } = await openIncident(buildReport({ category: 'flooding' }));
    const { city } = testConfig(databaseUrl);
    const fewer = await buildTestApp({
      databaseUrl,
      config: { city: { ...city, categories: ['flooding', 'fire', 'other'] } },
    });
    try {
      const before = await stored();
      const response = await attach(
        incidentId,
        buildReport({ category: 'utility_water' }),
        partner,
        fewer,
      );
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/utility_water is not one .* uses/);
      expect(await stored()).toEqual(before);
    } finally {
      await fewer.close();
    }
  });

  it('is refused when the body is not a report (400), not JSON (415) or too large (413)', async () => {
    const { incidentId } = await openIncident();
    const before = await stored();
    const noTitle = await attach(incidentId, { ...buildReport(), title: undefined });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().message).toMatch(/required field 'title'/);
    expect((await attach(incidentId, '{"title": ')).statusCode).toBe(400);
    const notJson = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${incidentId}/reports`,
      headers: { ...partner, 'content-type': 'text/plain' },
      payload: 'water everywhere',
    });
    expect(notJson.statusCode).toBe(415);
    const huge = await attach(incidentId, {
      ...buildReport(),
      description: 'x'.repeat(70 * 1024),
    });
    expect(huge.statusCode).toBe(413);
    expect((await attach('not-an-id', buildReport())).statusCode).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('is refused for a role that may not send reports (403) and without a session or key (401)', async () => {
    const { incidentId } = await openIncident();
    const before = await stored();
    const forbidden = await attach(incidentId, buildReport(), communicator.changeHeaders);
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await attach(incidentId, buildReport(), {});
    expect(anonymous.statusCode).toBe(401);
    expect(await stored()).toEqual(before);
  });
});
