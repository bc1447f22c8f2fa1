import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { NotificationConfig } from '../../apps/server/src/config.ts';
import { testConfig } from './app.ts';

/** An e-mail the test SMTP server took: its envelope and what the person would read. */
export interface ReceivedMail {
  from: string;
  /** The envelope's recipients. */
  to: string[];
  /** Header names in lower case, values unfolded and decoded. */
  headers: Map<string, string>;
  subject: string;
  /** The plain text body, decoded. */
  text: string;
}

/** A real SMTP server on 127.0.0.1 that keeps what it is sent. */
export interface TestSmtpServer {
  url: URL;
  mails: ReceivedMail[];
  /** The mails whose envelope names this address, oldest first. */
  mailsTo(address: string): ReceivedMail[];
  /** From now on refuses mail to this address at RCPT TO with `code` (550: no such mailbox). */
  reject(address: string, code?: number): void;
  close(): Promise<void>;
}

/** Starts an SMTP server on a free port; it takes any mail without authentication or TLS. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const refused = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 1_000,
    onRcptTo(address, _session, callback) {
      const code = refused.get(address.address.toLowerCase());
      if (code === undefined) return callback();
      const error = new Error(`mailbox ${address.address} refused`) as Error & {
        responseCode: number;
      };
      error.responseCode = code;
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        mails.push({
          from: envelope.mailFrom === false ? '' : envelope.mailFrom.address,
          to: envelope.rcptTo.map((recipient) => recipient.address),
          ...parseMessage(Buffer.concat(chunks).toString('latin1')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: new URL(`smtp://127.0.0.1:${port}`),
    mails,
    mailsTo: (address) =>
      mails.filter((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase())),
    reject(address, code = 550) {
      refused.set(address.toLowerCase(), code);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** What Vaka posts to an SMS gateway. */
export interface SmsGatewayBody {
  id: string;
  to: string;
  text: string;
  language: string;
}

/** One request the test gateway received, and how it answered. */
export interface SmsGatewayRequest {
  headers: IncomingHttpHeaders;
  body: SmsGatewayBody;
  status: number;
}

/** How the test gateway answers: a status, a text, and how long it takes. */
export interface SmsGatewayAnswer {
  status: number;
  body?: string;
  delayMs?: number;
}

/** A real HTTP server on 127.0.0.1 standing in for an SMS gateway that takes JSON. */
export interface TestSmsGateway {
  url: URL;
  /** Every request, in the order they arrived, whatever the answer. */
  requests: SmsGatewayRequest[];
  /** The requests for one phone number, oldest first. */
  requestsTo(phone: string): SmsGatewayRequest[];
  /** The messages to one phone number the gateway took (answered 2xx), oldest first. */
  deliveredTo(phone: string): SmsGatewayBody[];
  /** From now on answers requests for `phone` so; without an answer, 200 again. */
  answer(phone: string, answer?: SmsGatewayAnswer): void;
  close(): Promise<void>;
}

/** Starts the gateway on a free port; by default it takes every message with 200. */
export async function startSmsGateway(): Promise<TestSmsGateway> {
  const requests: SmsGatewayRequest[] = [];
  const answers = new Map<string, SmsGatewayAnswer>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SmsGatewayBody;
      const answer = answers.get(body.to) ?? { status: 200, body: '{"accepted":true}' };
      requests.push({ headers: request.headers, body, status: answer.status });
      setTimeout(() => {
        response.writeHead(answer.status, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(answer.body ?? '');
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const requestsTo = (phone: string) => requests.filter((request) => request.body.to === phone);
  return {
    url: new URL(`http://127.0.0.1:${port}/messages`),
    requests,
    requestsTo,
    deliveredTo: (phone) =>
      requestsTo(phone)
        .filter((request) => request.status >= 200 && request.status < 300)
        .map((request) => request.body),
    answer(phone, answer) {
      if (answer === undefined) answers.delete(phone);
      else answers.set(phone, answer);
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The test configuration's notification settings, sending through the given servers. */
export function notificationsThrough(
  servers: { smtp?: TestSmtpServer; sms?: TestSmsGateway; smsToken?: string },
  overrides: Partial<NotificationConfig> = {},
): NotificationConfig {
  return {
    ...testConfig('postgres://unused').notifications,
    smtp:
      servers.smtp === undefined
        ? undefined
        : { url: servers.smtp.url, from: 'Vaka <vaka@stad.example>' },
    sms: servers.sms === undefined ? undefined : { url: servers.sms.url, token: servers.smsToken },
    ...overrides,
  };
}

/**
 * Headers and a single-part text body of a MIME message, as a mail program would show them:
 * encoded words in headers, quoted-printable or base64 bodies, UTF-8. Enough for what Vaka sends.
 */
function parseMessage(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    headers.set(
      line.slice(0, colon).trim().toLowerCase(),
      decodeWords(line.slice(colon + 1).trim()),
    );
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintable(body)
        : Buffer.from(body, 'latin1');
  return {
    headers,
    subject: headers.get('subject') ?? '',
    text: bytes.toString('utf8').replace(/\r\n/g, '\n').replace(/\n$/, ''),
  };
}

function quotedPrintable(text: string): Buffer {
  const softBreaksGone = text.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksGone.length; i += 1) {
    const char = softBreaksGone[i] as string;
    const hex = softBreaksGone.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(char.charCodeAt(0));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`); adjacent ones join. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_word, _charset, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : quotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}
