import { Category, IncidentStatus } from '../contracts/enums.ts';
import type { Incident } from '../contracts/incident.ts';
import type { Coordinates } from '../contracts/location.ts';

/** Why an incident may be the same case as another. */
export type DuplicateReason =
  | { kind: 'same_category' }
  | { kind: 'related_category'; category: Category }
  | { kind: 'nearby'; distanceMeters: number }
  | { kind: 'same_address' }
  | { kind: 'same_district'; district: string }
  | { kind: 'close_in_time'; minutes: number }
  | { kind: 'similar_words'; words: string[] };

/** An open incident that may be the same case, how likely (0 to 1), and why. */
export interface DuplicateSuggestion {
  incident: Incident;
  score: number;
  reasons: DuplicateReason[];
}

export interface SuggestDuplicatesOptions {
  /** How many suggestions at most; 5 by default. */
  limit?: number;
  /** More words per incident id beyond its title, such as its reports' descriptions. */
  texts?: ReadonlyMap<string, string>;
}

/** Within this distance two places count as nearby; the closer, the likelier. */
export const NEARBY_METERS = 1_000;
/** Two incidents farther apart than this are different cases unless their words say otherwise. */
export const FAR_METERS = 5_000;
/** Within this time of each other two incidents count as close in time. */
export const CLOSE_IN_TIME_MINUTES = 120;

// The weights add up to 1: the most a suggestion can score.
const WEIGHT = {
  sameCategory: 0.25,
  relatedCategory: 0.12,
  /** The place: the best of the same address, nearby (scaled by distance) or the same district. */
  place: 0.3,
  nearbyAtEdge: 0.1,
  sameDistrict: 0.08,
  time: 0.15,
  words: 0.3,
} as const;

/** Words shared with at least this overlap, and at least this many, suggest a duplicate alone. */
const STRONG_WORDS = { shared: 3, overlap: 0.5 } as const;
const MAX_REASON_WORDS = 5;

/**
 * Categories whose incidents are often one case seen from two sides: a storm floods a street and
 * cuts the power; a demonstration is a public order matter; a fire may be an attack.
 */
const RELATED_CATEGORIES: ReadonlyArray<readonly Category[]> = [
  [
    Category.severeWeather,
    Category.flooding,
    Category.utilityPower,
    Category.utilityTelecom,
    Category.utilityHeating,
    Category.utilityWater,
    Category.transport,
  ],
  [Category.publicOrder, Category.demonstration, Category.publicEvent, Category.stateVisit],
  [Category.crimeViolence, Category.threatAgainstOfficials, Category.publicOrder],
  [Category.fire, Category.cbrnTerror],
  [Category.itSecurity, Category.utilityTelecom],
  [Category.health, Category.cbrnTerror],
];

const RELATED: ReadonlyMap<Category, ReadonlySet<Category>> = (() => {
  const related = new Map<Category, Set<Category>>();
  for (const group of RELATED_CATEGORIES) {
    for (const category of group) {
      const set = related.get(category) ?? new Set<Category>();
      for (const other of group) if (other !== category) set.add(other);
      related.set(category, set);
    }
  }
  return related;
})();

/** Whether two different categories often describe one case; `other` may be any of them. */
export function categoriesRelated(a: Category, b: Category): boolean {
  if (a === b) return false;
  if (a === Category.other || b === Category.other) return true;
  return RELATED.get(a)?.has(b) ?? false;
}

// Short lists of the commonest words of each language (3 letters and more: shorter ones are
// dropped anyway), written as they are after lower-casing.
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // English
    'the and for are was were with from that this has have had not but all any can been will',
    'its our their they them there than then also who what when where which while into out',
    'about after before over under some more very per near',
    // Swedish
    'och att det som för med den har inte var ett till från vid men kan ska efter under över',
    'mot utan eller även alla sig hos där här när denna detta dessa vara blir blev finns samt',
    'inom mellan kring många mycket',
    // Finnish
    'että oli ovat ole tai kun sen joka jotka myös mutta niin kuin olla sekä tämä tämän nämä',
    'hän jos vain kanssa jälkeen ennen aikana alueella noin',
    // Czech
    'jsou byl byla bylo byli pro při ale nebo jak jako které který která ten tak také jeho',
    'její jen již podle mezi před pod nad bez kde kdy této tento tato toto',
  ]
    .join(' ')
    .split(' '),
);

const WORD = /\p{L}+/gu;
/** Words sharing this many first letters count as one: "vattenläcka" and "vattenläckan". */
const SAME_WORD_PREFIX = 5;

/** The words of a text, each with the form first seen, keyed by its first letters. */
function wordsOf(text: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const [word] of text.normalize('NFC').toLowerCase().matchAll(WORD)) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue;
    const key = word.slice(0, SAME_WORD_PREFIX);
    if (!words.has(key)) words.set(key, word);
  }
  return words;
}

/** What a candidate is compared by: its words and its address, as keys. */
interface Profile {
  title: string;
  more: string | undefined;
  address: string | undefined;
  wordKeys: ReadonlySet<string>;
  addressKey: string | undefined;
}

// NOTE: the console asks again on every selection, over the same few hundred incidents, each an
// object that is replaced when the incident changes: their profiles are kept per object, for as
// long as the object lives, and used again while its title, address and extra text stay.
const profiles = new WeakMap<Incident, Profile>();

