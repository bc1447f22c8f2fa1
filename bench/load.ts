import http from 'node:http';
import autocannon from 'autocannon';
import { distribution, round, wallClockMs, type Distribution } from './stats.ts';
import { sleep } from './processes.ts';

/** What one closed-loop phase measured. */
export interface ClosedLoopResult {
  connections: number;
  durationSeconds: number;
  /** Answers with a 2xx status. */
  succeeded: number;
  perSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

/**
 * Closed loop: `connections` keep-alive connections, each sending its next POST as soon as the
 * previous one is answered, for `seconds`. Measures the most a server can take.
 */
export async function closedLoop(options: {
  url: string;
  body: string;
  connections: number;
  seconds: number;
  /** Credentials, e.g. an API key. */
  headers?: Record<string, string>;
}): Promise<ClosedLoopResult> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
  });
  const succeeded = result['2xx'];
  return {
    connections: options.connections,
    durationSeconds: round(result.duration),
    succeeded,
    perSecond: round(succeeded / result.duration, 1),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
  };
}

/** What the open-loop generator offered and what came back. */
export interface OpenLoopResult {
  offered: number;
  /** Answered 201. */
  acknowledged: number;
  /** Network errors, timeouts and any status other than 201. */
  errors: number;
  statuses: Record<string, number>;
  firstError?: string;
  /** From the first send to the last. */
  sendSeconds: number;
  /** Reports sent per second between the first send and the last. */
  achievedRate: number;
  /** The highest journal sequence in a receipt. */
  maxSeq: number;
  /** When each report was sent (index = report number), on the shared wall clock. */
  sentAtMs: Float64Array;
  /** From send to the 201. */
  ackLatencyMs: Distribution | undefined;
  /** How late each send was against its schedule (the generator's own delay). */
  sendLagMs: Distribution | undefined;
}

/**
 * Open loop: sends `rate` POSTs per second for `seconds`, each at its scheduled time whatever
 * happened to earlier ones, so a slow server faces a growing queue instead of a politely waiting
 * client. `makeBody(n, sentAtMs)` builds report number n at the moment it is sent.
 */
export async function openLoop(options: {
  url: string;
  rate: number;
  seconds: number;
  makeBody: (reportNumber: number, sentAtMs: number) => string;
  requestTimeoutMs?: number;
  /** Stops sending early (what was sent is still awaited and counted). */
  signal?: AbortSignal;
  /** Credentials, e.g. an API key. */
  headers?: Record<string, string>;
}): Promise<OpenLoopResult> {
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  // NOTE: a bounded pool of keep-alive sockets; when all are busy, requests queue in the agent,
  // and that wait counts in the latency, as it would for a real sender.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const sentAtMs = new Float64Array(total);
  const ackLatencies: number[] = [];
  const lags: number[] = [];
  const statuses: Record<string, number> = {};
  const pending: Array<Promise<void>> = [];
  let acknowledged = 0;
  let errors = 0;
  let maxSeq = 0;
  let firstError: string | undefined;
  const fail = (reason: string) => {
    errors += 1;
    statuses[reason] = (statuses[reason] ?? 0) + 1;
    firstError ??= reason;
  };

  const send = (reportNumber: number): Promise<void> => {
    const sent = wallClockMs();
    sentAtMs[reportNumber] = sent;
    const body = options.makeBody(reportNumber, sent);
    return new Promise((resolve) => {
      const request = http.request(
        options.url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...options.headers,
          },
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => {
            fail(error.message);
            resolve();
          });
          response.on('end', () => {
            const status = String(response.statusCode);
            if (response.statusCode === 201) {
              acknowledged += 1;
              statuses[status] = (statuses[status] ?? 0) + 1;
              ackLatencies.push(wallClockMs() - sent);
              const { seq } = JSON.parse(Buffer.concat(chunks).toString()) as { seq: number };
              maxSeq = Math.max(maxSeq, seq);
            } else {
              fail(status);
            }
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', (error) => {
        fail(error.message);
        resolve();
      });
      request.end(body);
    });
  };

  const start = performance.now() + 20;
  let next = 0;
  // Bounded: `total` sends; each turn sends every report that is due, then sleeps until the next.
  while (next < total && !options.signal?.aborted) {
    const now = performance.now();
    while (next < total && start + next * interval <= now) {
      lags.push(now - (start + next * interval));
      pending.push(send(next));
      next += 1;
    }
    if (next < total) await sleep(Math.max(0, start + next * interval - performance.now()));
  }
  if (next < total) {
    errors += total - next;
    statuses.notSent = total - next;
    firstError ??= 'stopped before sending everything';
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all(pending);
  agent.destroy();
  return {
    offered: total,
    acknowledged,
    errors,
    statuses,
    ...(firstError !== undefined && { firstError }),
    sendSeconds: round(sendSeconds),
    achievedRate: total > 1 ? round((total - 1) / sendSeconds, 1) : options.rate,
    maxSeq,
    sentAtMs,
    ackLatencyMs: distribution(ackLatencies),
    sendLagMs: distribution(lags),
  };
}
