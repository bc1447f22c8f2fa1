import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { countReports, findCapFeed, schema } from '@vaka/db';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { createTestDatabase } from '../../../../../tests/support/database.ts';
import { capAlert, capDocument } from '../../../../../tests/support/cap.ts';
import { ConfigError, loadConfig, type CapFeedConfig } from '../../config.ts';
import { capLinksOf } from './feeds.ts';

/** A weather service on this machine: an Atom feed linking to CAP documents, and what it was asked. */
class FeedServer {
  readonly server: Server;
  /** Path → CAP document. */
  readonly alerts = new Map<string, string>();
  /** The feed's entries, by the alert paths they link to. */
  entries: string[] = [];
  etag = '"v1"';
  /** A status the feed answers with instead, e.g. 500. */
  failWith: number | undefined;
  /** Requests to each path, with their headers. */
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  /** Bytes written of the endless feed before the reader hung up. */
  endlessBytes = 0;
  endlessClosed: Promise<void> | undefined;

  constructor() {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push({ path, headers: request.headers });
      if (path === '/endless.xml') {
        response.writeHead(200, { 'content-type': 'application/atom+xml' });
        this.endlessClosed = new Promise((resolve) => response.on('close', resolve));
        const chunk = Buffer.alloc(64 * 1024, ' ');
        response.write('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">');
        const more = () => {
          // Writes until the reader hangs up, waiting for each piece to be taken.
          while (!response.destroyed && this.endlessBytes < 64 * 1024 * 1024) {
            this.endlessBytes += chunk.length;
            if (!response.write(chunk)) {
              response.once('drain', more);
              return;
            }
          }
          if (!response.destroyed) response.end('</feed>');
        };
        more();
        return;
      }
      if (path === '/feed.xml') {
        if (this.failWith !== undefined) {
          response.writeHead(this.failWith).end('down for maintenance');
          return;
        }
        if (request.headers['if-none-match'] === this.etag) {
          response.writeHead(304).end();
          return;
        }
        response
          .writeHead(200, { 'content-type': 'application/atom+xml', etag: this.etag })
          .end(this.feed());
        return;
      }
      const alert = this.alerts.get(path);
      if (alert === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/cap+xml' }).end(alert);
    });
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  feed(): string {
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      '<title>SMHI warnings</title>',
      `<link href="${this.base}/feed.xml" rel="self" type="application/atom+xml"/>`,
      ...this.entries.map((path) =>
        [
          '<entry>',
          `<id>${path}</id>`,
          '<title>Varning</title>',
          `<link href="https://www.smhi.se/varningar" rel="alternate" type="text/html"/>`,
          `<link href="${path}" type="application/cap+xml"/>`,
          '</entry>',
        ].join(''),
      ),
      '</feed>',
    ].join('\n');
  }

  /** Adds a CAP document with one alert, listed in the feed. */
  publish(path: string, identifier: string): void {
    this.alerts.set(path, capDocument(capAlert({ identifier })));
    this.entries.push(path);
    this.etag = `"v${this.entries.length}"`;
  }

  asked(path: string) {
    return this.requests.filter((request) => request.path === path);
  }
}

const weather = new FeedServer();

