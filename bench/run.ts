/**
 * `pnpm bench`: Vaka's intake throughput against a bare-insert ceiling on the same PostgreSQL,
 * then intake-to-console latency with many live consoles under an open-loop report rate, then
 * search latency over many varied incidents, then an escalation storm: many escalations started
 * at once and their SMS through the outbox to a stand-in gateway, then (when asked) messages
 * published and withdrawn, and their signed events through the outbox to stand-in webhook receivers.
 * Everything listens on 127.0.0.1, every loop is bounded, and everything started is stopped.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestApiKey, createTestUser, signIn } from '../tests/support/accounts.ts';
import { openDatabase, startEmbeddedPostgres } from '@vaka/db';
import { buildReport } from '../tests/support/factories.ts';
import { freePort, startServerProcess } from '../tests/support/server-process.ts';
import {
  ArgumentError,
  parseBenchArgs,
  reproduceCommand,
  usage,
  type BenchOptions,
} from './args.ts';
import { Cleanup } from './cleanup.ts';
import {
  STORM_CONCURRENCY,
  runStorm,
  seedStorm,
  startSmsGateway,
  type EscalationResults,
} from './escalation.ts';
import { measureFanout } from './fanout.ts';
import { closedLoop, type ClosedLoopResult } from './load.ts';
import {
  REPO_ROOT,
  cpuBetween,
  cpuSnapshot,
  sleep,
  spawnTsChild,
  stopChild,
  waitUntilReady,
  type CpuUse,
} from './processes.ts';
import { GOALS, type BenchResults } from './results.ts';
import {
  SEARCH_LIMIT,
  SEARCH_RUNS,
  loadSearchCorpus,
  measureSearches,
  type SearchResults,
} from './search.ts';
import { scrapeServerMetrics, serverView, type ServerView } from './server-metrics.ts';
import { round } from './stats.ts';
import { formatSummary } from './summary.ts';
import {
  WEBHOOK_CONCURRENCY,
  WEBHOOK_SUBSCRIBERS,
  addSubscribers,
  runWebhookPhase,
  startWebhookReceivers,
  type WebhookResults,
} from './webhooks.ts';

const PROFILE_HOOK = new URL('./cpu-profile-hook.mjs', import.meta.url).href;

/** Runs the bench once and returns what it measured; `cleanup` receives everything it starts. */
export async function runBench(options: BenchOptions, cleanup: Cleanup): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const runId = randomBytes(4).toString('hex');

  // 1. PostgreSQL, with one database for Vaka and one for the ceiling.
  log('starting PostgreSQL');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vaka-bench-'));
  cleanup.add('remove the temporary directory', () => rm(dir, { recursive: true, force: true }));
  // As root, PostgreSQL runs as a user of its own, which must be able to reach its directory.
  await chmod(dir, 0o755);
  const postgres = await startEmbeddedPostgres(path.join(dir, 'postgres'));
  cleanup.add('stop PostgreSQL', () => postgres.stop());
  const vakaDatabaseUrl = await postgres.createDatabase('vaka_bench');
  const ceilingDatabaseUrl = await postgres.createDatabase('ceiling_bench');
  const environment = await describeEnvironment(postgres.url);
  const body = JSON.stringify(buildReport({ title: `bench ${runId} closed loop` }));

  // 2. The ceiling: a bare route doing one insert per request.
  log('measuring the ceiling (bare Fastify route, one INSERT per request)');
  const ceilingPort = await freePort();
  const ceilingServer = spawnTsChild(path.join('bench', 'ceiling-server.ts'), [], {
    DATABASE_URL: ceilingDatabaseUrl,
    PORT: String(ceilingPort),
    HOST: '127.0.0.1',
  });
  const stopCeiling = cleanup.add('stop the ceiling server', () =>
    stopChild(ceilingServer.child, ceilingServer.exited),
  );
  const ceilingUrl = `http://127.0.0.1:${ceilingPort}`;
  await waitUntilReady(`${ceilingUrl}/readyz`, ceilingServer);
  const ceiling = await measureClosedLoop(`${ceilingUrl}/reports`, body, options, {
    ceiling: ceilingServer.child.pid,
  });
  await stopCeiling();

  // 3. Vaka's intake, on its own fresh database, under the same load.
  log('measuring Vaka intake (POST /api/v1/reports)');
  const profileDir = path.posix.join('bench', 'results', `server-profile-${fileStamp(startedAt)}`);
  const server = await startServerProcess({
    DATABASE_URL: vakaDatabaseUrl,
    VAKA_DATA_DIR: path.join(dir, 'data'),
    ...(options.cpuProfile && {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PROFILE_HOOK}`,
      BENCH_CPU_PROFILE_DIR: path.join(REPO_ROOT, profileDir),
    }),
  });
  const stopServer = cleanup.add('stop the Vaka server', () =>
    stopChild(server.child, server.exited),
  );
  const credentials = await benchCredentials(vakaDatabaseUrl, server.baseUrl);
  const vaka = await measureClosedLoop(
    `${server.baseUrl}/api/v1/reports`,
    body,
    options,
    { server: server.child.pid },
    server.baseUrl,
    credentials.partner,
  );
  const ratio = round(vaka.result.perSecond / ceiling.result.perSecond, 3);

  // 4. Fan-out, once the requests the closed loop left in flight are committed.
  const journal = new pg.Client({ connectionString: vakaDatabaseUrl });
  journal.on('error', () => {}); // PostgreSQL going away is reported by the next query.
  await journal.connect();
  const closeJournal = cleanup.add('close the journal reader', () => journal.end());
  const journalHead = async () =>
    Number(
      (await journal.query<{ head: string }>('select coalesce(max(seq), 0) as head from journal'))
        .rows[0]!.head,
    );
  await settle(journalHead);
  log(`connecting ${options.consoles} consoles (${options.sample} sampled)`);
  const { fanout, failures } = await measureFanout(
    { baseUrl: server.baseUrl, pid: server.child.pid, journalHead, ...credentials },
    options,
    runId,
    cleanup,
  );
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    throw new Error(`the Vaka server exited during the run:\n${server.output()}`);
  }
  await closeJournal();
  await stopServer();

  // 5. Search, on a fresh database of its own: the reports above are all alike.
  let search: SearchResults | undefined;
  if (options.searchReports > 0) {
    search = await measureSearch(postgres, dir, options.searchReports, cleanup);
    if (search.loadErrors > 0) {
      failures.push(
        `${search.loadErrors} reports or notes of the search load were not stored (first: ${search.firstLoadError ?? 'none'})`,
      );
    }
  }

  // 6. The escalation storm, on a fresh database of its own with a stand-in SMS gateway.
  let escalations: EscalationResults | undefined;
  if (options.escalations > 0) {
    const storm = await measureEscalationStorm(
      postgres,
      dir,
      options.escalations,
      runId,
      cleanup,
      options.cpuProfile ? path.join(REPO_ROOT, profileDir, 'escalations') : undefined,
    );
    escalations = storm.results;
    failures.push(...storm.failures);
  }

  // 7. Webhooks, on a fresh database of their own with stand-in receivers.
  let webhooks: WebhookResults | undefined;
  if (options.webhookMessages > 0) {
    const phase = await measureWebhooks(
      postgres,
      dir,
      options.webhookMessages,
      runId,
      cleanup,
      options.cpuProfile ? path.join(REPO_ROOT, profileDir, 'webhooks') : undefined,
    );
    webhooks = phase.results;
    failures.push(...phase.failures);
  }

  return {
    startedAt,
    command: reproduceCommand(options),
    options,
    environment,
    throughput: {
      ceiling: ceiling.result,
      vaka: vaka.result,
      ratio,
      cpuSeconds: {
        ...(ceiling.cpuSeconds && { ceiling: ceiling.cpuSeconds }),
        ...(vaka.cpuSeconds && { vaka: vaka.cpuSeconds }),
      },
      ...(vaka.server && { vakaServer: vaka.server }),
    },
    fanout,
    ...(search && { search }),
    ...(escalations && { escalations }),
    ...(webhooks && { webhooks }),
    goals: {
      intakeRatioMet: ratio >= GOALS.intakeRatio,
      fanoutP99Met: fanout.latencyMs !== undefined && fanout.latencyMs.p99 <= GOALS.fanoutP99Ms,
      ...(search && {
        searchCommonP99Met: search.queries.every(
          (query) => !query.common || query.latencyMs.p99 <= GOALS.searchCommonP99Ms,
        ),
      }),
    },
    ...(options.cpuProfile && { serverProfileDir: profileDir }),
    failures,
  };
}

/**
 * Vaka on a fresh database, loaded with `reports` varied reports and some notes, then each query
 * of the search phase timed; the server is stopped before returning.
 */
async function measureSearch(
  postgres: { createDatabase(name: string): Promise<string> },
  dir: string,
  reports: number,
  cleanup: Cleanup,
): Promise<SearchResults> {
  const databaseUrl = await postgres.createDatabase('search_bench');
  const server = await startServerProcess({
    DATABASE_URL: databaseUrl,
    VAKA_DATA_DIR: path.join(dir, 'search-data'),
  });
  const stopServer = cleanup.add("stop the search phase's Vaka server", () =>
    stopChild(server.child, server.exited),
  );
  const { partner, officer } = await benchCredentials(databaseUrl, server.baseUrl);
  const target = { baseUrl: server.baseUrl, partner, officer };
  log(`loading ${reports} varied reports and some notes for the search phase`);
  const load = await loadSearchCorpus(target, reports);
  // NOTE: a database in use is kept vacuumed and analysed by autovacuum; right after a bulk load
  // that would still be under way, and the measurement would race it.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
  log('timing searches (GET /api/v1/incidents?q=...)');
  const queries = await measureSearches(target, load.reports);
  if (server.child.exitCode !== null || server.child.signalCode !== null) {
    throw new Error(`the search phase's Vaka server exited during the run:\n${server.output()}`);
  }
  await stopServer();
  return { ...load, runs: SEARCH_RUNS, limit: SEARCH_LIMIT, queries };
}

/**
 * Vaka on a fresh database, its SMS gateway a stand-in in this process: a unit with three SMS
 * contacts, `escalations` incidents, and an escalation of each started as the duty officer, with
 * every message timed to the gateway and counted. The server is stopped before returning; what
 * went wrong is in `failures`.
 */
async function measureEscalationStorm(
  postgres: { createDatabase(name: string): Promise<string> },
  dir: string,
  escalations: number,
  runId: string,
  cleanup: Cleanup,
  profileDir: string | undefined,
): Promise<{ results: EscalationResults; failures: string[] }> {
  const databaseUrl = await postgres.createDatabase('escalation_bench');
  const gateway = await startSmsGateway();
  const closeGateway = cleanup.add('close the stand-in SMS gateway', () => gateway.close());
  const port = await freePort();
  const server = await startServerProcess(
    {
      DATABASE_URL: databaseUrl,
      VAKA_DATA_DIR: path.join(dir, 'escalation-data'),
      VAKA_PUBLIC_URL: `http://127.0.0.1:${port}`,
      VAKA_SMS_URL: gateway.url,
      // Each contact gets a message per escalation: the per-recipient limit must hold none back.
      VAKA_NOTIFY_RECIPIENT_LIMIT: '1000000',
      ...(profileDir !== undefined && {
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PROFILE_HOOK}`,
        BENCH_CPU_PROFILE_DIR: profileDir,
      }),
    },
    port,
  );
  const stopServer = cleanup.add("stop the escalation storm's Vaka server", () =>
    stopChild(server.child, server.exited),
  );
  const { partner, officer } = await benchCredentials(databaseUrl, server.baseUrl);
  const admin = await benchAdmin(databaseUrl, server.baseUrl);
  const target = { baseUrl: server.baseUrl, partner, officer, admin };
  log(`seeding a unit with three SMS contacts, a policy, and ${escalations} incidents`);
  const setup = await seedStorm(target, escalations, runId);
  log(
    `starting ${escalations} escalations, ${STORM_CONCURRENCY} at a time, and awaiting their SMS`,
  );
  // The scrape before resets the server's event-loop monitor, so the one after covers the storm.
  await scrapeServerMetrics(server.baseUrl);
  const cpuBefore = cpuSnapshot({ server: server.child.pid });
  const storm = await runStorm(target, gateway, setup, runId);
  const cpuSeconds = cpuBetween(cpuBefore, cpuSnapshot({ server: server.child.pid }));
  const metrics = await scrapeServerMetrics(server.baseUrl);
  const outbox = await outboxByStatus(databaseUrl);
  const healthy = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) })
    .then((response) => response.ok)
    .catch(() => false);
  if (server.child.exitCode !== null || server.child.signalCode !== null || !healthy) {
    throw new Error(
      `the escalation storm's Vaka server did not survive the storm:\n${server.output()}`,
    );
  }
  await stopServer();
  await closeGateway();

  const failures: string[] = [];
  if (setup.openErrors > 0) {
    failures.push(
      `${setup.openErrors} reports of the escalation storm opened no incident (first: ${setup.firstOpenError ?? 'none'})`,
    );
  }
  if (storm.startErrors > 0) {
    failures.push(
      `${storm.startErrors} escalations of the storm did not start as asked (first: ${storm.firstStartError ?? 'none'})`,
    );
  }
  if (storm.duplicates > 0) {
    failures.push(`the SMS gateway received ${storm.duplicates} messages of the storm twice`);
  }
  if (storm.missing > 0) {
    failures.push(
      `${storm.missing} of the storm's ${storm.messagesExpected} SMS never reached the gateway (outbox: ${JSON.stringify(outbox)})`,
    );
  }
  if (storm.unexpected > 0) {
    failures.push(`the SMS gateway received ${storm.unexpected} posts it could not place`);
  }
  return {
    results: {
      ...storm,
      incidentsOpened: setup.incidents.filter((id) => id !== undefined).length,
      outbox,
      eventLoopDelayMs: metrics.eventLoopDelayMs,
      ...(cpuSeconds && { cpuSeconds }),
    },
    failures,
  };
}

/**
 * Vaka on a fresh database, its webhook subscribers stand-ins in this process: an admin adds
 * four, and `messages` messages are written, approved by a second communicator and published,
 * every fifth then withdrawn, with every event timed to each receiver, its signature checked and
 * each subscriber's order checked. The server is stopped before returning; what went wrong is in
 * `failures`.
 */
async function measureWebhooks(
  postgres: { createDatabase(name: string): Promise<string> },
  dir: string,
  messages: number,
  runId: string,
  cleanup: Cleanup,
  profileDir: string | undefined,
): Promise<{ results: WebhookResults; failures: string[] }> {
  const databaseUrl = await postgres.createDatabase('webhook_bench');
  const receivers = await startWebhookReceivers();
  const closeReceivers = cleanup.add('close the stand-in webhook receivers', () =>
    receivers.close(),
  );
  const port = await freePort();
  const server = await startServerProcess(
    {
      DATABASE_URL: databaseUrl,
      VAKA_DATA_DIR: path.join(dir, 'webhook-data'),
      VAKA_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...(profileDir !== undefined && {
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PROFILE_HOOK}`,
        BENCH_CPU_PROFILE_DIR: profileDir,
      }),
    },
    port,
  );
  const stopServer = cleanup.add("stop the webhook phase's Vaka server", () =>
    stopChild(server.child, server.exited),
  );
  const admin = await benchAdmin(databaseUrl, server.baseUrl);
  const [author, approver] = await benchCommunicators(databaseUrl, server.baseUrl);
  const target = { baseUrl: server.baseUrl, admin, author, approver };
  log(`adding ${WEBHOOK_SUBSCRIBERS} webhook subscribers`);
  await addSubscribers(target, receivers, runId);
  log(
    `publishing ${messages} messages, ${WEBHOOK_CONCURRENCY} at a time, withdrawing every fifth, and awaiting their events`,
  );
  // The scrape before resets the server's event-loop monitor, so the one after covers the phase.
  await scrapeServerMetrics(server.baseUrl);
  const cpuBefore = cpuSnapshot({ server: server.child.pid });
  const phase = await runWebhookPhase(target, receivers, messages, runId);
  const cpuSeconds = cpuBetween(cpuBefore, cpuSnapshot({ server: server.child.pid }));
  const metrics = await scrapeServerMetrics(server.baseUrl);
  const outbox = await outboxByStatus(databaseUrl);
  const healthy = await fetch(`${server.baseUrl}/healthz`, { signal: AbortSignal.timeout(5_000) })
    .then((response) => response.ok)
    .catch(() => false);
  if (server.child.exitCode !== null || server.child.signalCode !== null || !healthy) {
    throw new Error(`the webhook phase's Vaka server did not survive it:\n${server.output()}`);
  }
  await stopServer();
  await closeReceivers();

  const failures: string[] = [];
  if (phase.publishErrors > 0) {
    failures.push(
      `${phase.publishErrors} messages of the webhook phase were not published (first: ${phase.firstPublishError ?? 'none'})`,
    );
  }
  if (phase.withdrawErrors > 0) {
    failures.push(
      `${phase.withdrawErrors} messages of the webhook phase were not withdrawn (first: ${phase.firstWithdrawError ?? 'none'})`,
    );
  }
  if (phase.duplicates > 0) {
    failures.push(`webhook subscribers received ${phase.duplicates} events twice`);
  }
  if (phase.missing > 0) {
    failures.push(
      `${phase.missing} of the ${phase.deliveriesExpected} webhook events never reached their subscriber (outbox: ${JSON.stringify(outbox)})`,
    );
  }
  if (phase.badSignatures > 0) {
    failures.push(
      `${phase.badSignatures} webhook requests did not verify with their subscriber's secret`,
    );
  }
  if (phase.orderViolations > 0) {
    failures.push(
      `${phase.orderViolations} withdrawals reached a subscriber before the publication they withdraw`,
    );
  }
  if (phase.unexpected > 0) {
    failures.push(
      `webhook subscribers received ${phase.unexpected} requests the bench could not place`,
    );
  }
  return {
    results: {
      ...phase,
      outbox,
      eventLoopDelayMs: metrics.eventLoopDelayMs,
      ...(cpuSeconds && { cpuSeconds }),
    },
    failures,
  };
}

/** The outbox's rows by status, held ones apart. */
async function outboxByStatus(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; count: number }>(
      `select status || case when held_until is null then '' else ' (held)' end as status,
         count(*)::int as count
       from outbox group by 1 order by 1`,
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.count]));
  } finally {
    await client.end();
  }
}

