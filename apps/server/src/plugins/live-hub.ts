import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import {
  JOURNAL_VISIBILITY,
  LiveCloseCode,
  PROTOCOL_VERSION,
  ResyncReason,
  visibleEntry,
  type Permission,
  type JournalEntry,
  type ServerMessage,
} from '@vaka/domain';
import {
  JOURNAL_CHANNEL,
  journalHead,
  liveSessionHashes,
  readJournalAfter,
  type Database,
} from '@vaka/db';
import type { VakaMetrics } from './metrics.ts';

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
  }
}

export interface LiveHubOptions {
  /** Events of one tick go out as one frame, serialized once for every console. */
  tickMs: number;
  pingIntervalMs: number;
  /** How many recent entries stay in memory, so reconnecting consoles need no database read. */
  recentEntries: number;
  /** A console further behind than this is told to load a fresh snapshot instead. */
  maxReplay: number;
  /** A console with more than this many bytes unsent is told to resync rather than slow others. */
  maxBufferedBytes: number;
  /** How often to look at the database head, in case a notification was missed. */
  pollIntervalMs: number;
}

const DEFAULT_LIVE_HUB_OPTIONS: LiveHubOptions = {
  tickMs: 10,
  pingIntervalMs: 15_000,
  recentEntries: 20_000,
  maxReplay: 200_000,
  maxBufferedBytes: 8 * 1024 * 1024,
  pollIntervalMs: 5_000,
};

const REPLAY_PAGE = 1_000;
const VISIBILITY_PERMISSIONS = [...new Set(Object.values(JOURNAL_VISIBILITY))].sort();
const MAX_FRAME_ENTRIES = 1_000;

/** Who watches a console: what their roles let them see, and the session that lets them. */
export interface LiveViewer {
  permissions: ReadonlySet<Permission>;
  sessionTokenHash: string;
  userId: string;
}

interface LiveConsole {
  socket: WebSocket;
  viewer: LiveViewer;
  /** Consoles with the same key see the same entries, so they share one encoded frame. */
  visibilityKey: string;
  /** The newest sequence sent to this console. */
  sentSeq: number;
  /** False while the console is replaying history; live frames wait until it has caught up. */
  live: boolean;
  /** The welcome went out: until then nothing else may, not even a ping. */
  welcomed: boolean;
  missedPings: number;
}

/**
 * Sends the journal to every console connected to this instance, in order, each entry once.
 * Entries reach the hub from this instance's own commits (at once) and from other instances
 * through PostgreSQL NOTIFY (read back from the journal). Per tick, new entries go out as one
 * frame serialized once.
 */
export class LiveHub {
  readonly instanceId = randomUUID();
  /** The newest entry the hub holds, contiguous from the start. */
  private head = 0;
  /** The newest entry sent in a frame. */
  private flushedHead = 0;
  /** The newest entry known to exist, from local commits and notifications. */
  private knownHead = 0;
  /** Entries recentStart..head, the tail of the journal in memory. */
  private recent: JournalEntry[] = [];
  private consoles = new Set<LiveConsole>();
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlushAt = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private pingId = 0;
  private listener: pg.Client | undefined;
  private notifying = false;
  private notifyAgain = false;
  private closed = false;

  constructor(
    private readonly database: Database,
    private readonly metrics: VakaMetrics,
    private readonly log: FastifyBaseLogger,
    private readonly options: LiveHubOptions,
  ) {}

