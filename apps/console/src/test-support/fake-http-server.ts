import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake server received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body, or null without one. */
  readonly body: unknown;
}

/** How the fake server answers: a status with an optional JSON body, or a dropped connection. */
export type FakeReply =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | 'drop';

/** A stand-in for the Vaka server's HTTP API on a real port; tests script its answers. */
export interface FakeHttpServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /**
   * Answers requests to a route such as `POST /api/v1/auth/login` with these replies in turn; the
   * last one keeps answering. Routes without replies answer 404.
   */
  reply(route: string, ...replies: FakeReply[]): void;
  close(): Promise<void>;
}

/** Starts a fake HTTP server on 127.0.0.1 and a free port. */
export async function startFakeHttpServer(): Promise<FakeHttpServer> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, FakeReply[]>();

  const httpServer: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const method = request.method ?? 'GET';
      const url = request.url ?? '/';
      requests.push({
        method,
        url,
        headers: request.headers,
        body: text === '' ? null : (JSON.parse(text) as unknown),
      });
      const queue = routes.get(`${method} ${url}`) ?? [];
      const reply = queue.length > 1 ? queue.shift() : queue[0];
      if (reply === undefined) {
        response.writeHead(404).end();
      } else if (reply === 'drop') {
        request.socket.destroy();
      } else if (reply.body === undefined) {
        response.writeHead(reply.status, reply.headers).end();
      } else {
        response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        response.end(JSON.stringify(reply.body));
      }
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply(route, ...replies) {
      routes.set(route, replies);
    },
    async close() {
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
