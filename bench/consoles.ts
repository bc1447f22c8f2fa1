/**
 * Many live consoles in one process, apart from the bench's load generator so that neither slows
 * the other's clock. Started by bench/run.ts with an IPC channel and one JSON argument
 * (ConsolesConfig); reports `ready`, waits for `finish`, reports `results` and exits.
 */
import WebSocket, { type RawData } from 'ws';
import { JournalKind, type ServerMessage } from '@vaka/domain';
import type {
  ConsoleGroupCounts,
  ConsolesConfig,
  ConsolesMessage,
  ConsolesResults,
  FinishMessage,
} from './consoles-protocol.ts';
import { wallClockMs } from './stats.ts';

interface LiveConsole {
  socket: WebSocket;
  sampled: boolean;
  /** The newest sequence received. */
  lastSeq: number;
  /** Journal frames. */
  frames: number;
  /** Bytes of every frame. */
  bytes: number;
  entries: number;
  gaps: number;
  closedEarly: boolean;
  onWelcome?: () => void;
}

const CONNECT_CONCURRENCY = 50;
const CONNECT_TIMEOUT_MS = 15_000;
const JOURNAL_PREFIX = Buffer.from('{"type":"journal","entries":[');
const SEQ_KEY = Buffer.from('"seq":');

const config = JSON.parse(process.argv[2] ?? '{}') as ConsolesConfig;
const titlePrefix = `bench ${config.runId} `;
const consoles: LiveConsole[] = [];
const deliveries: number[] = [];
const closeCodes: Record<string, number> = {};
let resyncs = 0;
let pongsSent = 0;
let finishing = false;

if (!process.send) {
  console.error('consoles: start me from bench/run.ts (an IPC channel is needed)');
  process.exit(2);
}

// Bounded whatever happens: a lifetime, and never outliving the bench.
const parent = process.ppid;
setTimeout(() => {
  console.error('consoles: lifetime exceeded; exiting');
  process.exit(3);
}, config.lifetimeMs).unref();
setInterval(() => process.ppid !== parent && process.exit(4), 1_000).unref();
process.on('disconnect', () => process.exit(0));

const connectStarted = performance.now();
const errors: string[] = [];
let failed = 0;
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(CONNECT_CONCURRENCY, config.count) }, async () => {
    while (next < config.count) {
      const index = next++;
      try {
        consoles.push(await connect(index < config.sample));
      } catch (error) {
        failed += 1;
        if (errors.length < 5) errors.push((error as Error).message);
      }
    }
  }),
);
reply({
  type: 'ready',
  connected: consoles.length,
  failed,
  connectMs: Math.round(performance.now() - connectStarted),
  errors,
});

process.on('message', (message: unknown) => {
  const finishMessage = message as FinishMessage;
  if (finishMessage.type === 'finish') void finish(finishMessage);
});

/** Opens one console and resolves once the server's welcome arrived. */
function connect(sampled: boolean): Promise<LiveConsole> {
  const url = new URL('/api/v1/live', config.baseUrl.replace(/^http/, 'ws'));
  url.searchParams.set('since', String(config.since));
  const socket = new WebSocket(url, {
    headers: { cookie: config.cookie },
    perMessageDeflate: false,
    handshakeTimeout: CONNECT_TIMEOUT_MS,
  });
  const liveConsole: LiveConsole = {
    socket,
    sampled,
    lastSeq: config.since,
    frames: 0,
    bytes: 0,
    entries: 0,
    gaps: 0,
    closedEarly: false,
  };
  socket.on('message', (data) => receive(liveConsole, data));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no welcome within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
    liveConsole.onWelcome = () => {
      clearTimeout(timer);
      resolve(liveConsole);
    };
    // An error is always followed by a close, which is what counts.
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      if (!finishing) {
        liveConsole.closedEarly = true;
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      }
      reject(new Error(`closed with ${code} before the welcome`));
    });
  });
}

