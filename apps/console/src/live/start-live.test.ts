import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LiveCloseCode, Role } from '@vaka/domain';
import { ApiClient } from '../lib/api.ts';
import { selectCsrfToken } from '../stores/auth-slice.ts';
import { createConsoleStore, type ConsoleStore } from '../stores/console-store.ts';
import { startFakeLiveServer, type FakeLiveServer } from '../test-support/fake-live-server.ts';
import { buildIncident, buildSession, buildSituation } from '../test-support/factories.ts';
import { followLiveWhileSignedIn } from './start-live.ts';

let server: FakeLiveServer;
let store: ConsoleStore;
let stopFollowing: () => void;

beforeEach(async () => {
  server = await startFakeLiveServer();
  server.situation = buildSituation(3, [buildIncident({ title: 'Storm damage' })]);
  store = createConsoleStore();
  const api = new ApiClient({
    baseUrl: server.baseUrl,
    fetch: (input, init) => fetch(input, init),
    getCsrfToken: () => selectCsrfToken(store.getState()),
    onSignedOut: () => store.getState().sessionEnded(),
  });
  stopFollowing = followLiveWhileSignedIn({ store, api, WebSocket });
});

afterEach(async () => {
  stopFollowing();
  await server.close();
});

async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('followLiveWhileSignedIn', () => {
  it('connects once someone who may see the situation signs in, and forgets it when they leave', async () => {
    await pause(50);
    expect(server.situationRequests).toBe(0);

    store.getState().setSession(buildSession({ user: { roles: [Role.communicator] } }));
    await expect.poll(() => store.getState().connectionStatus).toBe('live');
    expect([...store.getState().incidents.values()].map((incident) => incident.title)).toEqual([
      'Storm damage',
    ]);
    store.getState().changeIncidentFilter({ severities: ['critical'], text: 'storm' });

    store.getState().signedOut();
    expect(store.getState().incidents.size).toBe(0);
    // Whoever signs in next at this desk sees every open incident, unfiltered.
    expect(store.getState().incidentFilter).toMatchObject({ severities: [], text: '' });
    expect(store.getState().lastAppliedSeq).toBeNull();
    await expect.poll(() => server.connections[0]?.socket.readyState).toBe(WebSocket.CLOSED);
  });

  it('does not connect for an admin without a console role, nor before the password is changed', async () => {
    store.getState().setSession(buildSession({ user: { roles: [Role.admin] } }));
    store.getState().setSession(buildSession({ mustChangePassword: true }));
    await pause(100);

    expect(server.situationRequests).toBe(0);
    expect(server.connections).toHaveLength(0);
  });

  it('shows the sign-in screen when the server ends the session on the live connection', async () => {
    store.getState().setSession(buildSession());
    await expect.poll(() => store.getState().connectionStatus).toBe('live');

    server.signedIn = false;
    server.connections[0]?.socket.close(LiveCloseCode.signedOut, 'Signed out');

    await expect.poll(() => store.getState().auth.status).toBe('signed_out');
    expect(store.getState().situationLoaded).toBe(false);
  });
});
