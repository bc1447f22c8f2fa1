import { createHash } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type {
  Category,
  DistrictCollection,
  DistrictFeature,
  Language,
  MessageArea,
  PublicMessage,
} from '@vaka/domain';
import { MessageStatus } from '@vaka/domain';

/** The namespace of every CAP 1.2 document. */
export const CAP_1_2_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

/** The `valueName` of a district's `<geocode>`: its id in the city's district file. */
export const CAP_DISTRICT_GEOCODE = 'vaka-district';

/** The `valueName` of the `<eventCode>` that carries Vaka's own category. */
export const CAP_CATEGORY_EVENT_CODE = 'vaka-category';

/** What a CAP document needs besides the message version itself. */
export interface CapDocumentContext {
  /** Who sends it: the city's address, the same in every document (no spaces, commas, `<` or `&`). */
  sender: string;
  /** The sender in words, for a message whose issuer is blank; the issuer names it otherwise. */
  senderName?: string;
  /** The city's districts, whose outlines become the area's polygons. */
  districts: DistrictCollection;
  /** The message's earlier versions; the published ones are referenced by an update or a cancel. */
  earlier: ReadonlyArray<Pick<PublicMessage, 'id' | 'version' | 'publishedAt'>>;
  /** Whether this is the withdrawal of the version; by default, when the version is withdrawn. */
  cancel?: boolean;
  /** The public page where residents read the message: the `web` when it has no link of its own. */
  publicUrl: URL;
}

type CapCategory =
  | 'Geo'
  | 'Met'
  | 'Safety'
  | 'Security'
  | 'Rescue'
  | 'Fire'
  | 'Health'
  | 'Env'
  | 'Transport'
  | 'Infra'
  | 'CBRNE'
  | 'Other';

/**
 * CAP's categories for each of ours. CAP allows several; a category gets a second one only when a
 * reader filtering by either would want the message.
 */
export const CAP_CATEGORIES: Readonly<Record<Category, readonly CapCategory[]>> = {
  fire: ['Fire'],
  severe_weather: ['Met'],
  // CAP counts floods as meteorological ("Met: inc. flood").
  flooding: ['Met'],
  public_order: ['Security'],
  public_event: ['Safety'],
  demonstration: ['Security'],
  state_visit: ['Security'],
  crime_violence: ['Security'],
  threat_against_officials: ['Security'],
  it_security: ['Security', 'Infra'],
  utility_power: ['Infra'],
  utility_water: ['Infra'],
  utility_heating: ['Infra'],
  utility_telecom: ['Infra'],
  transport: ['Transport'],
  health: ['Health'],
  cbrn_terror: ['CBRNE', 'Security'],
  other: ['Other'],
};

// The same words the console uses for the categories, for the `<event>` of each language.
const EVENT_NAMES: Readonly<Record<Language, Readonly<Record<Category, string>>>> = {
  en: {
    fire: 'Fire',
    severe_weather: 'Severe weather',
    flooding: 'Flooding',
    public_order: 'Public order',
    public_event: 'Public event',
    demonstration: 'Demonstration',
    state_visit: 'State visit',
    crime_violence: 'Crime and violence',
    threat_against_officials: 'Threat against officials',
    it_security: 'IT security',
    utility_power: 'Power supply',
    utility_water: 'Water supply',
    utility_heating: 'Heating supply',
    utility_telecom: 'Telecommunications',
    transport: 'Transport',
    health: 'Health',
    cbrn_terror: 'CBRN and terrorism',
    other: 'Other',
  },
  sv: {
    fire: 'Brand',
    severe_weather: 'Svårt väder',
    flooding: 'Översvämning',
    public_order: 'Allmän ordning',
    public_event: 'Evenemang',
    demonstration: 'Demonstration',
    state_visit: 'Statsbesök',
    crime_violence: 'Brott och våld',
    threat_against_officials: 'Hot mot förtroendevalda och tjänstepersoner',
    it_security: 'IT-säkerhet',
    utility_power: 'Elförsörjning',
    utility_water: 'Vattenförsörjning',
    utility_heating: 'Värmeförsörjning',
    utility_telecom: 'Telekommunikation',
    transport: 'Transporter',
    health: 'Hälsa',
    cbrn_terror: 'CBRN och terrorism',
    other: 'Övrigt',
  },
  fi: {
    fire: 'Tulipalo',
    severe_weather: 'Vaarallinen sää',
    flooding: 'Tulva',
    public_order: 'Yleinen järjestys',
    public_event: 'Yleisötapahtuma',
    demonstration: 'Mielenosoitus',
    state_visit: 'Valtiovierailu',
    crime_violence: 'Rikokset ja väkivalta',
    threat_against_officials: 'Luottamus- ja virkahenkilöihin kohdistuva uhka',
    it_security: 'Tietoturva',
    utility_power: 'Sähkönjakelu',
    utility_water: 'Vedenjakelu',
    utility_heating: 'Lämmönjakelu',
    utility_telecom: 'Tietoliikenne',
    transport: 'Liikenne',
    health: 'Terveys',
    cbrn_terror: 'CBRN-uhat ja terrorismi',
    other: 'Muu',
  },
  cs: {
    fire: 'Požár',
    severe_weather: 'Nebezpečné počasí',
    flooding: 'Povodeň',
    public_order: 'Veřejný pořádek',
    public_event: 'Veřejná akce',
    demonstration: 'Demonstrace',
    state_visit: 'Státní návštěva',
    crime_violence: 'Trestná činnost a násilí',
    threat_against_officials: 'Vyhrožování úředníkům a zastupitelům',
    it_security: 'Kybernetická bezpečnost',
    utility_power: 'Dodávky elektřiny',
    utility_water: 'Dodávky vody',
    utility_heating: 'Dodávky tepla',
    utility_telecom: 'Telekomunikace',
    transport: 'Doprava',
    health: 'Zdraví',
    cbrn_terror: 'CBRN a terorismus',
    other: 'Ostatní',
  },
};

