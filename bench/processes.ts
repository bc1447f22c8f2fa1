import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

/** The repository root: children run from here so `--import tsx` resolves. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A TypeScript child process of the bench, with what it wrote kept for error messages. */
export interface BenchChild {
  child: ChildProcess;
  /** The last few kilobytes the process wrote. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const KEPT_OUTPUT = 16 * 1024;

/** Starts `node --import tsx <script>` from the repository root, optionally with an IPC channel. */
export function spawnTsChild(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  ipc = false,
): BenchChild {
  const stdio: StdioOptions = ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio,
  });
  return track(child);
}

/** Keeps the tail of a child's output and a promise of its exit. */
function track(child: ChildProcess): BenchChild {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A failed spawn or a send on a closed IPC channel: keep it for the message, do not crash.
  child.on('error', (error) => keep(Buffer.from(`\n[${error.message}]\n`)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, output: () => output, exited };
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
export async function stopChild(
  child: ChildProcess,
  exited: Promise<unknown>,
  graceMs = 10_000,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
  ]);
  clearTimeout(timer);
  if (timedOut) {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(2_000)]);
  }
}

/** Polls `url` until it answers 200; fails early if the child exits or after `timeoutMs`. */
export async function waitUntilReady(
  url: string,
  process: BenchChild,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process.child.exitCode !== null || process.child.signalCode !== null) {
      throw new Error(`${url} exited while starting:\n${process.output()}`);
    }
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${url} was not ready within ${timeoutMs} ms:\n${process.output()}`);
    }
    await sleep(100);
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CPU time spent so far, in seconds, by the whole machine and by each named group. */
export interface CpuSnapshot {
  atMs: number;
  machine: number;
  /** Time the hypervisor gave these CPUs to someone else. */
  steal: number;
  groups: Record<string, number>;
}

/**
 * CPU seconds per group over an interval, with `others` (processes not ours), `steal` (taken by
 * the hypervisor) and `available` (cores × wall time).
 */
export type CpuUse = Record<string, number>;

// NOTE: Linux clock ticks are 100 per second on every common kernel; reading the real value needs
// a native call, so a different one would skew the CPU figures (only those) proportionally.
const CLOCK_TICKS = 100;

/**
 * Reads CPU time from /proc: each named process with its descendants, `postgres` (the
 * PostgreSQL servers this process started, with their backends, exited ones included) and
 * `bench` (this process alone). Undefined where /proc is not there: CPU figures are left out.
 */
export function cpuSnapshot(groups: Record<string, number | undefined>): CpuSnapshot | undefined {
  let stats: Map<number, ProcStat>;
  let machine: { busy: number; steal: number };
  try {
    stats = readAllStats();
    machine = readMachine();
  } catch {
    return undefined;
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const postgresRoots = (children.get(process.pid) ?? []).filter(
    (pid) => stats.get(pid)?.command === 'postgres',
  );
  const own = stats.get(process.pid);
  const snapshot: CpuSnapshot = {
    atMs: performance.now(),
    machine: machine.busy / CLOCK_TICKS,
    steal: machine.steal / CLOCK_TICKS,
    groups: {
      // Not this process's reaped children: those are the processes measured on their own.
      bench: (own?.ticks ?? 0) / CLOCK_TICKS,
      postgres: sumTree(postgresRoots, stats, children),
    },
  };
  for (const [name, root] of Object.entries(groups)) {
    if (root !== undefined) snapshot.groups[name] = sumTree([root], stats, children);
  }
  return snapshot;
}

function sumTree(
  roots: readonly number[],
  stats: Map<number, ProcStat>,
  children: Map<number, number[]>,
): number {
  let ticks = 0;
  const stack = [...roots];
  // Bounded: each pid is visited once, and there are only so many in /proc.
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const stat = stats.get(pid);
    // A process's own time plus that of its children that have exited (e.g. pool backends).
    ticks += (stat?.ticks ?? 0) + (stat?.childTicks ?? 0);
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks / CLOCK_TICKS;
}

/** The CPU seconds each group spent between two snapshots, what others spent, and what there was. */
export function cpuBetween(
  before: CpuSnapshot | undefined,
  after: CpuSnapshot | undefined,
): CpuUse | undefined {
  if (!before || !after) return undefined;
  const use: CpuUse = {};
  let ours = 0;
  for (const [name, seconds] of Object.entries(after.groups)) {
    const spent = seconds - (before.groups[name] ?? 0);
    use[name] = round2(spent);
    ours += spent;
  }
  use.others = round2(Math.max(0, after.machine - before.machine - ours));
  use.steal = round2(after.steal - before.steal);
  use.available = round2((availableParallelism() * (after.atMs - before.atMs)) / 1000);
  return use;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

interface ProcStat {
  command: string;
  ppid: number;
  ticks: number;
  childTicks: number;
}

function readAllStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // The command name is in parentheses and may contain spaces; fields follow the last ')'.
    const close = text.lastIndexOf(')');
    const command = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    stats.set(Number(name), {
      command,
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      childTicks: Number(fields[13]) + Number(fields[14]),
    });
  }
  return stats;
}

/** Ticks of all CPUs together since boot: busy (user, nice, system, irq, softirq) and stolen. */
function readMachine(): { busy: number; steal: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return { busy: user + nice + system + irq + softirq, steal };
}
