import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CitySettingsSchema, type CitySettings } from '@vaka/domain';
import { Value } from 'typebox/value';

/** Everything Vaka reads from its environment, checked once at start. */
export interface Config {
  port: number;
  host: string;
  /** Unset: start an embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  city: CitySettings;
  /** Seed a believable day of incidents into an empty database. */
  demo: boolean;
  /** Where the built console lives; served when it exists. */
  consoleDir: string;
  /** Open the console in the desktop's browser once listening (the README's start command). */
  openBrowser: boolean;
  /** Mark the session cookie Secure: set when Vaka is served over HTTPS, as in production. */
  secureCookies: boolean;
  /** Sign-in attempts allowed per minute from one address. */
  signInAttemptsPerMinute: number;
}

/** A configuration value that cannot work; the message says which and why. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const DEMO_CITY_FILE = fileURLToPath(new URL('../config/demo-city.json', import.meta.url));
const CONSOLE_DIR = fileURLToPath(new URL('../../console/dist', import.meta.url));
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and checks the configuration; throws a ConfigError that names the bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}"`);
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}"`,
    );
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.VAKA_DATA_DIR || './data'),
    logLevel,
    city: loadCitySettings(env.VAKA_CITY_FILE || DEMO_CITY_FILE),
    demo: env.VAKA_DEMO === '1' || env.VAKA_DEMO === 'true',
    consoleDir: env.VAKA_CONSOLE_DIR || CONSOLE_DIR,
    openBrowser: env.VAKA_OPEN === '1' && !env.CI,
    secureCookies: env.VAKA_SECURE_COOKIES === '1',
    signInAttemptsPerMinute: 30,
  };
}

/** Reads the city's settings file (JSON) and checks it against its schema. */
export function loadCitySettings(file: string): CitySettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `VAKA_CITY_FILE ${file} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
  const [first] = Value.Errors(CitySettingsSchema, parsed);
  if (first) {
    throw new ConfigError(
      `VAKA_CITY_FILE ${file}: ${first.instancePath || 'the top level'} ${first.message}`,
    );
  }
  const city = parsed as CitySettings;
  try {
    new Intl.DateTimeFormat('en', { timeZone: city.timeZone });
  } catch {
    throw new ConfigError(`VAKA_CITY_FILE ${file}: "${city.timeZone}" is not a known time zone`);
  }
  return city;
}
