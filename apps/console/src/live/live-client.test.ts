import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { IncidentStatus, LiveCloseCode, type JournalEntry, type Situation } from '@vaka/domain';
import { ApiClient } from '../lib/api.ts';
import { LiveClient, toWebSocketBase, type LiveStatus } from './live-client.ts';
import { startFakeLiveServer, type FakeLiveServer } from '../test-support/fake-live-server.ts';
import {
  buildIncident,
  buildSituation,
  hiddenEntry,
  incidentOpenedEntry,
  incidentUpdatedEntry,
} from '../test-support/factories.ts';

/** What reached the console, in the order it arrived. */
interface RecordedSink {
  readonly snapshots: Situation[];
  readonly entries: JournalEntry[];
  /** The `throughSeq` of every delivery. */
  readonly readThrough: number[];
  readonly statuses: LiveStatus[];
  signedOutCalls: number;
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
  const recorded: RecordedSink = {
    snapshots: [],
    entries: [],
    readThrough: [],
    statuses: [],
    signedOutCalls: 0,
  };
  client = new LiveClient({
    api: new ApiClient({
      baseUrl: server.baseUrl,
      fetch: (input, init) => fetch(input, init),
      getCsrfToken: () => null,
      onSignedOut: () => {},
    }),
    WebSocket,
    sink: {
      applySnapshot: (situation) => recorded.snapshots.push(situation),
      applyEntries: (entries, throughSeq) => {
        recorded.entries.push(...entries);
        recorded.readThrough.push(throughSeq);
      },
    },
    onSignedOut: () => {
      recorded.signedOutCalls += 1;
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

/** Lets the client run for a while, for tests that check something does not happen. */
async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
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
  server.situation = buildSituation(2, [storm, fire]);
}

describe('LiveClient', () => {
  it('loads the snapshot, then applies the entries replayed after it, and goes live', async () => {
    seedJournal();
    const recorded = startClient();

    await waitFor(() => recorded.entries.length === 2, 'the replayed entries');

    expect(recorded.snapshots.map((situation) => situation.asOfSeq)).toEqual([2]);
    expect(server.connections.map((connection) => connection.since)).toEqual([2]);
    expect(server.connections[0]?.protocol).toBe('2');
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
    server.situation = buildSituation(5, [incident]);
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
    server.situation = buildSituation(6, []);
    server.send({ type: 'journal', entries: [afterGap] });

    await waitFor(() => recorded.snapshots.length === 2, 'the reloaded snapshot');
    await waitFor(() => server.connections.length === 2, 'the reconnect');
    expect(seqs(recorded.entries)).toEqual([3, 4]);
    expect(server.connections[1]?.since).toBe(6);
  });

  it('reads past entries it may not see without applying them or taking them for a gap', async () => {
    seedJournal();
    const recorded = startClient();
    await waitFor(() => recorded.entries.length === 2, 'the replay');

    const visible = incidentOpenedEntry(6, buildIncident({ title: 'Visible to the console' }));
    server.send({ type: 'journal', entries: [hiddenEntry(5), visible, hiddenEntry(7)] });
    await waitFor(() => recorded.entries.length === 3, 'the visible entry');
    expect(client?.getLastAppliedSeq()).toBe(7);
    expect(recorded.readThrough.at(-1)).toBe(7);

    server.send({ type: 'journal', entries: [hiddenEntry(8)] });
    await waitFor(() => client?.getLastAppliedSeq() === 8, 'the placeholder alone');
    server.send({ type: 'journal', entries: [incidentOpenedEntry(9, buildIncident())] });
    await waitFor(() => recorded.entries.length === 4, 'the entry after the placeholders');

    expect(seqs(recorded.entries)).toEqual([3, 4, 6, 9]);
    expect(recorded.entries.some((entry) => (entry.kind as string) === 'hidden')).toBe(false);
    expect(recorded.snapshots).toHaveLength(1);
    expect(server.connections).toHaveLength(1);
  });

  it('resumes after the last placeholder when it reconnects', async () => {
    seedJournal();
    server.journal.push(hiddenEntry(5), hiddenEntry(6));
    const recorded = startClient();
    await waitFor(() => client?.getLastAppliedSeq() === 6, 'the replay with placeholders');

    server.connections[0]?.socket.terminate();
    await waitFor(() => server.connections.length === 2, 'the reconnect');

    expect(server.connections[1]?.since).toBe(6);
    expect(seqs(recorded.entries)).toEqual([3, 4]);
  });

  it('does not go live with a server that speaks another protocol version', async () => {
    server.welcomeProtocol = 1;
    const recorded = startClient();

    await waitFor(() => server.connections.length >= 2, 'a second attempt');
    expect(recorded.statuses.map((status) => status.status)).not.toContain('live');
  });

  it('stops for good and says so when the server closes the socket for a session that ended', async () => {
    const recorded = startClient();
    await waitFor(() => client?.getStatus().status === 'live', 'live status');

    server.connections[0]?.socket.close(LiveCloseCode.signedOut, 'Signed out');

    await waitFor(() => recorded.signedOutCalls === 1, 'the signed-out call');
    await pause(200);
    expect(server.connections).toHaveLength(1);
    expect(server.sessionRequests).toBe(0);
    expect(client?.getStatus().status).toBe('offline');
    expect(recorded.signedOutCalls).toBe(1);
  });

  it('asks for the session after a refused connection and stops when nobody is signed in', async () => {
    const recorded = startClient();
    await waitFor(() => client?.getStatus().status === 'live', 'live status');

    server.signedIn = false;
    server.connections[0]?.socket.terminate();

    await waitFor(() => recorded.signedOutCalls === 1, 'the signed-out call');
    await pause(200);
    expect(server.refusedUpgrades).toBe(1);
    expect(server.sessionRequests).toBe(1);
    expect(recorded.signedOutCalls).toBe(1);
  });

  it('keeps retrying a refused connection while the session is still valid', async () => {
    server.upgradesToRefuse = 2;
    const recorded = startClient();

    await waitFor(() => client?.getStatus().status === 'live', 'live status');
    expect(server.refusedUpgrades).toBe(2);
    expect(server.sessionRequests).toBe(2);
    expect(recorded.signedOutCalls).toBe(0);
  });

  it('stops before opening a socket when the snapshot is refused for want of a session', async () => {
    server.signedIn = false;
    const recorded = startClient();

    await waitFor(() => recorded.signedOutCalls === 1, 'the signed-out call');
    await pause(100);
    expect(server.situationRequests).toBe(1);
    expect(server.refusedUpgrades + server.connections.length).toBe(0);
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
