import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CapAlertReceipt, IncidentDetail, JournalEntry } from '@vaka/domain';
import { countReports, journalHead } from '@vaka/db';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { signInEveryRole, type EveryRole } from '../../../../../tests/support/accounts.ts';
import {
  CAP_12,
  capAlert,
  capDocument,
  capInfo,
  capReference,
} from '../../../../../tests/support/cap.ts';

let app: FastifyInstance;
let who: EveryRole;

beforeAll(async () => {
  app = await buildTestApp();
  who = await signInEveryRole(app);
});
afterAll(() => app.close());

/** A partner's system posts a CAP document with its API key. */
function post(
  document: string | Buffer,
  headers: Record<string, string> = {},
  contentType = 'application/cap+xml',
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/reports/cap',
    headers: { 'content-type': contentType, ...who.partner, ...headers },
    payload: document,
  });
}

/** Posts a document that must import, and gives its receipts. */
async function imported(document: string | Buffer, contentType?: string) {
  const response = await post(document, {}, contentType);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { alerts: CapAlertReceipt[] }).alerts;
}

async function importedOne(document: string | Buffer, contentType?: string) {
  const receipts = await imported(document, contentType);
  expect(receipts).toHaveLength(1);
  return receipts[0]!;
}

const detail = async (incidentId: string): Promise<IncidentDetail> => {
  const response = await app.inject({
    url: `/api/v1/incidents/${incidentId}`,
    headers: who.dutyOfficer.headers,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
};

const stored = async () => ({
  reports: await countReports(app.database.db),
  head: await journalHead(app.database.db),
});

const kinds = (entries: JournalEntry[]) => entries.map((entry) => entry.kind);

/** The key of an alert as a reference names it. */
const keyOf = (receipt: CapAlertReceipt, sent = '2026-11-22T10:00:00+01:00') => ({
  sender: receipt.sender,
  identifier: receipt.identifier,
  sent,
});

describe('a CAP alert posted', () => {
  it('opens an incident in the city language, in the district its polygon covers, keeping every language and area', async () => {
    const receipt = await importedOne(capDocument(capAlert()));
    expect(receipt).toMatchObject({ outcome: 'new', sender: 'smhi.se', deviations: [] });

    const shown = await detail(receipt.incidentId);
    expect(shown.incident).toMatchObject({
      title: 'Varning för storm över Södermalm',
      category: 'severe_weather',
      severity: 'serious',
      status: 'new',
      district: { name: 'Södermalm' },
      reportCount: 1,
    });
    expect(kinds(shown.entries)).toEqual(['incident.opened', 'report.received']);
    const [report] = shown.reports;
    expect(report).toMatchObject({
      id: receipt.reportId,
      description: 'Vindbyar upp till 30 m/s under natten.',
      source: { channel: 'cap', name: 'SMHI' },
      location: { address: 'Södermalm', coordinates: { lat: 59.3125, lon: 18.075 } },
      observedAt: '2026-11-22T09:00:00.000Z',
      deviations: [],
    });
    expect(report?.cap).toMatchObject({ identifier: receipt.identifier, status: 'Actual' });
    expect(report?.cap?.infos.map((info) => info.language)).toEqual(['sv-SE', 'en-GB']);
    expect(report?.cap?.infos[1]?.areas[0]?.polygons[0]).toHaveLength(5);
  });

  it('recognises a re-delivery and stores nothing, not even a journal entry', async () => {
    const document = capDocument(capAlert());
    const first = await importedOne(document);
    const before = await stored();
    const again = await importedOne(document);
    expect(again).toMatchObject({
      outcome: 'redelivery',
      reportId: first.reportId,
      incidentId: first.incidentId,
      seq: first.seq,
    });
    expect(await stored()).toEqual(before);
    expect((await detail(first.incidentId)).reports).toHaveLength(1);
  });

  it('stores one report when the same alert arrives twice at once', async () => {
    const document = capDocument(capAlert());
    const receipts = await Promise.all([importedOne(document), importedOne(document)]);
    expect(receipts.map((receipt) => receipt.outcome).sort()).toEqual(['new', 'redelivery']);
    expect(receipts[0]!.reportId).toBe(receipts[1]!.reportId);
  });

  it('adds an Update and then a Cancel without info to the first alert’s incident', async () => {
    const alert = await importedOne(capDocument(capAlert()));
    const update = await importedOne(
      capDocument(
        capAlert({
          msgType: 'Update',
          sent: '2026-11-22T12:00:00+01:00',
          references: capReference(keyOf(alert)),
          infos: [capInfo({ headline: 'Varning för storm: uppgraderad', severity: 'Extreme' })],
        }),
      ),
    );
    expect(update).toMatchObject({ outcome: 'update', incidentId: alert.incidentId });

    const cancel = await importedOne(
      capDocument(
        capAlert({
          msgType: 'Cancel',
          sent: '2026-11-22T14:00:00+01:00',
          references: capReference(keyOf(update, '2026-11-22T12:00:00+01:00')),
          infos: [],
        }),
      ),
    );
    expect(cancel).toMatchObject({ outcome: 'update', incidentId: alert.incidentId });

    const shown = await detail(alert.incidentId);
    expect(shown.incident.reportCount).toBe(3);
    // The incident stays as the duty officer has it; the update's report tells what changed.
    expect(shown.incident.severity).toBe('serious');
    expect(kinds(shown.entries)).toEqual([
      'incident.opened',
      'report.received',
      'report.received',
      'incident.updated',
      'report.received',
      'incident.updated',
    ]);
    const attached = shown.entries
      .filter((entry) => entry.kind === 'incident.updated')
      .map((entry) => (entry.data as { attachedReportId?: string }).attachedReportId);
    expect(attached).toEqual([update.reportId, cancel.reportId]);
    const cancelReport = shown.reports.find((report) => report.id === cancel.reportId);
    expect(cancelReport).toMatchObject({
      title: 'Återkallad: Varning för storm: uppgraderad',
      severity: 'minor',
      location: { address: 'Södermalm' },
    });
  });

  it('opens a new incident for an update of an alert it never received, and says so', async () => {
    const receipt = await importedOne(
      capDocument(
        capAlert({
          msgType: 'Update',
          references: 'smhi.se,never-seen,2026-11-21T10:00:00+01:00',
        }),
      ),
    );
    expect(receipt.outcome).toBe('new');
    expect(receipt.deviations).toEqual([
      expect.stringMatching(/^references an alert Vaka has not received \(smhi\.se,never-seen,/),
    ]);
  });

  it('follows a merge to the incident that took the earlier alert’s report', async () => {
    const alert = await importedOne(capDocument(capAlert()));
    const other = await importedOne(capDocument(capAlert()));
    const duplicate = (await detail(alert.incidentId)).incident;
    const merge = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${alert.incidentId}/merge`,
      headers: who.dutyOfficer.changeHeaders,
      payload: {
        into: other.incidentId,
        reason: 'the same storm',
        expectedUpdatedAt: duplicate.updatedAt,
      },
    });
    expect(merge.statusCode).toBe(200);

    const update = await importedOne(
      capDocument(
        capAlert({
          msgType: 'Update',
          sent: '2026-11-22T12:00:00+01:00',
          references: capReference(keyOf(alert)),
        }),
      ),
    );
    expect(update).toMatchObject({ outcome: 'update', incidentId: other.incidentId });
  });

  it('opens a new incident for an update whose incident is closed, but adds a cancellation to it', async () => {
    const alert = await importedOne(capDocument(capAlert()));
    const incident = (await detail(alert.incidentId)).incident;
    const close = await app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${alert.incidentId}/transitions`,
      headers: who.dutyOfficer.changeHeaders,
      payload: {
        transition: 'close',
        reason: 'the storm passed',
        expectedUpdatedAt: incident.updatedAt,
      },
    });
    expect(close.statusCode).toBe(200);

    const update = await importedOne(
      capDocument(
        capAlert({
          msgType: 'Update',
          sent: '2026-11-22T12:00:00+01:00',
          references: capReference(keyOf(alert)),
        }),
      ),
    );
    expect(update.outcome).toBe('new');
    expect(update.incidentId).not.toBe(alert.incidentId);
    expect(update.note).toMatch(/is closed: this update opened a new incident/);

    const cancel = await importedOne(
      capDocument(
        capAlert({
          msgType: 'Cancel',
          sent: '2026-11-22T13:00:00+01:00',
          references: capReference(keyOf(alert)),
          infos: [],
        }),
      ),
    );
    expect(cancel).toMatchObject({ outcome: 'update', incidentId: alert.incidentId });
    expect(cancel.note).toMatch(/is closed: the report was added to it and it stays closed/);
    expect((await detail(alert.incidentId)).incident.status).toBe('closed');
  });

  it('marks an exercise in the title, keeps it minor, and never adds it to a real alert’s incident', async () => {
    const real = await importedOne(capDocument(capAlert()));
    const drill = await importedOne(
      capDocument(
        capAlert({
          status: 'Exercise',
          msgType: 'Update',
          sent: '2026-11-22T12:00:00+01:00',
          references: capReference(keyOf(real)),
          infos: [capInfo({ severity: 'Extreme' })],
        }),
      ),
    );
    expect(drill.outcome).toBe('new');
    expect(drill.note).toMatch(/Actual and this one is Exercise: kept apart/);
    expect(drill.deviations).toContainEqual(
      expect.stringMatching(/^status Exercise: a drill, not an actual emergency/),
    );
    const { incident } = await detail(drill.incidentId);
    expect(incident.title).toBe('ÖVNING: Varning för storm över Södermalm');
    expect(incident.severity).toBe('minor');
  });

  it('opens an incident for a cancellation without info of an alert it never received', async () => {
    const receipt = await importedOne(
      capDocument(
        capAlert({
          msgType: 'Cancel',
          references: 'smhi.se,gone,2026-11-21T10:00:00+01:00',
          infos: [],
        }),
      ),
    );
    const { incident } = await detail(receipt.incidentId);
    expect(incident).toMatchObject({
      title: `Återkallad: Varning ${receipt.identifier} från smhi.se`,
      severity: 'minor',
      location: { address: 'No area given in the alert' },
    });
  });
});

describe('what real alerts look like', () => {
  it('takes an alert inside an EDXL-DE envelope', async () => {
    const inner = capAlert({ identifier: 'edxl-wrapped-1' });
    const envelope = capDocument(
      `<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0"><distributionID>d1</distributionID><senderID>x@example.org</senderID><dateTimeSent>2026-11-22T10:00:00+01:00</dateTimeSent><distributionStatus>Actual</distributionStatus><distributionType>Report</distributionType><combinedConfidentiality>UNCLASSIFIED</combinedConfidentiality><contentObject><xmlContent><embeddedXMLContent>${inner}</embeddedXMLContent></xmlContent></contentObject></EDXLDistribution>`,
    );
    const receipt = await importedOne(envelope);
    expect(receipt).toMatchObject({ outcome: 'new', identifier: 'edxl-wrapped-1', deviations: [] });
  });

  it('takes two alerts in one wrapper, the second updating the first', async () => {
    const first = capAlert({ identifier: 'pair-1' });
    const second = capAlert({
      identifier: 'pair-2',
      msgType: 'Update',
      sent: '2026-11-22T11:00:00+01:00',
      references: 'smhi.se,pair-1,2026-11-22T10:00:00+01:00',
    });
    const receipts = await imported(capDocument(`<alerts>${first}${second}</alerts>`));
    expect(receipts.map((receipt) => [receipt.identifier, receipt.outcome])).toEqual([
      ['pair-1', 'new'],
      ['pair-2', 'update'],
    ]);
    expect(receipts[1]!.incidentId).toBe(receipts[0]!.incidentId);
    expect(receipts[0]!.deviations).toEqual([
      'delivered inside a <alerts> wrapper, not as a CAP document of its own',
    ]);
  });

  it('reads ISO-8859-1 bytes by the XML declaration', async () => {
    const text = capDocument(
      capAlert({ infos: [capInfo({ headline: 'Högt vattenstånd vid Söder Mälarstrand' })] }),
      'ISO-8859-1',
    );
    const receipt = await importedOne(Buffer.from(text, 'latin1'), 'application/xml');
    const { incident } = await detail(receipt.incidentId);
    expect(incident.title).toBe('Högt vattenstånd vid Söder Mälarstrand');
    expect(incident.category).toBe('flooding');
  });

  it('reads UTF-16 with a byte order mark', async () => {
    const text = capDocument(
      capAlert({ infos: [capInfo({ headline: 'Åska över Årsta' })] }),
      'UTF-16',
    );
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const receipt = await importedOne(bytes, 'text/xml');
    expect((await detail(receipt.incidentId)).incident.title).toBe('Åska över Årsta');
  });

  it('reads Latin-1 bytes that claim to be UTF-8, and says so', async () => {
    const text = capDocument(capAlert({ infos: [capInfo({ headline: 'Storm över Gärdet' })] }));
    const receipt = await importedOne(Buffer.from(text, 'latin1'));
    expect(receipt.deviations).toContain(
      'the document is not valid UTF-8: read as windows-1252 (ISO-8859-1)',
    );
    expect((await detail(receipt.incidentId)).incident.title).toBe('Storm över Gärdet');
  });

  it('takes a prefixed namespace', async () => {
    const prefixed = capAlert({ identifier: 'prefixed-1' })
      .replace(`<alert xmlns="${CAP_12}">`, `<cap:alert xmlns:cap="${CAP_12}">`)
      .replace(/<(\/?)(?!cap:)([a-zA-Z]+)/g, '<$1cap:$2');
    const receipt = await importedOne(capDocument(prefixed));
    expect(receipt).toMatchObject({ identifier: 'prefixed-1', deviations: [] });
    const { incident } = await detail(receipt.incidentId);
    expect(incident.title).toBe('Varning för storm över Södermalm');
  });

  it('takes CAP 1.1, elements out of order, unknown elements and no language, and lists each', async () => {
    const alert = capAlert({
      namespace: 'urn:oasis:names:tc:emergency:cap:1.1',
      infos: [
        capInfo({
          language: null,
          extra: '<colour>red</colour>',
          polygon: '59.32,18.05 59.32,18.10 59.305,18.10 59.305,18.05',
        }),
      ],
    }).replace(/<sent>(.*?)<\/sent><status>(.*?)<\/status>/, '<status>$2</status><sent>$1</sent>');
    const receipt = await importedOne(capDocument(alert));
    expect(receipt.deviations).toEqual([
      'CAP 1.1 namespace: read as CAP 1.2',
      'element <sent> after <status> in <alert>',
      'unknown element <colour> in <info>',
      'language missing: en-US assumed',
      'polygon not closed: its first point was added at the end',
    ]);
    const shown = await detail(receipt.incidentId);
    expect(shown.reports[0]?.deviations).toEqual(receipt.deviations);
    expect(shown.reports[0]?.cap?.version).toBe('1.1');
  });

  it('ignores an XML signature', async () => {
    const signature =
      '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo><Reference URI=""/></SignedInfo><SignatureValue>AAAA</SignatureValue></Signature>';
    const signed = capAlert().replace('</alert>', `${signature}</alert>`);
    expect((await importedOne(capDocument(signed))).deviations).toEqual([]);
  });
});

describe('the journal', () => {
  it('still verifies with the alerts it recorded', async () => {
    await importedOne(capDocument(capAlert()));
    const response = await app.inject({
      url: '/api/v1/journal/verify',
      headers: who.leadership.headers,
    });
    expect(response.json()).toMatchObject({ ok: true });
  });
});

describe('what is refused, with nothing stored', () => {
  const refusals: Array<[string, string | Buffer, number, RegExp]> = [
    [
      'a billion laughs',
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level === 0 ? '' : level};`.repeat(10)}">`).join('')}]><alert xmlns="${CAP_12}"><identifier>&lol9;</identifier><sender>x</sender><sent>2026-11-22T10:00:00+01:00</sent></alert>`,
      400,
      /declares XML entities .* never expands/,
    ],
    [
      'an external entity',
      `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><alert xmlns="${CAP_12}"><identifier>&xxe;</identifier><sender>x</sender><sent>2026-11-22T10:00:00+01:00</sent></alert>`,
      400,
      /declares XML entities/,
    ],
    ['text that is not XML', 'Storm warning for Södermalm', 400, /not XML: it begins with "Storm/],
    ['JSON', '{"title":"Storm"}', 400, /not XML.*looks like JSON/],
    [
      'XML that is not well-formed',
      `<alert xmlns="${CAP_12}"><identifier>x</alert>`,
      400,
      /not well-formed XML \(line 1/,
    ],
    [
      'XML of another kind',
      '<invoice><total>12</total></invoice>',
      422,
      /root element is <invoice> \(no namespace\), not a CAP <alert>/,
    ],
    [
      'an Atom feed that lists alerts',
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>Warnings</title><entry><title>Storm</title><link href="https://example.org/cap/1.xml"/></entry></feed>',
      422,
      /is an Atom feed \(1 entry listing CAP alerts\), not a CAP alert/,
    ],
    ['an alert without sender', capAlert({ sender: null }), 422, /The alert has no <sender>/],
    [
      'an alert whose sent is not a time',
      capAlert({ sent: 'yesterday' }),
      422,
      /<sent> "yesterday" is not a time/,
    ],
    ['an empty body', '', 400, /empty/],
  ];

  it.each(refusals)('answers %s with %i and a reason', async (_name, document, status, reason) => {
    const before = await stored();
    const response = await post(document);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({
      statusCode: status,
      message: expect.stringMatching(reason),
    });
    expect(await stored()).toEqual(before);
  });

  it('refuses a whole document when one of its alerts lacks its identifier', async () => {
    const before = await stored();
    const response = await post(
      capDocument(
        `<alerts>${capAlert()}${capAlert().replace(/<identifier>.*?<\/identifier>/, '')}</alerts>`,
      ),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toMatch(/^Alert 2 of 2 has no <identifier>/);
    expect(await stored()).toEqual(before);
  });

  it.each([['application/json'], ['text/plain']])('answers 415 to %s', async (type) => {
    const response = await post(capDocument(capAlert()), {}, type);
    expect(response.statusCode).toBe(415);
    expect(response.json().message).toMatch(
      /send the CAP document with Content-Type: application\/cap\+xml/,
    );
  });

  it('answers 413 to a document over 2 MiB, naming a feed as one', async () => {
    const huge = capAlert({
      infos: [capInfo({ description: 'x'.repeat(2 * 1024 * 1024) })],
    });
    const before = await stored();
    const response = await post(capDocument(huge));
    expect(response.statusCode).toBe(413);
    expect(response.json().message).toMatch(
      /^The document is 2\.0 MiB; Vaka reads CAP documents of up to 2 MiB/,
    );

    const entry = '<entry><title>Storm</title><link href="https://example.org/cap/1.xml"/></entry>';
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom">${entry.repeat(40_000)}</feed>`;
    const refused = await post(capDocument(feed), {}, 'application/atom+xml');
    expect(refused.statusCode).toBe(413);
    expect(refused.json().message).toMatch(
      /^The document is an Atom feed of 3\.\d MiB, not a CAP alert/,
    );

    const enormous = await post(Buffer.alloc(17 * 1024 * 1024, 0x20));
    expect(enormous.statusCode).toBe(413);
    expect(await stored()).toEqual(before);
  });
});

describe('who may post CAP alerts', () => {
  /** Posts as a signed-in person (or nobody), without the partner's key. */
  const postAs = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/reports/cap',
      headers: { 'content-type': 'application/cap+xml', ...headers },
      payload: capDocument(capAlert()),
    });

  it.each([['communicator'], ['leadership'], ['admin']] as const)(
    'refuses a %s with 403, storing nothing',
    async (role) => {
      const before = await stored();
      const response = await postAs(who[role].changeHeaders);
      expect(response.statusCode).toBe(403);
      expect(await stored()).toEqual(before);
    },
  );

  it('refuses an anonymous caller with 401', async () => {
    expect((await postAs({})).statusCode).toBe(401);
  });

  it('lets a duty officer and a partner’s key post', async () => {
    expect((await postAs(who.dutyOfficer.changeHeaders)).statusCode).toBe(201);
    expect((await postAs(who.partner)).statusCode).toBe(201);
  });
});
