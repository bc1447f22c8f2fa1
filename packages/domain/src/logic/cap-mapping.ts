import {
  CapCategory,
  CapMsgType,
  CapSeverity,
  CapStatus,
  type CapAlert,
  type CapArea,
  type CapInfo,
} from '../contracts/cap.ts';
import { Category, ReportChannel, Severity, severityRank } from '../contracts/enums.ts';
import type { Coordinates, Location } from '../contracts/location.ts';
import type { CreateReport } from '../contracts/report.ts';

/** What the mapping needs to know of the city and of the alert's history. */
export interface CapMappingContext {
  /** The city's languages, most preferred first (e.g. sv, en). */
  languages: readonly string[];
  /** The categories the city uses; the report gets one of them. */
  categoriesInUse: readonly Category[];
  /** The report of the earlier alert this one refers to, when Vaka has it. */
  earlier?: { title: string; category: Category; location: Location };
}

/** A report made from a CAP alert, with what the reader should be told about it. */
export interface CapReport {
  report: CreateReport & { observedAt: string };
  /** Flags the mapping raised, e.g. that the alert is an exercise. */
  deviations: string[];
}

const TITLE_LENGTH = 200;
const DESCRIPTION_LENGTH = 10_000;
const ADDRESS_LENGTH = 300;
const SOURCE_NAME_LENGTH = 200;

/** Said of an alert that is not real, among its report's deviations. */
const NOT_ACTUAL: Record<Exclude<CapStatus, 'Actual'>, string> = {
  [CapStatus.exercise]: 'status Exercise: a drill, not an actual emergency',
  [CapStatus.test]: 'status Test: a technical test, not an actual emergency',
  [CapStatus.draft]: 'status Draft: a draft, not an actual emergency',
  [CapStatus.system]: 'status System: a message between alerting systems, not an actual emergency',
};

/** The words a report's title begins with, in the languages Vaka speaks. */
interface TitleWords {
  status: Record<Exclude<CapStatus, 'Actual'>, string>;
  msgType: Partial<Record<CapMsgType, string>>;
  /** A title for an alert with neither headline nor event. */
  untitled: (identifier: string, sender: string) => string;
}

/**
 * The title's words in the city's first language (the report's title is stored once, for every
 * reader): an alert that is not real is marked in capitals, a cancellation, acknowledgement or
 * error notice says so first.
 */
export const CAP_TITLE_WORDS: Record<'sv' | 'fi' | 'en' | 'cs', TitleWords> = {
  sv: {
    status: { Exercise: 'ÖVNING', Test: 'TEST', Draft: 'UTKAST', System: 'SYSTEMMEDDELANDE' },
    msgType: { Cancel: 'Återkallad', Ack: 'Kvitterad', Error: 'Felmeddelande' },
    untitled: (identifier, sender) => `Varning ${identifier} från ${sender}`,
  },
  fi: {
    status: { Exercise: 'HARJOITUS', Test: 'TESTI', Draft: 'LUONNOS', System: 'JÄRJESTELMÄVIESTI' },
    msgType: { Cancel: 'Peruttu', Ack: 'Kuitattu', Error: 'Virheilmoitus' },
    untitled: (identifier, sender) => `Varoitus ${identifier}, lähettäjä ${sender}`,
  },
  en: {
    status: { Exercise: 'EXERCISE', Test: 'TEST', Draft: 'DRAFT', System: 'SYSTEM MESSAGE' },
    msgType: { Cancel: 'Cancelled', Ack: 'Acknowledged', Error: 'Error notice' },
    untitled: (identifier, sender) => `Alert ${identifier} from ${sender}`,
  },
  cs: {
    status: { Exercise: 'CVIČENÍ', Test: 'TEST', Draft: 'NÁVRH', System: 'SYSTÉMOVÁ ZPRÁVA' },
    msgType: { Cancel: 'Zrušeno', Ack: 'Potvrzeno', Error: 'Oznámení o chybě' },
    untitled: (identifier, sender) => `Výstraha ${identifier} od ${sender}`,
  },
};

/** The title words in the first of the city's languages Vaka has them in, else English. */
function titleWords(languages: readonly string[]): TitleWords {
  for (const language of languages) {
    const words = CAP_TITLE_WORDS[primaryLanguage(language) as keyof typeof CAP_TITLE_WORDS];
    if (words) return words;
  }
  return CAP_TITLE_WORDS.en;
}

/** CAP severity on Vaka's scale. NOTE: Unknown is taken as minor, so statements do not crowd the queue. */
const SEVERITY_BY_CAP: Record<CapSeverity, Severity> = {
  [CapSeverity.extreme]: Severity.critical,
  [CapSeverity.severe]: Severity.serious,
  [CapSeverity.moderate]: Severity.moderate,
  [CapSeverity.minor]: Severity.minor,
  [CapSeverity.unknown]: Severity.minor,
};

