import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type {
  Incident,
  IncidentDetail,
  JournalEntry,
  JournalExport,
  ReportReceipt,
} from '@vaka/domain';
import { openSnapshot, readJournalRecords } from '@vaka/db';
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
let leadership: SignedIn;
let startedAt: string;
let baseUrl: string;

const CSV_HEADER = [
  'seq',
  'recorded_at',
  'actor',
  'kind',
  'incident_id',
  'event_at',
  'summary',
  'data',
  'hash',
  'prev_hash',
];

/** What a duty officer and leadership see of the journal: everything but security entries. */
const INCIDENT_AND_CITY_KINDS = new Set([
  'report.received',
  'incident.opened',
  'incident.updated',
  'incident.merged',
  'incident.split',
  'note.added',
  'entry.flagged',
  'entry.corrected',
  'readiness.changed',
]);

beforeAll(async () => {
  app = await buildTestApp();
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  startedAt = new Date(Date.now() - 1_000).toISOString();
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
  leadership = await signIn(app, (await createTestUser(app.database, ['leadership'])).username);
});
afterAll(() => app.close());

async function newIncident(title: string): Promise<ReportReceipt> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: partner,
    payload: buildReport({ title }),
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

const change = (url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: dutyOfficer.changeHeaders, payload });

async function detail(incidentId: string): Promise<IncidentDetail> {
  return (
    await app.inject({ url: `/api/v1/incidents/${incidentId}`, headers: dutyOfficer.headers })
  ).json();
}

