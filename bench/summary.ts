import type { CpuUse } from './processes.ts';
import { GOALS, type BenchResults } from './results.ts';
import type { HistogramSummary, ServerView } from './server-metrics.ts';
import { round, type Distribution } from './stats.ts';

/** The human summary of one run, as printed at the end. */
export function formatSummary(results: BenchResults, file: string): string {
  const { throughput: t, fanout: f, options: o, environment: env } = results;
  const lines = [
    '',
    `Vaka bench, ${results.startedAt} (commit ${env.commit})`,
    `Machine: ${env.cpus} cores (${env.cpuModel}), ${env.memoryGiB} GiB, Node ${env.node}, PostgreSQL ${env.postgres} (fsync ${env.fsync}), load average ${env.loadAverageAtStart} at start.`,
    `NOTE: the bench, the consoles process, the server and PostgreSQL all share these ${env.cpus} cores;`,
    '      "others" below is CPU used meanwhile by processes that are not the bench\'s.',
    '',
    `Intake throughput: closed loop, ${o.connections} connections, ${o.ceilingSeconds} s after ${o.warmupSeconds} s warm-up`,
    row(
      'ceiling (bare Fastify, one INSERT, pool 20)',
      `${t.ceiling.perSecond} req/s  (p50 ${t.ceiling.latencyMs.p50} ms, p99 ${t.ceiling.latencyMs.p99} ms, ${t.ceiling.non2xx + t.ceiling.errors} failed)`,
    ),
    row(
      'Vaka POST /api/v1/reports',
      `${t.vaka.perSecond} reports/s  (p50 ${t.vaka.latencyMs.p50} ms, p99 ${t.vaka.latencyMs.p99} ms, ${t.vaka.non2xx + t.vaka.errors} failed)`,
    ),
    row(
      'Vaka / ceiling',
      `${round(t.ratio * 100, 1)} %  (goal >= ${GOALS.intakeRatio * 100} %: ${met(results.goals.intakeRatioMet)})`,
    ),
    ...serverRows(t.vakaServer, false),
    row('CPU s, ceiling phase', cpu(t.cpuSeconds.ceiling)),
    row('CPU s, Vaka phase', cpu(t.cpuSeconds.vaka)),
    '',
    `Fan-out: ${o.consoles} consoles (${o.sample} sampled), ${o.rate} reports/s offered open loop for ${o.seconds} s`,
    row(
      'consoles connected / failed',
      `${f.consolesConnected} / ${f.consolesFailed}  (in ${f.connectMs} ms)`,
    ),
    row(
      'reports offered / acknowledged / errors',
      `${f.generator.offered} / ${f.generator.acknowledged} / ${f.generator.errors}`,
    ),
    row(
      'achieved send rate',
      `${f.generator.achievedRate} reports/s  (sends late by p99 ${f.generator.sendLagMs?.p99 ?? 'n/a'} ms)`,
    ),
    row('intake ack latency p50 / p99 / max', triple(f.generator.ackLatencyMs)),
    row(
      'INTAKE-TO-CONSOLE latency p50 / p99 / max',
      `${triple(f.latencyMs)}  (goal p99 <= ${GOALS.fanoutP99Ms} ms: ${met(results.goals.fanoutP99Met)})`,
    ),
    row(
      'sampled deliveries measured / expected',
      `${f.deliveriesMeasured} / ${f.deliveriesExpected}`,
    ),
    row(
      'consoles with every entry, in order',
      `sampled ${f.consoles.sampled.complete}/${f.consoles.sampled.consoles}, others ${f.consoles.unsampled.complete}/${f.consoles.unsampled.consoles}`,
    ),
    row(
      'entries received by unsampled consoles',
      `${f.consoles.unsampled.entries} / expected ${(f.headSeq - f.sinceSeq) * f.consoles.unsampled.consoles}  (${f.consoles.unsampled.frames} frames, ${round(f.consoles.unsampled.bytes / 1024 ** 2, 1)} MiB)`,
    ),
    row(
      'resyncs / disconnects / gaps',
      `${f.consoles.resyncs} / ${f.consoles.disconnects} / ${f.consoles.sampled.gaps + f.consoles.unsampled.gaps}`,
    ),
    row(
      'last entry at every console',
      `${f.consoles.drainMs} ms after the last report was answered`,
    ),
    ...serverRows(f.server, true),
    row('CPU s during fan-out', cpu(f.cpuSeconds)),
    ...searchRows(results),
    ...escalationRows(results),
    ...webhookRows(results),
    '',
    results.failures.length === 0
      ? `Checks passed: every report acknowledged, every console received every entry, in order${results.escalations ? ', every SMS of the storm arrived once' : ''}${results.webhooks ? ', every webhook event arrived once, signed and in order' : ''}.`
      : `FAILED checks:\n${results.failures.map((failure) => `  - ${failure}`).join('\n')}`,
    `Results: ${file}`,
    ...(results.serverProfileDir
      ? [
          `Server CPU profile: ${results.serverProfileDir}/ (written as the server stops)${results.escalations ? `, the storm's in ${results.serverProfileDir}/escalations/` : ''}${results.webhooks ? `, the webhook phase's in ${results.serverProfileDir}/webhooks/` : ''}`,
        ]
      : []),
    `Reproduce: ${results.command}`,
    '',
  ];
  return lines.join('\n');
}

