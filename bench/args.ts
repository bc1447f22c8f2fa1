import { parseArgs } from 'node:util';

/** Everything a bench run can be told on the command line. */
export interface BenchOptions {
  /** Websocket consoles connected during the fan-out phase. */
  consoles: number;
  /** Consoles (of `consoles`) that parse every frame and record latency. */
  sample: number;
  /** Reports offered per second, open loop, during the fan-out phase. */
  rate: number;
  /** How long the fan-out phase offers reports. */
  seconds: number;
  /** Concurrent connections of the closed-loop throughput phases. */
  connections: number;
  /** How long each closed-loop throughput phase measures (ceiling and Vaka alike). */
  ceilingSeconds: number;
  /** Unmeasured load before each closed-loop phase. */
  warmupSeconds: number;
  /** Varied reports loaded for the search phase; 0 skips it. */
  searchReports: number;
  /** Escalations started at once in the escalation storm; 0 skips it. */
  escalations: number;
  /** Messages published to four webhook subscribers in the webhook phase; 0 skips it. */
  webhookMessages: number;
  /** Write a V8 CPU profile of the Vaka server (its whole life) next to the results. */
  cpuProfile: boolean;
}

interface OptionSpec {
  key: Exclude<keyof BenchOptions, 'cpuProfile'>;
  flag: string;
  fallback: number;
  min: number;
  max: number;
  help: string;
}

const SPECS: readonly OptionSpec[] = [
  {
    key: 'consoles',
    flag: 'consoles',
    fallback: 1000,
    min: 1,
    max: 10_000,
    help: 'websocket consoles',
  },
  {
    key: 'sample',
    flag: 'sample',
    fallback: 50,
    min: 1,
    max: 10_000,
    help: 'consoles that record latency',
  },
  { key: 'rate', flag: 'rate', fallback: 200, min: 1, max: 5_000, help: 'reports/s, open loop' },
  { key: 'seconds', flag: 'seconds', fallback: 15, min: 1, max: 600, help: 'fan-out duration' },
  {
    key: 'connections',
    flag: 'connections',
    fallback: 64,
    min: 1,
    max: 1_000,
    help: 'closed-loop connections',
  },
  {
    key: 'ceilingSeconds',
    flag: 'ceiling-seconds',
    fallback: 8,
    min: 1,
    max: 600,
    help: 'closed-loop duration',
  },
  {
    key: 'warmupSeconds',
    flag: 'warmup-seconds',
    fallback: 2,
    min: 0,
    max: 60,
    help: 'closed-loop warm-up',
  },
  {
    key: 'searchReports',
    flag: 'search-reports',
    fallback: 20_000,
    min: 0,
    max: 200_000,
    help: 'reports searched in the search phase, 0 skips it',
  },
  {
    key: 'escalations',
    flag: 'escalations',
    fallback: 500,
    min: 0,
    max: 20_000,
    help: 'escalations started in the escalation storm, 0 skips it',
  },
  {
    key: 'webhookMessages',
    flag: 'webhook-messages',
    fallback: 0,
    min: 0,
    max: 5_000,
    help: 'messages published to 4 webhook subscribers, 0 skips it',
  },
];

/** The usage text printed by --help and after a bad argument. */
export function usage(): string {
  const lines = SPECS.map(
    (spec) => `  --${spec.flag.padEnd(16)} ${spec.help} (default ${spec.fallback})`,
  );
  return [
    'Usage: pnpm bench -- [options]',
    ...lines,
    '  --cpu-profile      write a CPU profile of the Vaka server to bench/results/',
    '  --help             this text',
  ].join('\n');
}

/** Thrown for an argument the bench cannot use; the message says which. */
export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

/** Parses the command line (a leading `--` from `pnpm bench -- ...` is ignored). */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const args = argv.filter((arg) => arg !== '--');
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean' },
        'cpu-profile': { type: 'boolean' },
        ...Object.fromEntries(SPECS.map((spec) => [spec.flag, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    throw new ArgumentError((error as Error).message);
  }
  if (parsed.values.help) return 'help';
  const options = { cpuProfile: parsed.values['cpu-profile'] === true } as BenchOptions;
  for (const spec of SPECS) {
    const raw = (parsed.values as Record<string, string | boolean | undefined>)[spec.flag];
    const value = typeof raw === 'string' ? Number(raw) : spec.fallback;
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      throw new ArgumentError(
        `--${spec.flag} must be a whole number from ${spec.min} to ${spec.max}, not "${String(raw)}"`,
      );
    }
    options[spec.key] = value;
  }
  if (options.sample > options.consoles) options.sample = options.consoles;
  return options;
}

/** The command that repeats a run with exactly these options. */
export function reproduceCommand(options: BenchOptions): string {
  const flags = SPECS.map((spec) => `--${spec.flag} ${options[spec.key]}`).join(' ');
  return `pnpm bench -- ${flags}${options.cpuProfile ? ' --cpu-profile' : ''}`;
}
