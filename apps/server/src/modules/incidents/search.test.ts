import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import {
  JournalKind,
  type CreateReport,
  type Incident,
  type IncidentSearchResult,
  type NewJournalEntry,
  type Role,
} from '@vaka/domain';
import { appendJournal, incidentSearchStatement } from '@vaka/db';
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

/** The incidents every search here looks among, by a short name. */
const found: Record<string, Incident> = {};

beforeAll(async () => {
  app = await buildTestApp();
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };

  found.stairwell = await report({
    title: 'Brand i trapphus',
    description: 'Kraftig rökutveckling, boende evakueras.',
    category: 'fire',
    severity: 'serious',
    location: { address: 'Götgatan 78, Stockholm' },
  });
  found.helsinki = await report({
    title: 'Tulipalo kerrostalossa',
    description: 'Savua porraskäytävässä.',
    category: 'fire',
    severity: 'critical',
    location: { address: 'Mannerheimintie 5, Helsinki' },
  });
  found.substation = await report({
    title: 'Substation fires knock out power',
    description: 'Several transformers burning, district heating affected.',
    category: 'utility_power',
    severity: 'critical',
    location: { address: 'Värtahamnen' },
  });
  found.pipe = await report({
    title: 'Water pipe burst',
    description: 'Flooding in the basement garage.',
    category: 'utility_water',
    severity: 'moderate',
    location: { address: 'Sveavägen 10' },
  });
  found.pipe = await close(found.pipe);
  found.noted = await report({
    title: 'Demonstration at the square',
    description: 'About two hundred people.',
    category: 'demonstration',
    severity: 'minor',
    location: { address: 'Sergels torg' },
  });
  await note(found.noted.id, 'Police liaison reports counter-protesters with pyrotechnics');
});
afterAll(() => app.close());

async function report(overrides: Partial<CreateReport>): Promise<Incident> {
  const receipt = (
    await app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: partner,
      payload: buildReport(overrides),
    })
  ).json();
  const situation = (
    await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })
  ).json();
  return situation.incidents.find((incident: Incident) => incident.id === receipt.incidentId);
}

async function close(incident: Incident): Promise<Incident> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/incidents/${incident.id}/transitions`,
    headers: { ...dutyOfficer.changeHeaders, 'content-type': 'application/json' },
    payload: JSON.stringify({
      transition: 'close',
      reason: 'repaired',
      expectedUpdatedAt: incident.updatedAt,
    }),
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** A note in the incident's journal, as the notes route writes it. */
async function note(incidentId: string, text: string): Promise<void> {
  const entry: NewJournalEntry = {
    kind: JournalKind.noteAdded,
    actor: dutyOfficer.session.user.username,
    incidentId,
    data: { text, keyEvent: false, public: false },
  };
  await app.database.db.transaction((tx) => appendJournal(tx, [entry]));
}

async function merge(duplicate: Incident, into: Incident): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/incidents/${duplicate.id}/merge`,
    headers: { ...dutyOfficer.changeHeaders, 'content-type': 'application/json' },
    payload: JSON.stringify({
      into: into.id,
      reason: 'the same',
      expectedUpdatedAt: duplicate.updatedAt,
    }),
  });
  expect(response.statusCode).toBe(200);
}

async function search(query: Record<string, string>, who = dutyOfficer) {
  return app.inject({
    url: `/api/v1/incidents?${new URLSearchParams(query).toString()}`,
    headers: who.headers,
  });
}

/** The titles of the incidents found, best first, among those this file made. */
async function titlesFound(query: Record<string, string>): Promise<string[]> {
  const response = await search(query);
  expect(response.statusCode).toBe(200);
  const result: IncidentSearchResult = response.json();
  return result.hits.map((hit) => hit.incident.title);
}

