import type { Language } from '@vaka/domain';
import type { ApiClient } from '../../lib/api.ts';
import { selectSession } from '../../stores/auth-slice.ts';
import type { ConsoleState, ConsoleStore } from '../../stores/console-store.ts';

export interface LanguagePreferenceOptions {
  readonly api: ApiClient;
  readonly store: ConsoleStore;
}

/**
 * Keeps the language the signed-in person picks with their account, so it follows them to the
 * wall screen or another desk.
 */
export class LanguagePreference {
  /** The language asked for last, so a late answer to an earlier choice cannot bring it back. */
  private latest: Language | null = null;

  constructor(private readonly options: LanguagePreferenceOptions) {}

  /**
   * Saves the choice with the signed-in person's account; true when the server stored it. Signed
   * out, the choice stays on this device only.
   */
  async save(language: Language): Promise<boolean> {
    const { api, store } = this.options;
    const session = selectSession(store.getState());
    if (session === null) return false;
    this.latest = language;
    const result = await api.request<unknown>('PUT', '/api/v1/auth/preferences', {
      body: { language },
    });
    if (result.outcome !== 'ok') {
      // NOTE: the language already changed on this screen, which is what the person needs now;
      // the next choice tries again. Only the outcome is logged, never the request.
      console.warn(
        'The language could not be saved with the account; it applies on this device',
        result.outcome === 'signed_out' || result.outcome === 'network_error'
          ? result.outcome
          : result.status,
      );
      return false;
    }
    const current = selectSession(store.getState());
    if (current?.user.id === session.user.id && this.latest === language) {
      store.getState().setSession({ ...current, user: { ...current.user, language } });
    }
    return true;
  }
}

export interface PersonLanguageOptions {
  readonly store: ConsoleStore;
  /** Switches the console's language. */
  readonly apply: (language: Language) => void;
}

/**
 * Switches the console to the person's own language whenever someone signs in or the console
 * opens on a session, if they have chosen one. Returns a function that stops.
 */
export function applyPersonLanguageOnSignIn({ store, apply }: PersonLanguageOptions): () => void {
  const follow = (state: ConsoleState, previous: ConsoleState | null): void => {
    const session = selectSession(state);
    if (session === null) return;
    // The same person's session, renewed (a new password, a saved choice): what they see stays.
    if (previous !== null && selectSession(previous)?.user.id === session.user.id) return;
    if (session.user.language !== undefined) apply(session.user.language);
  };
  follow(store.getState(), null);
  return store.subscribe(follow);
}