beforeAll(async () => {
  await new Promise<void>((resolve) => weather.server.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  weather.server.closeAllConnections();
  await new Promise((resolve) => weather.server.close(resolve));
});

/** An app whose time is moved by hand, polling `feeds`. */
async function feedApp(feeds: CapFeedConfig[], databaseUrl?: string) {
  const time = { now: new Date('2026-11-22T10:00:00Z') };
  const app = await buildTestApp({
    ...(databaseUrl !== undefined && { databaseUrl }),
    config: { capFeeds: feeds },
    clock: () => time.now,
  });
  return { app, time };
}

const actorsOf = async (app: FastifyInstance) =>
  (await app.database.db.select({ actor: schema.journal.actor }).from(schema.journal)).map(
    (row) => row.actor,
  );

const reportIdentifiers = async (app: FastifyInstance) =>
  (await app.database.db.select({ cap: schema.reports.cap }).from(schema.reports))
    .map((row) => row.cap?.identifier)
    .sort();

describe('a configured CAP feed', () => {
  let app: FastifyInstance;
  let time: { now: Date };
  let feed: CapFeedConfig;

  beforeAll(async () => {
    feed = { url: new URL(`${weather.base}/feed.xml`), name: 'SMHI', everyMinutes: 5 };
    ({ app, time } = await feedApp([feed]));
  });
  afterAll(() => app.close());

  it('imports each alert the feed links to as feed:<name>, then asks again conditionally and imports nothing on 304', async () => {
    weather.publish('/alerts/storm.cap', 'smhi-storm-1');
    weather.publish('/alerts/flood.xml', 'smhi-flood-1');

    const [first] = await app.capFeedPoller.tick();
    expect(first).toMatchObject({ status: 'imported', reportsCreated: 2 });
    expect(await reportIdentifiers(app)).toEqual(['smhi-flood-1', 'smhi-storm-1']);
    const actors = await actorsOf(app);
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set(['feed:SMHI']));
    expect(await findCapFeed(app.database.db, feed.url.href)).toMatchObject({
      etag: '"v2"',
      lastStatus: 'imported',
      lastError: undefined,
    });

    // Not due before the interval has passed: nothing is asked.
    const asked = weather.requests.length;
    expect(await app.capFeedPoller.tick()).toEqual([]);
    expect(weather.requests.length).toBe(asked);

    time.now = new Date(time.now.getTime() + 5 * 60_000);
    const [second] = await app.capFeedPoller.tick();
    expect(second).toMatchObject({ status: 'unchanged', reportsCreated: 0 });
    expect(weather.asked('/feed.xml').at(-1)?.headers['if-none-match']).toBe('"v2"');
    expect(weather.asked('/alerts/storm.cap')).toHaveLength(1);
    expect(await countReports(app.database.db)).toBe(2);
  });

  it('imports only the new alert when the feed changes', async () => {
    weather.publish('/alerts/wind.cap', 'smhi-wind-1');
    time.now = new Date(time.now.getTime() + 5 * 60_000);

    const [poll] = await app.capFeedPoller.tick();
    expect(poll).toMatchObject({ status: 'imported', reportsCreated: 1 });
    expect(await reportIdentifiers(app)).toEqual(['smhi-flood-1', 'smhi-storm-1', 'smhi-wind-1']);
  });

  it('records a failing feed and tries it again after the interval', async () => {
    weather.failWith = 500;
    time.now = new Date(time.now.getTime() + 5 * 60_000);
    const before = weather.asked('/feed.xml').length;

    const [failed] = await app.capFeedPoller.tick();
    expect(failed).toMatchObject({ status: 'failed', reportsCreated: 0 });
    expect(await findCapFeed(app.database.db, feed.url.href)).toMatchObject({
      lastStatus: 'failed',
      lastError: `${feed.url.href} answered HTTP 500`,
    });
    expect(await app.capFeedPoller.tick()).toEqual([]);

    weather.failWith = undefined;
    weather.publish('/alerts/snow.cap', 'smhi-snow-1');
    time.now = new Date(time.now.getTime() + 5 * 60_000);
    const [retried] = await app.capFeedPoller.tick();
    expect(retried).toMatchObject({ status: 'imported', reportsCreated: 1 });
    expect(weather.asked('/feed.xml').length).toBe(before + 2);
    expect(await findCapFeed(app.database.db, feed.url.href)).toMatchObject({
      lastStatus: 'imported',
      lastError: undefined,
    });
  });
});

describe('a feed larger than Vaka reads', () => {
  it('is stopped while downloading, the error recorded and nothing imported', async () => {
    const feed = { url: new URL(`${weather.base}/endless.xml`), name: 'Huge', everyMinutes: 1 };
    const { app } = await feedApp([feed]);
    try {
      const [poll] = await app.capFeedPoller.tick();
      expect(poll).toMatchObject({ status: 'failed', reportsCreated: 0 });
      expect(poll?.error).toContain('more than the 5.0 MiB Vaka reads');
      await weather.endlessClosed;
      // The download stopped near the limit, far before the 64 MiB the server would send.
      expect(weather.endlessBytes).toBeLessThan(24 * 1024 * 1024);
      expect(await countReports(app.database.db)).toBe(0);
      expect(await findCapFeed(app.database.db, feed.url.href)).toMatchObject({
        lastStatus: 'failed',
        lastError: expect.stringContaining('more than the 5.0 MiB'),
      });
    } finally {
      await app.close();
    }
  });
});