function receive(liveConsole: LiveConsole, data: RawData): void {
  const receivedAt = wallClockMs();
  const buffer = Array.isArray(data)
    ? Buffer.concat(data)
    : Buffer.isBuffer(data)
      ? data
      : Buffer.from(data);
  liveConsole.bytes += buffer.length;
  const isJournal =
    buffer.length > JOURNAL_PREFIX.length &&
    JOURNAL_PREFIX.compare(buffer, 0, JOURNAL_PREFIX.length) === 0;
  if (isJournal) liveConsole.frames += 1;
  if (isJournal && !liveConsole.sampled) return countFrame(liveConsole, buffer);
  const message = JSON.parse(buffer.toString()) as ServerMessage;
  switch (message.type) {
    case 'journal':
      for (const entry of message.entries) {
        if (entry.seq !== liveConsole.lastSeq + 1) liveConsole.gaps += 1;
        liveConsole.lastSeq = entry.seq;
        liveConsole.entries += 1;
        if (entry.kind !== JournalKind.incidentOpened) continue;
        const { title } = entry.data.incident;
        if (!title.startsWith(titlePrefix)) continue;
        const reportNumber = Number.parseInt(title.slice(titlePrefix.length), 10);
        deliveries.push(reportNumber, receivedAt);
      }
      break;
    case 'welcome':
      liveConsole.onWelcome?.();
      break;
    case 'ping':
      liveConsole.socket.send(JSON.stringify({ type: 'pong', id: message.id }));
      pongsSent += 1;
      break;
    case 'resync':
      resyncs += 1;
      break;
  }
}

/**
 * NOTE: an unsampled console does not parse its frames (that would make this process, not the
 * server, the bottleneck). It reads only the first and last `"seq":` of each frame, which is
 * enough to count entries and see gaps, because the server sends each frame's entries
 * contiguous; the sampled consoles check that contiguity entry by entry.
 */
function countFrame(liveConsole: LiveConsole, buffer: Buffer): void {
  const first = readSeq(buffer, buffer.indexOf(SEQ_KEY, JOURNAL_PREFIX.length));
  const last = readSeq(buffer, buffer.lastIndexOf(SEQ_KEY));
  if (first === undefined || last === undefined || last < first) {
    liveConsole.gaps += 1;
    return;
  }
  if (first !== liveConsole.lastSeq + 1) liveConsole.gaps += 1;
  liveConsole.entries += last - first + 1;
  liveConsole.lastSeq = last;
}

function readSeq(buffer: Buffer, keyAt: number): number | undefined {
  if (keyAt < 0) return undefined;
  let value = 0;
  let digits = 0;
  for (let i = keyAt + SEQ_KEY.length; i < buffer.length && digits < 16; i++, digits++) {
    const byte = buffer[i]!;
    if (byte < 0x30 || byte > 0x39) break;
    value = value * 10 + (byte - 0x30);
  }
  return digits === 0 ? undefined : value;
}

async function finish({ headSeq, timeoutMs }: FinishMessage): Promise<void> {
  const started = performance.now();
  const open = () => consoles.filter((c) => !c.closedEarly);
  // Bounded by timeoutMs; checks every 20 ms.
  while (performance.now() - started < timeoutMs && open().some((c) => c.lastSeq < headSeq)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const drainMs = Math.round(performance.now() - started);
  finishing = true;
  const results: ConsolesResults = {
    headSeq,
    sampled: countGroup(
      consoles.filter((c) => c.sampled),
      headSeq,
    ),
    unsampled: countGroup(
      consoles.filter((c) => !c.sampled),
      headSeq,
    ),
    resyncs,
    disconnects: consoles.filter((c) => c.closedEarly).length,
    closeCodes,
    pongsSent,
    drainMs,
    deliveries,
  };
  for (const { socket } of consoles) socket.terminate();
  reply({ type: 'results', results }, () => process.exit(0));
}

function countGroup(group: readonly LiveConsole[], headSeq: number): ConsoleGroupCounts {
  const expected = headSeq - config.since;
  const counts: ConsoleGroupCounts = {
    consoles: group.length,
    complete: 0,
    frames: 0,
    bytes: 0,
    entries: 0,
    gaps: 0,
  };
  for (const c of group) {
    counts.frames += c.frames;
    counts.bytes += c.bytes;
    counts.entries += c.entries;
    counts.gaps += c.gaps;
    if (!c.closedEarly && c.gaps === 0 && c.lastSeq === headSeq && c.entries === expected) {
      counts.complete += 1;
    }
  }
  return counts;
}

function reply(message: ConsolesMessage, then?: () => void): void {
  process.send!(message, undefined, {}, () => then?.());
}
