import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CATEGORIES,
  CityFileSchema,
  defaultMessageLanguages,
  DistrictCollectionSchema,
  DistrictGeometrySchema,
  ROLES,
  type CityFile,
  type CitySettings,
  type DistrictCollection,
  type Role,
} from '@vaka/domain';
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
  /** The city's districts, from the GeoJSON file its settings name; none when it names none. */
  districts: DistrictCollection;
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
  /** Signing in through the city's identity provider (OpenID Connect); undefined when off. */
  oidc: OidcConfig | undefined;
  /** How escalations reach people: the channels, the links in messages, and the limits. */
  notifications: NotificationConfig;
  /** CAP feeds polled for alerts (`VAKA_CAP_FEEDS`); none when unset. */
  capFeeds: CapFeedConfig[];
  /**
   * The bearer token a Prometheus scraper must send for `/metrics` (`VAKA_METRICS_TOKEN`); when
   * unset, `/metrics` answers only callers on this machine.
   */
  metricsToken: string | undefined;
}

/** A feed of CAP alerts Vaka polls, such as a weather service's Atom feed of warnings. */
export interface CapFeedConfig {
  url: URL;
  /** Who the feed's alerts are from in the journal: `feed:<name>`. */
  name: string;
  everyMinutes: number;
}

/** The channels escalation messages go out on, and the rules they go out by. */
export interface NotificationConfig {
  /** The address people reach Vaka at, for the acknowledgement links in messages. */
  publicUrl: URL;
  /** E-mail over SMTP; undefined when not configured (e-mail notifications then fail, loudly). */
  smtp: { url: URL; from: string } | undefined;
  /** SMS through an HTTP gateway taking JSON; undefined when not configured. */
  sms: { url: URL; token: string | undefined } | undefined;
  /** How long an acknowledgement link works after its message was queued. */
  linkTtlMinutes: number;
  /** Attempts per message before it fails for good. */
  maxAttempts: number;
  /** At most this many messages to one phone or address… */
  recipientLimit: number;
  /** …in this many minutes; more wait their turn. */
  recipientWindowMinutes: number;
}

/** The identity provider Vaka signs people in with, and how its roles become Vaka's. */
export interface OidcConfig {
  /** The issuer, whose `/.well-known/openid-configuration` describes the provider. */
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Vaka's public callback URL, `…/api/v1/auth/oidc/callback`, as registered at the provider. */
  redirectUrl: URL;
  /** The claim that carries the person's groups or roles; a dotted path reaches nested claims. */
  rolesClaim: string;
  /** The provider's group or role names and the Vaka roles each one grants. */
  roleMap: Readonly<Record<string, Role>>;
  /** What the sign-in button calls the provider's accounts. */
  label: string;
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
    ...loadCityFile(env.VAKA_CITY_FILE || DEMO_CITY_FILE),
    demo: env.VAKA_DEMO === '1' || env.VAKA_DEMO === 'true',
    consoleDir: env.VAKA_CONSOLE_DIR || CONSOLE_DIR,
    openBrowser: env.VAKA_OPEN === '1' && !env.CI,
    secureCookies: env.VAKA_SECURE_COOKIES === '1',
    signInAttemptsPerMinute: 30,
    oidc: loadOidcConfig(env),
    notifications: loadNotificationConfig(env, port),
    capFeeds: loadCapFeeds(env.VAKA_CAP_FEEDS),
    metricsToken: loadMetricsToken(env.VAKA_METRICS_TOKEN),
  };
}

/** `VAKA_METRICS_TOKEN`: long enough not to be guessed. */
function loadMetricsToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 24) {
    throw new ConfigError(
      'VAKA_METRICS_TOKEN must be at least 24 characters, e.g. the output of `openssl rand -hex 16`',
    );
  }
  return value;
}

