import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentStatus, type Incident, type IncidentSearchResult } from '@vaka/domain';
import { ApiClient } from '../../lib/api.ts';
import { createConsoleStore, type ConsoleStore } from '../../stores/console-store.ts';
import {
  buildIncident,
  buildSituation,
  incidentOpenedEntry,
  incidentUpdatedEntry,
} from '../../test-support/factories.ts';
import { startFakeHttpServer, type FakeHttpServer } from '../../test-support/fake-http-server.ts';
import { followIncidentSearch } from './incident-search.ts';

const DEBOUNCE_MS = 40;

let server: FakeHttpServer;
let store: ConsoleStore;
let stop: () => void;

beforeEach(async () => {
  server = await startFakeHttpServer();
  store = createConsoleStore();
  const api = new ApiClient({
    baseUrl: server.baseUrl,
    fetch: (input, init) => fetch(input, init),
    getCsrfToken: () => null,
    onSignedOut: () => {},
  });
  stop = followIncidentSearch({
    store,
    api,
    debounceMs: DEBOUNCE_MS,
    timeZone: () => 'Europe/Stockholm',
  });
});

afterEach(async () => {
  stop();
  await server.close();
});

const searchUrl = (query: Record<string, string>) =>
  `GET /api/v1/incidents?${new URLSearchParams({ ...query, limit: '200' }).toString()}`;
const searches = () =>
  server.requests.filter((request) => request.url.startsWith('/api/v1/incidents'));
const settled = () =>
  expect.poll(() => store.getState().incidentSearch.loading, { timeout: 2_000 }).toBe(false);

describe('the incident search', () => {
  it('asks the server once typing pauses, and shows what it found with its passages', async () => {
    const fire = buildIncident({ title: 'Brand i trapphus' });
    const found: IncidentSearchResult = {
      hits: [{ incident: fire, matches: [{ source: 'report', text: '«Rök» i trapphuset' }] }],
      truncated: false,
    };
    server.reply(searchUrl({ q: 'rök' }), { status: 200, body: found });

    for (const text of ['r', 'rö', 'rök']) store.getState().changeIncidentFilter({ text });
    expect(store.getState().incidentSearch.loading).toBe(true);
    await settled();

    expect(searches().map((request) => request.url)).toEqual([
      searchUrl({ q: 'rök' }).slice('GET '.length),
    ]);
    expect(store.getState().incidentSearch.result).toEqual(found);
  });

  it('searches closed incidents without words, and stops searching when the filter no longer needs it', async () => {
    server.reply(searchUrl({ status: 'closed' }), {
      status: 200,
      body: { hits: [], truncated: false },
    });
    store.getState().changeIncidentFilter({ statuses: [IncidentStatus.closed] });
    await settled();
    expect(searches()).toHaveLength(1);

    store.getState().clearIncidentFilter();
    expect(store.getState().incidentSearch).toMatchObject({ key: null, result: null });
  });

  it('keeps the reason a search failed, with the earlier results still in view', async () => {
    const fire = buildIncident();
    server.reply(searchUrl({ q: 'brand' }), {
      status: 200,
      body: { hits: [{ incident: fire, matches: [] }], truncated: false },
    });
    server.reply(searchUrl({ q: 'brand rök' }), { status: 503 });
    store.getState().changeIncidentFilter({ text: 'brand' });
    await settled();
    store.getState().changeIncidentFilter({ text: 'brand rök' });
    await settled();

    const search = store.getState().incidentSearch;
    expect(search.failure).toMatchObject({ outcome: 'server_error', status: 503 });
    expect(search.result?.hits[0]?.incident.id).toBe(fire.id);
  });

  it('asks again when the live journal changes an incident it found, and not for others', async () => {
    const fire = buildIncident();
    const storm = buildIncident();
    store.getState().loadSnapshot(buildSituation(2, [fire, storm]), Date.now());
    server.reply(searchUrl({ q: 'brand' }), {
      status: 200,
      body: { hits: [{ incident: fire, matches: [] }], truncated: false },
    });
    store.getState().changeIncidentFilter({ text: 'brand' });
    await settled();
    expect(searches()).toHaveLength(1);

    store
      .getState()
      .applyJournal(
        [incidentUpdatedEntry(3, { ...storm, updatedAt: '2025-01-15T10:00:00.000Z' })],
        Date.now(),
      );
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 3));
    expect(searches()).toHaveLength(1);

    store
      .getState()
      .applyJournal(
        [incidentUpdatedEntry(4, { ...fire, updatedAt: '2025-01-15T10:00:00.000Z' })],
        Date.now(),
      );
    await expect.poll(() => searches().length, { timeout: 2_000 }).toBe(2);

    store.getState().applyJournal([incidentOpenedEntry(5, buildIncident())], Date.now());
    await expect.poll(() => searches().length, { timeout: 2_000 }).toBe(3);
  });

  it('shows only the answer to the latest search when an earlier one answers late', async () => {
    const late = buildIncident({ title: 'Late' });
    const latest = buildIncident({ title: 'Latest' });
    // The first search is answered only after the second one has been.
    let answerFirst: () => void = () => {};
    const slowServer = createServer((request, response) => {
      const answer = (incident: Incident) => () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ hits: [{ incident, matches: [] }], truncated: false }));
      };
      if (request.url?.includes('q=ab') === true) {
        answer(latest)();
        setTimeout(answerFirst, 20);
      } else {
        answerFirst = answer(late);
      }
    });
    await new Promise<void>((resolve) => slowServer.listen(0, '127.0.0.1', resolve));
    const { port } = slowServer.address() as AddressInfo;
    const slowStore = createConsoleStore();
    const stopSlow = followIncidentSearch({
      store: slowStore,
      api: new ApiClient({
        baseUrl: `http://127.0.0.1:${port}`,
        fetch: (input, init) => fetch(input, init),
        getCsrfToken: () => null,
        onSignedOut: () => {},
      }),
      debounceMs: DEBOUNCE_MS,
      timeZone: () => 'Europe/Stockholm',
    });
    const shown: string[] = [];
    slowStore.subscribe((state) => {
      const title = state.incidentSearch.result?.hits[0]?.incident.title;
      if (title !== undefined && title !== shown.at(-1)) shown.push(title);
    });
    try {
      slowStore.getState().changeIncidentFilter({ text: 'a' });
      await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS * 3));
      slowStore.getState().changeIncidentFilter({ text: 'ab' });
      await expect
        .poll(() => slowStore.getState().incidentSearch.result?.hits[0]?.incident.title)
        .toBe('Latest');
      await new Promise((resolve) => setTimeout(resolve, 100));

      expect(shown).toEqual(['Latest']);
    } finally {
      stopSlow();
      slowServer.closeAllConnections();
      await new Promise<void>((resolve) => slowServer.close(() => resolve()));
    }
  });
});