async function transition(incident: Incident, step: string, reason: string): Promise<Incident> {
  const response = await change(`/api/v1/incidents/${incident.id}/transitions`, {
    transition: step,
    reason,
    expectedUpdatedAt: incident.updatedAt,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const download = (url: string, headers: Record<string, string> = dutyOfficer.headers) =>
  app.inject({ url, headers });

/** Reads CSV as RFC 4180 writes it: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += char;
    }
  }
  expect(quoted).toBe(false);
  expect(row).toEqual([]);
  expect(cell).toBe('');
  return rows;
}

/** The CSV's rows as records by column name, after checking the byte order mark and header. */
function csvRecords(body: string): Array<Record<string, string>> {
  expect(body.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(body.slice(1));
  expect(header).toEqual(CSV_HEADER);
  return rows.map((cells) => {
    expect(cells).toHaveLength(CSV_HEADER.length);
    return Object.fromEntries(CSV_HEADER.map((column, i) => [column, cells[i]!]));
  });
}

describe("an incident's journal as a download", () => {
  let incident: Incident;
  let survivor: ReportReceipt;
  const noteTime = new Date(Date.now() - 30 * 60_000).toISOString();
  const noteTexts = [
    'Räddningstjänsten: "fire under control", area cordoned off, 2 injured',
    'Line one\nline two, with a comma',
    '=HYPERLINK("http://example.com","click")',
    '+46 70 123 45 67 called back',
    '-12 degrees tonight',
    '@all: shelter at Sporthallen',
  ];

  beforeAll(async () => {
    const receipt = await newIncident('Fire at Åkeshov, duplicate call');
    survivor = await newIncident('Fire at Åkeshov');
    incident = (await detail(receipt.incidentId)).incident;
    incident = await transition(incident, 'acknowledge', 'crew on the way');
    for (const text of noteTexts) {
      const response = await change(`/api/v1/incidents/${incident.id}/notes`, {
        text,
        eventAt: noteTime,
      });
      expect(response.statusCode).toBe(201);
    }
    const merged = await change(`/api/v1/incidents/${incident.id}/merge`, {
      into: survivor.incidentId,
      reason: 'same fire',
      expectedUpdatedAt: incident.updatedAt,
    });
    expect(merged.statusCode).toBe(200);
  });

  it('is JSON by default: the entries of the detail, who exported them and when, and the verification', async () => {
    const response = await download(`/api/v1/incidents/${survivor.incidentId}/journal`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="incident-${survivor.incidentId}-journal.json"`,
    );
    const exported: JournalExport = response.json();
    expect(exported.entries).toEqual((await detail(survivor.incidentId)).entries);
    expect(exported.entries.map((entry) => entry.kind)).toContain('incident.merged');
    // Each entry's link in the chain, as stored: an inquiry can check them without the database.
    const { rows: links } = await app.database.pool.query<{
      seq: string;
      hash: string;
      prev_hash: string;
    }>('select seq, hash, prev_hash from journal where seq = any($1::bigint[]) order by seq', [
      exported.entries.map((entry) => entry.seq),
    ]);
    expect(exported.chain).toEqual(
      links.map((link) => ({ seq: Number(link.seq), hash: link.hash, prevHash: link.prev_hash })),
    );
    expect(exported.exportedBy).toBe(dutyOfficer.session.user.username);
    expect(Date.now() - Date.parse(exported.exportedAt)).toBeLessThan(60_000);
    expect(exported.verification).toEqual({ ok: true, checked: expect.any(Number) });
    expect(exported.verification.checked).toBeGreaterThanOrEqual(
      Math.max(...exported.entries.map((entry) => entry.seq)),
    );
  });

  it('reads back from CSV with every step, its text intact and formulas defused', async () => {
    const response = await download(`/api/v1/incidents/${survivor.incidentId}/journal?format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="incident-${survivor.incidentId}-journal.csv"`,
    );
    const records = csvRecords(response.body);
    const entries: JournalEntry[] = (await detail(survivor.incidentId)).entries;
    expect(records.map((record) => Number(record.seq))).toEqual(entries.map((entry) => entry.seq));
    for (const [i, entry] of entries.entries()) {
      const record = records[i]!;
      expect(record).toMatchObject({
        recorded_at: entry.recordedAt,
        actor: entry.actor,
        kind: entry.kind,
        incident_id: 'incidentId' in entry ? entry.incidentId : '',
      });
      expect(JSON.parse(record.data!)).toEqual(entry.data);
      expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(record.prev_hash).toMatch(/^[0-9a-f]{64}$/);
    }

    const summaries = records.map((record) => record.summary);
    expect(summaries).toContain('Status new → acknowledged: crew on the way');
    expect(summaries).toContain(
      'Incident opened: Fire at Åkeshov, duplicate call (utility_water, moderate)',
    );
    expect(summaries).toContain(`Merged into Fire at Åkeshov (${survivor.incidentId}): same fire`);
    const notes = records.filter((record) => record.kind === 'note.added');
    expect(notes.map((record) => record.summary)).toEqual([
      noteTexts[0],
      noteTexts[1],
      `'${noteTexts[2]}`,
      `'${noteTexts[3]}`,
      `'${noteTexts[4]}`,
      `'${noteTexts[5]}`,
    ]);
    expect(notes.every((record) => record.event_at === noteTime)).toBe(true);
    expect(records.find((record) => record.kind === 'report.received')!.event_at).toBe(
      buildReport().observedAt,
    );
  });

  it('answers 404 for an unknown incident and 400 for an unknown format', async () => {
    const missing = await download(
      '/api/v1/incidents/00000000-0000-4000-8000-000000000000/journal',
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe(
      'There is no incident 00000000-0000-4000-8000-000000000000',
    );
    const badFormat = await download(
      `/api/v1/incidents/${survivor.incidentId}/journal?format=xlsx`,
    );
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().message).toBe('querystring/format must be one of: csv, json');
  });

  it('is for whoever may export the journal: leadership may, the communicator and an admin may not', async () => {
    const url = `/api/v1/incidents/${survivor.incidentId}/journal`;
    expect((await download(url, leadership.headers)).statusCode).toBe(200);
    for (const role of ['communicator', 'admin'] as const) {
      const person = await signIn(app, (await createTestUser(app.database, [role])).username);
      const refused = await download(url, person.headers);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toMatch(/journal:export/);
    }
    expect((await download(url, partner)).statusCode).toBe(403);
    expect((await download(url, {})).statusCode).toBe(401);
  });
});

describe('the journal of a time range as a download', () => {
  const range = (from: string, to: string, format?: string) =>
    `/api/v1/journal?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${format ? `&format=${format}` : ''}`;

  it('holds every entry recorded in the range that the caller may see, and no security entry', async () => {
    await newIncident('Storm damage in Kista');
    const to = new Date(Date.now() + 1_000).toISOString();
    const { rows } = await app.database.pool.query<{ seq: string; kind: string }>(
      'select seq, kind from journal where recorded_at >= $1 and recorded_at < $2 order by seq',
      [startedAt, to],
    );
    const security = rows.filter((row) => row.kind.startsWith('auth.'));
    expect(security.length).toBeGreaterThan(0);

    const json = await download(range(startedAt, to));
    expect(json.statusCode).toBe(200);
    const exported: JournalExport = json.json();
    const visible = rows.filter((row) => INCIDENT_AND_CITY_KINDS.has(row.kind));
    expect(exported.entries.map((entry) => entry.seq)).toEqual(
      visible.map((row) => Number(row.seq)),
    );
    expect(exported.entries.some((entry) => (entry.kind as string) === 'hidden')).toBe(false);
    expect(exported.verification.ok).toBe(true);

    const csv = await download(range(startedAt, to, 'csv'), leadership.headers);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(
      /^attachment; filename="journal-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.csv"$/,
    );
    const records = csvRecords(csv.body);
    expect(records.map((record) => Number(record.seq))).toEqual(
      visible.map((row) => Number(row.seq)),
    );
    expect(records.some((record) => record.kind!.startsWith('auth.'))).toBe(false);
  });

  it('includes its start and leaves out its end', async () => {
    const { rows } = await app.database.pool.query<{ seq: string; recorded_at: Date }>(
      "select seq, recorded_at from journal where kind = 'report.received' order by seq limit 1",
    );
    const at = rows[0]!.recorded_at.toISOString();
    const starting: JournalExport = (
      await download(range(at, new Date(Date.now() + 1_000).toISOString()))
    ).json();
    expect(starting.entries[0]?.recordedAt).toBe(at);
    const ending: JournalExport = (await download(range(startedAt, at))).json();
    expect(ending.entries.every((entry) => entry.recordedAt < at)).toBe(true);
  });

  it('refuses a range that ends before it starts, one over 366 days, and malformed times', async () => {
    const backwards = await download(range('2026-11-22T10:00:00Z', '2026-11-22T09:00:00Z'));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toBe(
      'from (2026-11-22T10:00:00Z) must be before to (2026-11-22T09:00:00Z)',
    );
    expect((await download(range('2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z'))).statusCode).toBe(
      400,
    );
    const long = await download(range('2025-01-01T00:00:00Z', '2026-01-03T00:00:00Z'));
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toMatch(/at most 366 days/);
    expect((await download(range('2025-01-01T00:00:00Z', '2026-01-02T00:00:00Z'))).statusCode).toBe(
      200,
    );
    const malformed = await download(range('yesterday', '2026-11-22T10:00:00Z'));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().message).toMatch(/querystring\/from must match format "date-time"/);
    expect((await download('/api/v1/journal?from=2026-11-22T10:00:00Z')).statusCode).toBe(400);
  });

  it('is for whoever may export the journal', async () => {
    const url = range(startedAt, new Date().toISOString());
    for (const role of ['communicator', 'admin'] as const) {
      const person = await signIn(app, (await createTestUser(app.database, [role])).username);
      expect((await download(url, person.headers)).statusCode).toBe(403);
    }
    expect((await download(url, {})).statusCode).toBe(401);
  });

  it('reads a long range page by page without losing or repeating an entry', async () => {
    const snapshot = await openSnapshot(app.database.pool);
    try {
      const selection = {
        kinds: ['report.received', 'incident.opened', 'auth.signed_in'],
        recordedFrom: new Date(startedAt),
        recordedBefore: new Date(Date.now() + 1_000),
      };
      const all: number[] = [];
      for await (const page of readJournalRecords(snapshot.db, selection, 1_000)) {
        all.push(...page.map((record) => record.entry.seq));
      }
      const paged: number[] = [];
      for await (const page of readJournalRecords(snapshot.db, selection, 3)) {
        expect(page.length).toBeLessThanOrEqual(3);
        paged.push(...page.map((record) => record.entry.seq));
      }
      expect(all.length).toBeGreaterThan(6);
      expect(paged).toEqual(all);
    } finally {
      await snapshot.close();
    }
  });
});

describe('a download someone abandons', () => {
  it('gives its database connection back, so that the server goes on answering', async () => {
    const { incidentId } = await newIncident('Long night at the emergency shelter');
    for (let i = 0; i < 100; i += 1) {
      const note = await change(`/api/v1/incidents/${incidentId}/notes`, {
        text: `${i}: ${'Kaffe och filtar till skyddsrummet. '.repeat(250)}`,
      });
      expect(note.statusCode).toBe(201);
    }
    const url = `${baseUrl}/api/v1/incidents/${incidentId}/journal`;
    // More abandoned downloads than the server has database connections: each one hangs up
    // after the first piece of the file.
    for (let i = 0; i < 30; i += 1) {
      await new Promise<void>((resolve, reject) => {
        const request = get(
          `${url}?format=${i % 2 === 0 ? 'csv' : 'json'}`,
          { headers: dutyOfficer.headers, signal: AbortSignal.timeout(10_000) },
          (response) => {
            expect(response.statusCode).toBe(200);
            response.once('data', () => {
              request.destroy();
              resolve();
            });
          },
        );
        request.once('error', reject);
      });
    }
    const whole = await fetch(url, {
      headers: dutyOfficer.headers,
      signal: AbortSignal.timeout(10_000),
    });
    expect(((await whole.json()) as JournalExport).entries).toHaveLength(102);
  });
});
