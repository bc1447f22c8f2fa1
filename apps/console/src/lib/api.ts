import { CSRF_HEADER, SECOND_FACTOR_HEADER } from '@vaka/domain';

/** The browser's fetch, or node's in tests. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** How a call to the server ended, in terms a screen can show. */
export type ApiResult<T> =
  | { readonly outcome: 'ok'; readonly status: number; readonly body: T }
  | {
      readonly outcome: 'rejected';
      readonly status: number;
      /** The server's sentence from `{statusCode, error, message}`, or the status text. */
      readonly message: string;
      /** From `Retry-After` (429 and 503), in seconds; null when the server did not say. */
      readonly retryAfterSeconds: number | null;
      /** Present when the server asks for an authentication code as well as the password. */
      readonly secondFactorRequired?: true;
    }
  | { readonly outcome: 'signed_out' }
  | { readonly outcome: 'server_error'; readonly status: number }
  | { readonly outcome: 'network_error' };

/** Any result but success, for screens that only show what went wrong. */
export type ApiFailure = Exclude<ApiResult<unknown>, { outcome: 'ok' }>;

export interface ApiRequestOptions {
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /**
   * The request checks a password (signing in, changing it): a 401 means the password was wrong,
   * not that the session ended, so it comes back as a rejection and nobody is signed out.
   */
  readonly checksPassword?: boolean;
}

export interface ApiClientOptions {
  /** Origin of the server, e.g. `https://vaka.example.org`. */
  readonly baseUrl: string;
  readonly fetch: FetchFunction;
  /** The current session's CSRF token, or null when signed out. */
  readonly getCsrfToken: () => string | null;
  /** Called when the server answers 401: the session ended and the console must sign in again. */
  readonly onSignedOut: () => void;
  readonly timeoutMs?: number;
}

/**
 * The one way the console talks HTTP to its server: JSON in and out, the session's CSRF token on
 * every change, and a 401 from anywhere turned into "signed out".
 */
export class ApiClient {
  readonly baseUrl: string;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** Reads a resource. */
  get<T>(path: string, options: ApiRequestOptions = {}): Promise<ApiResult<T>> {
    return this.request<T>('GET', path, options);
  }

  /** Sends one request to `path` (starting with `/api/`) and tells how it ended. */
  async request<T>(
    method: HttpMethod,
    path: string,
    options: ApiRequestOptions = {},
  ): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') {
      const csrfToken = this.options.getCsrfToken();
      if (csrfToken !== null) headers[CSRF_HEADER] = csrfToken;
    }

    let response: Response;
    try {
      response = await this.options.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.options.timeoutMs ?? 15_000),
      });
    } catch {
      return { outcome: 'network_error' };
    }

    if (response.status === 401 && options.checksPassword !== true) {
      await response.body?.cancel();
      this.options.onSignedOut();
      return { outcome: 'signed_out' };
    }
    if (response.ok) {
      return { outcome: 'ok', status: response.status, body: (await readJson(response)) as T };
    }
    if (response.status >= 400 && response.status < 500) {
      return {
        outcome: 'rejected',
        status: response.status,
        message: errorMessage(await readJson(response)) ?? response.statusText,
        retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
        ...(response.headers.get(SECOND_FACTOR_HEADER) === 'required'
          ? { secondFactorRequired: true as const }
          : {}),
      };
    }
    await response.body?.cancel();
    return { outcome: 'server_error', status: response.status };
  }
}

/** The JSON body, or null when there is none (204) or it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

/** The `message` of the server's `{statusCode, error, message}` error body. */
function errorMessage(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { message, error } = body as { message?: unknown; error?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  if (typeof error === 'string' && error !== '') return error;
  return null;
}

/** `Retry-After` as seconds from now: it may be a number of seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1_000));
}
