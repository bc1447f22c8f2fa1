import { describe, expect, it } from 'vitest';
import { CATEGORIES, Category } from '../contracts/enums.ts';
import type { Incident } from '../contracts/incident.ts';
import { buildIncident } from '../../../../tests/support/factories.ts';
import {
  categoriesRelated,
  distanceMeters,
  suggestDuplicates,
  type DuplicateReason,
} from './duplicates.ts';

const NOON = Date.parse('2026-11-22T12:00:00.000Z');
const minutesAfterNoon = (minutes: number) => new Date(NOON + minutes * 60_000).toISOString();

// Places in Stockholm.
const GOTGATAN = { lat: 59.3105, lon: 18.0763 };
const SODERMALM = { id: 'sodermalm', name: 'Södermalm' };
const FARSTA = { id: 'farsta', name: 'Farsta' };
/** A place `meters` north of Götgatan 78. */
const northOfGotgatan = (meters: number) => ({
  lat: GOTGATAN.lat + meters / 111_195,
  lon: GOTGATAN.lon,
});

let places = 0;
/** An open incident opened at noon, at an address of its own, in no district. */
function incident(overrides: Partial<Incident> = {}): Incident {
  places += 1;
  return buildIncident({
    openedAt: minutesAfterNoon(0),
    location: { address: `Place ${places}` },
    ...overrides,
  });
}

/** A selected incident: a water main break on Götgatan, in Södermalm, at noon. */
const waterMain = incident({
  title: 'Water main break on Götgatan',
  category: Category.utilityWater,
  location: { address: 'Götgatan 78, Stockholm', coordinates: GOTGATAN },
  district: SODERMALM,
});

const kinds = (reasons: DuplicateReason[]) => reasons.map((reason) => reason.kind);