/** `VAKA_CAP_FEEDS`: a JSON array of `{ "url", "name", "everyMinutes" }`. */
function loadCapFeeds(value: string | undefined): CapFeedConfig[] {
  if (!value) return [];
  const example = '[{"url":"https://…","name":"SMHI","everyMinutes":5}]';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ConfigError(`VAKA_CAP_FEEDS must be a JSON array such as ${example}`);
  }
  if (!Array.isArray(parsed)) {
    throw new ConfigError(`VAKA_CAP_FEEDS must be a JSON array such as ${example}`);
  }
  const feeds: CapFeedConfig[] = [];
  parsed.forEach((entry: unknown, index) => {
    const which = `VAKA_CAP_FEEDS entry ${index + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new ConfigError(`${which} must be an object such as ${example.slice(1, -1)}`);
    }
    const { url, name, everyMinutes } = entry as Record<string, unknown>;
    if (typeof name !== 'string' || !/^[^\s:][^:\p{Cc}]{0,59}$/u.test(name)) {
      throw new ConfigError(
        `${which} needs a "name" of 1 to 60 characters without colons, as the journal shows it (feed:<name>)`,
      );
    }
    const named = `${which} ("${name}")`;
    if (typeof url !== 'string') throw new ConfigError(`${named} needs a "url"`);
    const feedUrl = webUrl(`${named}: url`, url);
    if (
      typeof everyMinutes !== 'number' ||
      !Number.isInteger(everyMinutes) ||
      everyMinutes < 1 ||
      everyMinutes > 1440
    ) {
      throw new ConfigError(`${named} needs "everyMinutes", a whole number from 1 to 1440`);
    }
    if (feeds.some((feed) => feed.name === name)) {
      throw new ConfigError(`${named}: another feed has this name; give each feed its own`);
    }
    if (feeds.some((feed) => feed.url.href === feedUrl.href)) {
      throw new ConfigError(`${named}: another feed has this url; list each feed once`);
    }
    feeds.push({ url: feedUrl, name, everyMinutes });
  });
  return feeds;
}

/** Reads the escalation channels' settings; each channel is optional. */
function loadNotificationConfig(env: NodeJS.ProcessEnv, port: number): NotificationConfig {
  const publicUrl = env.VAKA_PUBLIC_URL
    ? webUrl('VAKA_PUBLIC_URL', env.VAKA_PUBLIC_URL)
    : new URL(`http://localhost:${port}`);
  let smtp: NotificationConfig['smtp'];
  if (env.VAKA_SMTP_URL) {
    const url = parsedUrl('VAKA_SMTP_URL', env.VAKA_SMTP_URL);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new ConfigError('VAKA_SMTP_URL must be an smtp:// or smtps:// URL');
    }
    const from = env.VAKA_MAIL_FROM;
    if (!from) throw new ConfigError('VAKA_MAIL_FROM must be set when VAKA_SMTP_URL is');
    smtp = { url, from };
  }
  const sms = env.VAKA_SMS_URL
    ? { url: webUrl('VAKA_SMS_URL', env.VAKA_SMS_URL), token: env.VAKA_SMS_TOKEN || undefined }
    : undefined;
  return {
    publicUrl,
    smtp,
    sms,
    linkTtlMinutes: wholeNumber(env, 'VAKA_LINK_TTL_MINUTES', 24 * 60, 5),
    maxAttempts: wholeNumber(env, 'VAKA_NOTIFY_MAX_ATTEMPTS', 5, 1),
    recipientLimit: wholeNumber(env, 'VAKA_NOTIFY_RECIPIENT_LIMIT', 6, 1),
    recipientWindowMinutes: wholeNumber(env, 'VAKA_NOTIFY_RECIPIENT_WINDOW_MINUTES', 15, 1),
  };
}

function parsedUrl(name: string, value: string): URL {
  try {
    return new URL(value);
  } catch {
    // NOTE: the value is not repeated: it may hold a password.
    throw new ConfigError(`${name} must be a URL`);
  }
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min}, not "${value}"`);
  }
  return number;
}

/** Reads the identity provider's settings; undefined when `VAKA_OIDC_ISSUER` is unset. */
function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  if (!env.VAKA_OIDC_ISSUER) {
    const stray = Object.keys(env).find((name) => name.startsWith('VAKA_OIDC_') && env[name]);
    if (stray) throw new ConfigError(`${stray} is set, but VAKA_OIDC_ISSUER is not`);
    return undefined;
  }
  const issuer = webUrl('VAKA_OIDC_ISSUER', env.VAKA_OIDC_ISSUER);
  const redirectUrl = webUrl('VAKA_OIDC_REDIRECT_URL', env.VAKA_OIDC_REDIRECT_URL);
  const clientId = env.VAKA_OIDC_CLIENT_ID;
  const clientSecret = env.VAKA_OIDC_CLIENT_SECRET;
  if (!clientId) throw new ConfigError('VAKA_OIDC_CLIENT_ID must be set when VAKA_OIDC_ISSUER is');
  if (!clientSecret) {
    throw new ConfigError('VAKA_OIDC_CLIENT_SECRET must be set when VAKA_OIDC_ISSUER is');
  }
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUrl,
    rolesClaim: env.VAKA_OIDC_ROLES_CLAIM || 'roles',
    roleMap: parseRoleMap(env.VAKA_OIDC_ROLE_MAP),
    label: env.VAKA_OIDC_LABEL || 'City account',
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https URL, or http on this machine only (for trying Vaka out and for tests). */
function webUrl(name: string, value: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(value ?? '');
  } catch {
    throw new ConfigError(`${name} must be a URL, not "${value ?? ''}"`);
  }
  const secure =
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  if (!secure) {
    throw new ConfigError(
      `${name} must be an https:// URL (http:// only on localhost), not "${value}"`,
    );
  }
  return url;
}

