import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type {
  Contact,
  Escalation,
  EscalationPolicy,
  EscalationStep,
  Incident,
  Unit,
  UnitSchedule,
} from '@vaka/domain';
import { findIncident } from '@vaka/db';
import type { NotificationConfig } from '../../config.ts';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { buildReport } from '../../../../../tests/support/factories.ts';
import {
  sendAs,
  signInEveryRole,
  type EveryRole,
  type SignedIn,
} from '../../../../../tests/support/accounts.ts';
import {
  notificationsThrough,
  startSmsGateway,
  startSmtpServer,
  type TestSmsGateway,
  type TestSmtpServer,
} from '../../../../../tests/support/notification-servers.ts';

const MINUTE = 60_000;
const SMS_TOKEN = 'gateway-token-for-tests';
const BRIEF = 'Ta över vattenläckan på Götgatan och stäng körfältet';

/** The server's time: it moves only when a test moves it, and only forward. */
let now = new Date('2026-03-02T08:00:00Z');
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * MINUTE);
};
const minutesFrom = (at: Date | string, minutes: number) =>
  new Date(new Date(at).getTime() + minutes * MINUTE).toISOString();

/** One running Vaka with a person of every role signed in. */
interface Desk extends EveryRole {
  app: FastifyInstance;
}

async function openDesk(notifications: NotificationConfig): Promise<Desk> {
  const app = await buildTestApp({ clock: () => now, config: { notifications } });
  return { app, ...(await signInEveryRole(app)) };
}

let smtp: TestSmtpServer;
let gateway: TestSmsGateway;
/** E-mail and SMS configured, the gateway with a token, three attempts per message. */
let main: Desk;

beforeAll(async () => {
  smtp = await startSmtpServer();
  gateway = await startSmsGateway();
  main = await openDesk(
    notificationsThrough({ smtp, sms: gateway, smsToken: SMS_TOKEN }, { maxAttempts: 3 }),
  );
});
afterAll(async () => {
  await main.app.close();
  await gateway.close();
  await smtp.close();
});

const tick = (desk = main) => desk.app.escalationEngine.tick();

// ---------------------------------------------------------------------------------------------
// Seeding through the API

let serial = 0;

/** A unit of its own, seeded as an admin would, with the parts escalations are made of. */
interface Seeded {
  unit: Unit;
  /** Reached by SMS, in Swedish; the only one on call in `schedule`. */
  sara: Contact;
  /** Reached by e-mail, in English. */
  erik: Contact;
  schedule: UnitSchedule;
}