function searchRows(results: BenchResults): string[] {
  const search = results.search;
  if (!search) return ['', 'Search: skipped (--search-reports 0)'];
  const goal = results.goals.searchCommonP99Met;
  return [
    '',
    `Search: ${search.reports} reports (${search.notes} notes) on a fresh database, loaded in ${search.loadSeconds} s; each query ${search.runs} times in a row after one unmeasured, limit ${search.limit}`,
    `  ${'query'.padEnd(46)} ${'hits'.padStart(5)}  p50 / p99 / max`,
    ...search.queries.map(
      (query) =>
        `  ${`${query.label}: "${query.q}"${query.common ? ' *' : ''}`.padEnd(46)} ${`${query.hits}${query.truncated ? '+' : ''}`.padStart(5)}  ${triple(query.latencyMs)}`,
    ),
    row(
      '* common words, p99',
      `goal <= ${GOALS.searchCommonP99Ms} ms: ${goal === undefined ? 'n/a' : met(goal)}`,
    ),
  ];
}

function escalationRows(results: BenchResults): string[] {
  const storm = results.escalations;
  if (!storm) return ['', 'Escalation storm: skipped (--escalations 0)'];
  const latency = storm.startLatencyMs;
  const delay = storm.deliveryDelayMs;
  const loop = storm.eventLoopDelayMs;
  return [
    '',
    `Escalation storm: ${storm.escalations} escalations on a fresh database, each to ${storm.contacts} SMS contacts at once, ${storm.concurrency} start requests in flight; the SMS gateway a stand-in answering 200 at once`,
    row(
      'incidents / escalations started / failed',
      `${storm.incidentsOpened} / ${storm.started} / ${storm.startErrors}  (starts in ${storm.startSeconds} s: ${storm.startsPerSecond}/s)`,
    ),
    row('start request p50 / p95 / p99 / max', quadruple(latency)),
    row(
      'SMS received / expected',
      `${storm.messagesReceived} / ${storm.messagesExpected}  (duplicates ${storm.duplicates}, missing ${storm.missing}, unplaced ${storm.unexpected})`,
    ),
    row('start answered -> SMS p50 / p95 / p99 / max', quadruple(delay)),
    row(
      'through the outbox',
      `${storm.messagesPerSecond} SMS/s  (first to last SMS ${storm.deliverySeconds} s; last SMS ${storm.drainMs ?? 'n/a'} ms after the last start was answered)`,
    ),
    row(
      'SMS while starts ran / after',
      `${storm.duringStarts.messages} at ${storm.duringStarts.perSecond}/s / ${storm.afterStarts.messages} at ${storm.afterStarts.perSecond}/s`,
    ),
    row(
      'outbox rows at the end',
      Object.entries(storm.outbox)
        .map(([status, count]) => `${status} ${count}`)
        .join(', ') || 'none',
    ),
    ...(loop
      ? [
          row(
            'server: event-loop delay p50 / p99 / max',
            `${loop.p50} / ${loop.p99} / ${loop.max} ms`,
          ),
        ]
      : []),
    row('CPU s during the storm', cpu(storm.cpuSeconds)),
  ];
}

