import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  CreateEscalationPolicy,
  CreateReport,
  CreateUnit,
  Escalation,
  EscalationPolicy,
  ReportReceipt,
  StartEscalation,
  Unit,
} from '@vaka/domain';
import type { CpuUse } from './processes.ts';
import { inParallel } from './search.ts';
import { distribution, round, wallClockMs, type Distribution } from './stats.ts';

/** Where the escalation storm sends its requests. */
export interface EscalationTarget {
  baseUrl: string;
  /** A partner's API key, for the reports that open the incidents. */
  partner: Record<string, string>;
  /** A duty officer's session and CSRF token, for starting escalations. */
  officer: Record<string, string>;
  /** An admin's session and CSRF token, for the unit and its policy. */
  admin: Record<string, string>;
}

/** What the escalation storm measured. */
export interface EscalationResults {
  /** Escalations asked for. */
  escalations: number;
  /** SMS contacts the policy's one step names: each escalation sends this many messages. */
  contacts: number;
  /** Start requests in flight at once. */
  concurrency: number;
  /** Incidents opened for the storm (one per escalation). */
  incidentsOpened: number;
  /** Start requests answered 201. */
  started: number;
  /** Start requests answered otherwise or not at all, or answered with too few notifications. */
  startErrors: number;
  firstStartError?: string;
  /** From the first start request sent to the last answered. */
  startSeconds: number;
  startsPerSecond: number;
  /** From sending a start request to having its answer. */
  startLatencyMs: Distribution | undefined;
  /** One message per contact per escalation started. */
  messagesExpected: number;
  /** Distinct messages the gateway received for an escalation started here. */
  messagesReceived: number;
  /** Posts beyond the first of one message, and further messages to one contact of one escalation. */
  duplicates: number;
  /** Messages expected that never came. */
  missing: number;
  /** Posts the gateway could not tie to an escalation of the storm. */
  unexpected: number;
  /** From an escalation's start request being answered to the gateway receiving its message. */
  deliveryDelayMs: Distribution | undefined;
  /** From the first message received to the last. */
  deliverySeconds: number;
  /** Messages received per second, first to last. */
  messagesPerSecond: number;
  /** The last message received after the last start request was answered. */
  drainMs: number | undefined;
  /** Messages received while start requests were still being answered, and their rate then. */
  duringStarts: { messages: number; perSecond: number };
  /** Messages received after the last start request was answered, and their rate until the last. */
  afterStarts: { messages: number; perSecond: number };
  /** The outbox's rows by status at the end, as the database holds them. */
  outbox: Record<string, number>;
  /** The server's event-loop delay over the storm, from its /metrics. */
  eventLoopDelayMs?: { p50: number; p99: number; max: number };
  /** CPU seconds from the first start request to the last message. */
  cpuSeconds?: CpuUse;
}

