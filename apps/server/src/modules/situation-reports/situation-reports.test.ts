import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type {
  CreateMessageRequest,
  Incident,
  IncidentDetail,
  KeyEvent,
  KeyEventList,
  PublicMessage,
  ReportReceipt,
  SituationReport,
  SituationReportList,
} from '@vaka/domain';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import {
  createTestUser,
  sendAs,
  signIn,
  signInEveryRole,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import { seedDemoData } from '../../demo/seed.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let app: FastifyInstance;
let admin: SignedIn;
let dutyOfficer: SignedIn;
let communicator: SignedIn;
let leadership: SignedIn;
/** A second communicator, who approves the first one's message. */
let colleague: SignedIn;
/** Someone who both writes and approves reports: never both for one report. */
let both: SignedIn;

/** What the journal of the test holds, as the steps below wrote it. */
const story = {
  fire: undefined as unknown as Incident,
  branch: undefined as unknown as Incident,
  message: undefined as unknown as PublicMessage,
};

beforeAll(async () => {
  app = await buildTestApp();
  ({ admin, dutyOfficer, communicator, leadership } = await signInEveryRole(app));
  colleague = await signIn(app, (await createTestUser(app.database, ['communicator'])).username);
  both = await signIn(
    app,
    (await createTestUser(app.database, ['duty_officer', 'leadership'])).username,
  );
  await writeTheDay();
});
afterAll(() => app.close());

const read = (url: string, who: SignedIn = leadership) => app.inject({ url, headers: who.headers });

async function ok<T>(response: Awaited<ReturnType<typeof read>>, status = 200): Promise<T> {
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

async function incident(id: string): Promise<Incident> {
  return (await ok<IncidentDetail>(await read(`/api/v1/incidents/${id}`))).incident;
}

/** A report phoned in by the duty officer; the incident it opened. */
async function reported(title: string, severity: Incident['severity']): Promise<Incident> {
  const receipt = await ok<ReportReceipt>(
    await sendAs(
      app,
      dutyOfficer,
      'POST',
      '/api/v1/reports',
      buildReport({
        title,
        severity,
        category: 'fire',
        location: { address: title },
        observedAt: new Date().toISOString(),
      }),
    ),
    201,
  );
  return incident(receipt.incidentId);
}

async function note(
  incidentId: string,
  body: { text: string; keyEvent?: boolean; eventAt?: string },
): Promise<number> {
  const entry = await ok<{ seq: number }>(
    await sendAs(app, dutyOfficer, 'POST', `/api/v1/incidents/${incidentId}/notes`, body),
    201,
  );
  return entry.seq;
}

function buildMessage(): CreateMessageRequest {
  const variant = (language: 'sv' | 'en', headline: string) => ({
    language,
    headline,
    description: headline,
    instruction: 'Håll dörrar och fönster stängda.',
    sms: headline,
    push: headline,
    social: headline,
  });
  return {
    category: 'fire',
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    area: { description: 'Bromma', districtIds: ['bromma'] },
    effective: new Date().toISOString(),
    expires: new Date(Date.now() + 6 * HOUR).toISOString(),
    issuer: 'Stockholms stad',
    exercise: false,
    variants: [
      variant('sv', 'Rök över Vällingby: stäng fönstren'),
      variant('en', 'Smoke over Vällingby: close your windows'),
    ],
  };
}

/**
 * The day the reports are drafted from: a serious fire (a key event) and a fallen branch (not
 * one, until it is raised to critical), notes flagged and corrected, the readiness raised, a
 * message published and a derby planned for tonight.
 */
async function writeTheDay(): Promise<void> {
  story.fire = await reported('Brand i Vällingby centrum', 'serious');
  story.branch = await reported('Nedfallen gren på Götgatan', 'moderate');
  const onSite = await note(story.fire.id, {
    text: 'Räddningstjänsten på plats',
    keyEvent: true,
    eventAt: new Date(Date.now() - 30 * MINUTE).toISOString(),
  });
  await ok(
    await sendAs(app, dutyOfficer, 'POST', `/api/v1/journal/${onSite}/corrections`, {
      text: 'Räddningstjänsten på plats med två släckbilar',
    }),
    201,
  );
  const evacuated = await note(story.fire.id, { text: 'Köpcentret utrymt' });
  await ok(
    await sendAs(app, dutyOfficer, 'POST', `/api/v1/journal/${evacuated}/flags`, {
      keyEvent: true,
    }),
    201,
  );
  const rumour = await note(story.fire.id, { text: 'Obekräftat: fler bränder', keyEvent: true });
  await ok(
    await sendAs(app, dutyOfficer, 'POST', `/api/v1/journal/${rumour}/flags`, {
      keyEvent: false,
    }),
    201,
  );
  await note(story.branch.id, { text: 'Trafiken leds om' });
  story.branch = await ok<Incident>(
    await sendAs(app, dutyOfficer, 'PATCH', `/api/v1/incidents/${story.branch.id}`, {
      changes: { severity: 'critical' },
      reason: 'Grenen har slagit ut en kontaktledning',
      expectedUpdatedAt: story.branch.updatedAt,
    }),
  );
  await ok(
    await sendAs(app, dutyOfficer, 'PUT', '/api/v1/readiness', {
      level: 'staff_mode',
      reason: 'Branden i Vällingby',
    }),
  );
  const draft = await ok<PublicMessage>(
    await sendAs(app, communicator, 'POST', '/api/v1/messages', buildMessage()),
    201,
  );
  const step = async (who: SignedIn, seen: PublicMessage, action: string) =>
    ok<PublicMessage>(
      await sendAs(app, who, 'POST', `/api/v1/messages/${seen.id}/${action}`, {
        expectedUpdatedAt: seen.updatedAt,
      }),
    );
  const inReview = await step(communicator, draft, 'submit');
  const approved = await step(colleague, inReview, 'approve');
  story.message = await step(communicator, approved, 'publish');
  await ok(
    await sendAs(app, dutyOfficer, 'POST', '/api/v1/planned-events', {
      title: 'Derby på Tele2 Arena',
      kind: 'sports',
      startsAt: new Date(Date.now() + 6 * HOUR).toISOString(),
      endsAt: new Date(Date.now() + 8 * HOUR).toISOString(),
      location: { address: 'Tele2 Arena' },
      expectedCrowd: 30_000,
      responsibleUnitIds: [],
      notes: '',
    }),
    201,
  );
}

/** A time as the reports write it: Stockholm's, hours and minutes. */
const stockholmTime = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

async function keyEvents(query = ''): Promise<KeyEvent[]> {
  return (await ok<KeyEventList>(await read(`/api/v1/key-events${query}`))).events;
}

describe('GET /api/v1/key-events', () => {
  it('lists the key events of the last 12 hours oldest first, as the journal now tells them', async () => {
    const events = await keyEvents();
    expect(events.map((event) => [event.kind, event.text])).toEqual([
      ['note', 'Räddningstjänsten på plats med två släckbilar'],
      ['incident_opened', 'Brand i Vällingby centrum'],
      ['note', 'Köpcentret utrymt'],
      ['incident_raised', 'Nedfallen gren på Götgatan'],
      ['readiness_changed', 'Stabsläge: Branden i Vällingby'],
      ['message_published', 'Rök över Vällingby: stäng fönstren'],
    ]);
    const [onSite, opened] = events;
    expect(onSite).toMatchObject({ incidentId: story.fire.id });
    // The note tells of something half an hour ago: it comes before the fire was reported.
    expect(Date.parse(onSite!.at)).toBeLessThan(Date.parse(opened!.at) - 20 * MINUTE);
    expect(opened!.actor).toBe(dutyOfficer.session.user.username);
  });

  it('takes a range, and refuses one that ends before it begins', async () => {
    const now = Date.now();
    expect(
      await keyEvents(
        `?from=${new Date(now - 2 * HOUR).toISOString()}&to=${new Date(now - HOUR).toISOString()}`,
      ),
    ).toEqual([]);
    expect((await keyEvents(`?from=${new Date(now - HOUR).toISOString()}`)).length).toBe(6);
    const backwards = await read(
      `/api/v1/key-events?from=${new Date(now).toISOString()}&to=${new Date(now - HOUR).toISOString()}`,
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ message: string }>().message).toMatch(/must be before to/);
    expect((await read('/api/v1/key-events?from=yesterday')).statusCode).toBe(400);
  });

  it('is read by everyone who sees the situation, and by nobody else', async () => {
    for (const who of [dutyOfficer, communicator, leadership]) {
      expect((await read('/api/v1/key-events', who)).statusCode).toBe(200);
    }
    expect((await read('/api/v1/key-events', admin)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/key-events' })).statusCode).toBe(401);
  });
});

/** What is stored of reports, and the journal's length: unchanged by any refusal. */
async function stored(): Promise<{ reports: string; journal: number }> {
  const { rows } = await app.database.pool.query<{ reports: string; journal: number }>(
    `select (select coalesce(string_agg(row_to_json(r)::text, '|' order by id), '')
               from situation_reports r) as reports,
            (select count(*)::int from journal) as journal`,
  );
  return rows[0]!;
}

async function refused(
  attempt: () => Promise<Awaited<ReturnType<typeof read>>>,
  status: number,
  message?: RegExp,
): Promise<void> {
  const before = await stored();
  const response = await attempt();
  expect(response.statusCode, response.body).toBe(status);
  if (message !== undefined) expect(response.json<{ message: string }>().message).toMatch(message);
  expect(await stored()).toEqual(before);
}

async function draft(
  body: { language?: string; revises?: string } = {},
  who: SignedIn = dutyOfficer,
): Promise<SituationReport> {
  return ok<SituationReport>(
    await sendAs(app, who, 'POST', '/api/v1/situation-reports', body),
    201,
  );
}

const edit = (who: SignedIn, report: SituationReport, content: Record<string, string>) =>
  sendAs(app, who, 'PATCH', `/api/v1/situation-reports/${report.id}`, {
    expectedUpdatedAt: report.updatedAt,
    content,
  });

const approve = (who: SignedIn, report: SituationReport) =>
  sendAs(app, who, 'POST', `/api/v1/situation-reports/${report.id}/approve`, {
    expectedUpdatedAt: report.updatedAt,
  });

/** Reads a PDF's text, page by page, with runs of white space as one space. */
async function pdfPages(body: Buffer): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(body) }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    pages.push(text.replace(/\s+/g, ' '));
  }
  await document.destroy();
  return pages;
}

