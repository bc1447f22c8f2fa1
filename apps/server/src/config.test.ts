import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, districtAt } from '@vaka/domain';
import { ConfigError, loadConfig } from './config.ts';

function cityFile(content: unknown, districts?: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vaka-city-'));
  const file = path.join(dir, 'city.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  if (districts !== undefined) {
    mkdirSync(path.join(dir, 'geo'));
    writeFileSync(
      path.join(dir, 'geo', 'districts.geojson'),
      typeof districts === 'string' ? districts : JSON.stringify(districts),
    );
  }
  return file;
}

const plzen = {
  name: 'Plzeň',
  timeZone: 'Europe/Prague',
  languages: ['cs'],
  center: { lat: 49.7475, lon: 13.3776 },
};

/** A square district around Plzeň's centre, [lon, lat] corners. */
const square = (id: string, name: string) => ({
  type: 'Feature',
  properties: { id, name },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [13.3, 49.7],
        [13.45, 49.7],
        [13.45, 49.8],
        [13.3, 49.8],
        [13.3, 49.7],
      ],
    ],
  },
});

/** The Plzeň city file naming a districts file beside it, with what that file holds. */
const plzenWithDistricts = (districts: unknown) =>
  cityFile({ ...plzen, districts: 'geo/districts.geojson' }, districts);