// The `<areaDesc>` of an area that is only a polygon drawn on the map, with no words of its own.
const DRAWN_AREA: Readonly<Record<Language, string>> = {
  en: 'Area marked on the map',
  sv: 'Område markerat på kartan',
  fi: 'Kartalle merkitty alue',
  cs: 'Oblast vyznačená na mapě',
};

/**
 * The CAP `identifier` of a message version, or of its withdrawal: `urn:uuid:` and a name-based
 * UUID (version 5) in the message's id as namespace, from the name `version/<n>` or
 * `version/<n>/cancel`. The same version always gets the same identifier, and no two differ only
 * in case, space or punctuation.
 */
export function capIdentifier(messageId: string, version: number, cancel = false): string {
  const namespace = Buffer.from(messageId.replaceAll('-', ''), 'hex');
  if (namespace.length !== 16) throw new Error(`A message id must be a UUID, not "${messageId}"`);
  const name = cancel ? `version/${version}/cancel` : `version/${version}`;
  const bytes = createHash('sha1').update(namespace).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A time as CAP writes it: UTC as `+00:00`, whole seconds (CAP forbids `Z` and fractions). */
export function capDateTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) throw new Error(`Not a time: "${iso}"`);
  return `${time.toISOString().slice(0, 19)}+00:00`;
}

/**
 * One version of a public message as an OASIS CAP 1.2 alert, as UTF-8 XML with its declaration:
 * an `Alert` for the first published version, an `Update` referencing the earlier published ones,
 * a `Cancel` referencing every one when it is withdrawn; one `<info>` per language, its area as
 * the chosen districts' outlines with their geocodes and the polygon drawn on the map.
 */
export function capDocument(message: PublicMessage, context: CapDocumentContext): string {
  const { sender } = context;
  if (sender === '' || /[\s,<&]/.test(sender)) {
    throw new Error(`A CAP sender must not be empty or hold spaces, commas, < or &: "${sender}"`);
  }
  const cancel = context.cancel ?? message.status === MessageStatus.withdrawn;
  const { publishedAt, withdrawnAt } = message;
  if (publishedAt === undefined) {
    throw new Error(`Message ${message.id} version ${message.version} was never published`);
  }
  if (cancel && withdrawnAt === undefined) {
    throw new Error(`Message ${message.id} version ${message.version} has not been withdrawn`);
  }

  const published = new Map<number, string>();
  for (const earlier of context.earlier) {
    if (
      earlier.id === message.id &&
      earlier.version < message.version &&
      earlier.publishedAt !== undefined
    ) {
      published.set(earlier.version, earlier.publishedAt);
    }
  }
  // A cancel withdraws this version too, so it references it beside the earlier ones.
  if (cancel) published.set(message.version, publishedAt);
  const references = [...published]
    .sort(([a], [b]) => a - b)
    .map(
      ([version, sent]) => `${sender},${capIdentifier(message.id, version)},${capDateTime(sent)}`,
    )
    .join(' ');
  // NOTE: a later version whose predecessors never reached the public is, to the public, the first
  // alert: an Update without references would name nothing to update.
  const msgType = cancel ? 'Cancel' : references === '' ? 'Alert' : 'Update';

  const alert = {
    '@_xmlns': CAP_1_2_NAMESPACE,
    identifier: capIdentifier(message.id, message.version, cancel),
    sender,
    sent: capDateTime(cancel && withdrawnAt !== undefined ? withdrawnAt : publishedAt),
    status: message.exercise ? 'Exercise' : 'Actual',
    msgType,
    scope: 'Public',
    ...(cancel && message.withdrawReason !== undefined && message.withdrawReason.trim() !== ''
      ? { note: xmlText(message.withdrawReason) }
      : {}),
    ...(references !== '' ? { references } : {}),
    ...(message.incidentId !== undefined ? { incidents: message.incidentId } : {}),
    info: message.variants.map((variant) => {
      const area = capArea(message.area, context.districts, variant.language);
      // An exercise never reaches the public page, so only its own link can be its web.
      const web = message.link ?? (message.exercise ? undefined : context.publicUrl.href);
      return {
        language: variant.language,
        category: [...CAP_CATEGORIES[message.category]],
        event: EVENT_NAMES[variant.language][message.category],
        urgency: message.urgency,
        severity: message.severity,
        certainty: message.certainty,
        eventCode: { valueName: CAP_CATEGORY_EVENT_CODE, value: message.category },
        effective: capDateTime(message.effective),
        expires: capDateTime(message.expires),
        ...optionalText(
          'senderName',
          message.issuer.trim() === '' ? (context.senderName ?? '') : message.issuer,
        ),
        ...optionalText('headline', variant.headline),
        ...optionalText('description', variant.description),
        ...optionalText('instruction', variant.instruction),
        ...(web !== undefined ? { web } : {}),
        ...(area !== undefined ? { area } : {}),
      };
    }),
  };
  // NOTE: languages go out as bare codes (sv, fi, en, cs): the region is not the city's country
  // for every reader (Swedish in Helsinki is sv-FI), and xs:language takes either.
  return BUILDER.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, alert }) as string;
}

