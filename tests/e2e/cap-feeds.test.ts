import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { capAlert, capDocument } from '../support/cap.ts';
import { freePort } from '../support/server-process.ts';
import { openConsoleSession, type ConsoleSession } from './console-session.ts';

const WAIT = { timeout: 20_000 };

/**
 * A weather service and a rescue service on this machine: SMHI's RSS feed links one CAP alert
 * and answers only when the test lets it; the rescue service's feed is down (503).
 */
class Agencies {
  readonly server: Server;
  readonly alert = capDocument(capAlert({ identifier: `e2e-feed-${Date.now()}` }));
  #held: ServerResponse[] = [];
  #holding = true;

  constructor() {
    this.server = createServer((request, response) => {
      switch (request.url) {
        case '/smhi.rss':
          if (this.#holding) this.#held.push(response);
          else this.#answerFeed(response);
          return;
        case '/alerts/storm.xml':
          response.writeHead(200, { 'content-type': 'application/cap+xml' }).end(this.alert);
          return;
        case '/rescue.rss':
          response.writeHead(503, { 'content-type': 'text/plain' }).end('maintenance');
          return;
        default:
          response.writeHead(404).end();
      }
    });
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** SMHI's feed answers, the request waiting so far too. */
  release(): void {
    this.#holding = false;
    for (const response of this.#held.splice(0)) this.#answerFeed(response);
  }

  #answerFeed(response: ServerResponse): void {
    response
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(
        [
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<rss version="2.0"><channel><title>SMHI varningar</title>',
          '<link>https://www.smhi.se/</link><description>Varningar</description>',
          `<item><title>Storm</title><link>${this.base}/alerts/storm.xml</link></item>`,
          '</channel></rss>',
        ].join('\n'),
      );
  }
}

const agencies = new Agencies();
let session: ConsoleSession;
let page: Page;

beforeAll(async () => {
  await new Promise<void>((resolve) => agencies.server.listen(0, '127.0.0.1', resolve));
  // A port nobody listens on: the road authority's feed cannot be reached.
  const nobody = await freePort();
  const feeds = [
    { url: `${agencies.base}/smhi.rss`, name: 'SMHI', everyMinutes: 5 },
    { url: `${agencies.base}/rescue.rss`, name: 'Räddningstjänsten', everyMinutes: 5 },
    { url: `http://127.0.0.1:${nobody}/feed.rss`, name: 'Trafikverket', everyMinutes: 5 },
  ];
  session = await openConsoleSession(['duty_officer'], { VAKA_CAP_FEEDS: JSON.stringify(feeds) });
  page = session.page;
});

afterAll(async () => {
  agencies.release();
  await session?.close();
  agencies.server.closeAllConnections();
  await new Promise((resolve) => agencies.server.close(resolve));
});

/** The shown line of one feed: its state, and the rest of what it says. */
async function feedShown(name: string) {
  const row = page.locator(`[data-testid="cap-feed"][data-feed-name="${name}"]`);
  await row.waitFor(WAIT);
  return {
    state: (await row.getByTestId('cap-feed-state').textContent()) ?? '',
    error: (await row.getByTestId('cap-feed-error').allTextContents()).join(''),
    lastAlert: (await row.getByTestId('cap-feed-last-alert').textContent()) ?? '',
  };
}

describe('the alert feeds beside the queue', () => {
  it('shows each configured feed not asked yet while the first poll waits for an answer', async () => {
    const panel = page.getByTestId('cap-feeds');
    await panel.waitFor(WAIT);
    expect(await panel.getByRole('heading').textContent()).toBe('Alert feeds');
    expect(
      await panel
        .locator('[data-testid="cap-feed"]')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-feed-name'))),
    ).toEqual(['SMHI', 'Räddningstjänsten', 'Trafikverket']);
    for (const name of ['SMHI', 'Räddningstjänsten', 'Trafikverket']) {
      expect(await feedShown(name)).toEqual({
        state: 'Not asked yet',
        error: '',
        lastAlert: 'No alert yet',
      });
    }
  });

  it('after the feeds answered and the console reconnected: SMHI working with its last alert, the others failing since when and why', async () => {
    agencies.release();
    // SMHI's alert comes in as a report, live.
    await page.getByTestId('incident-row').first().waitFor(WAIT);

    // Vaka restarts; the console reconnects and reads the feeds again at once.
    await session.stopServer('SIGTERM');
    await session.startServer();
    await page.locator('[data-testid="connection-status"][data-status="live"]').waitFor(WAIT);
    await page
      .locator('[data-feed-name="Trafikverket"][data-health="failing"]')
      .waitFor({ timeout: 30_000 });

    const smhi = await feedShown('SMHI');
    expect(smhi.state).toBe('Working');
    expect(smhi.error).toBe('');
    expect(smhi.lastAlert).toMatch(/^Last alert \d{2}:\d{2}$/);

    const rescue = await feedShown('Räddningstjänsten');
    expect(rescue.state).toMatch(/^Failing since \d{2}:\d{2}$/);
    expect(rescue.error).toBe(`${agencies.base}/rescue.rss answered HTTP 503`);
    expect(rescue.lastAlert).toBe('No alert yet');

    const roads = await feedShown('Trafikverket');
    expect(roads.state).toMatch(/^Failing since \d{2}:\d{2}$/);
    expect(roads.error).toContain('could not be reached');

    // Failing for less than two intervals is no warning yet.
    expect(await page.getByTestId('cap-feed-warning').count()).toBe(0);
    // The shapes say it without colour: a filled circle for working, a triangle for failing.
    const shapes = await page
      .locator('[data-testid="cap-feed"] .cap-feed__shape')
      .allTextContents();
    expect(shapes).toEqual(['●', '▲', '▲']);
  });
});

describe('a Vaka without feeds', () => {
  it('shows no alert feeds at all', async () => {
    const plain = await openConsoleSession(['duty_officer']);
    try {
      const answered = plain.page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/cap-feeds'),
        WAIT,
      );
      await plain.page.reload();
      expect((await answered).status()).toBe(200);
      await plain.page.getByTestId('incident-queue').waitFor(WAIT);
      expect(await plain.page.getByTestId('cap-feeds').count()).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