  /** Reads the journal head and starts listening for other instances' commits. */
  async start(): Promise<void> {
    this.head = this.flushedHead = this.knownHead = await journalHead(this.database.db);
    await this.listen();
    this.pingTimer = setInterval(() => {
      this.ping();
      void this.checkSessions();
    }, this.options.pingIntervalMs);
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollIntervalMs);
    this.metrics.fanoutLagEntries.set(0);
  }

  /** The entries this instance just committed: send them, and tell the other instances. */
  committed(entries: readonly JournalEntry[]): void {
    const last = entries.at(-1);
    if (!last || this.closed) return;
    this.knownHead = Math.max(this.knownHead, last.seq);
    if (!this.catchingUp && entries[0]!.seq === this.head + 1) this.accept(entries);
    else this.catchUp();
    void this.notify();
  }

  /** Adds a console that has applied everything up to `since` and replays what it missed. */
  async connect(
    socket: WebSocket,
    viewer: LiveViewer,
    since: number | undefined,
    protocol: number | undefined,
  ): Promise<void> {
    const liveConsole: LiveConsole = {
      socket,
      viewer,
      visibilityKey: VISIBILITY_PERMISSIONS.filter((permission) =>
        viewer.permissions.has(permission),
      ).join(','),
      sentSeq: since ?? this.flushedHead,
      live: false,
      missedPings: 0,
      welcomed: false,
    };
    this.consoles.add(liveConsole);
    this.metrics.liveConnections.set(this.consoles.size);
    socket.on('close', () => {
      this.consoles.delete(liveConsole);
      this.metrics.liveConnections.set(this.consoles.size);
    });
    socket.on('message', (data) => this.receive(liveConsole, data));
    socket.on('error', (error) => this.log.debug({ err: error }, 'live socket error'));

    if (protocol !== undefined && protocol !== PROTOCOL_VERSION) {
      return this.resync(liveConsole, ResyncReason.protocolMismatch);
    }
    const databaseHead = Math.max(this.knownHead, await journalHead(this.database.db));
    if (liveConsole.sentSeq > databaseHead)
      return this.resync(liveConsole, ResyncReason.unknownSequence);
    if (databaseHead - liveConsole.sentSeq > this.options.maxReplay) {
      return this.resync(liveConsole, ResyncReason.tooFarBehind);
    }
    this.send(liveConsole, {
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      instanceId: this.instanceId,
      headSeq: databaseHead,
      pingIntervalMs: this.options.pingIntervalMs,
    });
    liveConsole.welcomed = true;
    await this.replay(liveConsole);
  }

  /** Closes every console with a reason and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pingTimer);
    clearInterval(this.pollTimer);
    clearTimeout(this.flushTimer);
    for (const liveConsole of this.consoles) {
      liveConsole.socket.close(LiveCloseCode.shuttingDown, 'server shutting down');
    }
    await this.catchingUp;
    await this.listener?.end().catch(() => {});
  }

  /** Sends history from the database, then from memory, until the console is level with the frames. */
  private async replay(liveConsole: LiveConsole): Promise<void> {
    for (;;) {
      if (liveConsole.socket.readyState !== liveConsole.socket.OPEN) return;
      const recentStart = this.head - this.recent.length + 1;
      if (liveConsole.sentSeq >= recentStart - 1) {
        const from = Math.max(0, liveConsole.sentSeq - recentStart + 1);
        const upTo = this.flushedHead - recentStart + 1;
        for (let i = from; i < upTo; i += MAX_FRAME_ENTRIES) {
          this.sendEntries(
            liveConsole,
            this.recent.slice(i, Math.min(upTo, i + MAX_FRAME_ENTRIES)),
          );
        }
        liveConsole.live = true;
        return;
      }
      const entries = await readJournalAfter(this.database.db, liveConsole.sentSeq, REPLAY_PAGE);
      const older = entries.filter((entry) => entry.seq < recentStart);
      if (older.length === 0) continue;
      this.sendEntries(liveConsole, older);
    }
  }

  /** Closes the consoles of one session: it was signed out. */
  signOutSession(sessionTokenHash: string): void {
    this.closeWhere((viewer) => viewer.sessionTokenHash === sessionTokenHash);
  }

  /** Closes every console of a person: signed out everywhere, disabled, or their roles changed. */
  signOutUser(userId: string): void {
    this.closeWhere((viewer) => viewer.userId === userId);
  }

  private closeWhere(predicate: (viewer: LiveViewer) => boolean): void {
    for (const liveConsole of this.consoles) {
      if (!predicate(liveConsole.viewer)) continue;
      this.consoles.delete(liveConsole);
      liveConsole.socket.close(LiveCloseCode.signedOut, 'signed out');
    }
    this.metrics.liveConnections.set(this.consoles.size);
  }

  /** Closes consoles whose session ended on another instance or expired. */
  private async checkSessions(): Promise<void> {
    if (this.consoles.size === 0) return;
    const hashes = [...new Set([...this.consoles].map((c) => c.viewer.sessionTokenHash))];
    try {
      const live = await liveSessionHashes(this.database.db, hashes, new Date());
      this.closeWhere((viewer) => !live.has(viewer.sessionTokenHash));
    } catch (error) {
      this.log.warn({ err: error }, 'live hub could not check sessions');
    }
  }

  private sendEntries(liveConsole: LiveConsole, entries: readonly JournalEntry[]): void {
    if (entries.length === 0) return;
    const { permissions } = liveConsole.viewer;
    this.send(liveConsole, {
      type: 'journal',
      entries: entries.map((entry) => visibleEntry(entry, permissions)),
    });
    liveConsole.sentSeq = entries.at(-1)!.seq;
  }

  private accept(entries: readonly JournalEntry[]): void {
    for (const entry of entries) this.recent.push(entry);
    this.head = entries.at(-1)!.seq;
    const excess = this.recent.length - this.options.recentEntries;
    if (excess > 0) this.recent.splice(0, excess);
    this.scheduleFlush();
  }

  /**
   * The tick grows with the number of consoles. NOTE: sending costs per frame per console, so with
   * a thousand consoles fewer, larger frames keep the server ahead; with a few, the base tick.
   */
  private tick(): number {
    return Math.min(
      this.options.tickMs * 4,
      Math.max(this.options.tickMs, this.consoles.size / 40),
    );
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.closed) return;
    const wait = Math.max(0, this.lastFlushAt + this.tick() - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    this.lastFlushAt = Date.now();
    const recentStart = this.head - this.recent.length + 1;
    const from = Math.max(0, this.flushedHead + 1 - recentStart);
    const now = Date.now();
    for (let i = from; i < this.recent.length && this.consoles.size > 0; i += MAX_FRAME_ENTRIES) {
      const entries = this.recent.slice(i, i + MAX_FRAME_ENTRIES);
      const first = entries[0]!.seq;
      const last = entries.at(-1)!.seq;
      // Encoded once for all consoles that see the same entries: ws would otherwise convert the
      // string for each socket.
      const payloads = new Map<string, Buffer>();
      const payloadFor = (liveConsole: LiveConsole): Buffer => {
        let payload = payloads.get(liveConsole.visibilityKey);
        if (!payload) {
          const { permissions } = liveConsole.viewer;
          const visible = entries.map((entry) => visibleEntry(entry, permissions));
          payload = Buffer.from(
            JSON.stringify({ type: 'journal', entries: visible } satisfies ServerMessage),
          );
          payloads.set(liveConsole.visibilityKey, payload);
        }
        return payload;
      };
      for (const liveConsole of this.consoles) {
        if (!liveConsole.live || liveConsole.sentSeq >= last) continue;
        if (liveConsole.sentSeq === first - 1) {
          this.sendRaw(liveConsole, payloadFor(liveConsole), last);
        } else if (liveConsole.sentSeq >= first) {
          this.sendEntries(
            liveConsole,
            entries.filter((entry) => entry.seq > liveConsole.sentSeq),
          );
        } else {
          this.resync(liveConsole, ResyncReason.tooFarBehind);
        }
      }
      this.metrics.fanoutDelay.observe((now - Date.parse(entries[0]!.recordedAt)) / 1000);
    }
    this.flushedHead = this.head;
    this.metrics.fanoutLagEntries.set(this.knownHead - this.flushedHead);
  }

  private sendRaw(liveConsole: LiveConsole, payload: Buffer, lastSeq: number): void {
    if (liveConsole.socket.bufferedAmount > this.options.maxBufferedBytes) {
      return this.resync(liveConsole, ResyncReason.tooSlow);
    }
    liveConsole.socket.send(payload, { binary: false });
    liveConsole.sentSeq = lastSeq;
  }

  private send(liveConsole: LiveConsole, message: ServerMessage): void {
    if (liveConsole.socket.readyState !== liveConsole.socket.OPEN) return;
    liveConsole.socket.send(JSON.stringify(message));
  }

  private resync(liveConsole: LiveConsole, reason: ResyncReason): void {
    this.send(liveConsole, { type: 'resync', reason });
    this.consoles.delete(liveConsole);
    this.metrics.liveConnections.set(this.consoles.size);
    liveConsole.socket.close(LiveCloseCode.resync, reason);
  }

  private receive(liveConsole: LiveConsole, data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      message = undefined;
    }
    if (
      typeof message === 'object' &&
      message !== null &&
      (message as { type?: unknown }).type === 'pong'
    ) {
      liveConsole.missedPings = 0;
      return;
    }
    liveConsole.socket.close(1008, 'unrecognised message');
  }

  private ping(): void {
    const payload = JSON.stringify({ type: 'ping', id: ++this.pingId } satisfies ServerMessage);
    for (const liveConsole of this.consoles) {
      if (!liveConsole.welcomed) continue;
      if (liveConsole.missedPings >= 2) {
        liveConsole.socket.close(LiveCloseCode.pingTimeout, 'no answer to ping');
        continue;
      }
      liveConsole.missedPings += 1;
      if (liveConsole.socket.readyState === liveConsole.socket.OPEN)
        liveConsole.socket.send(payload);
    }
  }

  /** Reads entries from the database until the hub holds everything known to exist. */
  private catchUp(): void {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = (async () => {
      try {
        do {
          this.catchUpAgain = false;
          for (;;) {
            const entries = await readJournalAfter(this.database.db, this.head, REPLAY_PAGE);
            if (entries.length === 0) break;
            this.accept(entries);
            this.knownHead = Math.max(this.knownHead, this.head);
          }
        } while (this.catchUpAgain && !this.closed);
      } catch (error) {
        this.log.warn({ err: error }, 'live hub could not read the journal; will retry');
        setTimeout(() => this.catchUp(), 500).unref();
      } finally {
        this.catchingUp = undefined;
      }
    })();
  }

  private async poll(): Promise<void> {
    try {
      const head = await journalHead(this.database.db);
      if (head > this.head) {
        this.knownHead = Math.max(this.knownHead, head);
        this.catchUp();
      }
    } catch (error) {
      this.log.warn({ err: error }, 'live hub could not read the journal head');
    }
  }

  /** Tells other instances how far the journal reaches: coalesced, outside the write transaction. */
  private async notify(): Promise<void> {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    try {
      do {
        this.notifyAgain = false;
        await this.database.pool.query('select pg_notify($1, $2)', [
          JOURNAL_CHANNEL,
          String(this.knownHead),
        ]);
      } while (this.notifyAgain && !this.closed);
    } catch (error) {
      this.log.warn(
        { err: error },
        'could not notify other instances; they will find the entries by polling',
      );
    } finally {
      this.notifying = false;
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.database.url });
    client.on('notification', (notification) => {
      const seq = Number(notification.payload);
      if (Number.isInteger(seq) && seq > this.head) {
        this.knownHead = Math.max(this.knownHead, seq);
        this.catchUp();
      }
    });
    client.on('error', (error) => {
      if (this.closed) return;
      this.log.warn({ err: error }, 'lost the journal notification connection; reconnecting');
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => {}), 1_000).unref();
    });
    await client.connect();
    await client.query(`listen ${JOURNAL_CHANNEL}`);
    this.listener = client;
    this.catchUp();
  }
}

export default fp<Partial<LiveHubOptions>>(
  async (app, options) => {
    const hub = new LiveHub(app.database, app.metrics, app.log, {
      ...DEFAULT_LIVE_HUB_OPTIONS,
      ...options,
    });
    await hub.start();
    app.decorate('liveHub', hub);
    app.addHook('preClose', async () => hub.close());
  },
  { name: 'live-hub', dependencies: ['database', 'metrics'] },
);