describe('suggestDuplicates', () => {
  it('suggests an open incident of the same kind close by, with why', () => {
    const flooded = incident({
      title: 'Street flooded',
      category: Category.utilityWater,
      location: { coordinates: northOfGotgatan(200) },
      district: SODERMALM,
      openedAt: minutesAfterNoon(30),
    });
    const [suggestion, ...rest] = suggestDuplicates(waterMain, [flooded]);
    expect(rest).toEqual([]);
    expect(suggestion?.incident).toBe(flooded);
    expect(suggestion?.reasons).toEqual([
      { kind: 'same_category' },
      { kind: 'nearby', distanceMeters: 200 },
      { kind: 'same_district', district: 'Södermalm' },
      { kind: 'close_in_time', minutes: 30 },
    ]);
    expect(suggestion?.score).toBeGreaterThan(0.5);
    expect(suggestion?.score).toBeLessThanOrEqual(1);
  });

  it('never suggests the incident itself, a closed incident or one merged into another', () => {
    const copy = (overrides: Partial<Incident>) => ({ ...waterMain, ...overrides });
    expect(
      suggestDuplicates(waterMain, [
        waterMain,
        copy({ id: '00000000-0000-4000-8000-0000000000c1', status: 'closed' }),
        copy({
          id: '00000000-0000-4000-8000-0000000000c2',
          status: 'closed',
          mergedInto: '00000000-0000-4000-8000-0000000000c3',
        }),
        copy({
          id: '00000000-0000-4000-8000-0000000000c4',
          mergedInto: '00000000-0000-4000-8000-0000000000c3',
        }),
      ]),
    ).toEqual([]);
  });

  it('suggests incidents in every open status', () => {
    const statuses = ['new', 'acknowledged', 'in_progress', 'monitoring'] as const;
    const open = statuses.map((status) => ({ ...waterMain, id: incident().id, status }));
    expect(
      suggestDuplicates(waterMain, open)
        .map((s) => s.incident.status)
        .sort(),
    ).toEqual([...statuses].sort());
  });

  it('does not suggest on the same category alone', () => {
    const elsewhere = incident({
      title: 'Pipe burst in a cellar',
      category: Category.utilityWater,
      location: { address: 'Farsta centrum' },
      openedAt: minutesAfterNoon(400),
    });
    expect(suggestDuplicates(waterMain, [elsewhere])).toEqual([]);
  });

  it('does not suggest on closeness in time alone', () => {
    const sameMinute = incident({
      title: 'Phishing against school staff',
      category: Category.itSecurity,
      location: { address: 'City IT service desk' },
    });
    expect(suggestDuplicates(waterMain, [sameMinute])).toEqual([]);
  });

  it('does not suggest an unrelated kind of case at the same place', () => {
    const concert = incident({
      title: 'Concert crowd',
      category: Category.publicEvent,
      location: { address: 'Götgatan 78', coordinates: GOTGATAN },
      district: SODERMALM,
    });
    expect(suggestDuplicates(waterMain, [concert])).toEqual([]);
  });

  it('does not suggest the same kind of case far away, even with a word in common', () => {
    const kista = incident({
      title: 'Power cut in Kista',
      category: Category.utilityPower,
      location: { coordinates: { lat: 59.4032, lon: 17.9447 } },
    });
    const farsta = incident({
      title: 'Power cut in Farsta',
      category: Category.utilityPower,
      location: { coordinates: { lat: 59.2434, lon: 18.0929 } },
      district: FARSTA,
    });
    expect(suggestDuplicates(kista, [farsta])).toEqual([]);
  });

  it('suggests a related kind of case at the same address, however it is spelled', () => {
    const flooding = incident({
      title: 'Flooded cellar',
      category: Category.flooding,
      location: { address: '  GÖTG. 78 ' },
      openedAt: minutesAfterNoon(-300),
    });
    const [suggestion] = suggestDuplicates(waterMain, [flooding]);
    expect(suggestion?.reasons).toEqual([
      { kind: 'related_category', category: 'flooding' },
      { kind: 'same_address' },
    ]);
  });

  it('suggests the same kind of case in the same district, lower than one close by', () => {
    const inDistrict = incident({
      title: 'Low pressure in the taps',
      category: Category.utilityWater,
      location: { coordinates: northOfGotgatan(1_500) },
      district: SODERMALM,
      openedAt: minutesAfterNoon(-400),
    });
    const closeBy = { ...inDistrict, id: incident().id, location: { coordinates: GOTGATAN } };
    const suggestions = suggestDuplicates(waterMain, [inDistrict, closeBy]);
    expect(suggestions.map((s) => s.incident)).toEqual([closeBy, inDistrict]);
    expect(suggestions[1]?.reasons).toEqual([
      { kind: 'same_category' },
      { kind: 'same_district', district: 'Södermalm' },
    ]);
  });

  it('ranks the closer, the sooner and the more alike first', () => {
    const at = (meters: number, minutes: number) =>
      incident({
        title: 'Water on the road',
        category: Category.utilityWater,
        location: { coordinates: northOfGotgatan(meters) },
        openedAt: minutesAfterNoon(minutes),
      });
    const near = at(100, 60);
    const farther = at(800, 60);
    const later = at(100, 110);
    const alike = { ...at(800, 60), title: 'Water main break at Götgatan 80' };
    const suggestions = suggestDuplicates(waterMain, [farther, later, near, alike]);
    expect(suggestions.map((s) => s.incident)).toEqual([alike, near, later, farther]);
    const scores = suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBe(4);
  });

  it('counts words that share their first five letters as the same word', () => {
    const selected = incident({
      title: 'Vattenläcka på Götgatan',
      category: Category.utilityWater,
      district: SODERMALM,
    });
    const candidate = incident({
      title: 'Stor vattenläckan vid götgatan',
      category: Category.utilityWater,
    });
    const [suggestion] = suggestDuplicates(selected, [candidate]);
    expect(suggestion?.reasons).toContainEqual({
      kind: 'similar_words',
      words: ['vattenläcka', 'götgatan'],
    });
  });

  it.each([
    [
      'Finnish',
      'Vesijohtovuoto Mannerheimintiellä',
      'Mannerheimintien vesijohtovuodon korjaus',
      ['vesijohtovuoto', 'mannerheimintiellä'],
    ],
    ['Czech', 'POŽÁR v budově školy', 'Požár školní budovy na Slovanech', ['požár', 'budově']],
    [
      'Swedish',
      'Brand i trapphus på Ringvägen',
      'Trapphusbrand vid Ringvägen, rök i trapphuset',
      ['trapphus', 'ringvägen'],
    ],
  ])('finds the words in common in %s text', (_language, title, otherTitle, words) => {
    const selected = incident({ title, category: Category.fire });
    const other = incident({ title: otherTitle, category: Category.fire });
    const [suggestion] = suggestDuplicates(selected, [other]);
    expect(suggestion?.reasons).toContainEqual({ kind: 'similar_words', words });
  });

  it('ignores stop words of the four languages and words under three letters', () => {
    const selected = incident({
      title: 'The fire and the smoke: det är inte att oli tai jsou nebo ok',
      category: Category.fire,
    });
    const other = incident({
      title: 'The man and the dog: det är inte att oli tai jsou nebo ok',
      category: Category.fire,
    });
    expect(suggestDuplicates(selected, [other])).toEqual([]);
  });

  it('suggests on words alone when they are this alike, whatever the kind and place', () => {
    const selected = incident({
      title: 'Suspicious package on the blue line platform at T-Centralen',
      category: Category.cbrnTerror,
    });
    const other = incident({
      title: 'Unattended package, blue line platform, T-Centralen',
      category: Category.transport,
      openedAt: minutesAfterNoon(-600),
    });
    const [suggestion] = suggestDuplicates(selected, [other]);
    expect(suggestion?.reasons).toEqual([
      {
        kind: 'similar_words',
        words: ['package', 'blue', 'line', 'platform', 'centralen'],
      },
    ]);
  });

  it("uses more words per incident, such as its reports' descriptions", () => {
    const selected = incident({ title: 'Smoke seen', category: Category.fire });
    const other = incident({ title: 'Call from a resident', category: Category.fire });
    expect(suggestDuplicates(selected, [other])).toEqual([]);
    const texts = new Map([
      [selected.id, 'Heavy smoke from the recycling plant in Lövsta'],
      [other.id, 'Resident reports smoke drifting from Lövsta recycling'],
    ]);
    const [suggestion] = suggestDuplicates(selected, [other], { texts });
    expect(suggestion?.reasons).toEqual([
      { kind: 'same_category' },
      { kind: 'close_in_time', minutes: 0 },
      { kind: 'similar_words', words: ['smoke', 'recycling', 'lövsta'] },
    ]);
  });

  it('needs no coordinates, address or district on either side', () => {
    const selected = incident({ title: 'Gas smell', location: { address: 'x' } });
    const other = incident({ title: 'Gas smell reported', location: { address: 'y' } });
    const [suggestion] = suggestDuplicates(selected, [other]);
    expect(kinds(suggestion?.reasons ?? [])).toEqual([
      'same_category',
      'close_in_time',
      'similar_words',
    ]);
  });

  it('scores between 0 and 1, an identical twin highest', () => {
    const twin = { ...waterMain, id: incident().id };
    const [suggestion] = suggestDuplicates(waterMain, [twin]);
    expect(suggestion?.score).toBeGreaterThan(0.95);
    expect(suggestion?.score).toBeLessThanOrEqual(1);
  });

  it('gives five suggestions by default, or as many as asked', () => {
    const many = Array.from({ length: 8 }, (_, n) => ({
      ...waterMain,
      id: incident().id,
      location: { coordinates: northOfGotgatan(n * 100) },
    }));
    expect(suggestDuplicates(waterMain, many)).toHaveLength(5);
    expect(suggestDuplicates(waterMain, many, { limit: 2 }).map((s) => s.incident)).toEqual([
      many[0],
      many[1],
    ]);
    expect(suggestDuplicates(waterMain, many, { limit: 0 })).toEqual([]);
  });

  it('takes any iterable of candidates, such as the values of a map', () => {
    const twin = { ...waterMain, id: incident().id };
    const byId = new Map([[twin.id, twin]]);
    expect(suggestDuplicates(waterMain, byId.values()).map((s) => s.incident)).toEqual([twin]);
  });
});