/** A stand-in for the SMS gateway that answers 200 at once and records every post. */
export interface SmsGateway {
  /** The URL to give Vaka as `VAKA_SMS_URL`. */
  url: string;
  /** Every post received, in order of arrival. */
  received: ReceivedSms[];
  /** Resolves once a post arrives, or after `ms`, whichever is first. */
  nextArrival(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** One post to the gateway. */
export interface ReceivedSms {
  id: string;
  to: string;
  text: string;
  /** When its body had arrived, on the shared wall clock. */
  atMs: number;
}

/** SMS contacts of the storm's unit. */
export const STORM_CONTACTS = 3;
/** Start requests (and, before them, reports) in flight at once. */
export const STORM_CONCURRENCY = 32;
/** How long the storm waits for messages once none arrive any more. */
const QUIET_MS = 30_000;
/** How long the storm waits after the last expected message for any duplicate. */
const DUPLICATE_GRACE_MS = 2_000;
/** The waiting for messages ends after this, however many came. */
const DELIVERY_DEADLINE_MS = 10 * 60_000;

/** Starts the stand-in gateway on 127.0.0.1 and a free port. */
export async function startSmsGateway(): Promise<SmsGateway> {
  const received: ReceivedSms[] = [];
  let waiters: Array<() => void> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const atMs = wallClockMs();
      let sms: Partial<ReceivedSms> = {};
      try {
        sms = JSON.parse(Buffer.concat(chunks).toString()) as Partial<ReceivedSms>;
      } catch {
        // kept as an unexpected post below
      }
      received.push({ id: sms.id ?? '', to: sms.to ?? '', text: sms.text ?? '', atMs });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":true}');
      const woken = waiters;
      waiters = [];
      for (const wake of woken) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    received,
    nextArrival: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The storm's unit and policy, as seeded. */
export interface StormSetup {
  unit: Unit;
  policy: EscalationPolicy;
  /** Incident ids, by escalation number; undefined where the report was not stored. */
  incidents: Array<string | undefined>;
  /** Reports that were not stored, and why the first was not. */
  openErrors: number;
  firstOpenError?: string;
}

/**
 * Seeds through the API, as people would: an admin creates a unit with three SMS contacts and a
 * policy whose one step names all three (waiting 10 minutes, so no second step runs during the
 * storm), and a partner's reports open `escalations` incidents.
 */
export async function seedStorm(
  target: EscalationTarget,
  escalations: number,
  runId: string,
): Promise<StormSetup> {
  const unitRequest: CreateUnit = {
    name: `Storm unit ${runId}`,
    timeZone: 'Europe/Stockholm',
    contacts: (['sv', 'fi', 'en'] as const).map((language, index) => ({
      name: `On call ${index + 1}`,
      phone: `+46 70 555 90 ${String(index + 1).padStart(2, '0')}`,
      preferredChannel: 'sms',
      language,
    })),
  };
  const unit = await postJson<Unit>(target, '/api/v1/units', unitRequest, target.admin);
  const policyRequest: CreateEscalationPolicy = {
    name: 'Everyone at once',
    repeat: 0,
    steps: [
      {
        waitMinutes: 10,
        requireAll: false,
        targets: unit.contacts.map((contact) => ({ kind: 'contact', contactId: contact.id })),
      },
    ],
  };
  const policy = await postJson<EscalationPolicy>(
    target,
    `/api/v1/units/${unit.id}/escalation-policies`,
    policyRequest,
    target.admin,
  );
  const incidents: Array<string | undefined> = new Array<string | undefined>(escalations);
  let openErrors = 0;
  let firstOpenError: string | undefined;
  await inParallel(escalations, STORM_CONCURRENCY, async (n) => {
    const report: CreateReport = {
      title: `Storm ${runId} incident ${n}: water main burst`,
      description: 'Water is flooding the street from a broken pipe.',
      category: 'utility_water',
      severity: 'serious',
      location: { address: `Götgatan ${(n % 97) + 1}` },
      source: { channel: 'phone' },
    };
    try {
      incidents[n] = (
        await postJson<ReportReceipt>(target, '/api/v1/reports', report, target.partner)
      ).incidentId;
    } catch (error) {
      openErrors += 1;
      firstOpenError ??= (error as Error).message;
    }
  });
  return {
    unit,
    policy,
    incidents,
    openErrors,
    ...(firstOpenError !== undefined && { firstOpenError }),
  };
}

/** What the storm itself (the start requests and the messages) saw, before the server's views. */
export type StormMeasurement = Omit<
  EscalationResults,
  'incidentsOpened' | 'outbox' | 'eventLoopDelayMs' | 'cpuSeconds'
>;

/**
 * Starts an escalation for every incident of `setup` as the duty officer, `STORM_CONCURRENCY` at
 * a time, then waits for the gateway to receive every message (until none have come for 30 s),
 * and ties each message to its escalation by the number in the brief it carries.
 */
export async function runStorm(
  target: EscalationTarget,
  gateway: SmsGateway,
  setup: StormSetup,
  runId: string,
): Promise<StormMeasurement> {
  const total = setup.incidents.length;
  const answeredAtMs = new Float64Array(total).fill(NaN);
  const latencies: number[] = [];
  let startErrors = 0;
  let firstStartError: string | undefined;
  const firstSentMs = wallClockMs();
  let lastDoneMs = firstSentMs;
  await inParallel(total, STORM_CONCURRENCY, async (n) => {
    const incidentId = setup.incidents[n];
    if (incidentId === undefined) return;
    const request: StartEscalation = {
      unitId: setup.unit.id,
      policyId: setup.policy.id,
      brief: `${briefMark(runId, n)}: take over the burst water main and report back.`,
    };
    const sent = wallClockMs();
    try {
      const escalation = await postJson<Escalation>(
        target,
        `/api/v1/incidents/${incidentId}/escalations`,
        request,
        target.officer,
      );
      const answered = wallClockMs();
      answeredAtMs[n] = answered;
      latencies.push(answered - sent);
      if (escalation.notifications.length !== STORM_CONTACTS) {
        throw new Error(
          `escalation ${n} notified ${escalation.notifications.length} contacts, not ${STORM_CONTACTS}`,
        );
      }
    } catch (error) {
      startErrors += 1;
      firstStartError ??= (error as Error).message;
    } finally {
      lastDoneMs = Math.max(lastDoneMs, wallClockMs());
    }
  });
  const started = latencies.length;
  const startSeconds = (lastDoneMs - firstSentMs) / 1000;
  const expected = started * STORM_CONTACTS;

  await awaitMessages(gateway, runId, expected);
  return {
    escalations: total,
    contacts: STORM_CONTACTS,
    concurrency: STORM_CONCURRENCY,
    started,
    startErrors,
    ...(firstStartError !== undefined && { firstStartError }),
    startSeconds: round(startSeconds),
    startsPerSecond: started === 0 ? 0 : round(started / startSeconds, 1),
    startLatencyMs: distribution(latencies),
    ...tallyMessages(gateway.received, runId, answeredAtMs, { firstSentMs, lastDoneMs }),
  };
}

/**
 * Waits until `expected` distinct messages of the storm have come (then a little longer, for a
 * duplicate to show), until none has come for `QUIET_MS`, or until the deadline.
 */
async function awaitMessages(gateway: SmsGateway, runId: string, expected: number): Promise<void> {
  const deadline = performance.now() + DELIVERY_DEADLINE_MS;
  const mark = markPattern(runId);
  const ids = new Set<string>();
  let seen = 0;
  let lastProgress = performance.now();
  // Bounded: each turn waits for an arrival or a second, and the loop ends by the deadline.
  for (;;) {
    if (gateway.received.length > seen) lastProgress = performance.now();
    for (const sms of gateway.received.slice(seen)) if (mark.test(sms.text)) ids.add(sms.id);
    seen = gateway.received.length;
    if (ids.size >= expected || performance.now() > deadline) break;
    if (performance.now() - lastProgress > QUIET_MS) return;
    await gateway.nextArrival(1_000);
  }
  await new Promise((resolve) => setTimeout(resolve, DUPLICATE_GRACE_MS));
}

/** Counts, per escalation and contact, what came once, more than once, or not at all. */
function tallyMessages(
  received: readonly ReceivedSms[],
  runId: string,
  answeredAtMs: Float64Array,
  starts: { firstSentMs: number; lastDoneMs: number },
): Pick<
  EscalationResults,
  | 'messagesExpected'
  | 'messagesReceived'
  | 'duplicates'
  | 'missing'
  | 'unexpected'
  | 'deliveryDelayMs'
  | 'deliverySeconds'
  | 'messagesPerSecond'
  | 'drainMs'
  | 'duringStarts'
  | 'afterStarts'
> {
  const mark = markPattern(runId);
  /** Escalation number and recipient → the first post's id and time. */
  const firsts = new Map<string, { id: string; atMs: number }>();
  const ids = new Set<string>();
  let duplicates = 0;
  let unexpected = 0;
  const delays: number[] = [];
  let firstAtMs = Infinity;
  let lastAtMs = -Infinity;
  let duringStarts = 0;
  for (const sms of received) {
    const match = mark.exec(sms.text);
    const n = match ? Number(match[1]) : NaN;
    const answeredAt = answeredAtMs[n];
    if (answeredAt === undefined || Number.isNaN(answeredAt) || sms.id === '') {
      unexpected += 1;
      continue;
    }
    if (ids.has(sms.id)) {
      duplicates += 1;
      continue;
    }
    ids.add(sms.id);
    const key = `${n}|${sms.to}`;
    if (firsts.has(key)) {
      // Another message for a contact this escalation already reached: queued twice.
      duplicates += 1;
      continue;
    }
    firsts.set(key, { id: sms.id, atMs: sms.atMs });
    // NOTE: can be a little below zero: the engine may send before the answer reaches the bench.
    delays.push(sms.atMs - answeredAt);
    if (sms.atMs <= starts.lastDoneMs) duringStarts += 1;
    firstAtMs = Math.min(firstAtMs, sms.atMs);
    lastAtMs = Math.max(lastAtMs, sms.atMs);
  }
  const started = answeredAtMs.filter((at) => !Number.isNaN(at)).length;
  const expected = started * STORM_CONTACTS;
  const deliverySeconds = firsts.size === 0 ? 0 : (lastAtMs - firstAtMs) / 1000;
  const rate = (messages: number, ms: number) => (ms <= 0 ? 0 : round((messages * 1000) / ms, 1));
  const afterStarts = firsts.size - duringStarts;
  return {
    messagesExpected: expected,
    messagesReceived: firsts.size,
    duplicates,
    missing: expected - firsts.size,
    unexpected,
    deliveryDelayMs: distribution(delays),
    deliverySeconds: round(deliverySeconds),
    messagesPerSecond: deliverySeconds === 0 ? 0 : round(firsts.size / deliverySeconds, 1),
    drainMs: firsts.size === 0 ? undefined : round(lastAtMs - starts.lastDoneMs),
    duringStarts: {
      messages: duringStarts,
      perSecond: rate(duringStarts, starts.lastDoneMs - starts.firstSentMs),
    },
    afterStarts: {
      messages: afterStarts,
      perSecond: rate(afterStarts, lastAtMs - starts.lastDoneMs),
    },
  };
}

/** The words in escalation `n`'s brief that its messages are recognised by. */
function briefMark(runId: string, n: number): string {
  return `Storm ${runId} escalation ${n}`;
}

/** Finds the escalation number in a message's text. */
function markPattern(runId: string): RegExp {
  return new RegExp(`${briefMark(runId, 0).replace(/ 0$/, '')} (\\d+):`);
}

/** POSTs JSON as `headers` says; the parsed answer if it was 201, else an error naming it. */
async function postJson<T>(
  target: Pick<EscalationTarget, 'baseUrl'>,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<T> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  return JSON.parse(text) as T;
}