/** The nearest Vaka category of each CAP category, before the event's words are looked at. */
const CATEGORY_BY_CAP: Record<CapCategory, Category> = {
  [CapCategory.geo]: Category.other,
  [CapCategory.met]: Category.severeWeather,
  [CapCategory.safety]: Category.other,
  [CapCategory.security]: Category.publicOrder,
  [CapCategory.rescue]: Category.other,
  [CapCategory.fire]: Category.fire,
  [CapCategory.health]: Category.health,
  [CapCategory.env]: Category.other,
  [CapCategory.transport]: Category.transport,
  [CapCategory.infra]: Category.other,
  [CapCategory.cbrne]: Category.cbrnTerror,
  [CapCategory.other]: Category.other,
};

/**
 * Words in an event or headline that name a category more exactly than the CAP category does
 * (a flood is "Met" or "Geo" in CAP), in the languages agencies near our cities write in.
 */
const CATEGORY_WORDS: ReadonlyArray<[Category, RegExp]> = [
  [
    Category.flooding,
    /flood|high water|storm surge|tsunami|hochwasser|sturmflut|inondation|crue|submersion|tulva|tulvi|översvämning|högt vattenstånd|högvatten|povod|záplav|inundaci|inundaç|наводн|паводк/i,
  ],
  [
    Category.fire,
    /wildfire|bushfire|forest fire|fire danger|fire weather|grass fire|red flag|waldbrand|feu de for|metsäpalo|maastopalo|skogsbrand|gräsbrand|brandrisk|požár|incendio|пожар/i,
  ],
  [
    Category.cbrnTerror,
    /hazardous material|hazmat|chemical|radiolog|nuclear|radiation|terror|kemikal|kemikaali|säteily|strålning|chemick|radiač/i,
  ],
  [
    Category.utilityPower,
    /power outage|power failure|blackout|electricity|strömavbrott|elavbrott|sähkökatko|výpadek (proudu|elektřiny)/i,
  ],
  [
    Category.utilityWater,
    /water restriction|boil water|drinking water|water supply|water main|water outage|dricksvatten|vattenavbrott|juomavesi|vesikatko|pitn[áé] vod/i,
  ],
  [Category.utilityTelecom, /911|telephone outage|phone outage|telecom|nödnummer|hätänumero/i],
  [Category.crimeViolence, /amber alert|child abduction|shooter|shooting|hostage|abduct/i],
  [Category.publicOrder, /civil disturbance|civil unrest|riot|curfew|law enforcement/i],
];

/** The alert's report: title and text in the city's language where it has one. */
export function reportFromCapAlert(alert: CapAlert, context: CapMappingContext): CapReport {
  const deviations: string[] = [];
  const info = chooseInfo(alert.infos, context.languages);
  const { status } = alert;
  const words = titleWords(context.languages);
  const actual = status === CapStatus.actual;
  if (status !== CapStatus.actual) {
    deviations.push(`${NOT_ACTUAL[status]}; marked in the title and kept at minor severity`);
  }

  const title = clip(
    [
      status === CapStatus.actual ? undefined : words.status[status],
      words.msgType[alert.msgType],
      baseTitle(alert, info, context.earlier, words),
    ]
      .filter((part) => part !== undefined)
      .join(': '),
    TITLE_LENGTH,
  );
  const text = info
    ? [info.description, info.instruction].filter((part) => part !== undefined).join('\n\n')
    : (alert.note ?? '');
  const description = clip(text, DESCRIPTION_LENGTH);

  const report: CreateReport & { observedAt: string } = {
    title,
    ...(description !== '' && { description }),
    category: categoryFromCap(alert.infos, info, context),
    // NOTE: a drill, a test or a cancellation is never more than minor, so it cannot look like
    // the emergency it practises or ends.
    severity:
      actual && alert.msgType !== CapMsgType.cancel ? severityFromCap(alert.infos) : Severity.minor,
    location: locationFromCap(info, alert.infos, context.earlier),
    observedAt: alert.sent,
    source: {
      channel: ReportChannel.cap,
      name: clip(info?.senderName ?? alert.sender, SOURCE_NAME_LENGTH),
    },
  };
  return { report, deviations };
}

/** The info in the first of the city's languages it has; otherwise the first info. */
export function chooseInfo(
  infos: readonly CapInfo[],
  languages: readonly string[],
): CapInfo | undefined {
  for (const language of languages) {
    const wanted = primaryLanguage(language);
    const found = infos.find((info) => primaryLanguage(info.language) === wanted);
    if (found) return found;
  }
  return infos[0];
}

/** The most severe of the infos' severities, on Vaka's scale; minor without any. */
export function severityFromCap(infos: readonly CapInfo[]): Severity {
  let most: Severity = Severity.minor;
  for (const info of infos) {
    const severity = SEVERITY_BY_CAP[info.severity];
    if (severityRank(severity) > severityRank(most)) most = severity;
  }
  return most;
}

/**
 * The category the city uses that fits the alert best: from the event's words, else from the
 * CAP categories, else the earlier report's, else other, else the city's first.
 */
