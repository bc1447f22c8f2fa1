import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { CATEGORIES, JournalKind, type Incident, type IncidentDetail } from '@vaka/domain';
import { countReports } from '@vaka/db';
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
import { seedDemoData } from '../../demo/seed.ts';

let databaseUrl: string;
let app: FastifyInstance;
let baseUrl: string;
let dutyOfficer: SignedIn;
let partner: Record<string, string>;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  app = await buildTestApp({ databaseUrl });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  dutyOfficer = await signIn(
    baseUrl,
    (await createTestUser(app.database, ['duty_officer'])).username,
  );
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
});
afterAll(() => app.close());

/** A partner's system posts a report to `target`. */
const post = (target: FastifyInstance, payload: unknown) =>
  target.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { 'content-type': 'application/json', ...partner },
    payload: JSON.stringify(payload),
  });

async function openIncident(id: string): Promise<Incident | undefined> {
  const situation = await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers });
  return (situation.json() as { incidents: Incident[] }).incidents.find((i) => i.id === id);
}

const at = (lat: number, lon: number, address?: string) => ({
  ...(address !== undefined && { address }),
  coordinates: { lat, lon },
});

describe("the city's settings", () => {
  it('tell anyone the categories in the order the console offers them, and no server path', async () => {
    const response = await app.inject('/api/v1/city');
    expect(response.statusCode).toBe(200);
    const city = response.json();
    expect(city.categories).toEqual(CATEGORIES);
    expect(city).not.toHaveProperty('districts');
    expect(JSON.stringify(city)).not.toMatch(/geojson/);
  });
});

describe("the city's districts", () => {
  it('are given to every role that watches the situation', async () => {
    for (const role of ['duty_officer', 'communicator', 'leadership'] as const) {
      const person = await signIn(app, (await createTestUser(app.database, [role])).username);
      const response = await app.inject({
        url: '/api/v1/city/districts',
        headers: person.headers,
      });
      expect(response.statusCode, role).toBe(200);
      const districts = response.json();
      expect(districts.type).toBe('FeatureCollection');
      expect(districts.features).toHaveLength(11);
      expect(districts.features[5]).toMatchObject({
        type: 'Feature',
        properties: { id: 'sodermalm', name: 'Södermalm' },
        geometry: { type: 'Polygon' },
      });
    }
  });

  it('are refused to an admin (403) and to an anonymous caller (401)', async () => {
    const admin = await signIn(app, (await createTestUser(app.database, ['admin'])).username);
    const forAdmin = await app.inject({ url: '/api/v1/city/districts', headers: admin.headers });
    expect(forAdmin.statusCode).toBe(403);
    expect((await app.inject('/api/v1/city/districts')).statusCode).toBe(401);
  });

  it('are an empty collection for a city without a districts file', async () => {
    const withoutDistricts = await buildTestApp({
      databaseUrl,
      config: { districts: { type: 'FeatureCollection', features: [] } },
    });
    try {
      const response = await withoutDistricts.inject({
        url: '/api/v1/city/districts',
        headers: dutyOfficer.headers,
      });
      expect(response.json()).toEqual({ type: 'FeatureCollection', features: [] });
    } finally {
      await withoutDistricts.close();
    }
  });
});