const BUILDER = new XMLBuilder({
  ignoreAttributes: false,
  format: true,
  indentBy: '  ',
  // Every text is escaped, so what a person typed can never become markup.
  processEntities: true,
  suppressBooleanAttributes: false,
});

interface CapArea {
  areaDesc: string;
  polygon?: string[];
  geocode?: Array<{ valueName: string; value: string }>;
}

function capArea(
  area: MessageArea,
  districts: DistrictCollection,
  language: Language,
): CapArea | undefined {
  const chosen = area.districtIds.map((id) => ({
    id,
    feature: districts.features.find((feature) => feature.properties.id === id),
  }));
  const polygons = chosen.flatMap(({ feature }) =>
    feature === undefined ? [] : outerRings(feature).map(capPolygon),
  );
  if (area.polygon !== undefined) polygons.push(capPolygon(area.polygon));
  const shapes = polygons.filter((polygon): polygon is string => polygon !== undefined);
  const names = chosen.map(({ id, feature }) => feature?.properties.name ?? id).join(', ');
  const described = area.description.trim() !== '' ? area.description : names;
  if (described === '' && shapes.length === 0) return undefined;
  return {
    areaDesc: xmlText(described !== '' ? described : DRAWN_AREA[language]),
    ...(shapes.length > 0 ? { polygon: shapes } : {}),
    ...(chosen.length > 0
      ? {
          geocode: chosen.map(({ id }) => ({
            valueName: CAP_DISTRICT_GEOCODE,
            value: xmlText(id),
          })),
        }
      : {}),
  };
}

/** A district's outer rings as latitude,longitude pairs (GeoJSON writes longitude first). */
function outerRings(feature: DistrictFeature): Array<Array<readonly [number, number]>> {
  const { geometry } = feature;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((rings) => {
    const outer = rings[0];
    if (outer === undefined) return [];
    return [outer.map(([lon = 0, lat = 0]) => [lat, lon] as const)];
  });
}

/**
 * A ring as CAP's polygon: "lat,lon lat,lon …", closed (the first point again at the end), at
 * least four points; undefined for a ring too small to enclose anything.
 */
function capPolygon(ring: ReadonlyArray<readonly [number, number]>): string | undefined {
  const first = ring[0];
  const last = ring.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const closed = first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
  if (closed.length < 4) return undefined;
  return closed.map(([lat, lon]) => `${coordinate(lat)},${coordinate(lon)}`).join(' ');
}

// Six decimals are a tenth of a metre; rounding also keeps numbers out of exponent notation.
function coordinate(degrees: number): string {
  return String(Number(degrees.toFixed(6)) + 0);
}

function optionalText<Name extends string>(
  name: Name,
  text: string,
): Partial<Record<Name, string>> {
  return text.trim() === '' ? {} : ({ [name]: xmlText(text) } as Record<Name, string>);
}

/**
 * A text that XML 1.0 can carry: control characters other than tab and line breaks (and lone
 * surrogates) are not allowed in any XML document, so they are dropped; line ends become `\n`.
 */
export function xmlText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}