function profileOf(incident: Incident, texts: ReadonlyMap<string, string> | undefined): Profile {
  const more = texts?.get(incident.id);
  const { title } = incident;
  const { address } = incident.location;
  const cached = profiles.get(incident);
  if (cached?.title === title && cached.more === more && cached.address === address) {
    return cached;
  }
  const profile: Profile = {
    title,
    more,
    address,
    wordKeys: new Set(wordsOf(textOf(title, more)).keys()),
    addressKey: addressKey(address),
  };
  profiles.set(incident, profile);
  return profile;
}

function textOf(title: string, more: string | undefined): string {
  return more ? `${title}\n${more}` : title;
}

/**
 * An address reduced to what tells two spellings apart: its first part (before a comma), lower
 * case, letters and digits only, "g." spelled "gatan". "Götgatan 78, Stockholm" and "götg. 78"
 * are the same.
 */
function addressKey(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const [first = ''] = address.normalize('NFC').toLowerCase().split(',');
  const key = first.replace(/(\p{L})g\.(?=\s|\d|$)/gu, '$1gatan').replace(/[^\p{L}\p{N}]+/gu, '');
  return key.length >= 3 ? key : undefined;
}

const EARTH_RADIUS_METERS = 6_371_008.8;
const RADIANS = Math.PI / 180;

/** The great-circle distance between two places (haversine), in metres. */
export function distanceMeters(a: Coordinates, b: Coordinates): number {
  const dLat = (b.lat - a.lat) * RADIANS;
  const dLon = (b.lon - a.lon) * RADIANS;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RADIANS) * Math.cos(b.lat * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Open incidents that may be the same case as `incident`, most likely first, with why. */
export function suggestDuplicates(
  incident: Incident,
  candidates: Iterable<Incident>,
  options: SuggestDuplicatesOptions = {},
): DuplicateSuggestion[] {
  const limit = options.limit ?? 5;
  if (limit <= 0) return [];
  const words = wordsOf(textOf(incident.title, options.texts?.get(incident.id)));
  const address = addressKey(incident.location.address);
  const coordinates = incident.location.coordinates;
  const openedAt = Date.parse(incident.openedAt);

  const suggestions: DuplicateSuggestion[] = [];
  for (const candidate of candidates) {
    if (
      candidate.id === incident.id ||
      candidate.status === IncidentStatus.closed ||
      candidate.mergedInto !== undefined
    ) {
      continue;
    }
    const reasons: DuplicateReason[] = [];
    let score = 0;

    const sameCategory = candidate.category === incident.category;
    const relatedCategory =
      !sameCategory && categoriesRelated(incident.category, candidate.category);
    if (sameCategory) {
      reasons.push({ kind: 'same_category' });
      score += WEIGHT.sameCategory;
    } else if (relatedCategory) {
      reasons.push({ kind: 'related_category', category: candidate.category });
      score += WEIGHT.relatedCategory;
    }

    const profile = profileOf(candidate, options.texts);
    let place = 0;
    const sameAddress = address !== undefined && address === profile.addressKey;
    if (sameAddress) {
      reasons.push({ kind: 'same_address' });
      place = WEIGHT.place;
    }
    let far = false;
    const there = candidate.location.coordinates;
    if (coordinates && there) {
      const meters = distanceMeters(coordinates, there);
      if (meters <= NEARBY_METERS) {
        reasons.push({ kind: 'nearby', distanceMeters: Math.round(meters) });
        const closeness = 1 - meters / NEARBY_METERS;
        place = Math.max(
          place,
          WEIGHT.nearbyAtEdge + (WEIGHT.place - WEIGHT.nearbyAtEdge) * closeness,
        );
      } else if (meters > FAR_METERS) {
        far = true;
      }
    }
    const district = candidate.district;
    if (district !== undefined && district.id === incident.district?.id) {
      reasons.push({ kind: 'same_district', district: district.name });
      place = Math.max(place, WEIGHT.sameDistrict);
    }
    score += place;

    const minutes = Math.abs(Date.parse(candidate.openedAt) - openedAt) / 60_000;
    if (minutes <= CLOSE_IN_TIME_MINUTES) {
      reasons.push({ kind: 'close_in_time', minutes: Math.round(minutes) });
      score += WEIGHT.time * (1 - minutes / CLOSE_IN_TIME_MINUTES);
    }

    const theirWords = profile.wordKeys;
    const shared: string[] = [];
    for (const [key, word] of words) if (theirWords.has(key)) shared.push(word);
    let strongWords = false;
    if (shared.length > 0) {
      const overlap = shared.length / Math.min(words.size, theirWords.size);
      strongWords = shared.length >= STRONG_WORDS.shared && overlap >= STRONG_WORDS.overlap;
      reasons.push({ kind: 'similar_words', words: shared.slice(0, MAX_REASON_WORDS) });
      score += WEIGHT.words * overlap * Math.min(1, shared.length / STRONG_WORDS.shared);
    }

    // One weak signal is not enough: the same kind of case, and something that ties the two
    // together (place or words), or words so alike that they tell it on their own. Places far
    // apart are two cases, however alike their kind.
    const alike = sameCategory || relatedCategory;
    const tied = place > 0 || shared.length > 0;
    if (!strongWords && (!alike || !tied || (far && !sameAddress))) continue;
    suggestions.push({ incident: candidate, score: Math.min(1, score), reasons });
  }

  return suggestions
    .sort(
      (a, b) =>
        b.score - a.score ||
        Date.parse(b.incident.openedAt) - Date.parse(a.incident.openedAt) ||
        (a.incident.id < b.incident.id ? -1 : 1),
    )
    .slice(0, limit);
}