function webhookRows(results: BenchResults): string[] {
  const hooks = results.webhooks;
  if (!hooks) return ['', 'Webhooks: skipped (--webhook-messages 0)'];
  const loop = hooks.eventLoopDelayMs;
  return [
    '',
    `Webhooks: ${hooks.messages} messages on a fresh database, each written, approved by a second communicator and published, ${hooks.concurrency} at a time, every fifth then withdrawn; ${hooks.subscribers} subscribers, each a stand-in answering 200 at once`,
    row(
      'published / failed',
      `${hooks.published} / ${hooks.publishErrors}  (workflows in ${hooks.publishSeconds} s: ${hooks.publishesPerSecond} published/s)`,
    ),
    row('publish request p50 / p95 / p99 / max', quadruple(hooks.publishLatencyMs)),
    row('withdrawn / failed', `${hooks.withdrawn} / ${hooks.withdrawErrors}`),
    row(
      'events received / expected',
      `${hooks.deliveriesReceived} / ${hooks.deliveriesExpected}  (duplicates ${hooks.duplicates}, missing ${hooks.missing}, unplaced ${hooks.unexpected})`,
    ),
    row(
      'bad signatures / withdrawn before published',
      `${hooks.badSignatures} / ${hooks.orderViolations}`,
    ),
    row('published -> event p50 / p95 / p99 / max', quadruple(hooks.deliveryDelayMs)),
    row(
      'through the outbox',
      `${hooks.deliveriesPerSecond} events/s  (first to last event ${hooks.deliverySeconds} s)`,
    ),
    row(
      'last event after the last publish / withdrawal',
      `${hooks.drainAfterPublishMs ?? 'n/a'} ms / ${hooks.drainAfterWithdrawMs ?? 'n/a'} ms`,
    ),
    row(
      'outbox rows at the end',
      Object.entries(hooks.outbox)
        .map(([status, count]) => `${status} ${count}`)
        .join(', ') || 'none',
    ),
    ...(loop
      ? [
          row(
            'server: event-loop delay p50 / p99 / max',
            `${loop.p50} / ${loop.p99} / ${loop.max} ms`,
          ),
        ]
      : []),
    row('CPU s during the webhook phase', cpu(hooks.cpuSeconds)),
  ];
}

function serverRows(view: ServerView | undefined, fanout: boolean): string[] {
  if (!view) return [];
  const loop = view.eventLoopDelayMs;
  return [
    row('server: POST handled p50 / p99', `${bucket(view.intakeDurationMs)}  (metrics buckets)`),
    ...(fanout
      ? [
          row(
            'server: entry recorded -> frame sent p50 / p99',
            `${bucket(view.fanoutDelayMs)}  (metrics buckets)`,
          ),
        ]
      : []),
    row('server: event-loop delay p50 / p99 / max', `${loop.p50} / ${loop.p99} / ${loop.max} ms`),
  ];
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(46)} ${value}`;
}

function met(ok: boolean): string {
  return ok ? 'goal met' : 'GOAL MISSED';
}

function triple(value: { p50: number; p99: number; max: number } | undefined): string {
  return value ? `${value.p50} / ${value.p99} / ${value.max} ms` : 'n/a';
}

function quadruple(value: Distribution | undefined): string {
  return value ? `${value.p50} / ${value.p95} / ${value.p99} / ${value.max} ms` : 'n/a';
}

function bucket(summary: HistogramSummary): string {
  const show = (value: number | string | undefined) =>
    value === undefined ? 'n/a' : `<= ${value}`;
  return `${show(summary.p50)} / ${show(summary.p99)} ms`;
}

function cpu(use: CpuUse | undefined): string {
  if (!use) return 'n/a';
  const { available, ...spent } = use;
  const parts = Object.entries(spent)
    .filter(([name, seconds]) => name !== 'steal' || seconds > 0)
    .map(([name, seconds]) => `${name} ${seconds}`);
  return `${parts.join(', ')}  (of ${available} available)`;
}
