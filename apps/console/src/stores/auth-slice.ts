import type { StateCreator } from 'zustand';
import type { Session } from '@vaka/domain';
import { emptyDraft } from '../features/intake/report-draft.ts';
import type { ConsoleState } from './console-store.ts';

/** What the sign-in screen says about why it is showing. */
export type SignedOutNotice = 'session_ended' | 'signed_out';

/** Whether someone is signed in on this console, as far as the server has said. */
export type AuthState =
  | { readonly status: 'checking' }
  | { readonly status: 'unreachable' }
  | { readonly status: 'signed_out'; readonly notice: SignedOutNotice | null }
  | { readonly status: 'signed_in'; readonly session: Session };

/** The session of the person using the console. */
export interface AuthSlice {
  auth: AuthState;
  /** Shows the console for a session the server confirmed. */
  setSession(session: Session): void;
  /** The server said the session is gone (401, or the live connection closed for it). */
  sessionEnded(): void;
  /** The person signed out on this device. */
  signedOut(): void;
  /** The server could not be asked whether anyone is signed in. */
  setAuthUnreachable(): void;
}

/** Builds the auth slice. */
export const createAuthSlice: StateCreator<ConsoleState, [], [], AuthSlice> = (set) => ({
  auth: { status: 'checking' },
  setSession: (session) =>
    set((state) => ({
      auth: { status: 'signed_in', session },
      // A draft typed before the session lapsed is kept for the person who typed it, and for
      // nobody else.
      ...(state.reportDraftOwnerId === session.user.id
        ? {}
        : { reportDraft: emptyDraft(), reportDraftOwnerId: session.user.id }),
    })),
  sessionEnded: () =>
    set((state) => {
      if (state.auth.status === 'signed_out') return state;
      return {
        auth: {
          status: 'signed_out',
          notice: state.auth.status === 'signed_in' ? 'session_ended' : null,
        },
      };
    }),
  signedOut: () =>
    set({
      auth: { status: 'signed_out', notice: 'signed_out' },
      reportDraft: emptyDraft(),
      reportDraftOwnerId: null,
    }),
  setAuthUnreachable: () => set({ auth: { status: 'unreachable' } }),
});

/** The session's CSRF token, which every change the console asks for carries. */
export function selectCsrfToken(state: ConsoleState): string | null {
  return state.auth.status === 'signed_in' ? state.auth.session.csrfToken : null;
}

/** The signed-in session, or null. */
export function selectSession(state: ConsoleState): Session | null {
  return state.auth.status === 'signed_in' ? state.auth.session : null;
}
