import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { CapFeedHealth, JournalKind, type CapFeed, type CapFeedList } from '@vaka/domain';
import { schema } from '@vaka/db';
import { buildTestApp } from '../../../../../tests/support/app.ts';
import { createTestUser, signIn, type SignedIn } from '../../../../../tests/support/accounts.ts';
import { createTestDatabase } from '../../../../../tests/support/database.ts';
import { capAlert, capDocument } from '../../../../../tests/support/cap.ts';
import type { CapFeedConfig } from '../../config.ts';
import { capLinksOf } from './feeds.ts';

/** What a feed path answers: a document, or a failure status. */
interface FeedAnswer {
  body: string;
  contentType: string;
}

/**
 * An agency's web server on this machine: feeds by path, the CAP documents they link to, and
 * what was asked. It can answer a feed with an error, or stop listening altogether.
 */
class AgencyServer {
  readonly server: Server;
  readonly feeds = new Map<string, FeedAnswer>();
  readonly alerts = new Map<string, string>();
  /** Feed path → the status it answers with instead. */
  readonly failWith = new Map<string, number>();
  readonly asked: string[] = [];
  #port = 0;

  constructor() {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.asked.push(path);
      const failure = this.failWith.get(path);
      if (failure !== undefined) {
        response.writeHead(failure, { 'content-type': 'text/plain' }).end('down for maintenance');
        return;
      }
      const feed = this.feeds.get(path);
      if (feed !== undefined) {
        const etag = `"${Buffer.from(feed.body).length}-${hash(feed.body)}"`;
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304).end();
          return;
        }
        response.writeHead(200, { 'content-type': feed.contentType, etag }).end(feed.body);
        return;
      }
      answerAlert(response, this.alerts.get(path));
    });
  }

  get base(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.#port, '127.0.0.1', resolve));
    this.#port = (this.server.address() as AddressInfo).port;
  }

  /** Stops listening: the feed cannot be reached until `start()` again, on the same port. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** A CAP document with one alert of this identifier, at `path`. */
  publishAlert(path: string, identifier: string): string {
    this.alerts.set(path, capDocument(capAlert({ identifier })));
    return `${this.base}${path}`;
  }
}

function answerAlert(response: ServerResponse, alert: string | undefined): void {
  if (alert === undefined) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/cap+xml' }).end(alert);
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value;
}

