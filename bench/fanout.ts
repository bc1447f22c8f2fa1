import path from 'node:path';
import { buildReport } from '../tests/support/factories.ts';
import type { BenchOptions } from './args.ts';
import type { Cleanup } from './cleanup.ts';
import type { ConsolesConfig, ConsolesMessage } from './consoles-protocol.ts';
import { openLoop } from './load.ts';
import {
  cpuBetween,
  cpuSnapshot,
  sleep,
  spawnTsChild,
  stopChild,
  type BenchChild,
} from './processes.ts';
import type { BenchResults } from './results.ts';
import { scrapeServerMetrics, serverView } from './server-metrics.ts';
import { distribution } from './stats.ts';

/** The running Vaka server, as the fan-out phase needs it. */
export interface FanoutTarget {
  baseUrl: string;
  pid: number | undefined;
  /** The newest journal sequence, read cheaply from the database. */
  journalHead(): Promise<number>;
  /** A partner's API key, for the reports. */
  partner: Record<string, string>;
  /** A duty officer's session cookie, for the consoles. */
  cookie: string;
}

/**
 * The fan-out phase: `options.consoles` live consoles in a process of their own, then reports
 * offered open loop; returns what was measured and the correctness checks that failed.
 */
export async function measureFanout(
  target: FanoutTarget,
  options: BenchOptions,
  runId: string,
  cleanup: Cleanup,
): Promise<{ fanout: BenchResults['fanout']; failures: string[] }> {
  const failures: string[] = [];
  const sinceSeq = await situationAsOf(target.baseUrl, target.cookie);
  const config: ConsolesConfig = {
    baseUrl: target.baseUrl,
    cookie: target.cookie,
    count: options.consoles,
    sample: options.sample,
    since: sinceSeq,
    runId,
    lifetimeMs: (options.seconds + 600) * 1000,
  };
  const consoles = spawnTsChild(
    path.join('bench', 'consoles.ts'),
    [JSON.stringify(config)],
    {},
    true,
  );
  cleanup.add('stop the consoles process', () => stopChild(consoles.child, consoles.exited));
  const ready = await nextMessage(consoles, 'ready', 300_000);
  if (ready.failed > 0) {
    failures.push(
      `${ready.failed} of ${options.consoles} consoles could not connect (${ready.errors.join('; ')})`,
    );
  }
  if (ready.connected === 0) throw new Error('no console could connect; nothing to measure');
  // Let the connection burst settle before the clock starts.
  await sleep(1_000);

  console.log(`[bench] offering ${options.rate} reports/s for ${options.seconds} s (open loop)`);
  const processes = { server: target.pid, consoles: consoles.child.pid };
  const metricsBefore = await scrapeServerMetrics(target.baseUrl);
  const cpuBefore = cpuSnapshot(processes);
  const prefix = `bench ${runId} `;
  // Stop offering at once if the consoles process dies: there would be nothing to measure.
  const consolesGone = new AbortController();
  void consoles.exited.then(() => consolesGone.abort());
  const generator = await openLoop({
    url: `${target.baseUrl}/api/v1/reports`,
    headers: target.partner,
    rate: options.rate,
    seconds: options.seconds,
    signal: consolesGone.signal,
    // The send time is in the title too, so a console's log alone shows the latency.
    makeBody: (n, sentAtMs) =>
      JSON.stringify(buildReport({ title: `${prefix}${n} sent ${sentAtMs.toFixed(3)}` })),
  });
  // Every answer is in: the journal will not grow any more.
  const headSeq = await target.journalHead();

  console.log('[bench] waiting for every console to receive the last entry');
  if (!consoles.child.connected) {
    throw new Error(`the consoles process exited during the run:\n${consoles.output()}`);
  }
  const resultsArrived = nextMessage(consoles, 'results', 120_000);
  consoles.child.send({ type: 'finish', headSeq, timeoutMs: 60_000 });
  const { results } = await resultsArrived;
  const cpuSeconds = cpuBetween(cpuBefore, cpuSnapshot(processes));
  const metricsAfter = await scrapeServerMetrics(target.baseUrl);

  const { deliveries, ...consoleCounts } = results;
  const latencies: number[] = [];
  for (let i = 0; i + 1 < deliveries.length; i += 2) {
    const sentAt = generator.sentAtMs[deliveries[i]!];
    if (sentAt !== undefined && sentAt > 0) latencies.push(deliveries[i + 1]! - sentAt);
  }
  const deliveriesExpected = Math.min(options.sample, ready.connected) * generator.acknowledged;

  if (generator.acknowledged < generator.offered) {
    failures.push(
      `${generator.offered - generator.acknowledged} of ${generator.offered} reports were not acknowledged (first error: ${generator.firstError ?? 'none'})`,
    );
  }
  const complete = consoleCounts.sampled.complete + consoleCounts.unsampled.complete;
  if (complete < ready.connected) {
    failures.push(
      `${ready.connected - complete} of ${ready.connected} consoles did not receive every entry up to ${headSeq} in order`,
    );
  }
  if (latencies.length !== deliveriesExpected) {
    failures.push(
      `sampled consoles saw ${latencies.length} report deliveries, ${deliveriesExpected} expected`,
    );
  }
  if (consoleCounts.resyncs > 0 || consoleCounts.disconnects > 0) {
    failures.push(
      `${consoleCounts.resyncs} resyncs and ${consoleCounts.disconnects} disconnects (close codes ${JSON.stringify(consoleCounts.closeCodes)})`,
    );
  }

  const { sentAtMs: _sentAtMs, ...generatorSummary } = generator;
  return {
    fanout: {
      consolesConnected: ready.connected,
      consolesFailed: ready.failed,
      connectMs: ready.connectMs,
      sinceSeq,
      headSeq,
      generator: generatorSummary,
      latencyMs: distribution(latencies),
      deliveriesMeasured: latencies.length,
      deliveriesExpected,
      consoles: consoleCounts,
      server: serverView(metricsBefore, metricsAfter),
      ...(cpuSeconds && { cpuSeconds }),
    },
    failures,
  };
}

/** The snapshot sequence a console would start its live stream after. */
async function situationAsOf(baseUrl: string, cookie: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/situation`, {
    headers: { cookie },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`GET /api/v1/situation answered ${response.status}`);
  return ((await response.json()) as { asOfSeq: number }).asOfSeq;
}

/** The consoles process's next message of `type`; rejects if it exits or takes too long. */
function nextMessage<T extends ConsolesMessage['type']>(
  consoles: BenchChild,
  type: T,
  timeoutMs: number,
): Promise<Extract<ConsolesMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      consoles.child.off('message', onMessage);
      consoles.child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      if ((message as ConsolesMessage).type !== type) return;
      done();
      resolve(message as Extract<ConsolesMessage, { type: T }>);
    };
    const onExit = () => {
      done();
      reject(new Error(`the consoles process exited before "${type}":\n${consoles.output()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no "${type}" from the consoles process within ${timeoutMs} ms`));
    }, timeoutMs);
    consoles.child.on('message', onMessage);
    consoles.child.on('exit', onExit);
    if (consoles.child.exitCode !== null || consoles.child.signalCode !== null) onExit();
  });
}
