import nodemailer from 'nodemailer';
import type { NotificationChannel } from '@vaka/domain';
import type { OutboxMessage } from '@vaka/db';
import type { NotificationConfig } from '../../config.ts';

/**
 * A send that did not work. `permanent` when trying again cannot help (the gateway refused the
 * number, the channel is not configured); otherwise the outbox tries again later.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Hands one message to the world; resolves once the far side has taken it. */
export type Sender = (message: OutboxMessage) => Promise<void>;

/** How long a send may take before it counts as a temporary failure. */
const SEND_TIMEOUT_MS = 15_000;

/** The senders for each channel from the configuration; an unconfigured one fails permanently. */
export function channelSenders(config: NotificationConfig): Record<NotificationChannel, Sender> {
  return {
    // The message waits in the person's own console (GET /api/v1/escalation-requests): storing it
    // was its delivery.
    console: async () => {},
    email:
      config.smtp === undefined
        ? notConfigured('E-mail', 'VAKA_SMTP_URL')
        : smtpSender(config.smtp),
    sms:
      config.sms === undefined
        ? notConfigured('SMS', 'VAKA_SMS_URL')
        : smsGatewaySender(config.sms),
  };
}

function notConfigured(channel: string, variable: string): Sender {
  return async () => {
    throw new DeliveryError(`${channel} is not configured on this server (set ${variable})`, true);
  };
}

/** E-mail through an SMTP server. */
export function smtpSender(smtp: { url: URL; from: string }): Sender {
  const transport = nodemailer.createTransport({
    url: smtp.url.href,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return async (message) => {
    try {
      await transport.sendMail({
        from: smtp.from,
        to: message.recipient,
        subject: message.subject,
        text: message.body,
        // The same id on every attempt, so a mail system can recognise a resend.
        messageId: `<${message.id}@vaka>`,
        headers: { 'Content-Language': message.language },
      });
    } catch (error) {
      const { responseCode, message: text } = error as { responseCode?: number; message: string };
      // SMTP's 5xx replies are permanent (no such mailbox, refused); 4xx and lost connections pass.
      const permanent = responseCode !== undefined && responseCode >= 500;
      throw new DeliveryError(
        responseCode === undefined ? `SMTP: ${text}` : `SMTP ${responseCode}: ${text}`,
        permanent,
      );
    }
  };
}

/**
 * SMS through an HTTP gateway: a POST of JSON `{ id, to, text, language }` with
 * `Idempotency-Key: <id>` (the same on every attempt) and, when a token is configured,
 * `Authorization: Bearer <token>`. A 2xx answer means the gateway took it; 408, 425, 429 and 5xx
 * are tried again; any other answer is a permanent failure, its text shown to the duty officer.
 */
export function smsGatewaySender(sms: { url: URL; token: string | undefined }): Sender {
  return async (message) => {
    let response: Response;
    try {
      response = await fetch(sms.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.id,
          ...(sms.token !== undefined && { authorization: `Bearer ${sms.token}` }),
        },
        body: JSON.stringify({
          id: message.id,
          to: message.recipient,
          text: message.body,
          language: message.language,
        }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (error) {
      throw new DeliveryError(`SMS gateway unreachable: ${(error as Error).message}`, false);
    }
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    const temporary = [408, 425, 429].includes(response.status) || response.status >= 500;
    throw new DeliveryError(
      `SMS gateway answered ${response.status}${detail === '' ? '' : `: ${detail}`}`,
      !temporary,
    );
  };
}