/** An RSS feed (2.0 unless told) of these items' XML; it declares Atom, as many do. */
function rss(items: string[], version = '2.0'): FeedAnswer {
  return {
    contentType: 'application/rss+xml; charset=utf-8',
    body: [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<rss version="${version}" xmlns:atom="http://www.w3.org/2005/Atom"><channel>`,
      '<title>Warnings</title><link>https://www.example.org/</link>',
      '<description>Weather warnings</description>',
      ...items,
      '</channel></rss>',
    ].join('\n'),
  };
}

/** An RSS item whose `<link>` is the CAP alert. */
const linkItem = (href: string) =>
  `<item><title>Varning</title><link>${href}</link><guid isPermaLink="false">${href}#id</guid></item>`;

const agency = new AgencyServer();

beforeAll(() => agency.start());
afterAll(() => agency.stop());

/** An app whose time is moved by hand, polling `feeds`, and a signed-in duty officer. */
async function feedApp(feeds: CapFeedConfig[], databaseUrl?: string) {
  const time = { now: new Date('2026-11-22T10:00:00Z') };
  const app = await buildTestApp({
    ...(databaseUrl !== undefined && { databaseUrl }),
    config: { capFeeds: feeds },
    clock: () => time.now,
  });
  const officer = await signIn(
    app,
    (await createTestUser(app.database, ['duty_officer'])).username,
  );
  return { app, time, officer };
}

async function feedStatus(app: FastifyInstance, who: SignedIn): Promise<CapFeed[]> {
  const response = await app.inject({
    method: 'GET',
    url: '/api/v1/cap-feeds',
    headers: who.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as CapFeedList).feeds;
}

const minutesLater = (time: { now: Date }, minutes: number) => {
  time.now = new Date(time.now.getTime() + minutes * 60_000);
  return time.now;
};

describe('the status of the configured CAP feeds', () => {
  let app: FastifyInstance;
  let time: { now: Date };
  let officer: SignedIn;
  let weather: CapFeedConfig;
  let rescue: CapFeedConfig;
  const weatherItems: string[] = [];

  beforeAll(async () => {
    weather = { url: new URL(`${agency.base}/status/weather.rss`), name: 'SMHI', everyMinutes: 5 };
    rescue = { url: new URL(`${agency.base}/status/rescue.rss`), name: 'Rescue', everyMinutes: 10 };
    agency.feeds.set('/status/weather.rss', rss(weatherItems));
    agency.feeds.set('/status/rescue.rss', rss([]));
    ({ app, time, officer } = await feedApp([weather, rescue]));
  });
  afterAll(() => app.close());

  const publishWeather = (identifier: string) => {
    weatherItems.push(linkItem(agency.publishAlert(`/status/${identifier}.xml`, identifier)));
    agency.feeds.set('/status/weather.rss', rss(weatherItems));
  };
  const statusOf = async (name: string) => {
    const feed = (await feedStatus(app, officer)).find((candidate) => candidate.name === name);
    if (!feed) throw new Error(`${name} is not listed`);
    return feed;
  };

  it('lists every configured feed in its order, not asked yet, before the first poll', async () => {
    expect(await feedStatus(app, officer)).toEqual([
      {
        name: 'SMHI',
        url: weather.url.href,
        everyMinutes: 5,
        health: CapFeedHealth.notAskedYet,
        warning: false,
        lastPoll: { new: 0, repeated: 0 },
        total: { new: 0, repeated: 0 },
      },
      {
        name: 'Rescue',
        url: rescue.url.href,
        everyMinutes: 10,
        health: CapFeedHealth.notAskedYet,
        warning: false,
        lastPoll: { new: 0, repeated: 0 },
        total: { new: 0, repeated: 0 },
      },
    ]);
  });

  it('after a good poll: working, asked and answered now, its alerts counted, asked again one interval on', async () => {
    publishWeather('status-storm');
    publishWeather('status-flood');
    const polledAt = time.now.toISOString();

    await app.capFeedPoller.tick();

    expect(await statusOf('SMHI')).toEqual({
      name: 'SMHI',
      url: weather.url.href,
      everyMinutes: 5,
      health: CapFeedHealth.working,
      warning: false,
      lastAskedAt: polledAt,
      lastSucceededAt: polledAt,
      nextAskAt: '2026-11-22T10:05:00.000Z',
      lastNewAlertAt: polledAt,
      lastPoll: { new: 2, repeated: 0 },
      total: { new: 2, repeated: 0 },
    });
    // An empty feed works too; it has brought nothing yet.
    expect(await statusOf('Rescue')).toMatchObject({
      health: CapFeedHealth.working,
      nextAskAt: '2026-11-22T10:10:00.000Z',
      lastPoll: { new: 0, repeated: 0 },
    });
    expect(await statusOf('Rescue')).not.toHaveProperty('lastNewAlertAt');
  });

  it('tells the alerts a changed feed lists again from the new one, and an unchanged feed brings none', async () => {
    publishWeather('status-wind');
    const changedAt = minutesLater(time, 5).toISOString();
    await app.capFeedPoller.tick();

    expect(await statusOf('SMHI')).toMatchObject({
      lastAskedAt: changedAt,
      lastNewAlertAt: changedAt,
      lastPoll: { new: 1, repeated: 2 },
      total: { new: 3, repeated: 2 },
    });
    const reports = await app.database.db.select({ id: schema.reports.id }).from(schema.reports);
    expect(reports).toHaveLength(3);

    const unchangedAt = minutesLater(time, 5).toISOString();
    await app.capFeedPoller.tick();
    expect(await statusOf('SMHI')).toMatchObject({
      health: CapFeedHealth.working,
      lastAskedAt: unchangedAt,
      lastSucceededAt: unchangedAt,
      lastNewAlertAt: changedAt,
      lastPoll: { new: 0, repeated: 0 },
      total: { new: 3, repeated: 2 },
    });
  });

  it('a feed answering 503, then unreachable, is failing since its first failure, says why, and warns after more than two intervals', async () => {
    const lastGood = time.now.toISOString();
    agency.failWith.set('/status/weather.rss', 503);
    const firstFailure = minutesLater(time, 5).toISOString();
    await app.capFeedPoller.tick();

    expect(await statusOf('SMHI')).toEqual({
      name: 'SMHI',
      url: weather.url.href,
      everyMinutes: 5,
      health: CapFeedHealth.failing,
      warning: false,
      lastAskedAt: firstFailure,
      lastSucceededAt: lastGood,
      failingSince: firstFailure,
      lastError: `${weather.url.href} answered HTTP 503`,
      nextAskAt: new Date(Date.parse(firstFailure) + 5 * 60_000).toISOString(),
      lastNewAlertAt: expect.any(String) as string,
      lastPoll: { new: 0, repeated: 0 },
      total: { new: 3, repeated: 2 },
    });

    // The agency's server goes away altogether.
    agency.failWith.delete('/status/weather.rss');
    await agency.stop();
    try {
      minutesLater(time, 5);
      await app.capFeedPoller.tick();
      const thirdFailure = minutesLater(time, 5).toISOString();
      await app.capFeedPoller.tick();
      const unreachable = await statusOf('SMHI');
      expect(unreachable).toMatchObject({
        health: CapFeedHealth.failing,
        lastAskedAt: thirdFailure,
        lastSucceededAt: lastGood,
        failingSince: firstFailure,
        // Failing for two intervals is not yet a warning.
        warning: false,
      });
      expect(unreachable.lastError).toContain(`${weather.url.href} could not be reached`);

      // Past two intervals, the feed is a warning even before it is asked again.
      minutesLater(time, 1);
      expect(await statusOf('SMHI')).toMatchObject({
        health: CapFeedHealth.failing,
        warning: true,
      });
      // The other feed, still unreachable too but failing for less, is only failing.
      expect(await statusOf('Rescue')).toMatchObject({ warning: false });
    } finally {
      await agency.start();
    }

    const recoveredAt = minutesLater(time, 4).toISOString();
    await app.capFeedPoller.tick();
    const recovered = await statusOf('SMHI');
    expect(recovered).toMatchObject({
      health: CapFeedHealth.working,
      warning: false,
      lastAskedAt: recoveredAt,
      lastSucceededAt: recoveredAt,
    });
    expect(recovered).not.toHaveProperty('failingSince');
    expect(recovered).not.toHaveProperty('lastError');
  });

  it('is read by those who read the reports; an admin alone is refused (403), an anonymous caller 401', async () => {
    for (const role of ['communicator', 'leadership'] as const) {
      const person = await signIn(app, (await createTestUser(app.database, [role])).username);
      expect((await feedStatus(app, person)).map((feed) => feed.name)).toEqual(['SMHI', 'Rescue']);
    }
    const admin = await signIn(app, (await createTestUser(app.database, ['admin'])).username);
    const refused = await app.inject({
      method: 'GET',
      url: '/api/v1/cap-feeds',
      headers: admin.headers,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('SMHI');
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/cap-feeds' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toContain('SMHI');
  });
});

describe('a change of the configured feeds', () => {
  it('lists a feed still configured with its state and a new one as not asked yet, and no longer the removed one', async () => {
    const databaseUrl = await createTestDatabase();
    agency.feeds.set('/config/kept.rss', rss([]));
    agency.feeds.set('/config/removed.rss', rss([]));
    const kept = { url: new URL(`${agency.base}/config/kept.rss`), name: 'Kept', everyMinutes: 5 };
    const removed = {
      url: new URL(`${agency.base}/config/removed.rss`),
      name: 'Removed',
      everyMinutes: 5,
    };
    const before = await feedApp([kept, removed], databaseUrl);
    try {
      await before.app.capFeedPoller.tick();
    } finally {
      await before.app.close();
    }

    const added = {
      url: new URL(`${agency.base}/config/added.rss`),
      name: 'Added',
      everyMinutes: 5,
    };
    const after = await feedApp([added, { ...kept, name: 'Kept (renamed)' }], databaseUrl);
    try {
      const feeds = await feedStatus(after.app, after.officer);
      expect(feeds.map((feed) => [feed.name, feed.health])).toEqual([
        ['Added', CapFeedHealth.notAskedYet],
        ['Kept (renamed)', CapFeedHealth.working],
      ]);
    } finally {
      await after.app.close();
    }
  });
});

describe('RSS feeds of CAP alerts', () => {
  it('imports the alerts an RSS 2.0 feed links as its items’ links, as enclosures, or only as their guids', async () => {
    const byLink = agency.publishAlert('/rss/link-1.xml', 'rss-link-1');
    const byEnclosure = agency.publishAlert('/rss/enclosed-1.cap', 'rss-enclosure-1');
    const byGuid = agency.publishAlert('/rss/guid-1.xml', 'rss-guid-1');
    const byAtomLink = agency.publishAlert('/rss/atom-1.xml', 'rss-atom-1');
    const byOldRss = agency.publishAlert('/rss/old-1.xml', 'rss-091-1');
    agency.feeds.set('/rss/link.rss', rss([linkItem(byLink)]));
    // The item's link is the agency's page about the warning; the CAP alert is its enclosure.
    agency.feeds.set(
      '/rss/enclosure.rss',
      rss([
        `<item><title>Varning</title><link>${agency.base}/rss/page.html</link>` +
          `<enclosure url="${byEnclosure}" length="2048" type="application/cap+xml"/></item>`,
      ]),
    );
    // No link at all: a guid is a permalink unless it says otherwise.
    agency.feeds.set(
      '/rss/guid.rss',
      rss([
        `<item><title>Varning</title><guid>${byGuid}</guid></item>`,
        `<item><title>Not an address</title><guid isPermaLink="false">${byGuid}-copy</guid></item>`,
      ]),
    );
    // An Atom link inside the item, written before any RSS link, typed as CAP.
    agency.feeds.set(
      '/rss/atom-link.rss',
      rss([
        `<item><title>Varning</title><atom:link href="${byAtomLink}" rel="alternate" type="application/cap+xml"/></item>`,
      ]),
    );
    // RSS 0.91, its link written on a line of its own.
    agency.feeds.set(
      '/rss/old.rss',
      rss([`<item><title>Varning</title><link>\n  ${byOldRss}\n</link></item>`], '0.91'),
    );
    const feed = (path: string, name: string) => ({
      url: new URL(`${agency.base}/rss/${path}`),
      name,
      everyMinutes: 5,
    });
    const { app, officer } = await feedApp([
      feed('link.rss', 'Link'),
      feed('enclosure.rss', 'Enclosure'),
      feed('guid.rss', 'Guid'),
      feed('atom-link.rss', 'AtomLink'),
      feed('old.rss', 'Old'),
    ]);
    try {
      const polls = await app.capFeedPoller.tick();
      expect(polls.map((poll) => [poll.status, poll.reportsCreated])).toEqual([
        ['imported', 1],
        ['imported', 1],
        ['imported', 1],
        ['imported', 1],
        ['imported', 1],
      ]);
      const reports = await app.database.db
        .select({ cap: schema.reports.cap })
        .from(schema.reports);
      expect(reports.map((report) => report.cap?.identifier).sort()).toEqual([
        'rss-091-1',
        'rss-atom-1',
        'rss-enclosure-1',
        'rss-guid-1',
        'rss-link-1',
      ]);
      // The page the enclosure's item links to is never fetched as an alert.
      expect(agency.asked).not.toContain('/rss/page.html');
      const journal = await app.database.db
        .select({ actor: schema.journal.actor })
        .from(schema.journal)
        .where(eq(schema.journal.kind, JournalKind.reportReceived));
      expect(new Set(journal.map((entry) => entry.actor))).toEqual(
        new Set(['feed:Link', 'feed:Enclosure', 'feed:Guid', 'feed:AtomLink', 'feed:Old']),
      );
      const feeds = await feedStatus(app, officer);
      expect(feeds.every((status) => status.health === CapFeedHealth.working)).toBe(true);
      expect(feeds.map((status) => status.total)).toEqual(
        Array.from({ length: 5 }, () => ({ new: 1, repeated: 0 })),
      );
    } finally {
      await app.close();
    }
  });

  const bureau = new URL(
    '../../../../../../shared/fixtures/cap/wmo-bom-rss-feed-en.xml',
    import.meta.url,
  );
  it.skipIf(!existsSync(bureau))(
    'follows the item link of the WMO feed of the Bureau of Meteorology, not its guid that is no address',
    () => {
      const links = capLinksOf(
        readFileSync(bureau, 'utf8'),
        new URL('https://severeweather.wmo.int/v2/cap-alerts/au-bom-en/rss.xml'),
      );
      expect(links).toEqual([
        'https://severeweather.wmo.int/v2/cap-alerts/au-bom-en/2026/01/01/05/01/02-dc6fc32e272f13d57f3fb683aa6bd3b8.xml',
      ]);
    },
  );

  it('takes an RSS 1.0 item’s rdf:about when it has no link', () => {
    const feed = `<?xml version="1.0"?>
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
        <channel rdf:about="https://alerts.example.org/rss"><title>t</title></channel>
        <item rdf:about="https://alerts.example.org/cap/7.xml"><title>Varning</title></item>
      </rdf:RDF>`;
    expect(capLinksOf(feed, new URL('https://alerts.example.org/rss'))).toEqual([
      'https://alerts.example.org/cap/7.xml',
    ]);
  });
});
