/** prom-client's default eventLoopMonitoringPrecision, which Vaka keeps. */
const EVENT_LOOP_RESOLUTION_MS = 10;

/** Cumulative bucket counts of one Prometheus histogram: upper bound (seconds) → count. */
export type Histogram = Map<number, number>;

/** The server's own view of a phase, from two scrapes of its /metrics. */
export interface ServerMetrics {
  /** Journal entry recorded → frame handed to the sockets (vaka_live_fanout_delay_seconds). */
  fanoutDelay: Histogram;
  /** POST /api/v1/reports answered 201, as the server timed it. */
  intakeDuration: Histogram;
  /**
   * How late the server's event loop ran its 10 ms sampling timer, in ms, since the previous
   * scrape (prom-client resets the underlying monitor on every scrape).
   */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

/**
 * Scrapes Vaka's /metrics for what the bench explains latency with. Scrape once right before a
 * phase: the event-loop figures of the scrape after it then cover exactly that phase.
 */
export async function scrapeServerMetrics(baseUrl: string): Promise<ServerMetrics> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  // NOTE: monitorEventLoopDelay reports the whole interval between samples, its 10 ms
  // resolution included; the bench subtracts it to show the delay alone.
  const gaugeMs = (name: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
    if (line === undefined) return NaN;
    const ms = Number(line.slice(name.length + 1)) * 1000 - EVENT_LOOP_RESOLUTION_MS;
    return Math.max(0, Math.round(ms * 100) / 100);
  };
  return {
    eventLoopDelayMs: {
      p50: gaugeMs('nodejs_eventloop_lag_p50_seconds'),
      p99: gaugeMs('nodejs_eventloop_lag_p99_seconds'),
      max: gaugeMs('nodejs_eventloop_lag_max_seconds'),
    },
    fanoutDelay: readHistogram(text, 'vaka_live_fanout_delay_seconds', {}),
    intakeDuration: readHistogram(text, 'vaka_http_request_duration_seconds', {
      method: 'POST',
      route: '/api/v1/reports',
      status: '201',
    }),
  };
}

/** Bucket counts added between two scrapes. */
function histogramDelta(before: Histogram, after: Histogram): Histogram {
  return new Map([...after].map(([bound, count]) => [bound, count - (before.get(bound) ?? 0)]));
}

/**
 * The bucket bound under which a fraction `q` of the observations fall, in milliseconds (an
 * upper bound: Prometheus buckets are coarse); undefined for an empty histogram.
 */
function histogramQuantileMs(histogram: Histogram, q: number): number | string | undefined {
  const bounds = [...histogram.keys()].sort((a, b) => a - b);
  const total = histogram.get(Infinity) ?? 0;
  if (total === 0) return undefined;
  for (const bound of bounds) {
    if (histogram.get(bound)! >= q * total) {
      return bound === Infinity ? `> ${bounds.at(-2)! * 1000}` : bound * 1000;
    }
  }
  return undefined;
}

/** Observations in a histogram. */
function histogramCount(histogram: Histogram): number {
  return histogram.get(Infinity) ?? 0;
}

function readHistogram(text: string, name: string, labels: Record<string, string>): Histogram {
  const histogram: Histogram = new Map();
  const prefix = `${name}_bucket{`;
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const close = line.lastIndexOf('}');
    // Label order is the exporter's choice; compare them by name.
    const found = new Map(
      [...line.slice(prefix.length, close).matchAll(/(\w+)="([^"]*)"/g)].map(
        ([, key, value]) => [key!, value!] as const,
      ),
    );
    if (Object.entries(labels).some(([key, value]) => found.get(key) !== value)) continue;
    const bound = found.get('le');
    if (bound === undefined) continue;
    const count = Number(line.slice(close + 1).trim());
    histogram.set(bound === '+Inf' ? Infinity : Number(bound), count);
  }
  return histogram;
}

/** Approximate percentiles of one histogram over a phase. */
export interface HistogramSummary {
  /** Upper bucket bounds in ms, "> N" past the last bucket. */
  p50?: number | string;
  p99?: number | string;
  count: number;
}

/** What the server saw over one phase, between two scrapes. */
export interface ServerView {
  eventLoopDelayMs: ServerMetrics['eventLoopDelayMs'];
  intakeDurationMs: HistogramSummary;
  fanoutDelayMs: HistogramSummary;
}

/** The server's own view of the phase between the scrapes `before` and `after`. */
export function serverView(before: ServerMetrics, after: ServerMetrics): ServerView {
  const summarize = (histogram: Histogram): HistogramSummary => {
    const p50 = histogramQuantileMs(histogram, 0.5);
    const p99 = histogramQuantileMs(histogram, 0.99);
    return {
      ...(p50 !== undefined && { p50 }),
      ...(p99 !== undefined && { p99 }),
      count: histogramCount(histogram),
    };
  };
  return {
    eventLoopDelayMs: after.eventLoopDelayMs,
    intakeDurationMs: summarize(histogramDelta(before.intakeDuration, after.intakeDuration)),
    fanoutDelayMs: summarize(histogramDelta(before.fanoutDelay, after.fanoutDelay)),
  };
}
