import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { IncidentStatus, LiveCloseCode, type JournalEntry, type Situation } from '@vaka/domain';
import { LiveClient, toWebSocketBase, type LiveStatus } from './live-client.ts';
import { startFakeLiveServer, type FakeLiveServer } from '../test-support/fake-live-server.ts';
import {
  buildIncident,
  incidentOpenedEntry,
  incidentUpdatedEntry,
} from '../test-support/factories.ts';

/** What reached the console, in the order it arrived. */
interface RecordedSink {
  readonly snapshots: Situation[];
  readonly entries: JournalEntry[];
  readonly statuses: LiveStatus[];
}

let server: FakeLiveServer;
let client: LiveClient | undefined;

beforeEach(async () => {
  server = await startFakeLiveServer();
});

afterEach(async () => {
  client?.stop();
  client = undefined;
  await server.close();
});

function startClient(): RecordedSink {
  const recorded: RecordedSink = { snapshots: [], entries: [], statuses: [] };
  client = new LiveClient({
    baseUrl: server.baseUrl,
    WebSocket,
    fetch: (input, init) => fetch(input, init),
    sink: {
      applySnapshot: (situation) => recorded.snapshots.push(situation),
      applyEntries: (entries) => recorded.entries.push(...entries),
    },
    initialDelayMs: 10,
    maxDelayMs: 40,
    offlineAfterMs: 150,
    connectTimeoutMs: 2_000,
  });
  client.onStatus((status) => recorded.statuses.push(status));
  client.start();
  return recorded;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function seqs(entries: readonly JournalEntry[]): number[] {
  return entries.map((entry) => entry.seq);
}

/** A journal of four entries and a snapshot taken after the second. */
function seedJournal(): void {
  const fire = buildIncident({ title: 'Fire in a stairwell' });
  const storm = buildIncident({ title: 'Fallen tree' });
  const flood = buildIncident({ title: 'Flooded underpass' });
  server.journal = [
    incidentOpenedEntry(1, fire),
    incidentOpenedEntry(2, storm),
    incidentOpenedEntry(3, flood),
    incidentUpdatedEntry(4, { ...fire, status: IncidentStatus.acknowledged }),
  ];
  server.situation = { asOfSeq: 2, incidents: [storm, fire] };
}

describe('LiveClient', () => {
  it('loads the snapshot, then applies the entries replayed after it, and goes live', async () => {
    seedJournal();
    const recorded = startClient();

    await waitFor(() => recorded.entries.length === 2, 'the replayed entries');

    expect(recorded.snapshots.map((situation) => situation.asOfSeq)).toEqual([2]);
    expect(server.connections.map((connection) => connection.since)).toEqual([2]);
    expect(seqs(recorded.entries)).toEqual([3, 4]);
    expect(client?.getLastAppliedSeq()).toBe(4);
    expect(recorded.statuses.map((status) => status.status)).toEqual(['live']);
  });

  it('streams new entries as they are appended', async () => {
    seedJournal();
    const recorded = startClient();
    await waitFor(() => recorded.entries.length === 2, 'the replay');

    server.append(incidentOpenedEntry(5, buildIncident({ title: 'Power cut' })));

    await waitFor(() => recorded.entries.length === 3, 'the live entry');
    expect(recorded.entries.at(-1)).toMatchObject({
      seq: 5,
      data: { incident: { title: 'Power cut' } },
    });
  });

  it('answers every ping with a pong carrying the same id', async () => {
    const recorded = startClient();
    await waitFor(() => client?.getStatus().status === 'live', 'live status');

    server.send({ type: 'ping', id: 41 });
    server.send({ type: 'ping', id: 42 });

    await waitFor(() => server.pongs.length === 2, 'two pongs');
    expect(server.pongs).toEqual([41, 42]);
    expect(recorded.statuses.at(-1)?.status).toBe('live');
  });

  it('reconnects by itself after the server drops it and resumes from the last applied entry', async () => {
    seedJournal();
    const recorded = startClient();
    await waitFor(() => recorded.entries.length === 2, 'the replay');

    server.connections[0]?.socket.terminate();
    server.journal.push(incidentOpenedEntry(5, buildIncident({ title: 'Smoke from a roof' })));

    await waitFor(() => recorded.entries.length === 3, 'the entry written while disconnected');
    expect(server.connections.map((connection) => connection.since)).toEqual([2, 4]);
    expect(seqs(recorded.entries)).toEqual([3, 4, 5]);
    expect(server.situationRequests).toBe(1);
    expect(recorded.statuses.map((status) => status.status)).toEqual([
      'live',
      'reconnecting',
      'live',
    ]);
    expect(recorded.statuses[1]?.since).toBeInstanceOf(Date);
  });

  it('never applies an entry twice, even when the server replays what the console already has', async () => {
    seedJournal();
    server.replayEverything = true;
    const recorded = startClient();
    await waitFor(() => recorded.entries.length === 2, 'the replay');

    const entry4 = server.journal[3];
    const entry5 = incidentOpenedEntry(5, buildIncident());
    if (entry4 === undefined) throw new Error('seed journal changed');
    server.send({ type: 'journal', entries: [entry4, entry5, entry5] });
    server.journal.push(entry5);
    await waitFor(() => recorded.entries.length >= 3, 'entry 5');
    server.connections[0]?.socket.terminate();
    await waitFor(() => server.connections.length === 2, 'the reconnect');
    server.append(incidentOpenedEntry(6, buildIncident()));

    await waitFor(() => recorded.entries.length >= 4, 'entry 6');
    expect(seqs(recorded.entries)).toEqual([3, 4, 5, 6]);
  });

  it('reloads the snapshot when the server asks for a resync, then resumes from its asOfSeq', async () => {
    seedJournal();
    const recorded = startClient();
    await waitFor(() => recorded.entries.length === 2, 'the replay');

    const incident = buildIncident({ title: 'Demonstration at the square' });
    server.journal.push(incidentOpenedEntry(5, incident));
    server.situation = { asOfSeq: 5, incidents: [incident] };
    server.send({ type: 'resync', reason: 'too_slow' });
    server.connections[0]?.socket.close(LiveCloseCode.resync);

    await waitFor(() => server.connections.length === 2, 'the reconnect');
    await waitFor(() => client?.getStatus().status === 'live', 'live again');
    expect(recorded.snapshots.map((situation) => situation.asOfSeq)).toEqual([2, 5]);
    expect(server.connections[1]?.since).toBe(5);
    expect(seqs(recorded.entries)).toEqual([3, 4]);
  });

  it('treats a gap in the journal as a resync and does not apply past it', async () => {
    seedJournal();
    const recorded = startClient();
    await waitFor(() => recorded.entries.length === 2, 'the replay');

    const skipped = incidentOpenedEntry(5, buildIncident());
    const afterGap = incidentOpenedEntry(6, buildIncident({ title: 'After the gap' }));
    server.journal.push(skipped, afterGap);
    server.situation = { asOfSeq: 6, incidents: [] };
    server.send({ type: 'journal', entries: [afterGap] });

    await waitFor(() => recorded.snapshots.length === 2, 'the reloaded snapshot');
    await waitFor(() => server.connections.length === 2, 'the reconnect');
    expect(seqs(recorded.entries)).toEqual([3, 4]);
    expect(server.connections[1]?.since).toBe(6);
  });

  it('considers a silent socket dead and reconnects', async () => {
    server.pingIntervalMs = 40;
    const recorded = startClient();
    await waitFor(() => client?.getStatus().status === 'live', 'live status');

    await waitFor(() => server.connections.length >= 2, 'a second connection', 2_000);
    expect(recorded.statuses.map((status) => status.status)).toContain('reconnecting');
  });

  it('shows offline with the time the connection was lost when the server stays away', async () => {
    const recorded = startClient();
    await waitFor(() => client?.getStatus().status === 'live', 'live status');
    const beforeLoss = Date.now();

    await server.close();
    server = await startFakeLiveServer();

    await waitFor(() => client?.getStatus().status === 'offline', 'offline status');
    const offline = client?.getStatus();
    expect(offline?.since?.getTime()).toBeGreaterThanOrEqual(beforeLoss);
    expect(recorded.statuses.map((status) => status.status)).toEqual([
      'live',
      'reconnecting',
      'offline',
    ]);
    expect(recorded.statuses[1]?.since).toBe(offline?.since);
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const seen: string[] = [];
    startClient();
    const unsubscribe = client?.onStatus((status) => seen.push(status.status));
    await waitFor(() => client?.getStatus().status === 'live', 'live status');
    unsubscribe?.();

    server.connections[0]?.socket.terminate();
    await waitFor(() => server.connections.length === 2, 'the reconnect');

    expect(seen).toEqual(['live']);
  });
});

describe('toWebSocketBase', () => {
  it('uses wss for a page served over https and ws otherwise', () => {
    expect(toWebSocketBase('https://vaka.example.org')).toBe('wss://vaka.example.org');
    expect(toWebSocketBase('http://127.0.0.1:5173/')).toBe('ws://127.0.0.1:5173');
  });
});