describe('an incident opened from a report', () => {
  it('lies in the district of its coordinates, in the situation and on the live stream', async () => {
    const since = (
      await app.inject({ url: '/api/v1/situation', headers: dutyOfficer.headers })
    ).json().asOfSeq;
    const liveConsole = await connectLive(baseUrl, { since }, { cookie: dutyOfficer.cookie });
    const response = await post(
      app,
      buildReport({
        title: 'Burst pipe at Medborgarplatsen',
        location: at(59.3143, 18.0735, 'Medborgarplatsen, Stockholm'),
      }),
    );
    expect(response.statusCode).toBe(201);
    const receipt = response.json();

    expect(await openIncident(receipt.incidentId)).toMatchObject({
      district: { id: 'sodermalm', name: 'Södermalm' },
    });
    await liveConsole.waitFor((c) => c.entries.some((e) => e.seq === receipt.seq));
    expect(
      liveConsole.entries.find((entry) => entry.kind === JournalKind.incidentOpened),
    ).toMatchObject({
      incidentId: receipt.incidentId,
      data: { incident: { district: { id: 'sodermalm', name: 'Södermalm' } } },
    });
    liveConsole.close();
  });

  it('lies in no district outside them all, or without coordinates', async () => {
    const inSolna = await post(
      app,
      buildReport({ location: at(59.3726, 17.9987, 'Strawberry Arena, Solna') }),
    );
    const addressOnly = await post(
      app,
      buildReport({ location: { address: 'Stadshuset, Hantverkargatan 1' } }),
    );
    for (const response of [inSolna, addressOnly]) {
      expect(response.statusCode).toBe(201);
      const incident = await openIncident(response.json().incidentId);
      expect(incident).toBeDefined();
      expect(incident).not.toHaveProperty('district');
    }
  });

  it('of the demo day lies in the district of the place it names', async () => {
    const demo = await buildTestApp();
    try {
      expect(await seedDemoData(demo)).toBeGreaterThan(0);
      const { rows } = await demo.database.pool.query<{
        title: string;
        district: { name: string } | null;
      }>('select title, district from incidents');
      const districtOf = Object.fromEntries(
        rows.map(({ title, district }) => [title, district?.name ?? null]),
      );
      expect(districtOf).toEqual({
        'Power cut in Hammarby sjöstad': 'Södermalm',
        'Water main break on Götgatan': 'Södermalm',
        'Storm warning: strong winds over Stockholm tonight': 'Norra innerstaden',
        'Threatening letter to a city councillor': null,
        'Football derby at Strawberry Arena: supporter marches': null,
        'Demonstration at Mynttorget': 'Södermalm',
        'Heating outage in Rinkeby': 'Järva',
        'Fire in a recycling plant, heavy smoke': 'Hässelby-Vällingby',
        'State visit: motorcade route closures tomorrow': 'Södermalm',
        'IT incident: phishing against city staff': null,
        'Lift stuck at Slussen, passengers freed': 'Södermalm',
        'Flooding risk on Söder Mälarstrand': 'Södermalm',
        'Mobile network disruption in Kista': 'Järva',
        'Fights outside nightclub, Stureplan': 'Norra innerstaden',
        'Fallen tree blocks Djurgårdsvägen': 'Norra innerstaden',
        'Gastro outbreak at a preschool': null,
        'Suspicious package at T-Centralen': 'Norra innerstaden',
        'Ferry traffic to Vaxholm cancelled': 'Norra innerstaden',
        'Car fire in a garage, Vällingby': 'Hässelby-Vällingby',
        'Large crowd gathering after the match': 'Norra innerstaden',
        'Smoke smell in Hässelby strand, residents worried': 'Hässelby-Vällingby',
        'Supporters with fireworks at Odenplan': 'Norra innerstaden',
      });
    } finally {
      await demo.close();
    }
  });
});

describe("the city's categories", () => {
  it('by default include every built-in category: a report in any of them is taken', async () => {
    for (const category of CATEGORIES) {
      const response = await post(app, buildReport({ category }));
      expect(response.statusCode, category).toBe(201);
    }
  });

  it('in a city file that names a few, refuse a report in another with the ones it uses', async () => {
    const { city } = testConfig(databaseUrl);
    const fewer = await buildTestApp({
      databaseUrl,
      config: { city: { ...city, categories: ['flooding', 'fire', 'other'] } },
    });
    try {
      const cityAnswer = (await fewer.inject('/api/v1/city')).json();
      expect(cityAnswer.categories).toEqual(['flooding', 'fire', 'other']);

      const before = await countReports(fewer.database.db);
      const refused = await post(fewer, buildReport({ category: 'utility_water' }));
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        message:
          'The category utility_water is not one Stockholm (demo) uses; use one of: flooding, fire, other',
      });
      expect(await countReports(fewer.database.db)).toBe(before);

      const taken = await post(fewer, buildReport({ category: 'flooding' }));
      expect(taken.statusCode).toBe(201);
      const { incidentId } = taken.json<{ incidentId: string }>();
      const seen = (
        await fewer.inject({ url: `/api/v1/incidents/${incidentId}`, headers: dutyOfficer.headers })
      ).json<IncidentDetail>().incident;
      const recategorised = await fewer.inject({
        method: 'PATCH',
        url: `/api/v1/incidents/${incidentId}`,
        headers: dutyOfficer.changeHeaders,
        payload: { changes: { category: 'utility_water' }, expectedUpdatedAt: seen.updatedAt },
      });
      expect(recategorised.statusCode).toBe(400);
      expect(recategorised.json().message).toMatch(/utility_water is not one .* uses/);
    } finally {
      await fewer.close();
    }
  });
});
