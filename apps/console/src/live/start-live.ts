import type { ApiClient } from '../lib/api.ts';
import { accessOf } from '../features/auth/access.ts';
import { selectSession } from '../stores/auth-slice.ts';
import type { ConsoleState, ConsoleStore } from '../stores/console-store.ts';
import { LiveClient, type LiveSocketConstructor } from './live-client.ts';

export interface LiveWhileSignedInOptions {
  readonly store: ConsoleStore;
  readonly api: ApiClient;
  readonly WebSocket: LiveSocketConstructor;
  /** Where the browser says the network is back, so a waiting reconnect can skip its back-off. */
  readonly network?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

/** Who the live connection is for: the signed-in person, if their roles let them see the situation. */
function liveFor(state: ConsoleState): string | null {
  const session = selectSession(state);
  if (session === null || session.mustChangePassword) return null;
  return accessOf(session.user.roles).situation ? session.user.id : null;
}

/**
 * Follows the server's live journal into the store while someone who may see the situation is
 * signed in, and forgets the situation picture when they are not. Returns a function that stops.
 */
export function followLiveWhileSignedIn({
  store,
  api,
  WebSocket,
  network,
}: LiveWhileSignedInOptions): () => void {
  let running: { readonly userId: string; start(): void; stop(): void } | null = null;

  const forUser = (userId: string): NonNullable<typeof running> => {
    const client = new LiveClient({
      api,
      WebSocket,
      sink: {
        applySnapshot: (situation) => {
          store.getState().loadSnapshot(situation, Date.now());
          store.getState().loadReadiness(situation.readiness);
          store.getState().loadEscalations(situation.escalations);
          store.getState().markMessagesStale();
          store.getState().markPictureStale(new Date());
          store.getState().markSituationReportsStale();
          store.getState().markHandoversStale();
        },
        applyEntries: (entries, throughSeq) => {
          store.getState().applyJournal(entries, Date.now(), throughSeq);
          store.getState().applyReadinessEntries(entries);
          store.getState().applyEscalationEntries(entries);
          store.getState().applyMessageEntries(entries);
          store.getState().applyPictureEntries(entries, new Date());
          store.getState().applySituationReportEntries(entries);
          store.getState().applyHandoverEntries(entries);
        },
      },
      onSignedOut: () => store.getState().sessionEnded(),
    });
    // A laptop back on the network should not sit out the rest of a 10 s back-off.
    const onOnline = (): void => client.reconnectNow();
    let unsubscribe = (): void => {};
    return {
      userId,
      start() {
        unsubscribe = client.onStatus((status) => store.getState().setConnectionStatus(status));
        network?.addEventListener('online', onOnline);
        client.start();
        store.getState().setConnectionStatus(client.getStatus());
      },
      stop() {
        network?.removeEventListener('online', onOnline);
        unsubscribe();
        client.stop();
        store.getState().clearSituation();
        store.getState().clearReadiness();
        store.getState().clearEscalations();
        // The next person at this desk must see every open incident, not what this one filtered.
        store.getState().clearIncidentFilter();
      },
    };
  };

  const follow = (state: ConsoleState): void => {
    const userId = liveFor(state);
    if ((running?.userId ?? null) === userId) return;
    // NOTE: `running` is settled before stopping and starting, as both change the store, which
    // calls this again.
    const previous = running;
    running = userId === null ? null : forUser(userId);
    previous?.stop();
    running?.start();
  };

  follow(store.getState());
  const unsubscribe = store.subscribe(follow);
  return () => {
    unsubscribe();
    const previous = running;
    running = null;
    previous?.stop();
  };
}
