import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  CAP_TITLE_WORDS,
  type CapAlert,
  type CapAlertReceipt,
  type IncidentDetail,
  type Report,
} from '@vaka/domain';
import { buildTestApp } from '../support/app.ts';
import { createTestApiKey, createTestUser, signIn, type SignedIn } from '../support/accounts.ts';

/**
 * Conformance: every real agency's CAP file beside the checkout (see its SOURCES.md) imports,
 * with the languages, areas and references SOURCES.md counts; feeds that only list alerts are
 * refused as feeds. The folder is not part of the repository, so without it this is skipped.
 */
const FIXTURES = new URL('../../../shared/fixtures/cap/', import.meta.url);
const present = existsSync(FIXTURES);

/** What SOURCES.md says of one file, when it says it; counts are over all its alerts. */
interface Expected {
  msgType?: string;
  /** A feed or index without embedded alerts; one with them must import its alerts. */
  feed?: 'links only' | 'may embed alerts';
  languages?: string[];
  polygons?: number;
  geocodes?: number;
  circles?: number;
  references?: boolean;
}

/** The rows of SOURCES.md's tables, by file name. */
function readSources(): Map<string, Expected> {
  const sources = new URL('SOURCES.md', FIXTURES);
  const expected = new Map<string, Expected>();
  if (!existsSync(sources)) return expected;
  for (const line of readFileSync(sources, 'utf8').split('\n')) {
    const cells = line.split(' | ').map((cell) => cell.trim());
    const file = /^`([^`]+\.xml)`$/.exec(cells[1] ?? '')?.[1];
    if (!file || cells.length < 8) continue;
    const [, , , , msgType = '', languages = '', counts = '', references = ''] = cells;
    const feed = !msgType.startsWith('—')
      ? undefined
      : /no embedded alert/.test(msgType)
        ? 'links only'
        : 'may embed alerts';
    const areas = /poly (\d+) \/ geo (\d+) \/ circle (\d+)/.exec(counts);
    const infos = /\((\d+) info\)/.exec(languages);
    let languageList: string[] | undefined;
    if (/^none \(no/.test(languages)) languageList = [];
    else if (languages.startsWith('(none → en-US default)') && infos) {
      languageList = Array.from({ length: Number(infos[1]) }, () => 'en-US');
    } else if (infos) {
      languageList = languages
        .slice(0, languages.lastIndexOf(' ('))
        .split(',')
        .map((language) => language.trim());
    }
    expected.set(file, {
      ...(feed === undefined ? { msgType } : { feed }),
      ...(languageList !== undefined && { languages: languageList }),
      ...(areas && {
        polygons: Number(areas[1]),
        geocodes: Number(areas[2]),
        circles: Number(areas[3]),
      }),
      ...(/^(yes|no)$/.test(references) && { references: references === 'yes' }),
    });
  }
  return expected;
}

const files = present
  ? readdirSync(FIXTURES)
      .filter((name) => name.endsWith('.xml'))
      .sort()
  : [];
const sources = present ? readSources() : new Map<string, Expected>();

let app: FastifyInstance;
let partner: Record<string, string>;
let dutyOfficer: SignedIn;
/** The alerts stored so far, as "sender identifier": an update of one of them joins its incident. */
const received = new Map<string, string>();

beforeAll(async () => {
  if (!present) return;
  app = await buildTestApp();
  partner = { authorization: `Bearer ${await createTestApiKey(app.database)}` };
  dutyOfficer = await signIn(app, (await createTestUser(app.database, ['duty_officer'])).username);
});
afterAll(async () => {
  if (present) await app.close();
});

const post = (name: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/reports/cap',
    headers: { 'content-type': 'application/cap+xml', ...partner },
    payload: readFileSync(new URL(name, FIXTURES)),
  });

async function storedReport(receipt: CapAlertReceipt): Promise<Report> {
  const response = await app.inject({
    url: `/api/v1/incidents/${receipt.incidentId}`,
    headers: dutyOfficer.headers,
  });
  expect(response.statusCode).toBe(200);
  const detail: IncidentDetail = response.json();
  const report = detail.reports.find((candidate) => candidate.id === receipt.reportId);
  expect(report).toBeDefined();
  return report!;
}

const count = (cap: CapAlert, what: 'polygons' | 'geocodes' | 'circles') =>
  cap.infos.reduce(
    (sum, info) => sum + info.areas.reduce((inArea, area) => inArea + area[what].length, 0),
    0,
  );

describe.skipIf(!present)('the CAP files of real agencies', () => {
  it('finds the files, and SOURCES.md describes them', () => {
    expect(files.length).toBeGreaterThan(0);
    if (existsSync(new URL('SOURCES.md', FIXTURES))) expect(sources.size).toBeGreaterThan(0);
  });

  it.each(files)('%s', async (name) => {
    const expected = sources.get(name);
    const response = await post(name);

    const mayBeFeed = expected === undefined || expected.feed === 'may embed alerts';
    if (
      expected?.feed === 'links only' ||
      (mayBeFeed && [413, 422].includes(response.statusCode))
    ) {
      // A feed that lists alerts by link is not an alert: the sender is told to post the alerts
      // (413 when it is also larger than Vaka reads).
      expect([413, 422], response.body).toContain(response.statusCode);
      expect(response.json().message).toMatch(/is an (Atom|RSS) feed .*, not a CAP alert/);
      return;
    }

    expect(response.statusCode, response.body).toBe(201);
    const receipts: CapAlertReceipt[] = response.json().alerts;
    expect(receipts.length).toBeGreaterThan(0);

    const caps: CapAlert[] = [];
    for (const receipt of receipts) {
      const report = await storedReport(receipt);
      const cap = report.cap!;
      caps.push(cap);
      expect(report.deviations).toEqual(receipt.deviations);
      expect(report.source.channel).toBe('cap');
      expect(report.title.length).toBeGreaterThan(0);
      expect(report.location.address ?? report.location.coordinates).toBeDefined();
      if (cap.status !== 'Actual') {
        // The test city speaks Swedish first, so the marks are Swedish.
        const marked = CAP_TITLE_WORDS.sv.status[cap.status];
        expect(report.title.startsWith(`${marked}: `)).toBe(true);
        expect(report.severity).toBe('minor');
      }

      // An update of an alert stored before joins its incident; of one never seen, it opens one.
      const known = cap.references
        .map((reference) => received.get(`${reference.sender} ${reference.identifier}`))
        .find((incidentId) => incidentId !== undefined);
      if (cap.msgType !== 'Alert' && cap.references.length > 0 && known === undefined) {
        expect(receipt.outcome).toBe('new');
        expect(receipt.deviations).toContainEqual(
          expect.stringMatching(/^references an alert Vaka has not received/),
        );
      } else if (cap.msgType !== 'Alert' && known !== undefined) {
        expect(receipt).toMatchObject({ outcome: 'update', incidentId: known });
      } else {
        expect(receipt.outcome).toBe('new');
      }
      received.set(`${cap.sender} ${cap.identifier}`, receipt.incidentId);
    }

    if (expected?.msgType !== undefined && caps.length === 1) {
      expect(caps[0]!.msgType).toBe(expected.msgType);
    }
    if (expected?.languages !== undefined) {
      expect(caps.flatMap((cap) => cap.infos.map((info) => info.language))).toEqual(
        expected.languages,
      );
    }
    for (const what of ['polygons', 'geocodes', 'circles'] as const) {
      if (expected?.[what] !== undefined) {
        expect(
          caps.reduce((sum, cap) => sum + count(cap, what), 0),
          what,
        ).toBe(expected[what]);
      }
    }
    if (expected?.references !== undefined) {
      expect(caps.some((cap) => cap.references.length > 0)).toBe(expected.references);
    }

    // The same file again is a re-delivery of each of its alerts.
    const again = await post(name);
    expect(again.statusCode).toBe(201);
    expect(again.json().alerts).toEqual(
      receipts.map((receipt) =>
        expect.objectContaining({ outcome: 'redelivery', reportId: receipt.reportId }),
      ),
    );
  });
});
