import WebSocket from 'ws';
import type { HiddenJournalEntry, JournalEntry, ServerMessage } from '@vaka/domain';

/** A test console on the live stream: records what arrives and answers pings like the real one. */
export interface TestLiveClient {
  socket: WebSocket;
  messages: ServerMessage[];
  entries: Array<JournalEntry | HiddenJournalEntry>;
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves when the predicate holds for what arrived so far; rejects after `timeoutMs`. */
  waitFor(predicate: (client: TestLiveClient) => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens `/api/v1/live` on a listening server. */
export function connectLive(
  baseUrl: string,
  query: { since?: number; protocol?: number } = {},
  options: { answerPings?: boolean; cookie?: string } = {},
): Promise<TestLiveClient> {
  const url = new URL('/api/v1/live', baseUrl.replace(/^http/, 'ws'));
  if (query.since !== undefined) url.searchParams.set('since', String(query.since));
  if (query.protocol !== undefined) url.searchParams.set('protocol', String(query.protocol));
  const socket = new WebSocket(url, {
    headers: options.cookie === undefined ? {} : { cookie: options.cookie },
  });
  const waiters = new Set<() => void>();
  const client: TestLiveClient = {
    socket,
    messages: [],
    entries: [],
    closed: new Promise((resolve) =>
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of waiters) wake();
      }),
    ),
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(client)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `live client: condition not met within ${timeoutMs} ms (${client.entries.length} entries)`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => socket.close(),
  };
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    client.messages.push(message);
    if (message.type === 'journal') client.entries.push(...message.entries);
    if (message.type === 'ping' && options.answerPings !== false) {
      socket.send(JSON.stringify({ type: 'pong', id: message.id }));
    }
    for (const wake of waiters) wake();
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
  });
}