/** A unit with Sara (SMS) and Erik (e-mail) at addresses no other unit has, and a schedule. */
async function seedUnit(desk = main, name = 'Trafikkontoret'): Promise<Seeded> {
  serial += 1;
  const created = await sendAs(desk.app, desk.admin, 'POST', '/api/v1/units', {
    name: `${name} ${serial}`,
    timeZone: 'Europe/Stockholm',
    contacts: [
      {
        name: 'Sara Nyström',
        phone: `+46 70 555 ${String(serial).padStart(4, '0')}`,
        preferredChannel: 'sms',
        language: 'sv',
      },
      {
        name: 'Erik Lund',
        email: `erik.lund.${serial}@trafik.example`,
        preferredChannel: 'email',
        language: 'en',
      },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  const unit: Unit = created.json();
  const [sara, erik] = unit.contacts as [Contact, Contact];
  const schedule = await sendAs(
    desk.app,
    desk.admin,
    'POST',
    `/api/v1/units/${unit.id}/schedules`,
    {
      name: 'Primary',
      layers: [
        {
          participants: [sara.id],
          shift: { kind: 'daily' },
          handoffTime: '08:00',
          startsAt: '2026-01-05',
        },
      ],
    },
  );
  expect(schedule.statusCode, schedule.body).toBe(201);
  return { unit, sara, erik, schedule: schedule.json() };
}

/** Whoever is on call (Sara) for 5 minutes, then Erik for 10. */
const twoSteps = ({ schedule, erik }: Seeded): EscalationStep[] => [
  { waitMinutes: 5, requireAll: false, targets: [{ kind: 'schedule', scheduleId: schedule.id }] },
  { waitMinutes: 10, requireAll: false, targets: [{ kind: 'contact', contactId: erik.id }] },
];

async function createPolicy(
  seeded: Seeded,
  options: { steps?: EscalationStep[]; repeat?: number; desk?: Desk } = {},
): Promise<EscalationPolicy> {
  const desk = options.desk ?? main;
  const response = await sendAs(
    desk.app,
    desk.admin,
    'POST',
    `/api/v1/units/${seeded.unit.id}/escalation-policies`,
    { name: 'Vatten', repeat: options.repeat ?? 0, steps: options.steps ?? twoSteps(seeded) },
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** An incident opened by a partner's report, as stored now. */
async function newIncident(desk = main, title = 'Burst water main on Götgatan'): Promise<Incident> {
  const response = await desk.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: desk.partner,
    payload: buildReport({ title }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return (await findIncident(desk.app.database.db, response.json().incidentId))!;
}

/** A unit, its policy and an incident, ready to escalate. */
async function seedAll(
  options: { steps?: (seeded: Seeded) => EscalationStep[]; repeat?: number; desk?: Desk } = {},
) {
  const desk = options.desk ?? main;
  const seeded = await seedUnit(desk);
  const policy = await createPolicy(seeded, {
    desk,
    ...(options.steps !== undefined && { steps: options.steps(seeded) }),
    ...(options.repeat !== undefined && { repeat: options.repeat }),
  });
  return { ...seeded, policy, incident: await newIncident(desk) };
}

/** What `seedAll` made. */
type Scene = Awaited<ReturnType<typeof seedAll>>;

const startRequest = (
  incident: Pick<Incident, 'id'>,
  body: unknown,
  who: SignedIn | 'anonymous' = main.dutyOfficer,
  desk = main,
) =>
  who === 'anonymous'
    ? desk.app.inject({
        method: 'POST',
        url: `/api/v1/incidents/${incident.id}/escalations`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      })
    : sendAs(desk.app, who, 'POST', `/api/v1/incidents/${incident.id}/escalations`, body);

/** Starts escalating as the duty officer; expects it to work. */
async function start(
  seeded: { incident: Incident; unit: Unit; policy: EscalationPolicy },
  desk = main,
): Promise<Escalation> {
  const response = await startRequest(
    seeded.incident,
    { unitId: seeded.unit.id, policyId: seeded.policy.id, brief: BRIEF },
    desk.dutyOfficer,
    desk,
  );
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

/** An incident's escalations as the console reads them, newest first. */
async function escalationsOf(incidentId: string, desk = main): Promise<Escalation[]> {
  const response = await desk.app.inject({
    url: `/api/v1/incidents/${incidentId}/escalations`,
    headers: desk.dutyOfficer.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().escalations;
}

/** One escalation as the console reads it now. */
async function current(escalation: Escalation, desk = main): Promise<Escalation> {
  const found = (await escalationsOf(escalation.incidentId, desk)).find(
    (candidate) => candidate.id === escalation.id,
  );
  if (!found) throw new Error(`escalation ${escalation.id} is not listed with its incident`);
  return found;
}

/** The ids of the escalations the situation picture shows as awaiting acknowledgement. */
async function awaitingInSituation(desk = main): Promise<string[]> {
  const response = await desk.app.inject({
    url: '/api/v1/situation',
    headers: desk.leadership.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().escalations.map((escalation: Escalation) => escalation.id);
}

interface EscalationEntry {
  kind: string;
  actor: string;
  data: Record<string, unknown> & { escalation: Escalation };
}

/** The journal's escalation entries of an incident, oldest first. */
async function journalOf(incidentId: string, desk = main): Promise<EscalationEntry[]> {
  const { rows } = await desk.app.database.pool.query<EscalationEntry>(
    `select kind, actor, data from journal
      where incident_id = $1 and kind like 'escalation.%' order by seq`,
    [incidentId],
  );
  return rows;
}

/** What is stored about escalations, and the journal's length. */
async function stored(desk = main) {
  const { rows } = await desk.app.database.pool.query<{
    escalations: number;
    answers: number;
    messages: number;
    queued: number;
    journal: number;
  }>(
    `select (select count(*)::int from escalations) as escalations,
            (select count(*)::int from escalation_notifications where response is not null) as answers,
            (select count(*)::int from outbox) as messages,
            (select count(*)::int from outbox where status = 'queued') as queued,
            (select count(*)::int from journal) as journal`,
  );
  return rows[0]!;
}

// ---------------------------------------------------------------------------------------------
// The messages and their links

const LINK = /http:\/\/localhost:8080(\/ack\/[A-Za-z0-9._~-]+)/;

/** The path of the acknowledgement link in a message. */
function linkIn(text: string): string {
  const match = LINK.exec(text);
  if (!match) throw new Error(`no acknowledgement link in: ${text}`);
  return match[1]!;
}

/** The link in the latest SMS the gateway took for a phone. */
function smsLink(phone: string | undefined): string {
  const sms = gateway.deliveredTo(phone!).at(-1);
  if (!sms) throw new Error(`no SMS reached ${phone}`);
  return linkIn(sms.text);
}

/** The link in the latest e-mail to an address. */
function mailLink(address: string | undefined): string {
  const mail = smtp.mailsTo(address!).at(-1);
  if (!mail) throw new Error(`no e-mail reached ${address}`);
  return linkIn(mail.text);
}

/** Opens a link as a phone's browser does. */
const openLink = (path: string, desk = main) => desk.app.inject({ method: 'GET', url: path });

/** Sends the page's form, as a phone's browser does. */
const answerLink = (path: string, form: Record<string, string>, desk = main) =>
  desk.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

// ---------------------------------------------------------------------------------------------

describe('starting an escalation', () => {
  it('notifies the first step: the SMS carries the brief, the incident and a link; the journal and the situation show it', async () => {
    const seeded = await seedAll();
    const { sara, erik, incident, unit } = seeded;
    const startedAt = now.toISOString();
    const escalation = await start(seeded);
    expect(escalation).toMatchObject({
      incidentId: incident.id,
      unitId: unit.id,
      unitName: unit.name,
      policyId: seeded.policy.id,
      brief: BRIEF,
      status: 'active',
      round: 0,
      step: 0,
      nextStepAt: minutesFrom(startedAt, 5),
      startedAt,
      startedBy: main.dutyOfficer.session.user.username,
      skipped: [],
    });
    expect(escalation.notifications).toEqual([
      expect.objectContaining({
        round: 0,
        step: 0,
        contactId: sara.id,
        contactName: 'Sara Nyström',
        scheduleId: seeded.schedule.id,
        channel: 'sms',
        address: sara.phone,
        language: 'sv',
        delivery: 'queued',
        attempts: 0,
      }),
    ]);
    // Nothing leaves until the engine runs.
    expect(gateway.requestsTo(sara.phone!)).toEqual([]);

    await tick();
    const [request, ...more] = gateway.requestsTo(sara.phone!);
    expect(more).toEqual([]);
    expect(request!.body.language).toBe('sv');
    expect(request!.body.text).toContain(BRIEF);
    expect(request!.body.text).toContain(incident.title);
    expect(request!.body.text).toContain(unit.name);
    expect(request!.body.text).toMatch(LINK);
    expect(request!.headers['idempotency-key']).toBe(request!.body.id);
    expect(request!.headers.authorization).toBe(`Bearer ${SMS_TOKEN}`);
    // Erik is the second step: not yet.
    expect(smtp.mailsTo(erik.email!)).toEqual([]);

    const notified = await current(escalation);
    expect(notified.notifications).toEqual([
      expect.objectContaining({ delivery: 'sent', attempts: 1, sentAt: now.toISOString() }),
    ]);
    expect(notified.notifications[0]!.lastError).toBeUndefined();

    const entries = await journalOf(incident.id);
    expect(entries.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['escalation.started', main.dutyOfficer.session.user.username],
      ['escalation.step_notified', main.dutyOfficer.session.user.username],
      ['escalation.notification_sent', 'system'],
    ]);
    expect(entries[1]!.data).toMatchObject({ round: 0, step: 0, reason: 'start' });
    expect(entries[2]!.data).toMatchObject({ notificationId: notified.notifications[0]!.id });
    expect(entries[2]!.data.escalation).toEqual(notified);

    expect(await awaitingInSituation()).toContain(escalation.id);
    const awaiting = await main.app.inject({
      url: '/api/v1/escalations',
      headers: main.communicator.headers,
    });
    expect(awaiting.json().escalations.map((e: Escalation) => e.id)).toContain(escalation.id);
  });

  it('e-mails a contact who prefers e-mail, in their language, with the place and the link', async () => {
    const seeded = await seedAll({
      steps: ({ erik }) => [
        { waitMinutes: 5, requireAll: false, targets: [{ kind: 'contact', contactId: erik.id }] },
      ],
    });
    await start(seeded);
    await tick();
    const [mail, ...more] = smtp.mailsTo(seeded.erik.email!);
    expect(more).toEqual([]);
    expect(mail!.subject).toContain(seeded.incident.title);
    expect(mail!.subject).toContain(`${seeded.unit.name} is asked to take over`);
    expect(mail!.headers.get('content-language')).toBe('en');
    expect(mail!.text).toContain(BRIEF);
    expect(mail!.text).toContain('Where: Götgatan 78, Stockholm');
    expect(mail!.text).toContain('Answer here (accept, decline or redirect):');
    expect(mail!.text).toMatch(LINK);
    expect(mail!.from).toBe('vaka@stad.example');
  });

  describe('refuses, storing nothing,', () => {
    it.each([
      {
        what: 'a closed incident (409)',
        status: 409,
        message: 'is closed; reopen it',
        arrange: async (seeded: Scene) => {
          const closed = await sendAs(
            main.app,
            main.dutyOfficer,
            'POST',
            `/api/v1/incidents/${seeded.incident.id}/transitions`,
            {
              transition: 'close',
              reason: 'the water is off',
              expectedUpdatedAt: seeded.incident.updatedAt,
            },
          );
          expect(closed.statusCode, closed.body).toBe(200);
          return {};
        },
      },
      {
        what: 'a merged incident (409)',
        status: 409,
        message: 'was merged into',
        arrange: async (seeded: Scene) => {
          const into = await newIncident();
          const merged = await sendAs(
            main.app,
            main.dutyOfficer,
            'POST',
            `/api/v1/incidents/${seeded.incident.id}/merge`,
            {
              into: into.id,
              reason: 'the same leak, reported twice',
              expectedUpdatedAt: seeded.incident.updatedAt,
              intoExpectedUpdatedAt: into.updatedAt,
            },
          );
          expect(merged.statusCode, merged.body).toBe(200);
          return {};
        },
      },
      {
        what: 'an archived unit (409)',
        status: 409,
        message: 'was archived; choose a unit in use',
        arrange: async (seeded: Scene) => {
          // A unit is archived once nothing of it is in use any more.
          for (const url of [
            `/api/v1/escalation-policies/${seeded.policy.id}`,
            `/api/v1/schedules/${seeded.schedule.id}`,
            `/api/v1/units/${seeded.unit.id}`,
          ]) {
            const archived = await sendAs(main.app, main.admin, 'DELETE', url);
            expect(archived.statusCode, archived.body).toBe(200);
          }
          return {};
        },
      },
      {
        what: 'an archived policy (409)',
        status: 409,
        message: 'was archived; choose one in use',
        arrange: async (seeded: Scene) => {
          const archived = await sendAs(
            main.app,
            main.admin,
            'DELETE',
            `/api/v1/escalation-policies/${seeded.policy.id}`,
          );
          expect(archived.statusCode, archived.body).toBe(200);
          return {};
        },
      },
      {
        what: "another unit's policy (400)",
        status: 400,
        message: 'is not an escalation policy of',
        arrange: async () => {
          const other = await seedUnit();
          return { policyId: (await createPolicy(other)).id };
        },
      },
      {
        what: 'a unit that does not exist (400)',
        status: 400,
        message: 'unitId: there is no unit',
        arrange: async () => ({ unitId: '00000000-0000-4000-8000-00000000dead' }),
      },
      {
        what: 'a second escalation to a unit already being asked (409)',
        status: 409,
        message: 'is already being escalated to',
        // The first escalation's message, and no second.
        sent: 1,
        arrange: async (seeded: Scene) => {
          await start(seeded);
          return {};
        },
      },
      {
        what: 'a blank brief (400)',
        status: 400,
        message: 'brief: say in a few words what the unit should take',
        arrange: async () => ({ brief: '   ' }),
      },
    ])('$what', async ({ status, message, arrange, sent = 0 }) => {
      const seeded = await seedAll();
      const changes = await arrange(seeded);
      const before = await stored();
      const response = await startRequest(seeded.incident, {
        unitId: seeded.unit.id,
        policyId: seeded.policy.id,
        brief: BRIEF,
        ...changes,
      });
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().message).toContain(message);
      expect(await stored()).toEqual(before);
      await tick();
      expect(gateway.requestsTo(seeded.sara.phone!)).toHaveLength(sent);
    });

    it('an incident that does not exist (404)', async () => {
      const seeded = await seedAll();
      const before = await stored();
      const response = await startRequest(
        { id: '00000000-0000-4000-8000-00000000beef' },
        { unitId: seeded.unit.id, policyId: seeded.policy.id, brief: BRIEF },
      );
      expect(response.statusCode, response.body).toBe(404);
      expect(await stored()).toEqual(before);
    });
  });
});

describe('the timer', () => {
  it('waits out a step, then notifies the next (timeout), then runs out and says so', async () => {
    const seeded = await seedAll();
    const { sara, erik, incident } = seeded;
    const escalation = await start(seeded);
    await tick();

    advance(4);
    await tick();
    const waiting = await current(escalation);
    expect(waiting).toMatchObject({ step: 0, updatedAt: escalation.updatedAt });
    expect(smtp.mailsTo(erik.email!)).toEqual([]);

    advance(1); // exactly when the step's 5 minutes are up
    await tick();
    const second = await current(escalation);
    expect(second).toMatchObject({
      status: 'active',
      round: 0,
      step: 1,
      nextStepAt: minutesFrom(now, 10),
      updatedAt: now.toISOString(),
    });
    expect(second.notifications.map((n) => [n.contactName, n.step, n.delivery])).toEqual([
      ['Sara Nyström', 0, 'sent'],
      ['Erik Lund', 1, 'sent'],
    ]);
    expect(smtp.mailsTo(erik.email!)).toHaveLength(1);
    expect(gateway.requestsTo(sara.phone!)).toHaveLength(1);

    advance(9);
    await tick();
    expect((await current(escalation)).status).toBe('active');

    advance(1);
    await tick();
    const exhausted = await current(escalation);
    expect(exhausted.status).toBe('exhausted');
    expect(exhausted.nextStepAt).toBeUndefined();
    expect(exhausted.endedAt).toBeUndefined();
    // Nobody took it: it still awaits acknowledgement, for the duty officer to act on.
    expect(await awaitingInSituation()).toContain(escalation.id);

    advance(60);
    await tick();
    expect(smtp.mailsTo(erik.email!)).toHaveLength(1);
    expect(gateway.requestsTo(sara.phone!)).toHaveLength(1);

    let entries = await journalOf(incident.id);
    expect(
      entries.map((entry) => [entry.kind, entry.actor, entry.data.step, entry.data.reason]),
    ).toEqual([
      ['escalation.started', main.dutyOfficer.session.user.username, undefined, undefined],
      ['escalation.step_notified', main.dutyOfficer.session.user.username, 0, 'start'],
      ['escalation.notification_sent', 'system', undefined, undefined],
      ['escalation.step_notified', 'system', 1, 'timeout'],
      ['escalation.notification_sent', 'system', undefined, undefined],
      ['escalation.exhausted', 'system', undefined, undefined],
    ]);
    expect(entries.at(-1)!.data.escalation).toEqual(exhausted);

    // Someone can still take it from their message.
    const page = await answerLink(mailLink(erik.email), { action: 'accept' });
    expect(page.statusCode, page.body).toBe(200);
    expect(await current(escalation)).toMatchObject({ status: 'accepted', endedBy: 'Erik Lund' });
    entries = await journalOf(incident.id);
    expect(entries.at(-1)).toMatchObject({
      kind: 'escalation.accepted',
      data: { by: 'Erik Lund' },
    });
  });

  it('runs the policy again from its first step while repeats are left, with a new link', async () => {
    const seeded = await seedAll({ repeat: 1 });
    const { sara, erik } = seeded;
    const escalation = await start(seeded);
    await tick();
    for (const minutes of [5, 10, 5, 10]) {
      advance(minutes);
      await tick();
    }
    const ran = await current(escalation);
    expect(ran.status).toBe('exhausted');
    expect(ran.notifications.map((n) => [n.round, n.step, n.contactName, n.delivery])).toEqual([
      [0, 0, 'Sara Nyström', 'sent'],
      [0, 1, 'Erik Lund', 'sent'],
      [1, 0, 'Sara Nyström', 'sent'],
      [1, 1, 'Erik Lund', 'sent'],
    ]);
    const texts = gateway.deliveredTo(sara.phone!).map((sms) => sms.text);
    expect(texts).toHaveLength(2);
    expect(linkIn(texts[1]!)).not.toBe(linkIn(texts[0]!));
    expect(smtp.mailsTo(erik.email!)).toHaveLength(2);
    const steps = (await journalOf(seeded.incident.id))
      .filter((entry) => entry.kind === 'escalation.step_notified')
      .map((entry) => [entry.data.round, entry.data.step]);
    expect(steps).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  it('skips a step whose schedule has nobody on call, saying why, and notifies the next at once', async () => {
    const seeded = await seedUnit();
    const nights = await sendAs(
      main.app,
      main.admin,
      'POST',
      `/api/v1/units/${seeded.unit.id}/schedules`,
      {
        name: 'Nattjour',
        layers: [
          {
            participants: [seeded.sara.id],
            shift: { kind: 'daily' },
            handoffTime: '08:00',
            // Starts next year: nobody is on call in it yet.
            startsAt: '2027-06-01',
          },
        ],
      },
    );
    expect(nights.statusCode, nights.body).toBe(201);
    const policy = await createPolicy(seeded, {
      steps: [
        {
          waitMinutes: 30,
          requireAll: false,
          targets: [{ kind: 'schedule', scheduleId: nights.json().id }],
        },
        {
          waitMinutes: 10,
          requireAll: false,
          targets: [{ kind: 'contact', contactId: seeded.erik.id }],
        },
      ],
    });
    const incident = await newIncident();
    const escalation = await start({ ...seeded, policy, incident });
    expect(escalation).toMatchObject({
      status: 'active',
      step: 1,
      nextStepAt: minutesFrom(now, 10),
      skipped: [{ round: 0, step: 0, target: 'Nattjour', reason: 'nobody is on call in it now' }],
    });
    expect(escalation.notifications.map((n) => [n.step, n.contactName])).toEqual([
      [1, 'Erik Lund'],
    ]);
    await tick();
    expect(smtp.mailsTo(seeded.erik.email!)).toHaveLength(1);
    expect(gateway.requestsTo(seeded.sara.phone!)).toEqual([]);
    expect((await journalOf(incident.id)).map((entry) => [entry.kind, entry.data.step])).toEqual([
      ['escalation.started', undefined],
      ['escalation.step_notified', 0],
      ['escalation.step_notified', 1],
      ['escalation.notification_sent', undefined],
    ]);
  });
});

describe('a step that requires everyone', () => {
  it('stays active after one accept, and ends when all have accepted', async () => {
    const seeded = await seedAll({
      steps: ({ schedule, erik }) => [
        {
          waitMinutes: 5,
          requireAll: true,
          targets: [
            { kind: 'schedule', scheduleId: schedule.id },
            { kind: 'contact', contactId: erik.id },
          ],
        },
      ],
    });
    const escalation = await start(seeded);
    await tick();

    const saras = await answerLink(smsLink(seeded.sara.phone), { action: 'accept' });
    expect(saras.statusCode, saras.body).toBe(200);
    expect(saras.body).toContain('Steget kräver att alla tar emot; vi väntar på de andra.');
    const half = await current(escalation);
    expect(half.status).toBe('active');
    const answered = Object.fromEntries(half.notifications.map((n) => [n.contactName, n.response]));
    expect(answered).toEqual({ 'Sara Nyström': 'accepted', 'Erik Lund': undefined });
    expect(await awaitingInSituation()).toContain(escalation.id);

    const eriks = await answerLink(mailLink(seeded.erik.email), { action: 'accept' });
    expect(eriks.statusCode, eriks.body).toBe(200);
    const done = await current(escalation);
    expect(done).toMatchObject({
      status: 'accepted',
      endedBy: 'Erik Lund',
      endedAt: now.toISOString(),
    });
    expect(done.nextStepAt).toBeUndefined();
    expect(await awaitingInSituation()).not.toContain(escalation.id);
    expect(
      (await journalOf(seeded.incident.id))
        .filter((entry) => entry.kind === 'escalation.accepted')
        .map((entry) => [entry.actor, entry.data.by, entry.data.via, entry.data.escalation.status]),
    ).toEqual([
      ['contact:Sara Nyström', 'Sara Nyström', 'link', 'active'],
      ['contact:Erik Lund', 'Erik Lund', 'link', 'accepted'],
    ]);
  });
});

describe('the acknowledgement link', () => {
  it("opens a page in the contact's language that shows the request and changes nothing", async () => {
    const seeded = await seedAll({
      steps: ({ schedule, erik }) => [
        {
          waitMinutes: 5,
          requireAll: false,
          targets: [
            { kind: 'schedule', scheduleId: schedule.id },
            { kind: 'contact', contactId: erik.id },
          ],
        },
      ],
    });
    const escalation = await start(seeded);
    await tick();

    const swedish = await openLink(smsLink(seeded.sara.phone));
    expect(swedish.statusCode).toBe(200);
    expect(swedish.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(swedish.headers['cache-control']).toBe('no-store');
    expect(swedish.body).toContain('<html lang="sv">');
    expect(swedish.body).toContain(`${seeded.unit.name} ombeds ta över den här händelsen.`);
    expect(swedish.body).toContain(seeded.incident.title);
    expect(swedish.body).toContain(BRIEF);
    expect(swedish.body).toContain('Götgatan 78, Stockholm');
    expect(swedish.body).toContain('Ta emot');
    expect(swedish.body).toContain('Avböj');

    const english = await openLink(mailLink(seeded.erik.email));
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain(`${seeded.unit.name} is asked to take over this incident.`);
    expect(english.body).toContain('>Accept<');

    const after = await current(escalation);
    expect(after.status).toBe('active');
    expect(after.notifications.every((n) => n.response === undefined)).toBe(true);
  });

  it('accepts by the form: the escalation ends, messages not yet sent are withdrawn, and nothing more goes out', async () => {
    const seeded = await seedAll();
    const { sara, erik, incident } = seeded;
    const escalation = await start(seeded);
    await tick();
    // The duty officer moved on to Erik, but before his e-mail went out Sara took the case.
    const moved = await sendAs(
      main.app,
      main.dutyOfficer,
      'POST',
      `/api/v1/escalations/${escalation.id}/escalate-now`,
      { expectedUpdatedAt: escalation.updatedAt },
    );
    expect(moved.statusCode, moved.body).toBe(200);

    advance(1);
    const page = await answerLink(smsLink(sara.phone), { action: 'accept' });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Tack! Du har tagit emot ärendet.');

    const accepted = await current(escalation);
    expect(accepted).toMatchObject({
      status: 'accepted',
      endedBy: 'Sara Nyström',
      endedAt: now.toISOString(),
    });
    expect(accepted.nextStepAt).toBeUndefined();
    expect(accepted.notifications.map((n) => [n.contactName, n.delivery, n.response])).toEqual([
      ['Sara Nyström', 'sent', 'accepted'],
      ['Erik Lund', 'withdrawn', undefined],
    ]);
    expect(await awaitingInSituation()).not.toContain(escalation.id);

    const journalLength = (await journalOf(incident.id)).length;
    advance(60);
    await tick();
    expect(smtp.mailsTo(erik.email!)).toEqual([]);
    expect(gateway.requestsTo(sara.phone!)).toHaveLength(1);
    const entries = await journalOf(incident.id);
    expect(entries).toHaveLength(journalLength);
    expect(entries.at(-1)).toMatchObject({
      kind: 'escalation.accepted',
      actor: 'contact:Sara Nyström',
      data: { by: 'Sara Nyström', via: 'link', notificationId: accepted.notifications[0]!.id },
    });
    expect(entries.at(-1)!.data.escalation).toEqual(accepted);
  });

  // The thank-you page is rendered from the answer, which carries the notification's language.
  it('thanks the contact in their own language', async () => {
    const seeded = await seedAll({
      steps: ({ erik }) => [
        { waitMinutes: 5, requireAll: false, targets: [{ kind: 'contact', contactId: erik.id }] },
      ],
    });
    await start(seeded);
    await tick();
    const page = await answerLink(mailLink(seeded.erik.email), { action: 'accept' });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Thank you: you have accepted the case.');
  });

  it('works once: the same link again answers 409 saying it was already used, and changes nothing', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    await tick();
    const link = smsLink(seeded.sara.phone);
    expect((await answerLink(link, { action: 'accept' })).statusCode).toBe(200);
    const accepted = await current(escalation);
    const before = await stored();

    for (const again of [
      await answerLink(link, { action: 'accept' }),
      await answerLink(link, { action: 'decline', reason: 'changed my mind' }),
      await openLink(link),
    ]) {
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(again.body).toContain('Du har redan svarat (tagit emot,');
      expect(again.body).toContain('Länken kan bara användas en gång.');
    }
    expect(await stored()).toEqual(before);
    expect(await current(escalation)).toEqual(accepted);
  });

  it('tells a contact whose colleague already took the case who took it', async () => {
    const seeded = await seedAll({
      steps: ({ schedule, erik }) => [
        {
          waitMinutes: 5,
          requireAll: false,
          targets: [
            { kind: 'schedule', scheduleId: schedule.id },
            { kind: 'contact', contactId: erik.id },
          ],
        },
      ],
    });
    const escalation = await start(seeded);
    await tick();
    expect((await answerLink(mailLink(seeded.erik.email), { action: 'accept' })).statusCode).toBe(
      200,
    );
    const before = await stored();

    const saras = smsLink(seeded.sara.phone);
    for (const page of [await openLink(saras), await answerLink(saras, { action: 'accept' })]) {
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('Erik Lund tog redan emot ärendet');
      expect(page.body).toContain('Du behöver inte göra något.');
      expect(page.body).not.toContain('name="action"');
    }
    expect(await stored()).toEqual(before);
    const accepted = await current(escalation);
    expect(accepted.endedBy).toBe('Erik Lund');
    expect(accepted.notifications.find((n) => n.contactName === 'Sara Nyström')!.response).toBe(
      undefined,
    );
  });

  it('answers a tampered or made-up token with a 404 page and changes nothing', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    await tick();
    const link = smsLink(seeded.sara.phone);
    // One character of the signature changed (not the last: its low bits are padding).
    const at = link.length - 8;
    const tampered = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    const before = await stored();
    for (const page of [
      await openLink(tampered),
      await answerLink(tampered, { action: 'accept' }),
      await openLink('/ack/not-a-token'),
      await answerLink('/ack/bm90LWEtdG9rZW4.bm90LWEtbWFj', { action: 'accept' }),
    ]) {
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('Länken är inte giltig.');
    }
    expect(await stored()).toEqual(before);
    expect((await current(escalation)).status).toBe('active');
  });

  it('answers an expired link with a 410 page and takes no answer from it', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    await tick();
    const link = smsLink(seeded.sara.phone);

    advance(24 * 60 - 1);
    expect((await openLink(link)).statusCode).toBe(200);

    advance(1); // the link's 24 hours are up
    const before = await stored();
    for (const page of [
      await openLink(link),
      await answerLink(link, { action: 'accept' }),
      await answerLink(link, { action: 'decline' }),
    ]) {
      expect(page.statusCode).toBe(410);
      expect(page.body).toContain('Länken har gått ut.');
    }
    expect(await stored()).toEqual(before);
    const still = await current(escalation);
    expect(still.status).toBe('active');
    expect(still.notifications[0]!.response).toBeUndefined();
  });

  it('refuses a decline without a reason with a 400 page naming the problem, storing nothing', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    await tick();
    const link = smsLink(seeded.sara.phone);
    const before = await stored();
    for (const reason of [undefined, '', '   ']) {
      const page = await answerLink(link, {
        action: 'decline',
        ...(reason !== undefined && { reason }),
      });
      expect(page.statusCode).toBe(400);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('<p class="error" role="alert">reason: say in a few words why');
      // The form is still there to try again.
      expect(page.body).toContain('name="action" value="decline"');
    }
    const unknownAction = await answerLink(link, { action: 'ignore' });
    expect(unknownAction.statusCode).toBe(400);
    expect(unknownAction.body).toContain('accept, decline or redirect');
    expect(await stored()).toEqual(before);
    expect((await current(escalation)).notifications[0]!.response).toBeUndefined();
  });

  it('moves on to the next step at once when everyone in the step declined', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    await tick();
    advance(1);
    const page = await answerLink(smsLink(seeded.sara.phone), {
      action: 'decline',
      reason: 'Jag är på en annan olycksplats',
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('Ditt svar är registrerat. Nästa person tillfrågas.');

    const moved = await current(escalation);
    expect(moved).toMatchObject({
      status: 'active',
      step: 1,
      nextStepAt: minutesFrom(now, 10),
    });
    expect(moved.notifications.map((n) => [n.contactName, n.response, n.responseReason])).toEqual([
      ['Sara Nyström', 'declined', 'Jag är på en annan olycksplats'],
      ['Erik Lund', undefined, undefined],
    ]);
    await tick();
    expect(smtp.mailsTo(seeded.erik.email!)).toHaveLength(1);
    const entries = (await journalOf(seeded.incident.id)).slice(3);
    expect(entries.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['escalation.declined', 'contact:Sara Nyström'],
      ['escalation.step_notified', 'system'],
      ['escalation.notification_sent', 'system'],
    ]);
    expect(entries[0]!.data).toMatchObject({
      by: 'Sara Nyström',
      reason: 'Jag är på en annan olycksplats',
    });
    expect(entries[1]!.data).toMatchObject({ step: 1, reason: 'declined' });
  });

  it('runs out at once when everyone in the last step declined', async () => {
    const seeded = await seedAll({
      steps: ({ schedule }) => [
        {
          waitMinutes: 30,
          requireAll: false,
          targets: [{ kind: 'schedule', scheduleId: schedule.id }],
        },
      ],
    });
    const escalation = await start(seeded);
    await tick();
    const page = await answerLink(smsLink(seeded.sara.phone), {
      action: 'decline',
      reason: 'Ingen bil ledig',
    });
    expect(page.statusCode, page.body).toBe(200);
    const ranOut = await current(escalation);
    expect(ranOut.status).toBe('exhausted');
    expect(ranOut.nextStepAt).toBeUndefined();
    expect((await journalOf(seeded.incident.id)).slice(-2).map((entry) => entry.kind)).toEqual([
      'escalation.declined',
      'escalation.exhausted',
    ]);
    expect(await awaitingInSituation()).toContain(escalation.id);
  });

  it('redirects to another unit: a new escalation to that unit starts, the old one ends redirected', async () => {
    const seeded = await seedAll();
    const other = await seedUnit(main, 'VA-enheten');
    await createPolicy(other);
    const escalation = await start(seeded);
    await tick();
    const link = smsLink(seeded.sara.phone);
    expect((await openLink(link)).body).toContain(
      `<option value="${other.unit.id}">${other.unit.name}</option>`,
    );

    advance(3);
    const page = await answerLink(link, {
      action: 'redirect',
      unitId: other.unit.id,
      reason: 'Det är en vattenledning, inte vägen',
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain('Den enhet du valde tillfrågas nu.');

    const listed = await escalationsOf(seeded.incident.id);
    const redirected = listed.find((e) => e.id === escalation.id);
    const followUp = listed.find((e) => e.id !== escalation.id);
    expect(listed).toHaveLength(2);
    expect(redirected).toMatchObject({
      id: escalation.id,
      status: 'redirected',
      endedBy: 'Sara Nyström',
      endReason: 'Det är en vattenledning, inte vägen',
      redirectedTo: {
        unitId: other.unit.id,
        unitName: other.unit.name,
        escalationId: followUp!.id,
      },
    });
    expect(followUp).toMatchObject({
      unitId: other.unit.id,
      status: 'active',
      step: 0,
      brief: BRIEF,
      startedBy: 'contact:Sara Nyström',
    });
    expect(await awaitingInSituation()).toContain(followUp!.id);
    expect(await awaitingInSituation()).not.toContain(escalation.id);

    await tick();
    const sms = gateway.deliveredTo(other.sara.phone!);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain(other.unit.name);
    expect(sms[0]!.text).toContain(BRIEF);
    expect(
      (await journalOf(seeded.incident.id)).slice(3).map((entry) => [entry.kind, entry.actor]),
    ).toEqual([
      ['escalation.redirected', 'contact:Sara Nyström'],
      ['escalation.started', 'contact:Sara Nyström'],
      ['escalation.step_notified', 'contact:Sara Nyström'],
      ['escalation.notification_sent', 'system'],
    ]);
  });

  it('refuses a redirect without a unit with a 400 page, storing nothing', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    await tick();
    const before = await stored();
    const page = await answerLink(smsLink(seeded.sara.phone), {
      action: 'redirect',
      unitId: '',
      reason: 'not ours',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('unitId: choose the unit that should take the case instead');
    expect(await stored()).toEqual(before);
    expect((await current(escalation)).status).toBe('active');
  });

  // Starting a second escalation to a unit already being asked is refused by hand (409); a
  // redirect must not do it either, or its contacts are notified twice.
  it('does not start a second escalation when redirected to a unit that is already being asked', async () => {
    const seeded = await seedAll();
    const other = await seedUnit(main, 'VA-enheten');
    const otherPolicy = await createPolicy(other);
    const escalation = await start(seeded);
    const toOther = await start({
      incident: seeded.incident,
      unit: other.unit,
      policy: otherPolicy,
    });
    await tick();

    const page = await answerLink(smsLink(seeded.sara.phone), {
      action: 'redirect',
      unitId: other.unit.id,
      reason: 'VA-enheten har redan fått frågan',
    });
    expect(page.statusCode, page.body).toBe(200);
    const redirected = await current(escalation);
    expect(redirected.status).toBe('redirected');
    const toOtherNow = (await escalationsOf(seeded.incident.id)).filter(
      (e) => e.unitId === other.unit.id,
    );
    expect(toOtherNow.map((e) => e.id)).toEqual([toOther.id]);
    await tick();
    expect(gateway.requestsTo(other.sara.phone!)).toHaveLength(1);
  });
});

describe("the duty officer's actions", () => {
  const act = (
    escalation: Pick<Escalation, 'id'>,
    action: 'acknowledgements' | 'escalate-now' | 'cancel',
    body: unknown,
    who: SignedIn = main.dutyOfficer,
  ) => sendAs(main.app, who, 'POST', `/api/v1/escalations/${escalation.id}/${action}`, body);

  const STALE = '2026-03-01T00:00:00.000Z';

  it('records an acknowledgement heard by phone: it ends, and what was not sent is withdrawn', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    advance(1);

    const before = await stored();
    const stale = await act(escalation, 'acknowledgements', {
      contactId: seeded.sara.id,
      note: 'Sara called back',
      expectedUpdatedAt: STALE,
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().message).toContain('after you loaded it');
    const stranger = await act(escalation, 'acknowledgements', {
      contactId: '00000000-0000-4000-8000-00000000abcd',
      note: 'someone called',
      expectedUpdatedAt: escalation.updatedAt,
    });
    expect(stranger.statusCode, stranger.body).toBe(400);
    expect(stranger.json().message).toContain('is not a contact of');
    expect(await stored()).toEqual(before);
    expect(await current(escalation)).toEqual(escalation);

    const recorded = await act(escalation, 'acknowledgements', {
      contactId: seeded.sara.id,
      note: 'Sara called back and took it',
      expectedUpdatedAt: escalation.updatedAt,
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({
      status: 'accepted',
      endedBy: 'Sara Nyström',
      endedAt: now.toISOString(),
    });
    expect(recorded.json().notifications.map((n: { delivery: string }) => n.delivery)).toEqual([
      'withdrawn',
    ]);
    await tick();
    expect(gateway.requestsTo(seeded.sara.phone!)).toEqual([]);
    expect((await journalOf(seeded.incident.id)).at(-1)).toMatchObject({
      kind: 'escalation.accepted',
      actor: main.dutyOfficer.session.user.username,
      data: { by: 'Sara Nyström', via: 'phone', note: 'Sara called back and took it' },
    });

    const ended = await stored();
    const again = await act(escalation, 'acknowledgements', {
      note: 'once more',
      expectedUpdatedAt: recorded.json().updatedAt,
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().message).toContain('is already accepted');
    expect(await stored()).toEqual(ended);
  });

  // The note is required so that the journal says how the unit answered; blanks are not a note.
  it('refuses an acknowledgement whose note is blank (400), changing nothing', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    const before = await stored();
    const response = await act(escalation, 'acknowledgements', {
      note: '   ',
      expectedUpdatedAt: escalation.updatedAt,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toContain('note');
    expect(await stored()).toEqual(before);
  });

  it('records an acknowledgement by the unit without naming a contact', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    const recorded = await act(escalation, 'acknowledgements', {
      note: 'The unit desk called',
      expectedUpdatedAt: escalation.updatedAt,
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().endedBy).toBe(`${seeded.unit.name} (by phone)`);
  });

  it('escalates now: the next step goes out at once, and at the last step it runs out', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    await tick();
    advance(1);

    const seen = await current(escalation);
    const before = await stored();
    const stale = await act(escalation, 'escalate-now', { expectedUpdatedAt: STALE });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().message).toContain('after you loaded it');
    expect(await stored()).toEqual(before);
    expect(await current(escalation)).toEqual(seen);

    const moved = await act(escalation, 'escalate-now', { expectedUpdatedAt: seen.updatedAt });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      status: 'active',
      step: 1,
      nextStepAt: minutesFrom(now, 10),
    });
    await tick();
    expect(smtp.mailsTo(seeded.erik.email!)).toHaveLength(1);
    expect((await journalOf(seeded.incident.id)).slice(3, 4)).toMatchObject([
      {
        kind: 'escalation.step_notified',
        actor: main.dutyOfficer.session.user.username,
        data: { step: 1, reason: 'escalated_now' },
      },
    ]);

    const last = await act(escalation, 'escalate-now', {
      expectedUpdatedAt: (await current(escalation)).updatedAt,
    });
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().status).toBe('exhausted');
    expect((await journalOf(seeded.incident.id)).at(-1)!.kind).toBe('escalation.exhausted');

    const ranOut = await stored();
    const again = await act(escalation, 'escalate-now', {
      expectedUpdatedAt: last.json().updatedAt,
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().message).toContain('has run out');
    expect(await stored()).toEqual(ranOut);
  });

  it('cancels: messages not yet sent are withdrawn, and a link already sent says it was called off', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    await tick();
    const moved = await act(escalation, 'escalate-now', {
      expectedUpdatedAt: escalation.updatedAt,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    advance(2);

    const before = await stored();
    for (const body of [
      { reason: 'The water utility is on site', expectedUpdatedAt: STALE },
      { reason: '   ', expectedUpdatedAt: moved.json().updatedAt },
    ]) {
      const refused = await act(escalation, 'cancel', body);
      expect([400, 409]).toContain(refused.statusCode);
    }
    expect(await stored()).toEqual(before);

    const cancelled = await act(escalation, 'cancel', {
      reason: 'The water utility is on site',
      expectedUpdatedAt: moved.json().updatedAt,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      endedBy: main.dutyOfficer.session.user.username,
      endReason: 'The water utility is on site',
    });
    expect(await awaitingInSituation()).not.toContain(escalation.id);
    advance(30);
    await tick();
    expect(smtp.mailsTo(seeded.erik.email!)).toEqual([]);
    expect((await current(escalation)).notifications.map((n) => n.delivery)).toEqual([
      'sent',
      'withdrawn',
    ]);
    expect((await journalOf(seeded.incident.id)).at(-1)).toMatchObject({
      kind: 'escalation.cancelled',
      actor: main.dutyOfficer.session.user.username,
      data: { reason: 'The water utility is on site' },
    });

    const page = await answerLink(smsLink(seeded.sara.phone), { action: 'accept' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Tjänsteman i beredskap avbröt begäran');
    expect((await current(escalation)).status).toBe('cancelled');
  });

  it('refuses every action on an escalation that has ended (409), changing nothing', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    const cancelled = await act(escalation, 'cancel', {
      reason: 'started by mistake',
      expectedUpdatedAt: escalation.updatedAt,
    });
    expect(cancelled.statusCode).toBe(200);
    const { updatedAt } = cancelled.json();
    const before = await stored();
    for (const [action, body] of [
      ['acknowledgements', { note: 'late call', expectedUpdatedAt: updatedAt }],
      ['escalate-now', { expectedUpdatedAt: updatedAt }],
      ['cancel', { reason: 'again', expectedUpdatedAt: updatedAt }],
    ] as const) {
      const response = await act(escalation, action, body);
      expect(response.statusCode, `${action}: ${response.body}`).toBe(409);
      expect(response.json().message).toContain('is already cancelled');
    }
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['acknowledgements', {}],
    ['acknowledgements', { note: '', expectedUpdatedAt: '2026-03-02T08:00:00.000Z' }],
    ['acknowledgements', { note: 'x', expectedUpdatedAt: 'yesterday' }],
    [
      'acknowledgements',
      { note: 'x', contactId: 'Sara', expectedUpdatedAt: '2026-03-02T08:00:00.000Z' },
    ],
    ['escalate-now', {}],
    ['escalate-now', { expectedUpdatedAt: '2026-03-02T08:00:00.000Z', step: 2 }],
    ['cancel', { expectedUpdatedAt: '2026-03-02T08:00:00.000Z' }],
    ['cancel', { reason: 'x'.repeat(1_001), expectedUpdatedAt: '2026-03-02T08:00:00.000Z' }],
  ] as const)('refuses a bad %s body %j (400), changing nothing', async (action, body) => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    const before = await stored();
    const response = await act(escalation, action, body);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().message).toEqual(expect.any(String));
    expect(await stored()).toEqual(before);
    expect(await current(escalation)).toEqual(escalation);
  });

  it.each([
    [{}],
    [{ unitId: 'Trafikkontoret', policyId: '00000000-0000-4000-8000-000000000001', brief: 'x' }],
    [
      {
        unitId: '00000000-0000-4000-8000-000000000001',
        policyId: '00000000-0000-4000-8000-000000000001',
        brief: 'x'.repeat(501),
      },
    ],
    [
      {
        unitId: '00000000-0000-4000-8000-000000000001',
        policyId: '00000000-0000-4000-8000-000000000001',
        brief: 'x',
        urgent: true,
      },
    ],
  ])('refuses a bad start body %j (400), storing nothing', async (body) => {
    const incident = await newIncident();
    const before = await stored();
    const response = await startRequest(incident, body);
    expect(response.statusCode, response.body).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it('answers 404 for an escalation or incident that does not exist, and 400 for a malformed id', async () => {
    const unknown = { id: '00000000-0000-4000-8000-00000000f00d' };
    expect(
      (await act(unknown, 'acknowledgements', { note: 'x', expectedUpdatedAt: STALE })).statusCode,
    ).toBe(404);
    expect((await act(unknown, 'escalate-now', { expectedUpdatedAt: STALE })).statusCode).toBe(404);
    const cancel = await act(unknown, 'cancel', { reason: 'x', expectedUpdatedAt: STALE });
    expect(cancel.statusCode).toBe(404);
    expect(cancel.json().message).toContain(unknown.id);
    expect(
      (await act({ id: 'not-an-id' }, 'escalate-now', { expectedUpdatedAt: STALE })).statusCode,
    ).toBe(400);
    const list = await main.app.inject({
      url: `/api/v1/incidents/${unknown.id}/escalations`,
      headers: main.dutyOfficer.headers,
    });
    expect(list.statusCode).toBe(404);
  });

  it('lets only the duty officer run escalations: other roles 403, anonymous 401, nothing stored', async () => {
    const seeded = await seedAll();
    const escalation = await start(seeded);
    const startBody = { unitId: seeded.unit.id, policyId: seeded.policy.id, brief: BRIEF };
    const other = await newIncident();
    const before = await stored();
    for (const who of [main.communicator, main.leadership, main.admin]) {
      expect((await startRequest(other, startBody, who)).statusCode).toBe(403);
      for (const [action, body] of [
        ['acknowledgements', { note: 'x', expectedUpdatedAt: escalation.updatedAt }],
        ['escalate-now', { expectedUpdatedAt: escalation.updatedAt }],
        ['cancel', { reason: 'x', expectedUpdatedAt: escalation.updatedAt }],
      ] as const) {
        expect((await act(escalation, action, body, who)).statusCode).toBe(403);
      }
    }
    expect((await startRequest(other, startBody, 'anonymous')).statusCode).toBe(401);
    for (const action of ['acknowledgements', 'escalate-now', 'cancel']) {
      const anonymous = await main.app.inject({
        method: 'POST',
        url: `/api/v1/escalations/${escalation.id}/${action}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ expectedUpdatedAt: escalation.updatedAt }),
      });
      expect(anonymous.statusCode).toBe(401);
    }
    expect(await stored()).toEqual(before);
    expect(await current(escalation)).toEqual(escalation);

    // Everyone who reads the situation reads escalations; an admin does not.
    for (const [who, status] of [
      [main.communicator, 200],
      [main.leadership, 200],
      [main.admin, 403],
    ] as const) {
      for (const url of [
        '/api/v1/escalations',
        `/api/v1/incidents/${seeded.incident.id}/escalations`,
      ]) {
        expect((await main.app.inject({ url, headers: who.headers })).statusCode).toBe(status);
      }
    }
    expect((await main.app.inject({ url: '/api/v1/escalations' })).statusCode).toBe(401);
  });
});

describe('the channels', () => {
  /** One step, one contact, a long wait: only the message matters here. */
  const onlyStep = (contactId: string): EscalationStep[] => [
    { waitMinutes: 60, requireAll: false, targets: [{ kind: 'contact', contactId }] },
  ];

  async function failures(incidentId: string, desk = main) {
    return (await journalOf(incidentId, desk))
      .filter((entry) => entry.kind === 'escalation.notification_failed')
      .map((entry) => [entry.data.error, entry.data.permanent]);
  }

  it('tries again later while the SMS gateway answers 503, and gives up after the last attempt', async () => {
    const seeded = await seedAll({ steps: ({ sara }) => onlyStep(sara.id) });
    const phone = seeded.sara.phone!;
    gateway.answer(phone, { status: 503, body: 'busy' });
    const escalation = await start(seeded);

    await tick();
    expect(gateway.requestsTo(phone)).toHaveLength(1);
    expect((await current(escalation)).notifications[0]).toMatchObject({
      delivery: 'queued',
      attempts: 1,
      lastError: 'SMS gateway answered 503: busy',
    });
    await tick(); // too early for the next attempt
    expect(gateway.requestsTo(phone)).toHaveLength(1);

    advance(0.5);
    await tick();
    expect(gateway.requestsTo(phone)).toHaveLength(2);
    expect((await current(escalation)).notifications[0]).toMatchObject({
      delivery: 'queued',
      attempts: 2,
    });

    advance(2);
    await tick();
    const failed = await current(escalation);
    expect(failed.notifications[0]).toMatchObject({
      delivery: 'failed',
      attempts: 3,
      lastError: 'SMS gateway answered 503: busy',
    });
    // The escalation goes on: the duty officer sees the failure and the timer still runs.
    expect(failed.status).toBe('active');

    advance(30);
    await tick();
    const requests = gateway.requestsTo(phone);
    expect(requests).toHaveLength(3);
    // Every attempt carries the same key, so a gateway can tell a resend from a new message.
    expect(new Set(requests.map((request) => request.headers['idempotency-key']))).toEqual(
      new Set([requests[0]!.body.id]),
    );
    expect(await failures(seeded.incident.id)).toEqual([
      ['SMS gateway answered 503: busy', false],
      ['SMS gateway answered 503: busy', false],
      ['SMS gateway answered 503: busy', true],
    ]);
    gateway.answer(phone);
  });

  it('sends on a later attempt once the gateway is back', async () => {
    const seeded = await seedAll({ steps: ({ sara }) => onlyStep(sara.id) });
    const phone = seeded.sara.phone!;
    gateway.answer(phone, { status: 502 });
    const escalation = await start(seeded);
    await tick();
    gateway.answer(phone);
    advance(0.5);
    await tick();
    expect(gateway.deliveredTo(phone)).toHaveLength(1);
    const sent = await current(escalation);
    expect(sent.notifications[0]).toMatchObject({
      delivery: 'sent',
      attempts: 2,
      sentAt: now.toISOString(),
    });
    expect((await journalOf(seeded.incident.id)).slice(-2).map((entry) => entry.kind)).toEqual([
      'escalation.notification_failed',
      'escalation.notification_sent',
    ]);
  });

  it('fails at once for good when the gateway refuses the message (400), showing its answer', async () => {
    const seeded = await seedAll({ steps: ({ sara }) => onlyStep(sara.id) });
    const phone = seeded.sara.phone!;
    gateway.answer(phone, { status: 400, body: 'unknown number' });
    const escalation = await start(seeded);
    await tick();
    advance(30);
    await tick();
    expect(gateway.requestsTo(phone)).toHaveLength(1);
    expect((await current(escalation)).notifications[0]).toMatchObject({
      delivery: 'failed',
      attempts: 1,
      lastError: 'SMS gateway answered 400: unknown number',
    });
    expect(await failures(seeded.incident.id)).toEqual([
      ['SMS gateway answered 400: unknown number', true],
    ]);
    gateway.answer(phone);
  });

  it('sends each message once even when two passes run at the same time against a slow gateway', async () => {
    const seeded = await seedAll({ steps: ({ sara }) => onlyStep(sara.id) });
    const phone = seeded.sara.phone!;
    gateway.answer(phone, { status: 200, delayMs: 300 });
    const escalation = await start(seeded);
    await Promise.all([tick(), tick()]);
    gateway.answer(phone);
    expect(gateway.requestsTo(phone)).toHaveLength(1);
    expect((await current(escalation)).notifications[0]).toMatchObject({
      delivery: 'sent',
      attempts: 1,
    });
    expect(
      (await journalOf(seeded.incident.id)).filter(
        (entry) => entry.kind === 'escalation.notification_sent',
      ),
    ).toHaveLength(1);
  });

  it('fails for good when the SMTP server refuses the recipient (5xx)', async () => {
    const seeded = await seedAll({ steps: ({ erik }) => onlyStep(erik.id) });
    smtp.reject(seeded.erik.email!, 550);
    const escalation = await start(seeded);
    await tick();
    advance(30);
    await tick();
    expect(smtp.mailsTo(seeded.erik.email!)).toEqual([]);
    const failed = (await current(escalation)).notifications[0]!;
    expect(failed).toMatchObject({ delivery: 'failed', attempts: 1 });
    expect(failed.lastError).toMatch(/^SMTP 550: /);
    const [failure, ...more] = await failures(seeded.incident.id);
    expect(more).toEqual([]);
    expect(failure![1]).toBe(true);
  });

  it('tries again when the SMTP server refuses for now (4xx)', async () => {
    const seeded = await seedAll({ steps: ({ erik }) => onlyStep(erik.id) });
    smtp.reject(seeded.erik.email!, 451);
    const escalation = await start(seeded);
    await tick();
    const waiting = (await current(escalation)).notifications[0]!;
    expect(waiting).toMatchObject({ delivery: 'queued', attempts: 1 });
    expect(waiting.lastError).toMatch(/^SMTP 451: /);
    expect((await failures(seeded.incident.id))[0]![1]).toBe(false);
  });

  describe('on a server without SMS or e-mail configured', () => {
    let bare: Desk;
    beforeAll(async () => {
      bare = await openDesk(notificationsThrough({}));
    });
    afterAll(() => bare.app.close());

    it('fails each message at once, naming the setting to set', async () => {
      const seeded = await seedAll({
        desk: bare,
        steps: ({ sara, erik }) => [
          {
            waitMinutes: 60,
            requireAll: false,
            targets: [
              { kind: 'contact', contactId: sara.id },
              { kind: 'contact', contactId: erik.id },
            ],
          },
        ],
      });
      const escalation = await start(seeded, bare);
      await tick(bare);
      const failed = (await current(escalation, bare)).notifications;
      // Both were queued at the same moment, so they are listed in no particular order.
      expect(failed.map((n) => [n.channel, n.delivery, n.attempts, n.lastError])).toEqual(
        expect.arrayContaining([
          ['sms', 'failed', 1, 'SMS is not configured on this server (set VAKA_SMS_URL)'],
          ['email', 'failed', 1, 'E-mail is not configured on this server (set VAKA_SMTP_URL)'],
        ]),
      );
      expect(failed).toHaveLength(2);
      expect((await failures(seeded.incident.id, bare)).map(([, permanent]) => permanent)).toEqual([
        true,
        true,
      ]);
      expect(gateway.requestsTo(seeded.sara.phone!)).toEqual([]);
    });
  });

  describe('on a server without SMS or e-mail configured, step after step', () => {
    let bare: Desk;
    beforeAll(async () => {
      bare = await openDesk(notificationsThrough({}));
    });
    afterAll(() => bare.app.close());

    it('moves on at once when nobody in a step can be reached, and raises the alarm', async () => {
      const seeded = await seedAll({
        desk: bare,
        steps: ({ sara, erik }) => [
          {
            waitMinutes: 60,
            requireAll: false,
            targets: [{ kind: 'contact', contactId: sara.id }],
          },
          {
            waitMinutes: 60,
            requireAll: false,
            targets: [{ kind: 'contact', contactId: erik.id }],
          },
        ],
      });
      const started = await start(seeded, bare);
      await tick(bare);
      // Sara's SMS failed for good: waiting an hour for her answer would only lose the hour.
      const undeliverable = await current(started, bare);
      expect(undeliverable.nextStepAt).toBe(now.toISOString());
      await tick(bare);
      await tick(bare);
      const entries = await journalOf(seeded.incident.id, bare);
      expect(
        entries
          .filter((entry) => entry.kind === 'escalation.step_notified')
          .map((entry) => [entry.data.step, entry.data.reason]),
      ).toEqual([
        [0, 'start'],
        [1, 'undeliverable'],
      ]);
      expect(entries.at(-1)?.kind).toBe('escalation.exhausted');
      expect((await current(started, bare)).status).toBe('exhausted');
    });
  });

  describe('with at most two messages per recipient in 15 minutes', () => {
    let limited: Desk;
    beforeAll(async () => {
      limited = await openDesk(
        notificationsThrough({ sms: gateway }, { recipientLimit: 2, recipientWindowMinutes: 15 }),
      );
    });
    afterAll(() => limited.app.close());

    it('holds a third message to the same phone until the window lets it go', async () => {
      const seeded = await seedUnit(limited);
      const policy = await createPolicy(seeded, { desk: limited, steps: onlyStep(seeded.sara.id) });
      const phone = seeded.sara.phone!;
      const firstSent = now.toISOString();
      const escalations: Escalation[] = [];
      for (const title of ['Leak one', 'Leak two', 'Leak three']) {
        const incident = await newIncident(limited, title);
        escalations.push(await start({ ...seeded, policy, incident }, limited));
        await tick(limited);
        advance(1);
      }
      expect(gateway.deliveredTo(phone).map((sms) => sms.text)).toEqual([
        expect.stringContaining('Leak one'),
        expect.stringContaining('Leak two'),
      ]);
      // No token configured: no Authorization header.
      expect(gateway.requestsTo(phone)[0]!.headers.authorization).toBeUndefined();
      const heldUntil = minutesFrom(firstSent, 15);
      const third = escalations[2]!;
      expect((await current(third, limited)).notifications[0]).toMatchObject({
        delivery: 'queued',
        attempts: 0,
        heldUntil,
      });
      expect((await journalOf(third.incidentId, limited)).at(-1)).toMatchObject({
        kind: 'escalation.notification_held',
        actor: 'system',
        data: { until: heldUntil },
      });

      now = new Date(Date.parse(heldUntil) - 1_000);
      await tick(limited);
      expect(gateway.requestsTo(phone)).toHaveLength(2);

      now = new Date(Date.parse(heldUntil) + 1_000);
      await tick(limited);
      expect(gateway.deliveredTo(phone)).toHaveLength(3);
      expect(gateway.deliveredTo(phone)[2]!.text).toContain('Leak three');
      const sent = (await current(third, limited)).notifications[0]!;
      expect(sent).toMatchObject({ delivery: 'sent', attempts: 1, sentAt: now.toISOString() });
      expect(sent.heldUntil).toBeUndefined();
      expect((await journalOf(third.incidentId, limited)).at(-1)!.kind).toBe(
        'escalation.notification_sent',
      );
    });
  });

  describe('with a held message when the clock reaches exactly the time it was held until', () => {
    let limited: Desk;
    beforeAll(async () => {
      limited = await openDesk(
        notificationsThrough({ sms: gateway }, { recipientLimit: 2, recipientWindowMinutes: 15 }),
      );
    });
    // Closing the database also ends a pass that never ends by itself.
    afterAll(() => limited.app.close());

    // At exactly `heldUntil` the oldest message of the window no longer counts; were it counted,
    // the message would be held until now, due again at once, and the pass would never end.
    it('sends it, and the pass ends', async () => {
      const seeded = await seedUnit(limited);
      const policy = await createPolicy(seeded, { desk: limited, steps: onlyStep(seeded.sara.id) });
      const phone = seeded.sara.phone!;
      const firstSent = now.toISOString();
      for (const title of ['Storm one', 'Storm two', 'Storm three']) {
        await start({ ...seeded, policy, incident: await newIncident(limited, title) }, limited);
        await tick(limited);
        advance(1);
      }
      expect(gateway.deliveredTo(phone)).toHaveLength(2);

      now = new Date(minutesFrom(firstSent, 15));
      const pass = tick(limited).then(() => 'ended' as const);
      pass.catch(() => undefined);
      const outcome = await Promise.race([
        pass,
        new Promise<'still running'>((resolve) =>
          setTimeout(() => resolve('still running'), 2_000),
        ),
      ]);
      expect(outcome).toBe('ended');
      expect(gateway.deliveredTo(phone)).toHaveLength(3);
    });
  });
});
