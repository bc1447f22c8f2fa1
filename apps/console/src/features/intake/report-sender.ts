import type { CreateReport, ReportReceipt } from '@vaka/domain';
import type { FetchFunction } from '../../live/live-client.ts';

/** How a report submission ended, in the terms the form shows. */
export type SendOutcome =
  | { readonly outcome: 'received'; readonly receipt: ReportReceipt }
  | { readonly outcome: 'rejected'; readonly statusCode: number; readonly reason: string }
  | { readonly outcome: 'server_error'; readonly statusCode: number }
  | { readonly outcome: 'network_error' };

export interface ReportSenderOptions {
  readonly baseUrl: string;
  readonly fetch: FetchFunction;
  readonly newIdempotencyKey?: () => string;
  readonly timeoutMs?: number;
}

/**
 * Posts reports with an idempotency key. Sending the same report again after a failure reuses the
 * key, so if the first attempt did reach the server the retry cannot create a duplicate.
 */
export class ReportSender {
  private pending: { readonly body: string; readonly key: string } | null = null;
  private readonly newIdempotencyKey: () => string;

  constructor(private readonly options: ReportSenderOptions) {
    this.newIdempotencyKey = options.newIdempotencyKey ?? newIdempotencyKey;
  }

  /** Sends one report and tells how it went. */
  async send(report: CreateReport): Promise<SendOutcome> {
    const body = JSON.stringify(report);
    // NOTE: an edited report is a new submission with a new key; reusing the key would make the
    // server answer with the earlier attempt's receipt and silently drop the edit.
    const key = this.pending?.body === body ? this.pending.key : this.newIdempotencyKey();
    this.pending = { body, key };

    let response: Response;
    try {
      response = await this.options.fetch(`${this.options.baseUrl}/api/v1/reports`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': key,
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch {
      return { outcome: 'network_error' };
    }

    if (response.ok) {
      const receipt = (await readJson(response)) as ReportReceipt | null;
      if (receipt === null) return { outcome: 'server_error', statusCode: response.status };
      this.pending = null;
      return { outcome: 'received', receipt };
    }
    if (response.status >= 400 && response.status < 500) {
      return {
        outcome: 'rejected',
        statusCode: response.status,
        reason: errorReason(await readJson(response)) ?? response.statusText,
      };
    }
    return { outcome: 'server_error', statusCode: response.status };
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

/** The `message` of the server's `{statusCode, error, message}` error body. */
function errorReason(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  if (typeof error === 'string' && error !== '') return error;
  return null;
}

/** A random UUID v4; also on pages served over plain http, where crypto.randomUUID is missing. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