/** Warm-up, then the measured closed loop, with CPU use and (for Vaka) the server's own view. */
async function measureClosedLoop(
  url: string,
  body: string,
  options: BenchOptions,
  processes: Record<string, number | undefined>,
  vakaBaseUrl?: string,
  headers: Record<string, string> = {},
): Promise<{ result: ClosedLoopResult; cpuSeconds?: CpuUse; server?: ServerView }> {
  const load = { url, body, connections: options.connections, headers };
  if (options.warmupSeconds > 0) await closedLoop({ ...load, seconds: options.warmupSeconds });
  const metricsBefore = vakaBaseUrl ? await scrapeServerMetrics(vakaBaseUrl) : undefined;
  const before = cpuSnapshot(processes);
  const result = await closedLoop({ ...load, seconds: options.ceilingSeconds });
  const cpuSeconds = cpuBetween(before, cpuSnapshot(processes));
  const metricsAfter = vakaBaseUrl ? await scrapeServerMetrics(vakaBaseUrl) : undefined;
  if (result.succeeded === 0) {
    throw new Error(
      `${url} answered no request successfully (${result.non2xx} non-2xx, ${result.errors} errors)`,
    );
  }
  return {
    result,
    ...(cpuSeconds && { cpuSeconds }),
    ...(metricsBefore && metricsAfter && { server: serverView(metricsBefore, metricsAfter) }),
  };
}

