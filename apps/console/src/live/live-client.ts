import {
  LiveCloseCode,
  PROTOCOL_VERSION,
  type ClientMessage,
  type HiddenJournalEntry,
  type JournalEntry,
  type ServerMessage,
  type Situation,
} from '@vaka/domain';
import type { ApiClient } from '../lib/api.ts';

/** Where the console's live connection stands, as the duty officer sees it. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** A connection status with the moment the connection was lost (null while connecting or live). */
export interface LiveStatus {
  readonly status: ConnectionStatus;
  readonly since: Date | null;
}

export type LiveStatusListener = (status: LiveStatus) => void;

// NOTE: method-style handler types are compared bivariantly, so both the browser's WebSocket and the
// `ws` package's class (whose handlers take richer event objects) fit this minimal interface.
type SocketHandler<E> = { handle(event: E): void }['handle'];

/** The part of a WebSocket the live client uses; the browser's and the `ws` package's both fit. */
export interface LiveSocket {
  readonly readyState: number;
  onopen: SocketHandler<unknown> | null;
  onmessage: SocketHandler<{ readonly data: unknown }> | null;
  onclose: SocketHandler<{ readonly code: number }> | null;
  onerror: SocketHandler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type LiveSocketConstructor = new (url: string) => LiveSocket;

/** Where the live client delivers what it reads. */
export interface LiveSink {
  /** Replaces the whole situation picture with a fresh snapshot. */
  applySnapshot(situation: Situation): void;
  /**
   * Applies new journal entries, ascending by seq, each delivered once, and records that the
   * journal has been read through `throughSeq`. Entries this console may not see are left out,
   * so `throughSeq` may lie past the last entry, and the entries may be none at all.
   */
  applyEntries(entries: readonly JournalEntry[], throughSeq: number): void;
}

export interface LiveClientOptions {
  /** The server's API; the websocket goes to the same origin, over ws or wss to match. */
  readonly api: ApiClient;
  readonly sink: LiveSink;
  readonly WebSocket: LiveSocketConstructor;
  /** Called once when the server says the session ended; the client has stopped by then. */
  readonly onSignedOut?: () => void;
  /** First reconnect delay; doubles on each failed attempt up to `maxDelayMs`. */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** How long a lost connection shows as reconnecting before it shows as offline. */
  readonly offlineAfterMs?: number;
  /** How long to wait for the snapshot or the first message of a new socket. */
  readonly connectTimeoutMs?: number;
  readonly random?: () => number;
  readonly now?: () => Date;
}

const SOCKET_OPEN = 1;
const NORMAL_CLOSURE = 1000;
/** Missing this many ping intervals in a row means the socket is dead. */
const SILENCE_TOLERANCE = 2.5;

/** The server answered that nobody is signed in. */
class SignedOutError extends Error {}

/**
 * The console's live connection: loads the situation snapshot, follows the journal over the
 * websocket, and keeps doing so across network failures, server restarts and resyncs. Every journal
 * entry reaches the sink exactly once and in order; when that cannot be guaranteed (a gap, or the
 * server asks for it) the client reloads the snapshot and resumes from there. When the session
 * ends it stops for good and says so.
 */
export class LiveClient {
  private readonly options: Required<LiveClientOptions>;
  private readonly statusListeners = new Set<LiveStatusListener>();
  private status: LiveStatus = { status: 'connecting', since: null };
  private running = false;
  /** Bumped whenever a connection attempt is abandoned, so its late callbacks are ignored. */
  private attemptId = 0;
  private socket: LiveSocket | null = null;
  /** Whether the current socket got as far as the server's welcome. */
  private welcomed = false;
  private lastAppliedSeq: number | null = null;
  private needsSnapshot = true;
  private failedAttempts = 0;
  private resyncStreak = 0;
  private pingIntervalMs: number | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: LiveClientOptions) {
    this.options = {
      onSignedOut: () => {},
      initialDelayMs: 250,
      maxDelayMs: 10_000,
      offlineAfterMs: 15_000,
      connectTimeoutMs: 10_000,
      random: Math.random,
      now: () => new Date(),
      ...options,
    };
  }

  /** Starts loading the snapshot and following the journal. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.setStatus({ status: 'connecting', since: null });
    void this.connect();
  }

  /** Closes the connection for good; the status becomes offline. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.abandonAttempt();
    clearTimeout(this.offlineTimer);
    this.setStatus({ status: 'offline', since: this.status.since ?? this.options.now() });
  }

  /** Skips the back-off wait, e.g. when the browser says the network is back. */
  reconnectNow(): void {
    if (!this.running || this.socket !== null) return;
    this.failedAttempts = 0;
    this.abandonAttempt();
    void this.connect();
  }

