import type { ConsoleStore } from '../stores/console-store.ts';
import { LiveClient, type FetchFunction } from './live-client.ts';

/** Connects the console store to the server's live journal; returns the running client. */
export function startLive(store: ConsoleStore, baseUrl: string, fetch: FetchFunction): LiveClient {
  const client = new LiveClient({
    baseUrl,
    fetch,
    WebSocket: window.WebSocket,
    sink: {
      applySnapshot: (situation) => store.getState().loadSnapshot(situation, Date.now()),
      applyEntries: (entries) => store.getState().applyJournal(entries, Date.now()),
    },
  });
  client.onStatus((status) => store.getState().setConnectionStatus(status));
  // A laptop back on the network should not sit out the rest of a 10 s back-off.
  window.addEventListener('online', () => client.reconnectNow());
  client.start();
  return client;
}
