import type { FastifyBaseLogger } from 'fastify';
import { JournalKind, type JournalEntry } from '@vaka/domain';
import { dueExpiredMessages, dueScheduledMessages, type Database } from '@vaka/db';
import type { WebhookRelay } from '../webhooks/relay.ts';
import { expireDueMessage, publishDueMessage } from './service.ts';

/** Versions taken per pass, of each kind. */
const DUE_BATCH = 50;

/**
 * The messages' durable timers: scheduled publication and expiry. Nothing is held in memory:
 * each pass reads what is due from PostgreSQL by the server's clock, and each version is
 * published or expired in a transaction of its own under the journal lock, where it is checked
 * again, so a restarted or second instance simply carries on and nothing happens twice.
 */
export class MessageTimer {
  readonly #database: Database;
  readonly #relay: WebhookRelay | undefined;
  readonly #clock: () => Date;
  readonly #log: FastifyBaseLogger;
  readonly #committed: (entries: JournalEntry[]) => void;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  /** Set while passes fail, to when they began to. */
  #failingSince: string | undefined;

  constructor(deps: {
    database: Database;
    relay?: WebhookRelay;
    clock: () => Date;
    log: FastifyBaseLogger;
    committed: (entries: JournalEntry[]) => void;
  }) {
    this.#database = deps.database;
    this.#relay = deps.relay;
    this.#clock = deps.clock;
    this.#log = deps.log;
    this.#committed = deps.committed;
  }

  /**
   * One pass at the server's time now: the due publications, then the due expiries. A scheduled
   * version whose validity ended before it could go out is returned to draft instead.
   */
  async tick(): Promise<{ published: number; returned: number; expired: number }> {
    const now = this.#clock();
    const scheduled = await this.#run(
      await dueScheduledMessages(this.#database.db, now, DUE_BATCH),
      (due) => publishDueMessage(this.#writer(), due, now),
      'a scheduled publication failed',
    );
    const expired = await this.#run(
      await dueExpiredMessages(this.#database.db, now, DUE_BATCH),
      (due) => expireDueMessage(this.#writer(), due, now),
      'a message could not expire',
    );
    return {
      published: scheduled.filter((entry) => entry.kind === JournalKind.messagePublished).length,
      returned: scheduled.filter((entry) => entry.kind === JournalKind.messageReturned).length,
      expired: expired.length,
    };
  }

  /** Runs a pass every `pollMs` until stopped. */
  start(pollMs: number): void {
    this.#stopped = false;
    const loop = () => {
      this.#timer = setTimeout(() => {
        this.#running = this.#pass().finally(() => {
          this.#running = undefined;
          if (!this.#stopped) loop();
        });
      }, pollMs);
      this.#timer.unref();
    };
    loop();
  }

  #writer() {
    return { database: this.#database, ...(this.#relay && { relay: this.#relay }) };
  }

  /** Stops polling and waits for a pass under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  async #run(
    due: ReadonlyArray<{ id: string; version: number }>,
    step: (due: { id: string; version: number }) => Promise<JournalEntry[]>,
    failure: string,
  ): Promise<JournalEntry[]> {
    const done: JournalEntry[] = [];
    for (const version of due) {
      try {
        const entries = await step(version);
        if (entries.length > 0) {
          this.#committed(entries);
          done.push(...entries);
        }
      } catch (error) {
        // One version that cannot move on must not hold up the others; it stays due.
        this.#log.error({ err: error, messageId: version.id, version: version.version }, failure);
      }
    }
    return done;
  }

  async #pass(): Promise<void> {
    try {
      await this.tick();
      if (this.#failingSince !== undefined) {
        this.#log.info({ since: this.#failingSince }, 'message timer passes work again');
        this.#failingSince = undefined;
      }
    } catch (error) {
      // NOTE: what was due stays due in the database; an outage is logged once, not every pass.
      if (this.#failingSince === undefined) {
        this.#failingSince = new Date().toISOString();
        this.#log.error({ err: error }, 'message timer pass failed; trying again every pass');
      } else {
        this.#log.debug({ err: error }, 'message timer pass failed again');
      }
    }
  }
}
