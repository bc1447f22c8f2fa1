import type { BenchOptions } from './args.ts';
import type { ConsolesResults } from './consoles-protocol.ts';
import type { EscalationResults } from './escalation.ts';
import type { ClosedLoopResult, OpenLoopResult } from './load.ts';
import type { CpuUse } from './processes.ts';
import type { SearchResults } from './search.ts';
import type { ServerView } from './server-metrics.ts';
import type { Distribution } from './stats.ts';
import type { WebhookResults } from './webhooks.ts';

/**
 * The goals the summary marks as met or missed (a missed goal does not fail the run). The search
 * goal is for common words at the default 20,000 reports, on the 2-core machine Vaka is sized for.
 */
export const GOALS = { intakeRatio: 0.6, fanoutP99Ms: 50, searchCommonP99Ms: 300 } as const;

/** Everything one run measured, as written to bench/results/. */
export interface BenchResults {
  startedAt: string;
  command: string;
  options: BenchOptions;
  environment: Record<string, string | number>;
  throughput: {
    ceiling: ClosedLoopResult;
    vaka: ClosedLoopResult;
    /** Vaka's reports/s over the ceiling's requests/s. */
    ratio: number;
    cpuSeconds: { ceiling?: CpuUse; vaka?: CpuUse };
    /** The Vaka server's own view of its measured closed-loop phase. */
    vakaServer?: ServerView;
  };
  fanout: {
    consolesConnected: number;
    consolesFailed: number;
    connectMs: number;
    sinceSeq: number;
    headSeq: number;
    generator: Omit<OpenLoopResult, 'sentAtMs'>;
    /** Console receive time − generator send time, over every sampled delivery. */
    latencyMs: Distribution | undefined;
    deliveriesMeasured: number;
    deliveriesExpected: number;
    consoles: Omit<ConsolesResults, 'deliveries'>;
    server: ServerView;
    cpuSeconds?: CpuUse;
  };
  /** Search over incidents, reports and notes on a database of its own (absent when skipped). */
  search?: SearchResults;
  /** Many escalations started at once, and their SMS through the outbox (absent when skipped). */
  escalations?: EscalationResults;
  /** Messages published and withdrawn, and their events to webhook subscribers (absent when skipped). */
  webhooks?: WebhookResults;
  goals: {
    intakeRatioMet: boolean;
    fanoutP99Met: boolean;
    /** Every common-word query's p99 within the goal; absent when the search phase was skipped. */
    searchCommonP99Met?: boolean;
  };
  /** Where the server's CPU profile goes (with --cpu-profile), written when it stops. */
  serverProfileDir?: string;
  /** Correctness checks that failed; any makes the run exit non-zero. */
  failures: string[];
}
