import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  PROTOCOL_VERSION,
  type HiddenJournalEntry,
  type JournalEntry,
  type ServerMessage,
  type Situation,
} from '@vaka/domain';
import { buildSession, buildSituation } from './factories.ts';

export interface LiveConnection {
  readonly since: number;
  /** The protocol version the console asked for. */
  readonly protocol: string | null;
  readonly socket: WebSocket;
}

/**
 * A stand-in for the server's live endpoint, situation and session routes, on a real port,
 * speaking the real protocol. Tests change its journal, snapshot and session and watch what the
 * console asks for.
 */
export interface FakeLiveServer {
  readonly baseUrl: string;
  /** The whole journal as this console may see it; a new connection gets every entry after its `since`. */
  journal: Array<JournalEntry | HiddenJournalEntry>;
  /** What `GET /api/v1/situation` answers. */
  situation: Situation;
  pingIntervalMs: number;
  /** The protocol version the welcome names. */
  welcomeProtocol: number;
  /** Replay the whole journal whatever `since` says, like a server with a bug. */
  replayEverything: boolean;
  /** Whether the console's session is valid; without one every route answers 401. */
  signedIn: boolean;
  /** Refuses this many of the next websocket upgrades with 503, as a restarting proxy might. */
  upgradesToRefuse: number;
  readonly connections: LiveConnection[];
  readonly situationRequests: number;
  readonly sessionRequests: number;
  readonly refusedUpgrades: number;
  readonly pongs: number[];
  /** Sends a message to every open connection. */
  send(message: ServerMessage): void;
  /** Adds an entry to the journal and streams it to every open connection. */
  append(entry: JournalEntry | HiddenJournalEntry): void;
  close(): Promise<void>;
}

/** Starts a fake live server on 127.0.0.1 and a free port. */
export async function startFakeLiveServer(): Promise<FakeLiveServer> {
  let situationRequests = 0;
  let sessionRequests = 0;
  let refusedUpgrades = 0;
  const connections: LiveConnection[] = [];
  const pongs: number[] = [];
  const session = buildSession();

  const httpServer: Server = createServer((request, response) => {
    const answer = (body: unknown): void => {
      if (!fake.signedIn) {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'Sign in first' }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && request.url === '/api/v1/situation') {
      situationRequests += 1;
      answer(fake.situation);
      return;
    }
    if (request.method === 'GET' && request.url === '/api/v1/auth/session') {
      sessionRequests += 1;
      answer(session);
      return;
    }
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({
    server: httpServer,
    path: '/api/v1/live',
    verifyClient: (_info, accept) => {
      const refuse = !fake.signedIn || fake.upgradesToRefuse > 0;
      if (!refuse) return accept(true);
      refusedUpgrades += 1;
      if (fake.signedIn) {
        fake.upgradesToRefuse -= 1;
        accept(false, 503);
      } else {
        accept(false, 401);
      }
    },
  });

  const sendTo = (socket: WebSocket, message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  wss.on('connection', (socket, request) => {
    const query = new URL(request.url ?? '', 'http://localhost').searchParams;
    const since = Number(query.get('since'));
    connections.push({ since, protocol: query.get('protocol'), socket });
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      if (typeof message === 'object' && message !== null && 'id' in message) {
        pongs.push(Number(message.id));
      }
    });
    const replay = fake.replayEverything
      ? fake.journal
      : fake.journal.filter((entry) => entry.seq > since);
    sendTo(socket, {
      type: 'welcome',
      protocol: fake.welcomeProtocol,
      instanceId: 'fake',
      headSeq: fake.journal.at(-1)?.seq ?? 0,
      pingIntervalMs: fake.pingIntervalMs,
    });
    if (replay.length > 0) sendTo(socket, { type: 'journal', entries: replay });
  });

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;

  const fake: FakeLiveServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    journal: [],
    situation: buildSituation(0, []),
    pingIntervalMs: 30_000,
    welcomeProtocol: PROTOCOL_VERSION,
    replayEverything: false,
    signedIn: true,
    upgradesToRefuse: 0,
    connections,
    get situationRequests() {
      return situationRequests;
    },
    get sessionRequests() {
      return sessionRequests;
    },
    get refusedUpgrades() {
      return refusedUpgrades;
    },
    pongs,
    send(message) {
      for (const client of wss.clients) sendTo(client, message);
    },
    append(entry) {
      fake.journal.push(entry);
      fake.send({ type: 'journal', entries: [entry] });
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
  return fake;
}