describe('two instances on one database', () => {
  it('poll the feed once and import each alert once', async () => {
    const databaseUrl = await createTestDatabase();
    const feed = { url: new URL(`${weather.base}/feed.xml`), name: 'Shared', everyMinutes: 5 };
    const one = await feedApp([feed], databaseUrl);
    const two = await feedApp([feed], databaseUrl);
    try {
      const before = weather.asked('/feed.xml').length;
      const [a, b] = await Promise.all([
        one.app.capFeedPoller.tick(),
        two.app.capFeedPoller.tick(),
      ]);
      expect([...(a ?? []), ...(b ?? [])]).toHaveLength(1);
      expect(weather.asked('/feed.xml').length).toBe(before + 1);
      expect(await countReports(one.app.database.db)).toBe(weather.entries.length);
      const rows = await one.app.database.db
        .select()
        .from(schema.journal)
        .where(eq(schema.journal.kind, 'report.received'));
      expect(rows).toHaveLength(weather.entries.length);
    } finally {
      await one.app.close();
      await two.app.close();
    }
  });
});

describe('VAKA_CAP_FEEDS', () => {
  const refused = (value: string) => {
    try {
      loadConfig({ VAKA_CAP_FEEDS: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('reads the feeds', () => {
    const { capFeeds } = loadConfig({
      VAKA_CAP_FEEDS:
        '[{"url":"https://opendata.smhi.se/warnings.atom","name":"SMHI","everyMinutes":5}]',
    });
    expect(capFeeds).toEqual([
      { url: new URL('https://opendata.smhi.se/warnings.atom'), name: 'SMHI', everyMinutes: 5 },
    ]);
    expect(loadConfig({}).capFeeds).toEqual([]);
  });

  it('refuses a bad entry, naming it', () => {
    expect(refused('{"url":"https://a"}')).toContain('must be a JSON array');
    expect(refused('not json')).toContain('must be a JSON array');
    expect(
      refused(
        '[{"url":"https://a.se/f","name":"A","everyMinutes":5},{"url":"http://b.se/f","name":"B","everyMinutes":5}]',
      ),
    ).toBe(
      'VAKA_CAP_FEEDS entry 2 ("B"): url must be an https:// URL (http:// only on localhost), not "http://b.se/f"',
    );
    expect(refused('[{"url":"https://a.se/f","name":"A","everyMinutes":0}]')).toContain(
      'VAKA_CAP_FEEDS entry 1 ("A") needs "everyMinutes"',
    );
    expect(refused('[{"url":"https://a.se/f","everyMinutes":5}]')).toContain(
      'VAKA_CAP_FEEDS entry 1 needs a "name"',
    );
    expect(
      refused(
        '[{"url":"https://a.se/f","name":"A","everyMinutes":5},{"url":"https://a.se/f","name":"B","everyMinutes":5}]',
      ),
    ).toContain('entry 2 ("B"): another feed has this url');
    expect(
      loadConfig({
        VAKA_CAP_FEEDS: '[{"url":"http://localhost:9000/f","name":"A","everyMinutes":5}]',
      }).capFeeds,
    ).toHaveLength(1);
  });
});

describe('the links a feed lists', () => {
  const base = new URL('https://feeds.example.org/cap/feed.atom');
  const atom = (entries: string) =>
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>${entries}</feed>`;

  it('takes the CAP link of an entry, else one ending .xml or .cap, else its alternate', () => {
    const feed = atom(`
      <entry><link rel="alternate" type="text/html" href="/page/1"/>
        <link rel="related" type="application/cap+xml" href="/cap/1.xml"/></entry>
      <entry><link rel="alternate" href="https://other.example.org/alerts/2.cap"/></entry>
      <entry><link href="http://api.example.se/v1/capmessage/11337sv?format=xml"
        rel="alternate" type="application/atom+xml"/></entry>`);
    expect(capLinksOf(feed, base)).toEqual([
      'https://feeds.example.org/cap/1.xml',
      'https://other.example.org/alerts/2.cap',
      'http://api.example.se/v1/capmessage/11337sv?format=xml',
    ]);
  });

  const krisinformation = new URL(
    '../../../../../../shared/fixtures/cap/krisinformation-atom-feed-sv.xml',
    import.meta.url,
  );
  it.skipIf(!existsSync(krisinformation))(
    'finds every alert of the Swedish national crisis feed, linked as its entries’ alternates',
    () => {
      const links = capLinksOf(readFileSync(krisinformation, 'utf8'), base);
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((link) => /\/v1\/capmessage\/\w+\?format=xml$/.test(link))).toBe(true);
    },
  );
});