describe('situation reports', () => {
  let first: SituationReport;

  it('drafts a report from the key events since the last 24 hours and the picture now', async () => {
    const before = Date.now();
    first = await draft();
    expect(first).toMatchObject({
      status: 'draft',
      version: 1,
      language: 'sv',
      createdBy: dutyOfficer.session.user.username,
    });
    expect(first.number).toBeUndefined();
    expect(Date.parse(first.periodTo) - Date.parse(first.periodFrom)).toBe(24 * HOUR);
    expect(Date.parse(first.periodTo)).toBeGreaterThanOrEqual(before - 1_000);

    const { content } = first;
    expect(content.situation.split('\n')).toEqual([
      'Beredskapsnivå: Stabsläge (Branden i Vällingby).',
      'Öppna händelser: 2 (kritisk 1, allvarlig 1).',
      '– Kritisk: Nedfallen gren på Götgatan (ny)',
      '– Allvarlig: Brand i Vällingby centrum (ny)',
    ]);
    const events = await keyEvents();
    const at = (kind: string) => stockholmTime(events.find((event) => event.kind === kind)!.at);
    expect(content.actions.split('\n')).toEqual([
      `${stockholmTime(events[0]!.at)} Anteckning: Räddningstjänsten på plats med två släckbilar`,
      `${at('incident_opened')} Händelse öppnad (Allvarlig): Brand i Vällingby centrum`,
      `${stockholmTime(events[2]!.at)} Anteckning: Köpcentret utrymt`,
      `${at('incident_raised')} Allvarlighetsgrad höjd (Kritisk): Nedfallen gren på Götgatan`,
      `${at('readiness_changed')} Beredskapsnivå ändrad: Stabsläge: Branden i Vällingby`,
      `${at('message_published')} Meddelande publicerat: Rök över Vällingby: stäng fönstren`,
    ]);
    expect(content.communication).toContain(
      `Meddelande publicerat: Rök över Vällingby: stäng fönstren`,
    );
    expect(content.communication).toContain(
      `Gällande meddelanden nu: 1\n– Rök över Vällingby: stäng fönstren (gäller till ${stockholmTime(story.message.expires)})`,
    );
    expect(content.needs).toBe('Inga eskaleringar väntar på kvittens.');
    expect(content.outlook).toMatch(
      /^Planerade evenemang de närmaste 24 timmarna:\n– .*Derby på Tele2 Arena, Tele2 Arena, cirka 30\s000 personer$/,
    );
    expect(content.consequences).toMatch(/^\[Beskriv konsekvenserna/);
    expect(content.nextReportAt).toBeUndefined();
  });

  it('drafts in another of the city’s languages when asked', async () => {
    const english = await draft({ language: 'en' });
    expect(english.language).toBe('en');
    expect(english.content.situation).toMatch(
      /^Readiness level: Staff mode \(Branden i Vällingby\)\./,
    );
    expect(english.content.actions).toContain(
      'Message published: Smoke over Vällingby: close your windows',
    );
    const czech = await draft({ language: 'cs' });
    expect(czech.content.situation).toMatch(/^Stupeň pohotovosti: Krizový štáb svolán/);
    expect(czech.content.situation).toContain('– Kritická: Nedfallen gren på Götgatan (nová)');
    await refused(
      () => sendAs(app, dutyOfficer, 'POST', '/api/v1/situation-reports', { language: 'de' }),
      400,
    );
  });

  it('lets the duty officer edit a draft, journalling what it said before', async () => {
    const edited = await ok<SituationReport>(
      await edit(dutyOfficer, first, {
        situation: 'Branden i Vällingby är under kontroll. Rökutvecklingen minskar över Råcksta.',
        consequences: 'Köpcentret är stängt i dag; tunnelbanan stannar inte i Vällingby.',
        nextReportAt: '2026-11-22T16:00:00+01:00',
      }),
    );
    expect(edited.content).toMatchObject({
      situation: 'Branden i Vällingby är under kontroll. Rökutvecklingen minskar över Råcksta.',
      consequences: 'Köpcentret är stängt i dag; tunnelbanan stannar inte i Vällingby.',
      nextReportAt: '2026-11-22T15:00:00.000Z',
      actions: first.content.actions,
    });
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
    const { rows } = await app.database.pool.query<{ actor: string; data: { previous: object } }>(
      `select actor, data from journal where kind = 'situation_report.changed'
        and data -> 'report' ->> 'id' = $1`,
      [first.id],
    );
    expect(rows).toEqual([
      {
        actor: dutyOfficer.session.user.username,
        data: expect.objectContaining({
          previous: {
            situation: first.content.situation,
            consequences: first.content.consequences,
            nextReportAt: null,
          },
        }),
      },
    ]);
    await refused(
      () => edit(dutyOfficer, first, { situation: 'Mitt' }),
      409,
      /after you loaded it/,
    );
    await refused(
      () => edit(dutyOfficer, edited, { situation: edited.content.situation }),
      400,
      /Nothing to change/,
    );
    await refused(
      () =>
        sendAs(app, dutyOfficer, 'PATCH', `/api/v1/situation-reports/${first.id}`, {
          expectedUpdatedAt: edited.updatedAt,
          content: {},
        }),
      400,
    );
    first = edited;
  });

  it('lets only leadership approve, never someone who drafted or edited the report', async () => {
    await refused(() => approve(dutyOfficer, first), 403);
    await refused(() => approve(communicator, first), 403);
    await refused(
      () => app.inject({ method: 'POST', url: `/api/v1/situation-reports/${first.id}/approve` }),
      401,
    );

    const own = await draft({}, both);
    await refused(() => approve(both, own), 403, /someone else in the leadership/);
    const editedByBoth = await ok<SituationReport>(
      await edit(both, first, { needs: 'Fler sjukvårdsresurser till Vällingby.' }),
    );
    await refused(() => approve(both, editedByBoth), 403, /drafted or changed/);
    first = editedByBoth;

    const empty = await ok<SituationReport>(await edit(dutyOfficer, own, { situation: '  ' }));
    await refused(() => approve(leadership, empty), 409, /situation section is empty/);
  });

  it('numbers approved reports 1, 2 and starts each period where the previous ended', async () => {
    const approved = await ok<SituationReport>(await approve(leadership, first));
    expect(approved).toMatchObject({
      status: 'approved',
      number: 1,
      version: 1,
      approvedBy: leadership.session.user.username,
      content: first.content,
    });
    const { rows } = await app.database.pool.query<{ actor: string }>(
      `select actor from journal where kind = 'situation_report.approved'
        and data -> 'report' ->> 'id' = $1`,
      [first.id],
    );
    expect(rows).toEqual([{ actor: leadership.session.user.username }]);
    first = approved;

    const second = await draft();
    expect(second.periodFrom).toBe(first.periodTo);
    // Nothing happened since the first report's period ended.
    expect(second.content.actions).toBe('Inga nyckelhändelser under perioden.');
    expect((await ok<SituationReport>(await approve(leadership, second))).number).toBe(2);
  });

  it('keeps an approved report as it is', async () => {
    await refused(() => edit(dutyOfficer, first, { situation: 'Ändrat' }), 409, /approved/);
    await refused(() => approve(leadership, first), 409, /approved/);
  });

  it('corrects an approved report by a revision: same number, the next version', async () => {
    const revision = await draft({ revises: first.id });
    expect(revision).toMatchObject({
      status: 'draft',
      revises: first.id,
      language: first.language,
      periodFrom: first.periodFrom,
      periodTo: first.periodTo,
      content: first.content,
    });
    const corrected = await ok<SituationReport>(
      await edit(dutyOfficer, revision, { situation: 'Branden i Vällingby är släckt.' }),
    );
    const approved = await ok<SituationReport>(await approve(leadership, corrected));
    expect(approved).toMatchObject({ number: 1, version: 2, revises: first.id });
    expect(await ok<SituationReport>(await read(`/api/v1/situation-reports/${first.id}`))).toEqual(
      first,
    );

    await refused(
      () => sendAs(app, dutyOfficer, 'POST', '/api/v1/situation-reports', { revises: first.id }),
      409,
      /newer version 2/,
    );
    const pending = await draft();
    await refused(
      () => sendAs(app, dutyOfficer, 'POST', '/api/v1/situation-reports', { revises: pending.id }),
      409,
      /still a draft/,
    );
    await refused(
      () =>
        sendAs(app, dutyOfficer, 'POST', '/api/v1/situation-reports', {
          revises: '00000000-0000-4000-8000-000000000999',
        }),
      400,
      /no situation report/,
    );
  });

  it('lists drafts first, then approved reports by number and version, newest first', async () => {
    const { reports } = await ok<SituationReportList>(await read('/api/v1/situation-reports'));
    const approved = reports.filter((report) => report.status === 'approved');
    expect(approved.map((report) => [report.number, report.version])).toEqual([
      [2, 1],
      [1, 2],
      [1, 1],
    ]);
    const firstApproved = reports.findIndex((report) => report.status === 'approved');
    expect(reports.slice(0, firstApproved).every((report) => report.status === 'draft')).toBe(true);
    expect(firstApproved).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown report, 400 for a malformed id, 401 and 403 to those who may not', async () => {
    const unknown = '00000000-0000-4000-8000-000000000999';
    expect((await read(`/api/v1/situation-reports/${unknown}`)).statusCode).toBe(404);
    expect((await read(`/api/v1/situation-reports/${unknown}/pdf`)).statusCode).toBe(404);
    await refused(
      () =>
        sendAs(app, dutyOfficer, 'PATCH', `/api/v1/situation-reports/${unknown}`, {
          expectedUpdatedAt: new Date().toISOString(),
          content: { situation: 'x' },
        }),
      404,
    );
    await refused(
      () =>
        sendAs(app, leadership, 'POST', `/api/v1/situation-reports/${unknown}/approve`, {
          expectedUpdatedAt: new Date().toISOString(),
        }),
      404,
    );
    expect((await read('/api/v1/situation-reports/not-an-id')).statusCode).toBe(400);
    await refused(() => sendAs(app, leadership, 'POST', '/api/v1/situation-reports', {}), 403);
    await refused(() => sendAs(app, communicator, 'POST', '/api/v1/situation-reports', {}), 403);
    await refused(
      () => app.inject({ method: 'POST', url: '/api/v1/situation-reports', payload: {} }),
      401,
    );
    expect((await read('/api/v1/situation-reports', admin)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/situation-reports' })).statusCode).toBe(401);
  });
});

describe('a situation report as PDF', () => {
  it('holds the approved text, its number, the city and letters of every language intact', async () => {
    const report = await draft();
    const edited = await ok<SituationReport>(
      await edit(dutyOfficer, report, {
        situation: 'Läget är lugnt i Vällingby; rökdykarna har återgått till stationen.',
        consequences: 'Příliš žluťoučký kůň úpěl ďábelské ódy. Čerpadla: řeka Vltava, Šumava.',
        nextReportAt: '2026-11-23T08:00:00.000Z',
      }),
    );
    const approved = await ok<SituationReport>(await approve(leadership, edited));
    const response = await read(`/api/v1/situation-reports/${approved.id}/pdf`, communicator);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="lagesrapport-${approved.number}.pdf"`,
    );
    const text = (await pdfPages(response.rawPayload)).join(' ');
    expect(text).toContain('Lägesrapport');
    expect(text).toContain('Stockholm (demo)');
    expect(text).toContain(`Nr ${approved.number}`);
    expect(text).toContain('Läget är lugnt i Vällingby; rökdykarna har återgått till stationen.');
    expect(text).toContain(
      'Příliš žluťoučký kůň úpěl ďábelské ódy. Čerpadla: řeka Vltava, Šumava.',
    );
    expect(text).toContain('Nästa rapport');
    expect(text).toContain('Nästa rapport 2026-11-23 09:00');
    expect(text).toContain(`Godkänd:`);
    expect(text).toContain(leadership.session.user.username);
    expect(text).not.toContain('UTKAST');
  });

  it('names a revision by its version', async () => {
    const { reports } = await ok<SituationReportList>(await read('/api/v1/situation-reports'));
    const revision = reports.find((report) => report.number === 1 && report.version === 2)!;
    const response = await read(`/api/v1/situation-reports/${revision.id}/pdf`);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="lagesrapport-1-v2.pdf"',
    );
    const text = (await pdfPages(response.rawPayload)).join(' ');
    expect(text).toContain('Nr 1, version 2');
    expect(text).toContain('Branden i Vällingby är släckt.');
  });

  it('marks every page of a draft as a draft, in the report’s language', async () => {
    const czech = await draft({ language: 'cs' });
    const long = await ok<SituationReport>(
      await edit(dutyOfficer, czech, {
        actions: Array.from(
          { length: 120 },
          (_, line) => `Řádek ${line + 1}: hasiči zasahují u Šárky`,
        ).join('\n'),
      }),
    );
    const response = await read(`/api/v1/situation-reports/${long.id}/pdf`);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="situacni-zprava-navrh.pdf"',
    );
    const pages = await pdfPages(response.rawPayload);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('NÁVRH');
    expect(pages[0]).toContain('Situační zpráva');
    expect(pages.join(' ')).toContain('Řádek 120: hasiči zasahují u Šárky');
  });
});

describe('the demo day', () => {
  it('holds report 1, drafted from the day, assessed by the duty officer and approved by the crisis leadership', async () => {
    const demo = await buildTestApp();
    try {
      await seedDemoData(demo);
      const { rows } = await demo.database.pool.query<{ report: Record<string, unknown> }>(
        'select row_to_json(r) as report from situation_reports r',
      );
      expect(rows).toHaveLength(1);
      const report = rows[0]!.report;
      expect(report).toMatchObject({
        status: 'approved',
        number: 1,
        version: 1,
        created_by: 'tib',
        approved_by: 'ledning',
      });
      const content = report.content as SituationReport['content'];
      expect(content.situation).toMatch(/^Samlad bedömning: /);
      expect(content.situation).toContain('– Kritisk: Fire in a recycling plant, heavy smoke');
      expect(content.actions).toContain(
        'Händelse öppnad (Kritisk): Fire in a recycling plant, heavy smoke',
      );
      expect(content.consequences).toContain('Vaxholm');
      expect(content.nextReportAt).toBeDefined();
    } finally {
      await demo.close();
    }
  });
});