/** Waits until the journal head has not moved for half a second (30 s at most). */
async function settle(journalHead: () => Promise<number>): Promise<void> {
  let head = await journalHead();
  for (let attempt = 0; attempt < 60; attempt++) {
    await sleep(500);
    const next = await journalHead();
    if (next === head) return;
    head = next;
  }
  throw new Error('the journal did not come to rest within 30 s of the closed loop');
}

async function describeEnvironment(postgresUrl: string): Promise<Record<string, string | number>> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  let postgres = 'unknown';
  let fsync = 'unknown';
  try {
    postgres =
      (await client.query<{ server_version: string }>('show server_version')).rows[0]
        ?.server_version ?? postgres;
    fsync = (await client.query<{ fsync: string }>('show fsync')).rows[0]?.fsync ?? fsync;
  } finally {
    await client.end();
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // not a git checkout
  }
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    loadAverageAtStart: round(os.loadavg()[0] ?? 0),
    postgres,
    fsync,
    commit,
  };
}

/** An ISO time usable in a file name. */
function fileStamp(iso: string): string {
  return iso.replace(/[:.]/g, '-');
}

function log(message: string): void {
  console.log(`[bench] ${message}`);
}

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    console.error(`bench: ${error.message}\n${usage()}`);
    return 2;
  }
  if (options === 'help') {
    console.log(usage());
    return 0;
  }
  const cleanup = new Cleanup();
  let interrupted = false;
  const interrupt = (signal: NodeJS.Signals) => {
    interrupted = true;
    console.error(`bench: ${signal}; stopping everything`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  // A bug in the bench must not leave a server or PostgreSQL running.
  process.once('uncaughtException', (error) => {
    console.error(`bench failed: ${error.stack ?? error.message}`);
    void cleanup.run().finally(() => process.exit(1));
  });
  try {
    const results = await runBench(options, cleanup);
    const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
    await mkdir(resultsDir, { recursive: true });
    const name = `${fileStamp(results.startedAt)}.json`;
    await writeFile(path.join(resultsDir, name), `${JSON.stringify(results, null, 2)}\n`);
    console.log(formatSummary(results, path.posix.join('bench', 'results', name)));
    if (results.failures.length > 0) {
      console.error('bench: the run completed, but some checks failed (see above)');
      return 1;
    }
    return 0;
  } catch (error) {
    // After a signal, whatever was running fails because its processes are gone: not news.
    if (!interrupted) {
      console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return 1;
  } finally {
    log('stopping everything');
    await cleanup.run();
  }
}

process.exit(await main());

/**
 * A partner's API key for the load (with a rate limit far above it) and a duty officer's session
 * for the consoles (and, with its CSRF token, for notes), made in the database as an admin would.
 */
async function benchCredentials(
  databaseUrl: string,
  baseUrl: string,
): Promise<{
  partner: Record<string, string>;
  cookie: string;
  officer: Record<string, string>;
}> {
  const database = await openDatabase({ url: databaseUrl, dataDir: '/nonexistent', poolSize: 2 });
  try {
    const secret = await createTestApiKey(database, {
      name: 'bench',
      rateLimitPerMinute: 100_000_000,
    });
    const dutyOfficer = await createTestUser(database, ['duty_officer'], { username: 'bench' });
    const { cookie, changeHeaders } = await signIn(baseUrl, dutyOfficer.username);
    return { partner: { authorization: `Bearer ${secret}` }, cookie, officer: changeHeaders };
  } finally {
    await database.close();
  }
}

/** Two communicators' sessions with their CSRF tokens: one writes messages, the other approves. */
async function benchCommunicators(
  databaseUrl: string,
  baseUrl: string,
): Promise<[Record<string, string>, Record<string, string>]> {
  const database = await openDatabase({ url: databaseUrl, dataDir: '/nonexistent', poolSize: 2 });
  try {
    const author = await createTestUser(database, ['communicator'], { username: 'bench-author' });
    const approver = await createTestUser(database, ['communicator'], {
      username: 'bench-approver',
    });
    return [
      (await signIn(baseUrl, author.username)).changeHeaders,
      (await signIn(baseUrl, approver.username)).changeHeaders,
    ];
  } finally {
    await database.close();
  }
}

/** An admin's session with its CSRF token, for the units and policies a phase needs. */
async function benchAdmin(databaseUrl: string, baseUrl: string): Promise<Record<string, string>> {
  const database = await openDatabase({ url: databaseUrl, dataDir: '/nonexistent', poolSize: 2 });
  try {
    const admin = await createTestUser(database, ['admin'], { username: 'bench-admin' });
    return (await signIn(baseUrl, admin.username)).changeHeaders;
  } finally {
    await database.close();
  }
}
