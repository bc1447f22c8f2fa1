import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { DistrictCollection, MessageVariant, PublicMessage } from '@vaka/domain';
import {
  capDateTime,
  capDocument,
  capIdentifier,
  type CapDocumentContext,
} from './cap-document.ts';

// The official OASIS schema sits beside the repository, not in it.
const xsd = new URL('../../../../../../shared/fixtures/cap/cap-1.2.xsd', import.meta.url);

const stockholm = JSON.parse(
  readFileSync(new URL('../../../config/demo-districts.geojson', import.meta.url), 'utf8'),
) as DistrictCollection;

/** Two Helsinki districts: Kallio with a courtyard cut out, and Suomenlinna on two islands. */
const helsinki: DistrictCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'kallio', name: 'Kallio' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [24.94, 60.18],
            [24.96, 60.18],
            [24.96, 60.19],
            [24.94, 60.19],
            [24.94, 60.18],
          ],
          [
            [24.945, 60.183],
            [24.947, 60.183],
            [24.947, 60.185],
            [24.945, 60.183],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      properties: { id: 'suomenlinna', name: 'Suomenlinna' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [24.98, 60.145],
              [24.99, 60.145],
              [24.99, 60.15],
              [24.98, 60.145],
            ],
          ],
          [
            [
              [24.985, 60.14],
              [24.995, 60.14],
              [24.995, 60.143],
              [24.985, 60.14],
            ],
          ],
        ],
      },
    },
  ],
};

let messageCount = 0;

/** A published Stockholm message in Swedish; override what the test is about. */
function buildMessage(overrides: Partial<PublicMessage> = {}): PublicMessage {
  messageCount += 1;
  return {
    id: `6f1c2a3e-4b5d-4e6f-8a7b-${String(messageCount).padStart(12, '0')}`,
    version: 1,
    status: 'published',
    category: 'utility_water',
    urgency: 'Immediate',
    severity: 'Moderate',
    certainty: 'Observed',
    area: { description: 'Södermalm', districtIds: ['sodermalm'] },
    effective: '2026-11-22T08:30:00.000Z',
    expires: '2026-11-22T20:00:00.000Z',
    issuer: 'Stockholms stad',
    link: 'https://start.stockholm/aktuellt/vattenlacka',
    exercise: false,
    variants: [
      buildVariant('sv', {
        headline: 'Vattenläcka på Götgatan',
        description: 'En vattenledning har gått sönder vid Götgatan 78.',
        instruction: 'Undvik området och koka vattnet innan du dricker det.',
      }),
    ],
    author: 'kib.anna',
    createdAt: '2026-11-22T08:10:00.000Z',
    updatedAt: '2026-11-22T08:25:00.000Z',
    approvedBy: 'kib.erik',
    approvedAt: '2026-11-22T08:25:00.000Z',
    publishedBy: 'kib.anna',
    publishedAt: '2026-11-22T08:30:12.345Z',
    ...overrides,
  };
}

function buildVariant(
  language: MessageVariant['language'],
  texts: Pick<MessageVariant, 'headline' | 'description' | 'instruction'>,
): MessageVariant {
  return { language, ...texts, sms: texts.headline, push: texts.headline, social: texts.headline };
}

const publicUrl = new URL('https://vaka.stockholm.example/public');

function context(overrides: Partial<CapDocumentContext> = {}): CapDocumentContext {
  return {
    sender: 'kris@stockholm.se',
    districts: stockholm,
    earlier: [],
    publicUrl,
    ...overrides,
  };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['info', 'category', 'area', 'polygon', 'geocode'].includes(name),
});

interface ParsedAlert {
  '@_xmlns': string;
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  scope: string;
  note?: string;
  references?: string;
  incidents?: string;
  info?: ParsedInfo[];
}

interface ParsedInfo {
  language: string;
  category: string[];
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  eventCode: { valueName: string; value: string };
  effective: string;
  expires: string;
  senderName?: string;
  headline?: string;
  description?: string;
  instruction?: string;
  web?: string;
  area?: Array<{
    areaDesc: string;
    polygon?: string[];
    geocode?: Array<{ valueName: string; value: string }>;
  }>;
}

/** The alert as a CAP reader sees it, after checking the document is well-formed. */
function read(xml: string): ParsedAlert {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as { alert: ParsedAlert }).alert;
}

function onlyInfo(alert: ParsedAlert): ParsedInfo {
  expect(alert.info).toHaveLength(1);
  const [info] = alert.info ?? [];
  if (info === undefined) throw new Error('no info');
  return info;
}

