/** What the consoles process is told at start (as one JSON argument). */
export interface ConsolesConfig {
  /** Vaka's base URL, http://127.0.0.1:PORT. */
  baseUrl: string;
  /** A duty officer's session: every console signs in as the same person. */
  cookie: string;
  count: number;
  /** The first `sample` consoles parse every frame and record when bench reports arrive. */
  sample: number;
  /** The journal sequence every console starts after (the situation's asOfSeq). */
  since: number;
  /** Titles of this run's reports start with `bench <runId> `. */
  runId: string;
  /** The process exits by itself after this long, whatever happens. */
  lifetimeMs: number;
}

/** Counts over one group of consoles (sampled or not). */
export interface ConsoleGroupCounts {
  consoles: number;
  /** Consoles that received every entry from `since` to the final head, in order. */
  complete: number;
  /** Journal frames. */
  frames: number;
  /** Bytes of every frame, pings and welcome included. */
  bytes: number;
  entries: number;
  /** Frames or entries that did not continue exactly where the previous one ended. */
  gaps: number;
}

/** Consoles process → bench. */
export type ConsolesMessage =
  | { type: 'ready'; connected: number; failed: number; connectMs: number; errors: string[] }
  | { type: 'results'; results: ConsolesResults };

/** Bench → consoles process: reports are done; wait for `headSeq` and report. */
export interface FinishMessage {
  type: 'finish';
  headSeq: number;
  timeoutMs: number;
}

/** Everything the consoles saw. */
export interface ConsolesResults {
  headSeq: number;
  sampled: ConsoleGroupCounts;
  unsampled: ConsoleGroupCounts;
  /** `resync` frames received. */
  resyncs: number;
  /** Sockets closed by the server or the network before the end. */
  disconnects: number;
  /** Close codes of those sockets, with how often each came. */
  closeCodes: Record<string, number>;
  pongsSent: number;
  /** From the finish message (all reports answered) until every console had the final head. */
  drainMs: number;
  /**
   * Flat pairs [reportNumber, receivedAtMs, ...]: when each sampled console received each bench
   * report's `incident.opened` entry, on the shared wall clock.
   */
  deliveries: number[];
}