/** `VAKA_OIDC_ROLE_MAP`: a JSON object from the provider's names to Vaka roles. */
function parseRoleMap(value: string | undefined): Record<string, Role> {
  const example = '{"tib":"duty_officer"}';
  if (!value) {
    throw new ConfigError(
      `VAKA_OIDC_ROLE_MAP must be set when VAKA_OIDC_ISSUER is: a JSON object such as ${example}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ConfigError(`VAKA_OIDC_ROLE_MAP must be a JSON object such as ${example}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`VAKA_OIDC_ROLE_MAP must be a JSON object such as ${example}`);
  }
  const roleMap: Record<string, Role> = {};
  for (const [name, role] of Object.entries(parsed)) {
    if (!ROLES.includes(role as Role)) {
      throw new ConfigError(
        `VAKA_OIDC_ROLE_MAP maps "${name}" to ${JSON.stringify(role)}, which is not one of ${ROLES.join(', ')}`,
      );
    }
    roleMap[name] = role as Role;
  }
  return roleMap;
}

/** Reads the city's file (JSON) and the districts file it names, and checks both. */
export function loadCityFile(file: string): Pick<Config, 'city' | 'districts'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `VAKA_CITY_FILE ${file} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
  const [first] = Value.Errors(CityFileSchema, parsed);
  if (first) {
    throw new ConfigError(
      `VAKA_CITY_FILE ${file}: ${first.instancePath || 'the top level'} ${first.message}`,
    );
  }
  // The districts file's path stays here: the console gets the settings, never a server path.
  const {
    districts: districtsFile,
    categories,
    messageLanguages,
    ...settings
  } = parsed as CityFile;
  const city: CitySettings = {
    ...settings,
    categories: categories ?? [...CATEGORIES],
    messageLanguages: messageLanguages ?? defaultMessageLanguages(settings.languages),
  };
  const owed = [...city.messageLanguages.required, ...city.messageLanguages.expected];
  const foreign = owed.find((language) => !city.languages.includes(language));
  if (foreign !== undefined) {
    throw new ConfigError(
      `VAKA_CITY_FILE ${file}: messageLanguages names "${foreign}", which is not one of the city's languages (${city.languages.join(', ')})`,
    );
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: city.timeZone });
  } catch {
    throw new ConfigError(`VAKA_CITY_FILE ${file}: "${city.timeZone}" is not a known time zone`);
  }
  const districts: DistrictCollection =
    districtsFile === undefined
      ? { type: 'FeatureCollection', features: [] }
      : loadDistricts(path.resolve(path.dirname(file), districtsFile));
  return { city, districts };
}

/** Reads a GeoJSON file of districts and checks that Vaka can place incidents with it. */
function loadDistricts(file: string): DistrictCollection {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `The districts file ${file} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
  const problem = districtsProblem(parsed);
  if (problem) throw new ConfigError(`The districts file ${file}: ${problem}`);
  return parsed as DistrictCollection;
}

/** What is wrong with a districts file, in a sentence; undefined when nothing is. */
function districtsProblem(parsed: unknown): string | undefined {
  const [first] = Value.Errors(DistrictCollectionSchema, parsed);
  if (first) {
    const inGeometry = /^\/features\/(\d+)\/geometry/.exec(first.instancePath);
    if (!inGeometry) return `${first.instancePath || 'the top level'} ${first.message}`;
    // A union's first error is about whichever branch was tried first: check the geometry
    // against the branch its type names instead.
    const where = `/features/${inGeometry[1]}/geometry`;
    const feature = (parsed as { features: Array<{ geometry?: { type?: unknown } | null }> })
      .features[Number(inGeometry[1])];
    const type = feature?.geometry?.type;
    const branch = DistrictGeometrySchema.anyOf.find(
      (schema) => schema.properties.type.const === type,
    );
    if (!feature?.geometry) return `${where} is missing: a district is a Polygon or a MultiPolygon`;
    if (!branch) {
      return `${where} must be a Polygon or a MultiPolygon, not ${JSON.stringify(type) ?? 'one without a type'}`;
    }
    const [inBranch] = Value.Errors(branch, feature.geometry);
    return `${where}${inBranch?.instancePath ?? ''} ${inBranch?.message ?? 'is not valid'}`;
  }
  const collection = parsed as DistrictCollection;
  const seen = new Set<string>();
  for (const { properties, geometry } of collection.features) {
    if (seen.has(properties.id)) return `the district id "${properties.id}" is used twice`;
    seen.add(properties.id);
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    const offGlobe = rings
      .flat()
      .find(([lon = 0, lat = 0]) => Math.abs(lon) > 180 || Math.abs(lat) > 90);
    if (offGlobe) {
      return `the district "${properties.name}" has the position [${offGlobe.join(', ')}], which is not [longitude, latitude] in WGS 84 degrees as GeoJSON requires (a projected file must be converted first)`;
    }
  }
  return undefined;
}