  /** The current status. */
  getStatus(): LiveStatus {
    return this.status;
  }

  /** The sequence of the last journal entry applied, or null before the first snapshot. */
  getLastAppliedSeq(): number | null {
    return this.lastAppliedSeq;
  }

  /** Calls the listener on every status change; returns a function that stops it. */
  onStatus(listener: LiveStatusListener): () => void {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  private async connect(): Promise<void> {
    const attemptId = ++this.attemptId;
    if (this.needsSnapshot) {
      let situation: Situation;
      try {
        situation = await this.fetchSituation();
      } catch (error) {
        if (attemptId !== this.attemptId) return;
        if (error instanceof SignedOutError) {
          this.endSignedOut();
          return;
        }
        console.warn('Could not load the situation snapshot', error);
        this.retryLater();
        return;
      }
      if (attemptId !== this.attemptId) return;
      this.options.sink.applySnapshot(situation);
      this.lastAppliedSeq = situation.asOfSeq;
      this.needsSnapshot = false;
    }
    this.openSocket();
  }

  private async fetchSituation(): Promise<Situation> {
    const result = await this.options.api.get<unknown>('/api/v1/situation', {
      timeoutMs: this.options.connectTimeoutMs,
    });
    if (result.outcome === 'signed_out') throw new SignedOutError();
    if (result.outcome !== 'ok') throw new Error(`GET /api/v1/situation: ${result.outcome}`);
    if (!isSituation(result.body)) {
      throw new Error('GET /api/v1/situation answered an unexpected body');
    }
    return result.body;
  }

  private openSocket(): void {
    const since = this.lastAppliedSeq ?? 0;
    const url = `${toWebSocketBase(this.options.api.baseUrl)}/api/v1/live?since=${since}&protocol=${PROTOCOL_VERSION}`;
    let socket: LiveSocket;
    try {
      socket = new this.options.WebSocket(url);
    } catch (error) {
      console.warn('Could not open the live connection', error);
      this.retryLater();
      return;
    }
    this.socket = socket;
    this.welcomed = false;
    this.pingIntervalMs = null;
    this.expectMessageWithin(this.options.connectTimeoutMs);
    socket.onmessage = (event) => {
      if (socket === this.socket) this.receive(socket, event.data);
    };
    socket.onclose = (event) => {
      if (socket === this.socket) this.handleClose(event.code);
    };
    // The close event that follows an error is where the client reacts.
    socket.onerror = () => {};
  }

  private receive(socket: LiveSocket, data: unknown): void {
    const message = parseServerMessage(data);
    if (message === null) {
      console.warn('Ignored a live message the console does not understand');
      return;
    }
    this.expectMessageWithin(
      this.pingIntervalMs === null
        ? this.options.connectTimeoutMs
        : this.pingIntervalMs * SILENCE_TOLERANCE,
    );
    switch (message.type) {
      case 'welcome':
        if (message.protocol !== PROTOCOL_VERSION) {
          console.warn(
            `Server speaks live protocol ${message.protocol}, console ${PROTOCOL_VERSION}`,
          );
          this.resync();
          return;
        }
        this.welcomed = true;
        this.pingIntervalMs = message.pingIntervalMs;
        this.expectMessageWithin(message.pingIntervalMs * SILENCE_TOLERANCE);
        this.failedAttempts = 0;
        clearTimeout(this.offlineTimer);
        this.setStatus({ status: 'live', since: null });
        return;
      case 'journal':
        this.resyncStreak = 0;
        this.applyJournal(message.entries);
        return;
      case 'ping':
        this.resyncStreak = 0;
        if (socket.readyState === SOCKET_OPEN) {
          const pong: ClientMessage = { type: 'pong', id: message.id };
          socket.send(JSON.stringify(pong));
        }
        return;
      case 'resync':
        this.resync();
        return;
    }
  }

  private applyJournal(entries: ReadonlyArray<JournalEntry | HiddenJournalEntry>): void {
    if (this.lastAppliedSeq === null) return;
    const visible: JournalEntry[] = [];
    let expectedSeq = this.lastAppliedSeq + 1;
    let gap = false;
    for (const entry of entries) {
      if (entry.seq < expectedSeq) continue;
      if (entry.seq > expectedSeq) {
        gap = true;
        break;
      }
      // A placeholder for an entry this console may not see still counts: it keeps the
      // sequence contiguous, so the next visible entry is not mistaken for a gap.
      if (entry.kind !== 'hidden') visible.push(entry);
      expectedSeq += 1;
    }
    const throughSeq = expectedSeq - 1;
    if (throughSeq > this.lastAppliedSeq) {
      try {
        this.options.sink.applyEntries(visible, throughSeq);
      } catch (error) {
        console.error('Could not apply journal entries; reloading the situation', error);
        this.resync();
        return;
      }
      this.lastAppliedSeq = throughSeq;
    }
    if (gap) this.resync();
  }

  /** Drops what the console holds and starts again from a fresh snapshot. */
  private resync(): void {
    this.needsSnapshot = true;
    this.resyncStreak += 1;
    this.abandonAttempt();
    this.markLost();
    // NOTE: the first resync reloads at once; a server that keeps asking gets the usual back-off.
    const delay = this.resyncStreak <= 1 ? 0 : this.backoffDelay(this.resyncStreak - 2);
    this.scheduleConnect(delay);
  }

  private handleClose(code: number): void {
    this.socket = null;
    clearTimeout(this.silenceTimer);
    if (code === LiveCloseCode.signedOut) {
      this.endSignedOut();
      return;
    }
    if (code === LiveCloseCode.resync) {
      this.resync();
      return;
    }
    if (!this.welcomed) {
      void this.retryAfterRefusal();
      return;
    }
    this.retryLater();
  }

  /**
   * A socket that closed before the welcome may have been refused for want of a session, which a
   * browser cannot tell from a network failure: ask the server before trying again.
   */
  private async retryAfterRefusal(): Promise<void> {
    this.abandonAttempt();
    this.markLost();
    const attemptId = this.attemptId;
    const result = await this.options.api.get<unknown>('/api/v1/auth/session', {
      timeoutMs: this.options.connectTimeoutMs,
    });
    if (attemptId !== this.attemptId || !this.running) return;
    if (result.outcome === 'signed_out') {
      this.endSignedOut();
      return;
    }
    this.retryLater();
  }

  /** Stops for good: reconnecting cannot help until someone signs in again. */
  private endSignedOut(): void {
    if (!this.running) return;
    this.stop();
    this.options.onSignedOut();
  }

  private retryLater(): void {
    this.abandonAttempt();
    this.markLost();
    this.scheduleConnect(this.backoffDelay(this.failedAttempts));
    this.failedAttempts += 1;
  }

  private expectMessageWithin(ms: number): void {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      console.warn('The live connection went silent; reconnecting');
      this.retryLater();
    }, ms);
  }

  /** Forgets the current socket and any pending connect, so nothing of them reaches the sink. */
  private abandonAttempt(): void {
    this.attemptId += 1;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.silenceTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket === null) return;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onopen = null;
    // Keep an error handler: closing a socket still connecting reports an error.
    socket.onerror = () => {};
    try {
      socket.close(NORMAL_CLOSURE);
    } catch {
      // Already closing.
    }
  }

  private markLost(): void {
    if (this.status.status === 'reconnecting' || this.status.status === 'offline') return;
    const since = this.options.now();
    this.setStatus({ status: 'reconnecting', since });
    clearTimeout(this.offlineTimer);
    this.offlineTimer = setTimeout(() => {
      if (this.status.status === 'reconnecting') this.setStatus({ status: 'offline', since });
    }, this.options.offlineAfterMs);
  }

  private scheduleConnect(delayMs: number): void {
    clearTimeout(this.reconnectTimer);
    if (!this.running) return;
    this.reconnectTimer = setTimeout(() => void this.connect(), delayMs);
  }

  /** Exponential back-off with jitter, so a restarted server is not hit by every console at once. */
  private backoffDelay(attempt: number): number {
    const { initialDelayMs, maxDelayMs, random } = this.options;
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
    return ceiling / 2 + (random() * ceiling) / 2;
  }

  private setStatus(status: LiveStatus): void {
    if (status.status === this.status.status && status.since === this.status.since) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/** Turns `http://host` into `ws://host` and `https://host` into `wss://host`. */
export function toWebSocketBase(baseUrl: string): string {
  return baseUrl.replace(/^http(s?):/i, 'ws$1:').replace(/\/+$/, '');
}

function isSituation(value: unknown): value is Situation {
  return (
    isRecord(value) && typeof value['asOfSeq'] === 'number' && Array.isArray(value['incidents'])
  );
}

function parseServerMessage(data: unknown): ServerMessage | null {
  const text =
    typeof data === 'string'
      ? data
      : data instanceof ArrayBuffer || ArrayBuffer.isView(data)
        ? new TextDecoder().decode(data)
        : null;
  if (text === null) return null;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(message)) return null;
  switch (message['type']) {
    case 'welcome':
      return typeof message['pingIntervalMs'] === 'number' && message['pingIntervalMs'] > 0
        ? (message as ServerMessage)
        : null;
    case 'journal':
      return Array.isArray(message['entries']) ? (message as ServerMessage) : null;
    case 'ping':
    case 'resync':
      return message as ServerMessage;
    default:
      return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