describe('categoriesRelated', () => {
  it.each([
    [Category.severeWeather, Category.flooding],
    [Category.flooding, Category.utilityPower],
    [Category.utilityHeating, Category.severeWeather],
    [Category.utilityTelecom, Category.transport],
    [Category.publicOrder, Category.demonstration],
    [Category.publicEvent, Category.stateVisit],
    [Category.crimeViolence, Category.threatAgainstOfficials],
    [Category.threatAgainstOfficials, Category.publicOrder],
    [Category.fire, Category.cbrnTerror],
    [Category.itSecurity, Category.utilityTelecom],
    [Category.health, Category.cbrnTerror],
  ])('relates %s and %s, both ways', (a, b) => {
    expect(categoriesRelated(a, b)).toBe(true);
    expect(categoriesRelated(b, a)).toBe(true);
  });

  it.each([
    [Category.fire, Category.health],
    [Category.itSecurity, Category.publicEvent],
    [Category.demonstration, Category.utilityWater],
    [Category.cbrnTerror, Category.severeWeather],
  ])('does not relate %s and %s', (a, b) => {
    expect(categoriesRelated(a, b)).toBe(false);
  });

  it('relates a case not yet sorted ("other") to every kind, and no kind to itself', () => {
    for (const category of CATEGORIES) {
      expect(categoriesRelated(category, category)).toBe(false);
      if (category !== Category.other)
        expect(categoriesRelated(Category.other, category)).toBe(true);
    }
  });
});

describe('distanceMeters', () => {
  it('measures along the earth: a degree of latitude is about 111 km', () => {
    expect(distanceMeters({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111_195, -1);
    expect(distanceMeters(GOTGATAN, northOfGotgatan(250))).toBeCloseTo(250, 0);
    expect(distanceMeters(GOTGATAN, GOTGATAN)).toBe(0);
  });

  it('is shorter along a parallel in the north, where meridians draw together', () => {
    const alongParallel = distanceMeters({ lat: 59.33, lon: 18 }, { lat: 59.33, lon: 19 });
    expect(alongParallel).toBeGreaterThan(56_000);
    expect(alongParallel).toBeLessThan(57_000);
  });
});
