import type { FastifyBaseLogger } from 'fastify';
import {
  CapOutcome,
  type CitySettings,
  type DistrictCollection,
  type JournalEntry,
} from '@vaka/domain';
import {
  claimDueCapFeed,
  recordCapFeedPoll,
  registerCapFeeds,
  type CapFeedAlertCounts,
  type CapFeedRow,
  type Database,
} from '@vaka/db';
import type { CapFeedConfig } from '../../config.ts';
import { decodeXml } from './decode.ts';
import { readCapDocument } from './read.ts';
import { importCapAlerts } from './service.ts';
import { parseXml, type XmlElement } from './xml.ts';

/** A feed or a linked CAP document is read up to this; past it, the download is stopped. */
export const FEED_BYTE_LIMIT = 5 * 1024 * 1024;
/** A request to a feed or a linked document gives up after this. */
const FETCH_TIMEOUT_MS = 30_000;
/** A feed lists at most this many alerts that are followed; national feeds list a few hundred. */
const MAX_LINKS_PER_FEED = 500;
/** Feeds polled per pass at most, so one pass stays short. */
const FEEDS_PER_PASS = 20;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** What polling a feed found. */
export interface CapFeedPollResult {
  url: string;
  status: 'imported' | 'unchanged' | 'failed';
  reportsCreated: number;
  /** Alerts the feed listed that Vaka had already: nothing was stored for them. */
  alertsRepeated: number;
  error?: string;
}

const NO_ALERTS: CapFeedAlertCounts = { new: 0, repeated: 0 };

/** A download that could not be used; the message says why, for the feed's `last_error`. */
class FetchError extends Error {
  override name = 'FetchError';
}

/** Fetches `url`, reading at most `limit` bytes of the body; a larger body is aborted. */
async function fetchLimited(
  url: URL,
  headers: Record<string, string>,
  limit: number,
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: controller.signal, redirect: 'follow' });
    } catch (error) {
      throw new FetchError(`${url.href} could not be reached: ${describe(error)}`);
    }
    if (response.status === 304 || !response.ok || !response.body) {
      controller.abort();
      return { status: response.status, headers: response.headers, body: Buffer.alloc(0) };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) {
      controller.abort();
      throw new FetchError(
        `${url.href} is ${mib(declared)}, more than the ${mib(limit)} Vaka reads`,
      );
    }
    // NOTE: read piece by piece and stopped past the limit, so a huge or endless body never
    // fills the memory.
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limit) {
          controller.abort();
          throw new FetchError(
            `${url.href} is more than the ${mib(limit)} Vaka reads; stopped reading it`,
          );
        }
        chunks.push(Buffer.from(value));
      }
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(`${url.href} broke off: ${describe(error)}`);
    }
    return { status: response.status, headers: response.headers, body: Buffer.concat(chunks) };
  } finally {
    clearTimeout(timer);
  }
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return error.name === 'AbortError' ? 'timed out' : `${error.message}${cause}`;
  }
  return String(error);
}

/** The charset parameter of a Content-Type, when it has one. */
function charsetOf(contentType: string | null): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
}

/**
 * The CAP documents a feed links to, in feed order, resolved against the feed's address: in
 * Atom, each entry's `<link>` of type application/cap+xml, or else one whose address ends in
 * `.xml` or `.cap`; in RSS, each item's enclosure of type application/cap+xml, or else its link
 * (see rssItemLink).
 */
export function capLinksOf(text: string, base: URL): string[] {
  const { roots } = parseXml(text);
  const links: string[] = [];
  const add = (href: string | undefined) => {
    if (!href?.trim()) return;
    try {
      const url = new URL(href.trim(), base).href;
      if (!links.includes(url)) links.push(url);
    } catch {
      // An address that is not one is passed over; the other entries still count.
    }
  };
  const visit = (element: XmlElement) => {
    const local = element.local.toLowerCase();
    if (local === 'entry') {
      const candidates = element.children.filter((child) => child.local === 'link');
      const typed = candidates.find((link) => isCapType(link.attributes.type));
      const named = candidates.find((link) => /\.(xml|cap)$/i.test(pathOf(link.attributes.href)));
      // NOTE: some agencies' CAP feeds (Krisinformation.se) link each alert as the entry's plain
      // alternate, `?format=xml`, typed as Atom; in a feed configured as a CAP feed that is the
      // alert. A document that turns out not to be one is refused by the import, and recorded.
      const alternate = candidates.find(
        (link) => (link.attributes.rel ?? 'alternate') === 'alternate',
      );
      add((typed ?? named ?? alternate)?.attributes.href);
      return;
    }
    if (local === 'item') {
      add(rssItemLink(element));
      return;
    }
    for (const child of element.children) visit(child);
  };
  for (const root of roots) visit(root);
  return links;
}

