import { describe, expect, it } from 'vitest';
import type { CapAlert, CapArea, CapInfo } from '../contracts/cap.ts';
import { CATEGORIES, type Category } from '../contracts/enums.ts';
import {
  categoryFromCap,
  chooseInfo,
  locationFromCap,
  polygonCentroid,
  reportFromCapAlert,
  severityFromCap,
} from './cap-mapping.ts';

const square: CapArea = {
  areaDesc: 'Södermalm',
  polygons: [
    [
      { lat: 59.32, lon: 18.05 },
      { lat: 59.32, lon: 18.1 },
      { lat: 59.3, lon: 18.1 },
      { lat: 59.3, lon: 18.05 },
      { lat: 59.32, lon: 18.05 },
    ],
  ],
  circles: [],
  geocodes: [],
};

function info(overrides: Partial<CapInfo> = {}): CapInfo {
  return {
    language: 'sv-SE',
    categories: ['Met'],
    event: 'Storm',
    responseTypes: [],
    urgency: 'Expected',
    severity: 'Severe',
    certainty: 'Likely',
    eventCodes: [],
    senderName: 'SMHI',
    headline: 'Varning för storm',
    description: 'Vindbyar upp till 30 m/s.',
    instruction: 'Håll dig inomhus.',
    parameters: [],
    resources: [],
    areas: [square],
    ...overrides,
  };
}

function alert(overrides: Partial<CapAlert> = {}): CapAlert {
  return {
    version: '1.2',
    identifier: 'smhi-1',
    sender: 'smhi.se',
    sent: '2026-11-22T09:00:00.000Z',
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    codes: [],
    references: [],
    infos: [
      info(),
      info({ language: 'en-GB', headline: 'Storm warning', senderName: 'SMHI (en)' }),
    ],
    ...overrides,
  };
}

const city = { languages: ['sv', 'en'], categoriesInUse: CATEGORIES };

describe('a report from a CAP alert', () => {
  it('takes title, text and sender from the info in the city’s first language', () => {
    const { report, deviations } = reportFromCapAlert(alert(), city);
    expect(report).toEqual({
      title: 'Varning för storm',
      description: 'Vindbyar upp till 30 m/s.\n\nHåll dig inomhus.',
      category: 'severe_weather',
      severity: 'serious',
      location: { address: 'Södermalm', coordinates: { lat: 59.31, lon: 18.075 } },
      observedAt: '2026-11-22T09:00:00.000Z',
      source: { channel: 'cap', name: 'SMHI' },
    });
    expect(deviations).toEqual([]);
  });

  it('takes the next of the city’s languages, else the first info', () => {
    const infos = [info({ language: 'de-DE' }), info({ language: 'en' }), info({ language: 'fi' })];
    expect(chooseInfo(infos, ['sv', 'fi', 'en'])?.language).toBe('fi');
    expect(chooseInfo(infos, ['cs'])?.language).toBe('de-DE');
    expect(chooseInfo([], ['sv'])).toBeUndefined();
  });

  it.each([
    ['Exercise', 'ÖVNING: Varning för storm', /^status Exercise: a drill/],
    ['Test', 'TEST: Varning för storm', /^status Test: a technical test/],
    ['Draft', 'UTKAST: Varning för storm', /^status Draft/],
    ['System', 'SYSTEMMEDDELANDE: Varning för storm', /^status System/],
  ] as const)('marks a %s in the title and keeps it minor', (status, title, deviation) => {
    const { report, deviations } = reportFromCapAlert(
      alert({ status, infos: [info({ severity: 'Extreme' })] }),
      city,
    );
    expect(report.title).toBe(title);
    expect(report.severity).toBe('minor');
    expect(deviations).toEqual([expect.stringMatching(deviation)]);
  });

  it('says a cancellation is one, keeps it minor, and takes the earlier report’s place without info', () => {
    const earlier = {
      title: 'Varning för storm',
      category: 'severe_weather' as const,
      location: { address: 'Södermalm' },
    };
    const { report } = reportFromCapAlert(
      alert({ msgType: 'Cancel', infos: [], note: 'Varningen är inte längre aktuell.' }),
      { ...city, earlier },
    );
    expect(report).toMatchObject({
      title: 'Återkallad: Varning för storm',
      description: 'Varningen är inte längre aktuell.',
      category: 'severe_weather',
      severity: 'minor',
      location: { address: 'Södermalm' },
      source: { channel: 'cap', name: 'smhi.se' },
    });
  });

  it('names the alert when it has neither info nor an earlier report', () => {
    const { report } = reportFromCapAlert(alert({ msgType: 'Cancel', infos: [] }), city);
    expect(report.title).toBe('Återkallad: Varning smhi-1 från smhi.se');
    expect(report.location).toEqual({ address: 'No area given in the alert' });
  });

  it('marks the title in the city’s first language Vaka speaks, else in English', () => {
    const drill = alert({ status: 'Exercise', msgType: 'Cancel', infos: [] });
    const titleIn = (languages: string[]) =>
      reportFromCapAlert(drill, { ...city, languages }).report.title;
    expect(titleIn(['fi-FI', 'sv'])).toBe('HARJOITUS: Peruttu: Varoitus smhi-1, lähettäjä smhi.se');
    expect(titleIn(['cs'])).toBe('CVIČENÍ: Zrušeno: Výstraha smhi-1 od smhi.se');
    expect(titleIn(['de', 'en'])).toBe('EXERCISE: Cancelled: Alert smhi-1 from smhi.se');
    expect(titleIn(['de'])).toBe('EXERCISE: Cancelled: Alert smhi-1 from smhi.se');
  });

  it('cuts a long headline to a title', () => {
    const { report } = reportFromCapAlert(
      alert({ infos: [info({ headline: 'a'.repeat(500) })] }),
      city,
    );
    expect(report.title).toHaveLength(200);
    expect(report.title.endsWith('…')).toBe(true);
  });
});