function onlyArea(info: ParsedInfo) {
  expect(info.area).toHaveLength(1);
  const [area] = info.area ?? [];
  if (area === undefined) throw new Error('no area');
  return area;
}

/** The outer ring of a Stockholm district as a CAP polygon, written out point by point. */
function districtPolygon(id: string): string {
  const feature = stockholm.features.find((district) => district.properties.id === id);
  if (feature?.geometry.type !== 'Polygon') throw new Error(`no district ${id}`);
  return (feature.geometry.coordinates[0] ?? []).map(([lon, lat]) => `${lat},${lon}`).join(' ');
}

// The documents of the scenarios below, each validated against the schema at the end.
const documents = new Map<string, string>();
function keep(scenario: string, xml: string): string {
  documents.set(scenario, xml);
  return xml;
}

const swedish = buildMessage();
const swedishXml = keep('one language', capDocument(swedish, context()));

const helsinkiMessage = buildMessage({
  category: 'flooding',
  urgency: 'Expected',
  severity: 'Severe',
  certainty: 'Likely',
  area: { description: '', districtIds: ['kallio', 'suomenlinna'] },
  issuer: 'Helsingin kaupunki – Helsingfors stad',
  link: 'https://www.hel.fi/fi/uutiset/tulvavaroitus',
  variants: [
    buildVariant('fi', {
      headline: 'Tulvavaroitus rannikolla',
      description: 'Merivesi nousee tänä yönä 120 cm keskivedenkorkeuden yläpuolelle.',
      instruction: 'Siirrä autot pois rantakaduilta ennen kello 22.',
    }),
    buildVariant('sv', {
      headline: 'Översvämningsvarning vid kusten',
      description: 'Havsvattnet stiger i natt till 120 cm över medelvattenståndet.',
      instruction: 'Flytta bilar från gatorna vid stranden före klockan 22.',
    }),
    buildVariant('en', {
      headline: 'Flood warning on the coast',
      description: 'The sea level rises tonight to 120 cm above mean water level.',
      instruction: 'Move cars off the shore streets before 10 pm.',
    }),
  ],
});
const helsinkiXml = keep(
  'three languages',
  capDocument(helsinkiMessage, context({ sender: 'valmius@hel.fi', districts: helsinki })),
);

const exercise = buildMessage({ exercise: true, link: undefined, category: 'cbrn_terror' });
const exerciseXml = keep('exercise', capDocument(exercise, context()));

const third = buildMessage({ version: 3, publishedAt: '2026-11-22T12:00:00.000Z' });
const earlier = [
  { id: third.id, version: 2, publishedAt: '2026-11-22T10:15:00.500Z' },
  { id: third.id, version: 1, publishedAt: '2026-11-22T08:30:00.000Z' },
];
const updateXml = keep('update', capDocument(third, context({ earlier })));

const withdrawn = buildMessage({
  id: third.id,
  version: 3,
  status: 'withdrawn',
  publishedAt: '2026-11-22T12:00:00.000Z',
  withdrawnBy: 'kib.anna',
  withdrawnAt: '2026-11-22T14:45:30.000Z',
  withdrawReason: 'The leak is repaired; the water is safe to drink.',
});
const cancelXml = keep('withdrawal', capDocument(withdrawn, context({ earlier })));
const withdrawnVersionXml = keep(
  'withdrawn version as published',
  capDocument(withdrawn, context({ earlier, cancel: false })),
);

const drawn = buildMessage({
  category: 'fire',
  incidentId: '0c7d9e41-2f3a-4b5c-9d6e-7f8091a2b3c4',
  area: {
    description: 'Vällingby centrum och Bromma',
    districtIds: ['hasselby-vallingby', 'bromma'],
    polygon: [
      [59.3635, 17.8705],
      [59.3635, 17.8745],
      [59.3615, 17.8745],
      [59.3615, 17.8705],
      [59.3635, 17.8705],
    ],
  },
});
const drawnXml = keep('drawn polygon and districts', capDocument(drawn, context()));

const onlyDrawn = buildMessage({
  category: 'fire',
  area: { description: '', districtIds: [], polygon: drawn.area.polygon },
  variants: [
    buildVariant('cs', {
      headline: 'Požár skladu',
      description: 'Hoří sklad v průmyslové zóně.',
      instruction: 'Zavřete okna.',
    }),
  ],
});
const onlyDrawnXml = keep('only a drawn polygon', capDocument(onlyDrawn, context()));