describe('configuration', () => {
  it('has defaults that start a demo-ready local server', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      logLevel: 'info',
    });
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.city.timeZone).toBe('Europe/Stockholm');
  });

  it("gives the demo city Stockholm's districts, and every category", () => {
    const { city, districts } = loadConfig({});
    expect(districts.features.map((feature) => feature.properties.name)).toEqual([
      'Järva',
      'Hässelby-Vällingby',
      'Bromma',
      'Kungsholmen',
      'Norra innerstaden',
      'Södermalm',
      'Hägersten-Älvsjö',
      'Skärholmen',
      'Enskede-Årsta-Vantör',
      'Skarpnäck',
      'Farsta',
    ]);
    expect(districtAt(districts, { coordinates: { lat: 59.3105, lon: 18.0763 } })).toEqual({
      id: 'sodermalm',
      name: 'Södermalm',
    });
    expect(city.categories).toEqual(CATEGORIES);
    // The console gets the settings: the path of a file on the server is none of its business.
    expect(city).not.toHaveProperty('districts');
    expect(city).not.toHaveProperty('mapStyleUrl');
  });

  it("reads a city's districts from a file named relative to the city file, its categories and its map", () => {
    const file = cityFile(
      {
        ...plzen,
        districts: 'geo/districts.geojson',
        categories: ['flooding', 'fire', 'other'],
        mapStyleUrl: 'https://tiles.example.org/styles/city.json',
      },
      { type: 'FeatureCollection', features: [square('centrum', 'Plzeň 3')] },
    );
    const { city, districts } = loadConfig({ VAKA_CITY_FILE: file });
    expect(city).toEqual({
      ...plzen,
      categories: ['flooding', 'fire', 'other'],
      messageLanguages: { required: ['cs'], expected: [] },
      mapStyleUrl: 'https://tiles.example.org/styles/city.json',
    });
    expect(districtAt(districts, { coordinates: { lat: 49.7475, lon: 13.3776 } })).toEqual({
      id: 'centrum',
      name: 'Plzeň 3',
    });
  });

  it('owes public messages in the languages the city file names, or in its first language', () => {
    const helsinki = {
      name: 'Helsinki',
      timeZone: 'Europe/Helsinki',
      languages: ['fi', 'sv', 'en'],
      center: { lat: 60.1699, lon: 24.9384 },
    };
    expect(loadConfig({ VAKA_CITY_FILE: cityFile(helsinki) }).city.messageLanguages).toEqual({
      required: ['fi'],
      expected: ['sv', 'en'],
    });
    const owed = { required: ['fi', 'sv'], expected: ['en'] };
    const file = cityFile({ ...helsinki, messageLanguages: owed });
    expect(loadConfig({ VAKA_CITY_FILE: file }).city.messageLanguages).toEqual(owed);
    const foreign = cityFile({ ...helsinki, messageLanguages: { required: ['cs'], expected: [] } });
    expect(() => loadConfig({ VAKA_CITY_FILE: foreign })).toThrow(
      /messageLanguages names "cs", which is not one of the city's languages \(fi, sv, en\)/,
    );
  });

  it('has no districts when the city file names no districts file', () => {
    expect(loadConfig({ VAKA_CITY_FILE: cityFile(plzen) }).districts).toEqual({
      type: 'FeatureCollection',
      features: [],
    });
  });

  const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
  const withGeometry = (geometry: unknown) => collection({ ...square('a', 'A'), geometry });

  it.each([
    [
      'a districts file that is not there',
      () => cityFile({ ...plzen, districts: 'nowhere.geojson' }),
      /The districts file .*nowhere\.geojson cannot be read as JSON/,
    ],
    [
      'a districts file that is not JSON',
      () => plzenWithDistricts('{"type": "Feature'),
      /The districts file .*districts\.geojson cannot be read as JSON/,
    ],
    [
      'a single feature instead of a collection',
      () => plzenWithDistricts(square('a', 'A')),
      /districts\.geojson: the top level must have required properties features/,
    ],
    [
      'a district without a name',
      () => plzenWithDistricts(collection({ ...square('a', 'A'), properties: { id: 'a' } })),
      /\/features\/0\/properties must have required properties name/,
    ],
    [
      'a point instead of an area',
      () => plzenWithDistricts(withGeometry({ type: 'Point', coordinates: [13.37, 49.74] })),
      /\/features\/0\/geometry must be a Polygon or a MultiPolygon, not "Point"/,
    ],
    [
      'a district without a geometry',
      () => plzenWithDistricts(withGeometry(null)),
      /\/features\/0\/geometry is missing: a district is a Polygon or a MultiPolygon/,
    ],
    [
      'a polygon ring of two points',
      () =>
        plzenWithDistricts(
          withGeometry({
            type: 'Polygon',
            coordinates: [
              [
                [13.3, 49.7],
                [13.4, 49.8],
              ],
            ],
          }),
        ),
      /\/features\/0\/geometry\/coordinates\/0 must not have fewer than 4 items/,
    ],
    [
      'a district id used twice',
      () => plzenWithDistricts(collection(square('a', 'A'), square('a', 'B'))),
      /the district id "a" is used twice/,
    ],
    [
      'projected coordinates',
      () =>
        plzenWithDistricts(
          withGeometry({
            type: 'Polygon',
            coordinates: [
              [
                [452000, 5512000],
                [453000, 5512000],
                [453000, 5513000],
                [452000, 5512000],
              ],
            ],
          }),
        ),
      /the district "A" has the position \[452000, 5512000\], which is not \[longitude, latitude\] in WGS 84/,
    ],
    [
      'a category the city file cannot have',
      () => cityFile({ ...plzen, categories: ['fire', 'aliens'] }),
      /VAKA_CITY_FILE .*: \/categories\/1 must be/,
    ],
    [
      'no categories at all',
      () => cityFile({ ...plzen, categories: [] }),
      /\/categories must not have fewer than 1 items/,
    ],
    [
      'a map style that is not a web address',
      () => cityFile({ ...plzen, mapStyleUrl: 'styles/city.json' }),
      /\/mapStyleUrl must match/,
    ],
  ])('refuses %s with a message that names the file and the problem', (_name, file, message) => {
    const env = { VAKA_CITY_FILE: file() };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ DATABASE_URL: 'mysql://db/vaka' }, /DATABASE_URL must be a postgres/],
    [{ VAKA_CITY_FILE: '/nowhere/city.json' }, /cannot be read as JSON/],
    [{ VAKA_CITY_FILE: cityFile('{not json') }, /cannot be read as JSON/],
    [
      {
        VAKA_CITY_FILE: cityFile({
          name: 'Plzeň',
          timeZone: 'Europe/Prague',
          languages: ['de'],
          center: { lat: 49.7, lon: 13.4 },
        }),
      },
      /languages\/0/,
    ],
    [
      {
        VAKA_CITY_FILE: cityFile({
          name: 'Plzeň',
          timeZone: 'Europe/Pilsen',
          languages: ['cs'],
          center: { lat: 49.7, lon: 13.4 },
        }),
      },
      /not a known time zone/,
    ],
  ])('refuses %o with a message that names the problem', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  const oidcEnv = {
    VAKA_OIDC_ISSUER: 'https://login.example.org/realms/city',
    VAKA_OIDC_CLIENT_ID: 'vaka',
    VAKA_OIDC_CLIENT_SECRET: 'secret',
    VAKA_OIDC_REDIRECT_URL: 'https://vaka.example.org/api/v1/auth/oidc/callback',
    VAKA_OIDC_ROLE_MAP: '{"tib":"duty_officer","kriskom":"communicator"}',
  };

  it('signs in through an identity provider only when its issuer is set', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig(oidcEnv).oidc).toMatchObject({
      clientId: 'vaka',
      rolesClaim: 'roles',
      roleMap: { tib: 'duty_officer', kriskom: 'communicator' },
      label: 'City account',
    });
  });

  it.each([
    [{ VAKA_OIDC_ISSUER: 'login.example.org' }, /VAKA_OIDC_ISSUER must be a URL/],
    [{ VAKA_OIDC_ISSUER: 'http://login.example.org' }, /VAKA_OIDC_ISSUER must be an https/],
    [{ VAKA_OIDC_CLIENT_SECRET: '' }, /VAKA_OIDC_CLIENT_SECRET must be set/],
    [{ VAKA_OIDC_REDIRECT_URL: undefined }, /VAKA_OIDC_REDIRECT_URL must be a URL/],
    [{ VAKA_OIDC_ROLE_MAP: '["tib"]' }, /VAKA_OIDC_ROLE_MAP must be a JSON object/],
    [{ VAKA_OIDC_ROLE_MAP: '{"tib":"boss"}' }, /maps "tib" to "boss", which is not one of/],
    [{ VAKA_OIDC_ISSUER: '' }, /VAKA_OIDC_CLIENT_ID is set, but VAKA_OIDC_ISSUER is not/],
  ])(
    'refuses identity provider settings %o with a message that names the problem',
    (change, message) => {
      expect(() => loadConfig({ ...oidcEnv, ...change })).toThrow(ConfigError);
      expect(() => loadConfig({ ...oidcEnv, ...change })).toThrow(message);
    },
  );

  it('reads a city of its own', () => {
    const file = cityFile({
      name: 'Helsinki',
      timeZone: 'Europe/Helsinki',
      languages: ['fi', 'sv', 'en'],
      center: { lat: 60.17, lon: 24.94 },
    });
    expect(loadConfig({ VAKA_CITY_FILE: file }).city).toMatchObject({
      name: 'Helsinki',
      languages: ['fi', 'sv', 'en'],
    });
  });

  it('stops the server at start with the reason, before touching any database', () => {
    const entry = fileURLToPath(new URL('./server.ts', import.meta.url));
    const result = spawnSync(process.execPath, ['--import', 'tsx', entry], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain(
      'Vaka cannot start: PORT must be a whole number from 0 to 65535, not "eighty"',
    );
  });
});
