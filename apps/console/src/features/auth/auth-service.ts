import type { AuthMethods, ChangePassword, Login, SecondFactorSetup, Session } from '@vaka/domain';
import type { ApiClient, ApiFailure, ApiResult } from '../../lib/api.ts';
import type { ConsoleStore } from '../../stores/console-store.ts';

/** How signing in ended. */
export type SignInOutcome =
  | { readonly outcome: 'signed_in' }
  /** Wrong username or password, or an account that may not sign in. */
  | { readonly outcome: 'wrong_credentials' }
  /** The password was right; the account needs a code from the authenticator app too. */
  | { readonly outcome: 'code_required' }
  | { readonly outcome: 'wrong_code' }
  | { readonly outcome: 'failed'; readonly failure: ApiFailure };

/** How turning on an authentication code ended. */
export type ConfirmSecondFactorOutcome =
  | { readonly outcome: 'confirmed' }
  | { readonly outcome: 'wrong_code' }
  | { readonly outcome: 'failed'; readonly failure: ApiFailure };

/** How changing the password ended. */
export type ChangePasswordOutcome =
  | { readonly outcome: 'changed' }
  | { readonly outcome: 'wrong_current_password' }
  | { readonly outcome: 'failed'; readonly failure: ApiFailure };

export interface AuthServiceOptions {
  readonly api: ApiClient;
  readonly store: ConsoleStore;
  /** How long to wait before asking again while the server cannot be reached. */
  readonly retryMs?: number;
}

/** Signing in and out, and the session the console runs under. */
export class AuthService {
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: AuthServiceOptions) {}

  /**
   * Asks the server who is signed in: the console, the sign-in screen, or (while the server
   * cannot be reached) a notice and another try a few seconds later.
   */
  async loadSession(): Promise<void> {
    clearTimeout(this.retryTimer);
    const { api, store } = this.options;
    const result = await api.get<unknown>('/api/v1/auth/session');
    if (result.outcome === 'ok' && isSession(result.body)) {
      store.getState().setSession(result.body);
      return;
    }
    // A 401 has already shown the sign-in screen, through the API client.
    if (result.outcome === 'signed_out') return;
    const { auth } = store.getState();
    if (auth.status === 'checking' || auth.status === 'unreachable') {
      store.getState().setAuthUnreachable();
    }
    this.retryTimer = setTimeout(() => void this.loadSession(), this.options.retryMs ?? 5_000);
  }

  /** Signs in with a username and password, and the authentication code when one is asked for. */
  async signIn(login: Login): Promise<SignInOutcome> {
    const result = await this.options.api.request<unknown>('POST', '/api/v1/auth/login', {
      body: login,
      checksPassword: true,
    });
    if (result.outcome === 'ok') {
      if (!isSession(result.body)) {
        return { outcome: 'failed', failure: { outcome: 'server_error', status: result.status } };
      }
      this.options.store.getState().setSession(result.body);
      return { outcome: 'signed_in' };
    }
    if (result.outcome === 'rejected' && result.status === 401) {
      if (result.secondFactorRequired === true) return { outcome: 'code_required' };
      // NOTE: the server checks the password before the code, and the same password got as far
      // as the code before; a 401 now is the code's.
      return login.code === undefined
        ? { outcome: 'wrong_credentials' }
        : { outcome: 'wrong_code' };
    }
    return { outcome: 'failed', failure: result };
  }

  /** How people may sign in here; passwords only when the server cannot say. */
  async loadMethods(): Promise<AuthMethods> {
    const result = await this.options.api.get<AuthMethods>('/api/v1/auth/methods');
    if (result.outcome === 'ok' && typeof result.body?.oidc === 'object') return result.body;
    return { password: true, oidc: null };
  }

  /** A new authenticator secret for the signed-in person, not in use until confirmed. */
  setUpSecondFactor(): Promise<ApiResult<SecondFactorSetup>> {
    return this.options.api.request<SecondFactorSetup>('POST', '/api/v1/auth/second-factor/setup');
  }

  /** Turns on the secret set up last with a code from it; the session it returns replaces ours. */
  async confirmSecondFactor(code: string): Promise<ConfirmSecondFactorOutcome> {
    const result = await this.options.api.request<unknown>(
      'POST',
      '/api/v1/auth/second-factor/confirm',
      { body: { code } },
    );
    if (result.outcome === 'ok') {
      if (!isSession(result.body)) {
        return { outcome: 'failed', failure: { outcome: 'server_error', status: result.status } };
      }
      this.options.store.getState().setSession(result.body);
      return { outcome: 'confirmed' };
    }
    if (result.outcome === 'rejected' && result.status === 400) return { outcome: 'wrong_code' };
    return { outcome: 'failed', failure: result };
  }

  /** Changes the signed-in person's password, then reloads the session it unlocks. */
  async changePassword(change: ChangePassword): Promise<ChangePasswordOutcome> {
    const { api } = this.options;
    const result = await api.request<null>('POST', '/api/v1/auth/password', {
      body: change,
      checksPassword: true,
    });
    if (result.outcome === 'ok') {
      await this.loadSession();
      return { outcome: 'changed' };
    }
    if (result.outcome === 'rejected' && result.status === 401) {
      // NOTE: a 401 here is either a wrong current password or a session that just ended; only
      // asking for the session tells them apart (and, if it ended, shows the sign-in screen).
      const session = await api.get<unknown>('/api/v1/auth/session');
      if (session.outcome === 'signed_out') return { outcome: 'failed', failure: session };
      return { outcome: 'wrong_current_password' };
    }
    return { outcome: 'failed', failure: result };
  }

  /** Signs out here, or on every device; null when done, else what went wrong. */
  async signOut({ everywhere }: { readonly everywhere: boolean }): Promise<ApiFailure | null> {
    const path = everywhere ? '/api/v1/auth/logout-everywhere' : '/api/v1/auth/logout';
    const result = await this.options.api.request<null>('POST', path);
    if (result.outcome === 'ok') {
      this.options.store.getState().signedOut();
      return null;
    }
    // Already signed out (401): the API client has shown the sign-in screen.
    return result.outcome === 'signed_out' ? null : result;
  }

  /** Stops retrying; for tests and teardown. */
  dispose(): void {
    clearTimeout(this.retryTimer);
  }
}

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const { user, csrfToken, mustChangePassword, mustEnrollSecondFactor } = value as Partial<
    Record<keyof Session, unknown>
  >;
  return (
    typeof csrfToken === 'string' &&
    typeof mustChangePassword === 'boolean' &&
    typeof mustEnrollSecondFactor === 'boolean' &&
    typeof user === 'object' &&
    user !== null &&
    Array.isArray((user as { roles?: unknown }).roles)
  );
}