const awkward = buildMessage({
  category: 'other',
  issuer: 'Město Plzeň & "Krizový štáb"',
  area: { description: 'Náměstí Republiky <centrum> & okolí', districtIds: ['sodermalm'] },
  link: 'https://www.plzen.eu/zpravy?id=7&lang=cs',
  variants: [
    buildVariant('cs', {
      headline: 'Příliš žluťoučký kůň <úpěl> ďábelské ódy & "hymny"',
      description: "Řádek jedna\r\nŘádek dva: 'citace', </description> a ]]> a 🚒 a ∑\u0007",
      instruction: 'Zůstaňte doma & sledujte <b>rozhlas</b>.',
    }),
    buildVariant('fi', {
      headline: 'Ääliö älä lyö, ööliä läikkyy',
      description: 'Ψ Ж 東京 — kaikki merkit kelpaavat.',
      instruction: '',
    }),
  ],
});
const awkwardXml = keep('awkward texts', capDocument(awkward, context()));

describe('a CAP document for a public message', () => {
  it('gives one version of a one-language message as an Alert with its info and area', () => {
    expect(swedishXml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<alert')).toBe(true);
    const alert = read(swedishXml);
    expect(alert['@_xmlns']).toBe('urn:oasis:names:tc:emergency:cap:1.2');
    expect(alert.identifier).toBe(capIdentifier(swedish.id, 1));
    expect(alert.identifier).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(alert).toMatchObject({
      sender: 'kris@stockholm.se',
      sent: '2026-11-22T08:30:12+00:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
    });
    expect(alert.references).toBeUndefined();

    const info = onlyInfo(alert);
    expect(info).toMatchObject({
      language: 'sv',
      category: ['Infra'],
      event: 'Vattenförsörjning',
      urgency: 'Immediate',
      severity: 'Moderate',
      certainty: 'Observed',
      eventCode: { valueName: 'vaka-category', value: 'utility_water' },
      effective: '2026-11-22T08:30:00+00:00',
      expires: '2026-11-22T20:00:00+00:00',
      senderName: 'Stockholms stad',
      headline: 'Vattenläcka på Götgatan',
      description: 'En vattenledning har gått sönder vid Götgatan 78.',
      instruction: 'Undvik området och koka vattnet innan du dricker det.',
      web: 'https://start.stockholm/aktuellt/vattenlacka',
    });
    const area = onlyArea(info);
    expect(area.areaDesc).toBe('Södermalm');
    expect(area.polygon).toEqual([districtPolygon('sodermalm')]);
    expect(area.polygon?.[0]).toMatch(/^59\.319,18\.014 .* 59\.319,18\.014$/);
    expect(area.geocode).toEqual([{ valueName: 'vaka-district', value: 'sodermalm' }]);
  });

  it('keeps the identifier of a version the same each time, and different from other versions', () => {
    expect(capDocument(swedish, context())).toBe(swedishXml);
    const second = read(capDocument({ ...swedish, version: 2 }, context()));
    expect(second.identifier).not.toBe(read(swedishXml).identifier);
    expect(read(capDocument(buildMessage(), context())).identifier).not.toBe(
      read(swedishXml).identifier,
    );
  });

  it('gives a Helsinki message one info per language, in Finnish, Swedish and English', () => {
    const alert = read(helsinkiXml);
    expect(alert.sender).toBe('valmius@hel.fi');
    const infos = alert.info ?? [];
    expect(infos.map((info) => info.language)).toEqual(['fi', 'sv', 'en']);
    expect(infos.map((info) => info.event)).toEqual(['Tulva', 'Översvämning', 'Flooding']);
    expect(infos.map((info) => info.headline)).toEqual([
      'Tulvavaroitus rannikolla',
      'Översvämningsvarning vid kusten',
      'Flood warning on the coast',
    ]);
    expect(infos.map((info) => info.instruction)).toEqual([
      'Siirrä autot pois rantakaduilta ennen kello 22.',
      'Flytta bilar från gatorna vid stranden före klockan 22.',
      'Move cars off the shore streets before 10 pm.',
    ]);
    for (const info of infos) {
      expect(info).toMatchObject({
        category: ['Met'],
        urgency: 'Expected',
        severity: 'Severe',
        certainty: 'Likely',
        senderName: 'Helsingin kaupunki – Helsingfors stad',
      });
      const area = onlyArea(info);
      // Without words of its own, the area is named by its districts.
      expect(area.areaDesc).toBe('Kallio, Suomenlinna');
      // Kallio's outer ring only (not its courtyard), and each of Suomenlinna's two islands.
      expect(area.polygon).toEqual([
        '60.18,24.94 60.18,24.96 60.19,24.96 60.19,24.94 60.18,24.94',
        '60.145,24.98 60.145,24.99 60.15,24.99 60.145,24.98',
        '60.14,24.985 60.14,24.995 60.143,24.995 60.14,24.985',
      ]);
      expect(area.geocode?.map((geocode) => geocode.value)).toEqual(['kallio', 'suomenlinna']);
    }
  });

  it('marks an exercise as such, and links no public page it never reaches', () => {
    const alert = read(exerciseXml);
    expect(alert.status).toBe('Exercise');
    const info = onlyInfo(alert);
    expect(info.category).toEqual(['CBRNE', 'Security']);
    expect(info.event).toBe('CBRN och terrorism');
    expect(info.web).toBeUndefined();
    // A real message without a link of its own points at the public page.
    const real = onlyInfo(read(capDocument({ ...exercise, exercise: false }, context())));
    expect(real.web).toBe('https://vaka.stockholm.example/public');
  });

  it('gives a later version as an Update referencing every earlier published version, oldest first', () => {
    const alert = read(updateXml);
    expect(alert.msgType).toBe('Update');
    expect(alert.identifier).toBe(capIdentifier(third.id, 3));
    expect(alert.sent).toBe('2026-11-22T12:00:00+00:00');
    expect(alert.references).toBe(
      [
        `kris@stockholm.se,${capIdentifier(third.id, 1)},2026-11-22T08:30:00+00:00`,
        `kris@stockholm.se,${capIdentifier(third.id, 2)},2026-11-22T10:15:00+00:00`,
      ].join(' '),
    );
    // A version that never went out is not referenced, nor another message's, nor the version itself.
    const withDraft = read(
      capDocument(
        third,
        context({
          earlier: [
            ...earlier,
            { id: third.id, version: 2 },
            { id: swedish.id, version: 2, publishedAt: '2026-11-22T11:00:00.000Z' },
            { id: third.id, version: 3, publishedAt: third.publishedAt },
          ],
        }),
      ),
    );
    expect(withDraft.references).toBe(alert.references);
  });

  it('gives a later version whose predecessors never went out as an Alert', () => {
    const alert = read(capDocument(third, context({ earlier: [{ id: third.id, version: 1 }] })));
    expect(alert.msgType).toBe('Alert');
    expect(alert.references).toBeUndefined();
  });

  it('gives a withdrawal as a Cancel of its own, referencing the withdrawn version too', () => {
    const alert = read(cancelXml);
    expect(alert.msgType).toBe('Cancel');
    expect(alert.sent).toBe('2026-11-22T14:45:30+00:00');
    expect(alert.note).toBe('The leak is repaired; the water is safe to drink.');
    expect(alert.references?.split(' ')).toEqual([
      `kris@stockholm.se,${capIdentifier(withdrawn.id, 1)},2026-11-22T08:30:00+00:00`,
      `kris@stockholm.se,${capIdentifier(withdrawn.id, 2)},2026-11-22T10:15:00+00:00`,
      `kris@stockholm.se,${capIdentifier(withdrawn.id, 3)},2026-11-22T12:00:00+00:00`,
    ]);
    // Its own identifier: a reader that has the version must not take the cancel for it again.
    expect(alert.identifier).toBe(capIdentifier(withdrawn.id, 3, true));
    expect(alert.identifier).not.toBe(capIdentifier(withdrawn.id, 3));
    // It still says what is withdrawn, in each language.
    expect(onlyInfo(alert).headline).toBe('Vattenläcka på Götgatan');

    const asPublished = read(withdrawnVersionXml);
    expect(asPublished.msgType).toBe('Update');
    expect(asPublished.identifier).toBe(capIdentifier(withdrawn.id, 3));
    expect(asPublished.note).toBeUndefined();
  });

  it('gives the chosen districts and the polygon drawn on the map, one polygon each', () => {
    const alert = read(drawnXml);
    // Messages about the same incident carry its id, so a reader can group them.
    expect(alert.incidents).toBe('0c7d9e41-2f3a-4b5c-9d6e-7f8091a2b3c4');
    expect(read(swedishXml).incidents).toBeUndefined();
    const area = onlyArea(onlyInfo(alert));
    expect(area.areaDesc).toBe('Vällingby centrum och Bromma');
    expect(area.polygon).toEqual([
      districtPolygon('hasselby-vallingby'),
      districtPolygon('bromma'),
      '59.3635,17.8705 59.3635,17.8745 59.3615,17.8745 59.3615,17.8705 59.3635,17.8705',
    ]);
    expect(area.geocode).toEqual([
      { valueName: 'vaka-district', value: 'hasselby-vallingby' },
      { valueName: 'vaka-district', value: 'bromma' },
    ]);
  });

  it('names an area that is only a drawn polygon in the reader’s language', () => {
    const info = onlyInfo(read(onlyDrawnXml));
    expect(info.language).toBe('cs');
    expect(info.event).toBe('Požár');
    const area = onlyArea(info);
    expect(area.areaDesc).toBe('Oblast vyznačená na mapě');
    expect(area.polygon).toHaveLength(1);
    expect(area.geocode).toBeUndefined();
  });

  it('carries any text a person types, escaped, with letters of every script intact', () => {
    expect(awkwardXml).toContain('&lt;úpěl&gt;');
    expect(awkwardXml).not.toContain('<úpěl>');
    expect(awkwardXml).not.toContain('<b>');
    expect(awkwardXml).not.toContain('\u0007');
    const alert = read(awkwardXml);
    const [czech, finnish] = alert.info ?? [];
    expect(czech).toMatchObject({
      language: 'cs',
      event: 'Ostatní',
      category: ['Other'],
      senderName: 'Město Plzeň & "Krizový štáb"',
      headline: 'Příliš žluťoučký kůň <úpěl> ďábelské ódy & "hymny"',
      description: "Řádek jedna\nŘádek dva: 'citace', </description> a ]]> a 🚒 a ∑",
      instruction: 'Zůstaňte doma & sledujte <b>rozhlas</b>.',
      web: 'https://www.plzen.eu/zpravy?id=7&lang=cs',
    });
    expect(czech?.area?.[0]?.areaDesc).toBe('Náměstí Republiky <centrum> & okolí');
    expect(finnish).toMatchObject({
      language: 'fi',
      event: 'Muu',
      headline: 'Ääliö älä lyö, ööliä läikkyy',
      description: 'Ψ Ж 東京 — kaikki merkit kelpaavat.',
    });
    // An empty text is left out rather than sent as an empty element.
    expect(finnish?.instruction).toBeUndefined();
  });

  it('writes times as CAP wants them: UTC with +00:00 and whole seconds', () => {
    expect(capDateTime('2026-03-29T01:59:59.999+02:00')).toBe('2026-03-28T23:59:59+00:00');
    expect(() => capDateTime('tomorrow')).toThrow('Not a time');
  });

  it('refuses a sender CAP references could not carry, and a version never published', () => {
    expect(() => capDocument(swedish, context({ sender: 'Stockholms stad' }))).toThrow(
      'spaces, commas',
    );
    expect(() => capDocument(swedish, context({ sender: 'a,b' }))).toThrow('spaces, commas');
    expect(() =>
      capDocument(buildMessage({ status: 'approved', publishedAt: undefined }), context()),
    ).toThrow('never published');
    expect(() => capDocument(swedish, context({ cancel: true }))).toThrow('not been withdrawn');
  });
});

/** What xmllint says of a document against the official CAP 1.2 schema. */
function validate(xml: string): { valid: boolean; message: string } {
  try {
    const output = execFileSync(
      'xmllint',
      ['--noout', '--nonet', '--schema', fileURLToPath(xsd), '-'],
      { input: xml, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
    );
    return { valid: true, message: output };
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    return { valid: false, message: failed.stderr ?? failed.message };
  }
}

describe.skipIf(!existsSync(xsd))('every CAP document against the OASIS CAP 1.2 schema', () => {
  it.each([...documents])('is valid: %s', (_scenario, xml) => {
    const result = validate(xml);
    expect(result.valid, result.message).toBe(true);
  });

  it('would notice a document that strays from it', () => {
    const withZ = swedishXml.replace('08:30:12+00:00', '08:30:12Z');
    expect(validate(withZ).valid).toBe(false);
    const outOfOrder = swedishXml.replace(
      /(<sender>.*<\/sender>)\s*(<sent>.*<\/sent>)/,
      '$2\n  $1',
    );
    expect(outOfOrder).not.toBe(swedishXml);
    expect(validate(outOfOrder).valid).toBe(false);
  });
});
