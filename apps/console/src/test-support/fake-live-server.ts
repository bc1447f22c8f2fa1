import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  PROTOCOL_VERSION,
  type JournalEntry,
  type ServerMessage,
  type Situation,
} from '@vaka/domain';

export interface LiveConnection {
  readonly since: number;
  readonly socket: WebSocket;
}

/**
 * A stand-in for the server's live endpoint and situation route, on a real port, speaking the real
 * protocol. Tests change its journal and snapshot and watch what the console asks for.
 */
export interface FakeLiveServer {
  readonly baseUrl: string;
  /** The whole journal; a new connection gets every entry after its `since`. */
  journal: JournalEntry[];
  /** What `GET /api/v1/situation` answers. */
  situation: Situation;
  pingIntervalMs: number;
  /** Replay the whole journal whatever `since` says, like a server with a bug. */
  replayEverything: boolean;
  readonly connections: LiveConnection[];
  readonly situationRequests: number;
  readonly pongs: number[];
  /** Sends a message to every open connection. */
  send(message: ServerMessage): void;
  /** Adds an entry to the journal and streams it to every open connection. */
  append(entry: JournalEntry): void;
  close(): Promise<void>;
}

/** Starts a fake live server on 127.0.0.1 and a free port. */
export async function startFakeLiveServer(): Promise<FakeLiveServer> {
  let situationRequests = 0;
  const connections: LiveConnection[] = [];
  const pongs: number[] = [];

  const httpServer: Server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/api/v1/situation') {
      situationRequests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(fake.situation));
      return;
    }
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: httpServer, path: '/api/v1/live' });

  const sendTo = (socket: WebSocket, message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  wss.on('connection', (socket, request) => {
    const since = Number(new URL(request.url ?? '', 'http://localhost').searchParams.get('since'));
    connections.push({ since, socket });
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
      protocol: PROTOCOL_VERSION,
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
    situation: { asOfSeq: 0, incidents: [] },
    pingIntervalMs: 30_000,
    replayEverything: false,
    connections,
    get situationRequests() {
      return situationRequests;
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
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
  return fake;
}
