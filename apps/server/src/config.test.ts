import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

function cityFile(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'vaka-city-')), 'city.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

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