/**
 * The CAP alert an RSS item (0.9x, 1.0 or 2.0) stands for: an enclosure of type
 * application/cap+xml, else its `<link>`, else an Atom link typed as CAP, else its `<guid>` when
 * that is a permalink, else its RSS 1.0 `rdf:about`.
 */
function rssItemLink(item: XmlElement): string | undefined {
  const enclosure = item.children.find(
    (child) => child.local === 'enclosure' && isCapType(child.attributes.type),
  );
  if (enclosure?.attributes.url) return enclosure.attributes.url;
  // NOTE: an item may carry an Atom `<atom:link href="…"/>` beside or before its RSS `<link>`;
  // the RSS link is the one with text.
  const links = item.children.filter((child) => child.local === 'link');
  const written = links.find((link) => link.text.trim() !== '');
  if (written) return written.text;
  const typed = links.find((link) => isCapType(link.attributes.type) && link.attributes.href);
  if (typed) return typed.attributes.href;
  // RSS 2.0: a guid is a permalink unless it says otherwise; some feeds give only that.
  const guid = item.children.find((child) => child.local === 'guid');
  if (guid && guid.attributes.isPermaLink?.trim().toLowerCase() !== 'false') {
    const text = guid.text.trim();
    if (/^https?:\/\//i.test(text)) return text;
  }
  return item.attributes['rdf:about'];
}

function isCapType(type: string | undefined): boolean {
  return (type ?? '').split(';')[0]?.trim().toLowerCase() === 'application/cap+xml';
}

function pathOf(href: string | undefined): string {
  return (href ?? '').split(/[?#]/)[0] ?? '';
}

/** A linked address Vaka follows: https, or http on this machine only, as for the feeds. */
function followable(href: string): URL | undefined {
  const url = new URL(href);
  const secure =
    url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  return secure ? url : undefined;
}

/**
 * Polls the configured CAP feeds. Nothing is held in memory: each feed's next poll, validators
 * and last outcome are rows in PostgreSQL read by the server's clock; a due feed is claimed by
 * moving its next poll on (rows another instance is claiming are skipped), so several instances
 * poll each feed once per interval, and a failed poll is simply tried at the next one. Alerts go
 * through the CAP import as `feed:<name>`, which recognises those it has, so a feed listing the
 * same alerts again stores nothing twice.
 */
export class CapFeedPoller {
  readonly #feeds: readonly CapFeedConfig[];
  readonly #deps: { database: Database; districts: DistrictCollection; city: CitySettings };
  readonly #clock: () => Date;
  readonly #log: FastifyBaseLogger;
  readonly #committed: (entries: JournalEntry[], reportsCreated: number) => void;
  readonly #byteLimit: number;
  #registered = false;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(deps: {
    feeds: readonly CapFeedConfig[];
    database: Database;
    districts: DistrictCollection;
    city: CitySettings;
    clock: () => Date;
    log: FastifyBaseLogger;
    committed: (entries: JournalEntry[], reportsCreated: number) => void;
    byteLimit?: number;
  }) {
    this.#feeds = deps.feeds;
    this.#deps = { database: deps.database, districts: deps.districts, city: deps.city };
    this.#clock = deps.clock;
    this.#log = deps.log;
    this.#committed = deps.committed;
    this.#byteLimit = deps.byteLimit ?? FEED_BYTE_LIMIT;
  }

  /** The feeds as configured, in their order. */
  get feeds(): readonly CapFeedConfig[] {
    return this.#feeds;
  }

  /** One pass at the server's time now: each due feed is polled; what each poll found. */
  async tick(): Promise<CapFeedPollResult[]> {
    if (this.#feeds.length === 0) return [];
    const { db } = this.#deps.database;
    const now = this.#clock();
    if (!this.#registered) {
      await registerCapFeeds(
        db,
        this.#feeds.map((feed) => ({ url: feed.url.href, name: feed.name })),
        now,
      );
      this.#registered = true;
    }
    const urls = this.#feeds.map((feed) => feed.url.href);
    const results: CapFeedPollResult[] = [];
    for (let polled = 0; polled < FEEDS_PER_PASS; polled += 1) {
      const claimed = await claimDueCapFeed(db, urls, now, (url) => {
        const every = this.#feeds.find((feed) => feed.url.href === url)?.everyMinutes ?? 5;
        return new Date(now.getTime() + every * 60_000);
      });
      if (!claimed) break;
      const feed = this.#feeds.find((candidate) => candidate.url.href === claimed.url);
      if (!feed) break;
      results.push(await this.#poll(feed, claimed, now));
    }
    return results;
  }

  /** Runs a pass every `pollMs` until stopped. */
  start(pollMs: number): void {
    if (this.#feeds.length === 0) return;
    this.#stopped = false;
    const loop = () => {
      this.#timer = setTimeout(() => {
        this.#running = this.tick()
          .then(() => undefined)
          .catch((error: unknown) => {
            // NOTE: a due feed stays due in the database and is tried again next pass.
            this.#log.error({ err: error }, 'CAP feed pass failed');
          })
          .finally(() => {
            this.#running = undefined;
            if (!this.#stopped) loop();
          });
      }, pollMs);
      this.#timer.unref();
    };
    loop();
  }

  /** Stops polling and waits for a pass under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  async #poll(feed: CapFeedConfig, state: CapFeedRow, now: Date): Promise<CapFeedPollResult> {
    const { db } = this.#deps.database;
    const url = feed.url.href;
    try {
      const headers: Record<string, string> = {
        accept: 'application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5',
      };
      if (state.etag !== undefined) headers['if-none-match'] = state.etag;
      if (state.lastModified !== undefined) headers['if-modified-since'] = state.lastModified;
      const response = await fetchLimited(feed.url, headers, this.#byteLimit);
      if (response.status === 304) {
        await recordCapFeedPoll(db, url, {
          status: 'unchanged',
          error: undefined,
          polledAt: now,
          alerts: NO_ALERTS,
        });
        return { url, status: 'unchanged', reportsCreated: 0, alertsRepeated: 0 };
      }
      if (response.status < 200 || response.status > 299) {
        throw new FetchError(`${url} answered HTTP ${response.status}`);
      }
      const decoded = decodeXml(response.body, charsetOf(response.headers.get('content-type')));
      const links = capLinksOf(decoded.text, feed.url).slice(0, MAX_LINKS_PER_FEED);
      const alerts = { new: 0, repeated: 0 };
      const problems: string[] = [];
      // NOTE: every listed alert is fetched whenever the feed changed; the import recognises
      // those Vaka has, at the cost of downloading them again.
      for (const link of links) {
        try {
          const taken = await this.#importLinked(link, feed.name, now);
          alerts.new += taken.new;
          alerts.repeated += taken.repeated;
        } catch (error) {
          problems.push(describe(error));
        }
      }
      const error =
        problems.length === 0
          ? undefined
          : `${problems.length} of ${links.length} linked alerts could not be imported; the first: ${problems[0]}`;
      // The validators are kept only when every alert was taken, so a failed one is fetched again.
      const validators =
        problems.length === 0
          ? {
              etag: response.headers.get('etag'),
              lastModified: response.headers.get('last-modified'),
            }
          : { etag: null, lastModified: null };
      await recordCapFeedPoll(db, url, {
        status: problems.length === 0 ? 'imported' : 'failed',
        error,
        polledAt: now,
        alerts,
        validators,
      });
      return {
        url,
        status: problems.length === 0 ? 'imported' : 'failed',
        reportsCreated: alerts.new,
        alertsRepeated: alerts.repeated,
        ...(error !== undefined && { error }),
      };
    } catch (error) {
      const message = describe(error);
      this.#log.warn({ feed: feed.name, url, err: error }, 'CAP feed poll failed');
      await recordCapFeedPoll(db, url, {
        status: 'failed',
        error: message,
        polledAt: now,
        alerts: NO_ALERTS,
      });
      return { url, status: 'failed', reportsCreated: 0, alertsRepeated: 0, error: message };
    }
  }

  /** Fetches one linked CAP document and imports its alerts; how many were new and repeated. */
  async #importLinked(link: string, feedName: string, now: Date): Promise<CapFeedAlertCounts> {
    const url = followable(link);
    if (!url) throw new FetchError(`${link} is not https; Vaka does not follow it`);
    const response = await fetchLimited(
      url,
      { accept: 'application/cap+xml, application/xml;q=0.9, */*;q=0.5' },
      this.#byteLimit,
    );
    if (response.status < 200 || response.status > 299) {
      throw new FetchError(`${link} answered HTTP ${response.status}`);
    }
    const decoded = decodeXml(response.body, charsetOf(response.headers.get('content-type')));
    const alerts = readCapDocument(decoded.text).map(({ alert, deviations }) => ({
      alert,
      deviations: [...decoded.deviations, ...deviations],
    }));
    const { entries, receipts, reportsCreated } = await importCapAlerts(this.#deps, alerts, {
      actor: `feed:${feedName}`,
      receivedAt: now,
    });
    this.#committed(entries, reportsCreated);
    const repeated = receipts.filter((receipt) => receipt.outcome === CapOutcome.redelivery).length;
    return { new: reportsCreated, repeated };
  }
}
