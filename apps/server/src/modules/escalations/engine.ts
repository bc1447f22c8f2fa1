import type { FastifyBaseLogger } from 'fastify';
import { dueEscalationIds, type Database } from '@vaka/db';
import { PASS_LIMIT, type OutboxDelivery } from './delivery.ts';
import type { EscalationService } from './service.ts';

/** Escalations whose step is due, taken per pass. */
const DUE_BATCH = 50;

/**
 * The durable timers' clockwork. Nothing is held in memory: each pass reads what is due from
 * PostgreSQL (escalation steps, then outgoing messages) by the server's clock, so a restarted or
 * second instance simply carries on. Passes never overlap on one instance; a wake-up during a
 * pass runs one more pass after it.
 */
export class EscalationEngine {
  readonly #database: Database;
  readonly #service: EscalationService;
  readonly #delivery: OutboxDelivery;
  readonly #clock: () => Date;
  readonly #log: FastifyBaseLogger;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;
  #pollMs = 1_000;
  /** Set while passes fail, to when they began to. */
  #failingSince: string | undefined;

  constructor(deps: {
    database: Database;
    service: EscalationService;
    delivery: OutboxDelivery;
    clock: () => Date;
    log: FastifyBaseLogger;
  }) {
    this.#database = deps.database;
    this.#service = deps.service;
    this.#delivery = deps.delivery;
    this.#clock = deps.clock;
    this.#log = deps.log;
  }

  /** One pass at the server's time now: the due steps, then the due messages. */
  async tick(): Promise<{ steps: number; messages: number }> {
    const now = this.#clock();
    let steps = 0;
    for (const id of await dueEscalationIds(this.#database.db, now, DUE_BATCH)) {
      try {
        if (await this.#service.runDueStep(id, now)) steps += 1;
      } catch (error) {
        // One escalation that cannot move on must not hold up the others; it stays due.
        this.#log.error({ err: error, escalationId: id }, 'an escalation step failed');
      }
    }
    const messages = await this.#delivery.deliverDue(now);
    return { steps, messages };
  }

  /** Runs a pass every `pollMs` until stopped. */
  start(pollMs: number): void {
    this.#pollMs = pollMs;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Runs a pass soon, e.g. because messages were just queued; a no-op when stopped. */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Stops polling and waits for a pass under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.#pass().finally(() => {
        this.#running = undefined;
        if (this.#stopped) return;
        const again = this.#again;
        this.#again = false;
        this.#schedule(again ? 0 : this.#pollMs);
      });
    }, delay);
    this.#timer.unref();
  }

  async #pass(): Promise<void> {
    try {
      const { messages } = await this.tick();
      // A full pass leaves messages behind: the next pass follows at once.
      if (messages >= PASS_LIMIT) this.#again = true;
      if (this.#failingSince !== undefined) {
        this.#log.info({ since: this.#failingSince }, 'escalation passes work again');
        this.#failingSince = undefined;
      }
    } catch (error) {
      // NOTE: the next pass tries again; what was due stays due in the database. An outage
      // (the database gone, say) is logged as an error once, not once a second.
      if (this.#failingSince === undefined) {
        this.#failingSince = new Date().toISOString();
        this.#log.error({ err: error }, 'escalation pass failed; trying again every pass');
      } else {
        this.#log.debug({ err: error }, 'escalation pass failed again');
      }
    }
  }
}