describe('finding incidents by their words', () => {
  it('finds Swedish words in other forms: "bränder" finds a "brand", "brän" as it is typed', async () => {
    expect(await titlesFound({ q: 'bränder' })).toEqual(['Brand i trapphus']);
    expect(await titlesFound({ q: 'brän' })).toEqual(['Brand i trapphus']);
    expect(await titlesFound({ q: 'rökutvecklingen' })).toEqual(['Brand i trapphus']);
  });

  it('finds Finnish words in their cases: "tulipalossa" and "tulipalo"', async () => {
    expect(await titlesFound({ q: 'tulipalossa' })).toEqual(['Tulipalo kerrostalossa']);
    expect(await titlesFound({ q: 'tulipalo' })).toEqual(['Tulipalo kerrostalossa']);
  });

  it('finds English inflections, and several words only together', async () => {
    expect(await titlesFound({ q: 'fire' })).toEqual(['Substation fires knock out power']);
    expect(await titlesFound({ q: 'burns' })).toEqual(['Substation fires knock out power']);
    expect(await titlesFound({ q: 'transformer heating' })).toEqual([
      'Substation fires knock out power',
    ]);
    expect(await titlesFound({ q: 'transformer flooding' })).toEqual([]);
  });

  it('says where the words matched, marking them', async () => {
    const response = await search({ q: 'brand' });
    const [hit] = (response.json() as IncidentSearchResult).hits;
    expect(hit!.matches).toEqual(
      expect.arrayContaining([
        { source: 'incident', text: '«Brand» i trapphus, Götgatan 78, Stockholm' },
        { source: 'report', text: expect.stringContaining('«Brand» i trapphus') },
      ]),
    );
    const basement = (await search({ q: 'basement' })).json() as IncidentSearchResult;
    expect(basement.hits[0]!.matches).toEqual([
      { source: 'report', text: 'Water pipe burst. Flooding in the «basement» garage' },
    ]);
  });

  it("finds a note's words, for the incident the note went into with a merge", async () => {
    const noted = (await search({ q: 'pyrotechnics' })).json() as IncidentSearchResult;
    expect(noted.hits.map((hit) => hit.incident.id)).toEqual([found.noted!.id]);
    expect(noted.hits[0]!.matches).toEqual([
      {
        source: 'note',
        text: 'Police liaison reports counter-protesters with «pyrotechnics»',
      },
    ]);

    const into = await report({
      title: 'Crowd at the central station',
      category: 'public_order',
      location: { address: 'Centralplan' },
    });
    const duplicate = await report({
      title: 'Large group near the station',
      location: { address: 'Vasagatan' },
    });
    await note(duplicate.id, 'Glass bottles thrown at the taxi rank');
    await merge(duplicate, into);
    const afterMerge = (await search({ q: 'bottles taxi' })).json() as IncidentSearchResult;
    expect(afterMerge.hits.map((hit) => hit.incident.id)).toEqual([into.id]);
    expect(afterMerge.hits[0]!.matches).toEqual([
      { source: 'note', text: 'Glass «bottles» thrown at the «taxi» rank' },
    ]);
    // The merged incident itself is never listed: it lives on in the one it went into.
    const station = (await search({ q: 'station' })).json() as IncidentSearchResult;
    expect(station.hits.map((hit) => hit.incident.id)).toEqual([into.id]);
  });

  it('finds closed incidents too, and combines words with filters', async () => {
    expect(await titlesFound({ q: 'pipe' })).toEqual(['Water pipe burst']);
    expect(await titlesFound({ q: 'pipe', status: 'closed' })).toEqual(['Water pipe burst']);
    expect(await titlesFound({ q: 'pipe', status: 'new,acknowledged' })).toEqual([]);
    expect(await titlesFound({ q: 'fire tulipalo brand', category: 'fire' })).toEqual([]);
    expect(
      await titlesFound({ q: 'brand OR tulipalo', category: 'fire', severity: 'critical' }),
    ).toEqual(['Tulipalo kerrostalossa']);
    expect(await titlesFound({ q: 'brand OR tulipalo', to: found.stairwell!.openedAt })).toEqual(
      [],
    );
  });

  it('answers 400 with a reason for words that are no words, and for a bad limit', async () => {
    for (const q of ['!!!', '  ', '«»—…']) {
      const response = await search({ q });
      expect(response.statusCode, q).toBe(400);
      expect(response.json().message).toMatch(/has no letters or digits to look for/);
    }
    for (const limit of ['0', '501', 'ten', '-1']) {
      const response = await search({ limit });
      expect(response.statusCode, limit).toBe(400);
      expect(response.json().message).toMatch(/limit/);
    }
    expect((await search({ status: 'open' })).statusCode).toBe(400);
    expect((await search({ q: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await search({ from: 'yesterday' })).statusCode).toBe(400);
    const backwards = await search({ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toMatch(/must be before/);
  });

  it('takes quotes, minus signs and SQL as words, never as code', async () => {
    for (const q of ["'; drop table incidents; --", '"brand i', '-brand', 'a & b | !c', 'x:*']) {
      const response = await search({ q });
      expect(response.statusCode, q).toBe(200);
    }
    expect(await titlesFound({ q: '"brand i trapphus"' })).toEqual(['Brand i trapphus']);
    expect(await titlesFound({ q: 'burst -pipe' })).toEqual([]);
  });

  it('reads the full-text indexes, not every row', async () => {
    await app.database.db.transaction(async (tx) => {
      // Enough notes that reading them all costs more than reading the index.
      await appendJournal(
        tx,
        Array.from({ length: 2_000 }, (_, n) => ({
          kind: JournalKind.noteAdded,
          actor: 'test',
          incidentId: found.noted!.id,
          data: { text: `Routine check number ${n}`, keyEvent: false, public: false },
        })),
      );
    });
    await app.database.pool.query('analyze');
    const plan = await app.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const explained = await tx.execute<{ 'QUERY PLAN': string }>(
        sql`explain ${incidentSearchStatement({ text: 'brand', prefix: { before: '', start: 'brand' } }, {}, 100)}`,
      );
      return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Bitmap Index Scan on incidents_search_vector_idx');
    expect(plan).toContain('Bitmap Index Scan on reports_search_vector_idx');
    expect(plan).toContain('Bitmap Index Scan on journal_notes_search_idx');
  });
});

describe('listing incidents by filters', () => {
  it('lists open and closed incidents newest first, leaving merged ones out', async () => {
    const response = await search({});
    expect(response.statusCode).toBe(200);
    const result: IncidentSearchResult = response.json();
    const openedAt = result.hits.map((hit) => hit.incident.openedAt);
    expect(openedAt).toEqual([...openedAt].sort().reverse());
    expect(result.hits.every((hit) => hit.matches.length === 0)).toBe(true);
    expect(result.hits.some((hit) => hit.incident.status === 'closed')).toBe(true);
    expect(result.hits.some((hit) => hit.incident.mergedInto !== undefined)).toBe(false);
    expect(result.truncated).toBe(false);
  });

  it('filters by status, severity, category and time, and says when there were more', async () => {
    expect(await titlesFound({ status: 'closed' })).toEqual(['Water pipe burst']);
    expect(await titlesFound({ severity: 'critical', category: 'fire,utility_power' })).toEqual([
      'Substation fires knock out power',
      'Tulipalo kerrostalossa',
    ]);
    expect(await titlesFound({ from: found.helsinki!.openedAt, to: found.pipe!.openedAt })).toEqual(
      ['Substation fires knock out power', 'Tulipalo kerrostalossa'],
    );
    const limited = (await search({ category: 'fire', limit: '1' })).json();
    expect(limited.hits.map((hit: { incident: Incident }) => hit.incident.title)).toEqual([
      'Tulipalo kerrostalossa',
    ]);
    expect(limited.truncated).toBe(true);
  });

  it('filters by district', async () => {
    // Every incident here has an address only, so none lies in a district until placed in one.
    await app.database.pool.query(`update incidents set district = $1 where id = $2`, [
      { id: 'sodermalm', name: 'Södermalm' },
      found.stairwell!.id,
    ]);
    expect(await titlesFound({ district: 'sodermalm,norrmalm' })).toEqual(['Brand i trapphus']);
    expect(await titlesFound({ district: 'norrmalm' })).toEqual([]);
    expect(await titlesFound({ q: 'trapphus', district: 'sodermalm' })).toEqual([
      'Brand i trapphus',
    ]);
  });
});

describe('who may search', () => {
  it.each<Role>(['duty_officer', 'communicator', 'leadership'])(
    'lets a %s search',
    async (role) => {
      const person = await signIn(app, (await createTestUser(app.database, [role])).username);
      expect((await search({ q: 'brand' }, person)).statusCode).toBe(200);
    },
  );

  it('refuses an admin (403), a partner key (403) and anyone not signed in (401)', async () => {
    const admin = await signIn(app, (await createTestUser(app.database, ['admin'])).username);
    expect((await search({ q: 'brand' }, admin)).statusCode).toBe(403);
    expect(
      (await app.inject({ url: '/api/v1/incidents?q=brand', headers: partner })).statusCode,
    ).toBe(403);
    expect((await app.inject({ url: '/api/v1/incidents?q=brand' })).statusCode).toBe(401);
  });
});