export function categoryFromCap(
  infos: readonly CapInfo[],
  chosen: CapInfo | undefined,
  context: Pick<CapMappingContext, 'categoriesInUse' | 'earlier'>,
): Category {
  const ordered = chosen ? [chosen, ...infos.filter((info) => info !== chosen)] : infos;
  const candidates: Category[] = [];
  for (const info of ordered) {
    const words = `${info.event} ${info.headline ?? ''}`;
    for (const [category, pattern] of CATEGORY_WORDS) {
      if (pattern.test(words)) candidates.push(category);
    }
  }
  for (const info of ordered) {
    for (const capCategory of info.categories) {
      const category = CATEGORY_BY_CAP[capCategory];
      if (category !== Category.other) candidates.push(category);
    }
  }
  if (context.earlier) candidates.push(context.earlier.category);
  candidates.push(Category.other);
  return (
    candidates.find((category) => context.categoriesInUse.includes(category)) ??
    context.categoriesInUse[0] ??
    Category.other
  );
}

/**
 * Where the alert is: the first area's description (else its first geocode) as the address, and
 * the centre of the first polygon or circle as the coordinates, so the district can be found.
 * Without any area, the earlier report's place.
 */
export function locationFromCap(
  chosen: CapInfo | undefined,
  infos: readonly CapInfo[],
  earlier?: { location: Location },
): Location {
  const areas = [chosen, ...infos.filter((info) => info !== chosen)].flatMap(
    (info) => info?.areas ?? [],
  );
  const address =
    areas.map((area) => area.areaDesc.trim()).find((desc) => desc !== '') ??
    areas
      .flatMap((area) => area.geocodes)
      .map(({ valueName, value }) => `${valueName} ${value}`.trim())
      .find((code) => code !== '');
  const coordinates = areas.map(centreOfArea).find((centre) => centre !== undefined);
  if (address === undefined && coordinates === undefined) {
    return earlier?.location ?? { address: 'No area given in the alert' };
  }
  return {
    ...(coordinates !== undefined && { coordinates }),
    ...(address !== undefined && { address: clip(address, ADDRESS_LENGTH) }),
  };
}

/** The centre of an area's first polygon, else of its first circle. */
export function centreOfArea(area: CapArea): Coordinates | undefined {
  for (const polygon of area.polygons) {
    const centre = polygonCentroid(polygon);
    if (centre) return centre;
  }
  return area.circles[0]?.center;
}

/**
 * The centroid of a ring of points (first and last may be the same), in plain degrees: close
 * enough for the size of a warning area. A ring without area gives the mean of its points.
 */
export function polygonCentroid(ring: readonly Coordinates[]): Coordinates | undefined {
  const closed =
    ring.length > 1 && samePoint(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring;
  if (closed.length === 0) return undefined;
  // A ring across the antimeridian (Chukotka, the Aleutians, Fiji) is measured in 0..360.
  let west = Infinity;
  let east = -Infinity;
  for (const { lon } of closed) {
    west = Math.min(west, lon);
    east = Math.max(east, lon);
  }
  const across = east - west > 180;
  const points = across
    ? closed.map((point) => ({ lat: point.lat, lon: point.lon < 0 ? point.lon + 360 : point.lon }))
    : closed;
  const centre = planarCentroid(points);
  return across && centre.lon > 180 ? { lat: centre.lat, lon: round(centre.lon - 360) } : centre;
}

function planarCentroid(points: readonly Coordinates[]): Coordinates {
  let twiceArea = 0;
  let lat = 0;
  let lon = 0;
  for (let index = 0; index < points.length; index += 1) {
    const a = points[index]!;
    const b = points[(index + 1) % points.length]!;
    const cross = a.lon * b.lat - b.lon * a.lat;
    twiceArea += cross;
    lon += (a.lon + b.lon) * cross;
    lat += (a.lat + b.lat) * cross;
  }
  if (Math.abs(twiceArea) < 1e-12) {
    return {
      lat: round(points.reduce((sum, point) => sum + point.lat, 0) / points.length),
      lon: round(points.reduce((sum, point) => sum + point.lon, 0) / points.length),
    };
  }
  return { lat: round(lat / (3 * twiceArea)), lon: round(lon / (3 * twiceArea)) };
}

/** Whether an alert is real, as opposed to an exercise, a test, a draft or a system message. */
export function isActualCapAlert(alert: Pick<CapAlert, 'status'>): boolean {
  return alert.status === CapStatus.actual;
}

/** The title before any prefix: the headline, else the event, else the earlier report's title. */
function baseTitle(
  alert: CapAlert,
  info: CapInfo | undefined,
  earlier: CapMappingContext['earlier'],
  words: TitleWords,
): string {
  const headline = info?.headline?.trim();
  if (headline) return headline;
  const event = info?.event.trim();
  if (event) return event;
  if (earlier) return earlier.title;
  return words.untitled(alert.identifier, info?.senderName ?? alert.sender);
}

function primaryLanguage(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

function samePoint(a: Coordinates, b: Coordinates): boolean {
  return a.lat === b.lat && a.lon === b.lon;
}

function round(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}

/** Text cut to a length, with an ellipsis when it was cut. */
function clip(text: string, length: number): string {
  const trimmed = text.trim();
  return trimmed.length <= length ? trimmed : `${trimmed.slice(0, length - 1).trimEnd()}…`;
}
