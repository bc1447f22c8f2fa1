import type { CreateReport, ReportReceipt } from '@vaka/domain';
import type { ApiClient } from '../../lib/api.ts';

/** How a report submission ended, in the terms the form shows. */
export type SendOutcome =
  | { readonly outcome: 'received'; readonly receipt: ReportReceipt }
  | { readonly outcome: 'rejected'; readonly statusCode: number; readonly reason: string }
  | { readonly outcome: 'server_error'; readonly statusCode: number }
  | { readonly outcome: 'network_error' }
  /** The session ended; the console shows the sign-in screen and keeps the draft. */
  | { readonly outcome: 'signed_out' };

export interface ReportSenderOptions {
  readonly api: ApiClient;
  readonly newIdempotencyKey?: () => string;
  readonly timeoutMs?: number;
}

/**
 * Posts reports with an idempotency key. Sending the same report again after a failure reuses the
 * key, so if the first attempt did reach the server the retry cannot create a duplicate.
 */
export class ReportSender {
  /** The last submission that has no receipt yet: where it went and what it said, and its key. */
  private pending: { readonly body: string; readonly key: string } | null = null;
  private readonly newIdempotencyKey: () => string;

  constructor(private readonly options: ReportSenderOptions) {
    this.newIdempotencyKey = options.newIdempotencyKey ?? newIdempotencyKey;
  }

  /**
   * Sends one report and tells how it went: as one more report of the open incident `incidentId`,
   * or, without it, as a report that opens an incident of its own.
   */
  async send(report: CreateReport, incidentId?: string): Promise<SendOutcome> {
    const url = reportUrl(incidentId);
    const body = `${url}\n${JSON.stringify(report)}`;
    // NOTE: an edited report, or one sent elsewhere, is a new submission with a new key; reusing
    // the key would make the server answer with the earlier attempt's receipt and drop the edit.
    const key = this.pending?.body === body ? this.pending.key : this.newIdempotencyKey();
    this.pending = { body, key };

    const result = await this.options.api.request<ReportReceipt | null>('POST', url, {
      body: report,
      headers: { 'idempotency-key': key },
      timeoutMs: this.options.timeoutMs ?? 15_000,
    });
    switch (result.outcome) {
      case 'ok':
        if (result.body === null) return { outcome: 'server_error', statusCode: result.status };
        this.pending = null;
        return { outcome: 'received', receipt: result.body };
      case 'rejected':
        return { outcome: 'rejected', statusCode: result.status, reason: result.message };
      case 'server_error':
        return { outcome: 'server_error', statusCode: result.status };
      case 'network_error':
      case 'signed_out':
        return { outcome: result.outcome };
    }
  }
}

/** Where a report goes: to an open incident's reports, or to intake to open a new incident. */
export function reportUrl(incidentId?: string): string {
  return incidentId === undefined || incidentId === ''
    ? '/api/v1/reports'
    : `/api/v1/incidents/${encodeURIComponent(incidentId)}/reports`;
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