describe('severity', () => {
  it.each([
    ['Extreme', 'critical'],
    ['Severe', 'serious'],
    ['Moderate', 'moderate'],
    ['Minor', 'minor'],
    ['Unknown', 'minor'],
  ] as const)('reads %s as %s', (severity, expected) => {
    expect(severityFromCap([info({ severity })])).toBe(expected);
  });

  it('takes the most severe of the infos', () => {
    expect(severityFromCap([info({ severity: 'Minor' }), info({ severity: 'Extreme' })])).toBe(
      'critical',
    );
  });
});

describe('category', () => {
  const all = { categoriesInUse: CATEGORIES };
  const of = (
    overrides: Partial<CapInfo>,
    context: { categoriesInUse: readonly Category[] } = all,
  ) => categoryFromCap([info(overrides)], undefined, context);

  it.each([
    [['Met'], 'Thunderstorm', 'severe_weather'],
    [['Fire'], 'Building fire', 'fire'],
    [['Met'], 'Waldbrandgefahr', 'fire'],
    [['Met'], 'Hochwasser', 'flooding'],
    [['Geo'], 'Tsunami Warning', 'flooding'],
    [['Geo'], 'Earthquake', 'other'],
    [['Health'], 'Heat stress', 'health'],
    [['Infra'], 'Water Restrictions', 'utility_water'],
    [['Infra'], 'Power outage', 'utility_power'],
    [['CBRNE'], 'Gas release', 'cbrn_terror'],
    [['Env'], '海洋污染', 'other'],
    [['Transport'], 'Road closed', 'transport'],
    [['Rescue'], 'Child Abduction Emergency', 'crime_violence'],
    [['Security'], 'Civil unrest', 'public_order'],
  ] as const)('reads %j "%s" as %s', (categories, event, expected) => {
    expect(of({ categories: [...categories], event, headline: undefined })).toBe(expected);
  });

  it('falls back to a category the city uses', () => {
    expect(
      of({ categories: ['Fire'], event: 'Fire' }, { categoriesInUse: ['other', 'transport'] }),
    ).toBe('other');
    expect(of({ categories: ['Fire'], event: 'Fire' }, { categoriesInUse: ['transport'] })).toBe(
      'transport',
    );
  });
});

describe('location', () => {
  it('uses a circle’s centre when the area has no polygon', () => {
    const area: CapArea = {
      areaDesc: 'Off the coast',
      polygons: [],
      circles: [{ center: { lat: 23.8, lon: 120.2 }, radiusKm: 0.5 }],
      geocodes: [],
    };
    expect(locationFromCap(info({ areas: [area] }), [])).toEqual({
      address: 'Off the coast',
      coordinates: { lat: 23.8, lon: 120.2 },
    });
  });

  it('keeps the address alone when the areas are geocodes only', () => {
    const area: CapArea = {
      areaDesc: 'Kreis Ahrweiler',
      polygons: [],
      circles: [],
      geocodes: [{ valueName: 'WARNCELLID', value: '107131000' }],
    };
    expect(locationFromCap(info({ areas: [area] }), [])).toEqual({ address: 'Kreis Ahrweiler' });
  });

  it('names an area without a description by its geocode', () => {
    const area: CapArea = {
      areaDesc: '',
      polygons: [],
      circles: [],
      geocodes: [{ valueName: 'EMMA_ID', value: 'PL805' }],
    };
    expect(locationFromCap(info({ areas: [area] }), [])).toEqual({ address: 'EMMA_ID PL805' });
  });

  it('finds the centroid of a polygon, and the mean of a flat one', () => {
    expect(polygonCentroid(square.polygons[0]!)).toEqual({ lat: 59.31, lon: 18.075 });
    expect(
      polygonCentroid([
        { lat: 1, lon: 1 },
        { lat: 3, lon: 3 },
        { lat: 1, lon: 1 },
      ]),
    ).toEqual({ lat: 2, lon: 2 });
    expect(polygonCentroid([])).toBeUndefined();
  });

  it('finds the centroid of a polygon across the antimeridian on its side of it', () => {
    const ring = [
      { lat: 65, lon: 179 },
      { lat: 65, lon: -179 },
      { lat: 64, lon: -179 },
      { lat: 64, lon: 179 },
      { lat: 65, lon: 179 },
    ];
    expect(polygonCentroid(ring)).toEqual({ lat: 64.5, lon: 180 });
    expect(polygonCentroid(ring.map(({ lat, lon }) => ({ lat, lon: lon - 0.5 })))).toEqual({
      lat: 64.5,
      lon: 179.5,
    });
    expect(polygonCentroid(ring.map(({ lat, lon }) => ({ lat, lon: lon + 0.5 })))?.lon).toBe(
      -179.5,
    );
  });
});
