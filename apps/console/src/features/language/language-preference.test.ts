import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER, type Language, type Session } from '@vaka/domain';
import { ApiClient } from '../../lib/api.ts';
import { selectCsrfToken, selectSession } from '../../stores/auth-slice.ts';
import { createConsoleStore, type ConsoleStore } from '../../stores/console-store.ts';
import { startFakeHttpServer, type FakeHttpServer } from '../../test-support/fake-http-server.ts';
import { buildSession } from '../../test-support/factories.ts';
import { applyPersonLanguageOnSignIn, LanguagePreference } from './language-preference.ts';

let server: FakeHttpServer;
let store: ConsoleStore;
let preference: LanguagePreference;

beforeEach(async () => {
  server = await startFakeHttpServer();
  store = createConsoleStore();
  const api = new ApiClient({
    baseUrl: server.baseUrl,
    fetch: (input, init) => fetch(input, init),
    getCsrfToken: () => selectCsrfToken(store.getState()),
    onSignedOut: () => store.getState().sessionEnded(),
  });
  preference = new LanguagePreference({ api, store });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await server.close();
});

const sessionFor = (session: Session) => ({ status: 200, body: session });

describe("the person's language on sign-in", () => {
  it("switches to the person's own language when they sign in, and leaves it alone without one", () => {
    const applied: Language[] = [];
    const stop = applyPersonLanguageOnSignIn({
      store,
      apply: (language) => applied.push(language),
    });

    store.getState().setSession(buildSession());
    expect(applied).toEqual([]);

    store.getState().signedOut();
    store.getState().setSession(buildSession({ user: { language: 'fi' } }));
    expect(applied).toEqual(['fi']);
    stop();
  });

  it('keeps what a signed-in person sees when their session is renewed', () => {
    const session = buildSession({ user: { language: 'sv' } });
    store.getState().setSession(session);
    const applied: Language[] = [];
    const stop = applyPersonLanguageOnSignIn({
      store,
      apply: (language) => applied.push(language),
    });
    // A console that opens on a session takes the person's language at once.
    expect(applied).toEqual(['sv']);

    store.getState().setSession({ ...session, user: { ...session.user, language: 'cs' } });
    expect(applied).toEqual(['sv']);
    stop();
  });
});

describe('saving the language with the account', () => {
  it('sends the choice with the CSRF token and keeps it in the session', async () => {
    const session = buildSession();
    store.getState().setSession(session);
    server.reply(
      'PUT /api/v1/auth/preferences',
      sessionFor(buildSession({ user: { language: 'fi' } })),
    );

    expect(await preference.save('fi')).toBe(true);

    expect(server.requests.at(-1)?.body).toEqual({ language: 'fi' });
    expect(server.requests.at(-1)?.headers[CSRF_HEADER]).toBe(session.csrfToken);
    expect(selectSession(store.getState())?.user.language).toBe('fi');
  });

  it('asks nothing of the server while signed out', async () => {
    expect(await preference.save('cs')).toBe(false);
    expect(server.requests).toEqual([]);
  });

  it('on failure keeps the person signed in and tries again with the next choice', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    store.getState().setSession(buildSession());
    server.reply(
      'PUT /api/v1/auth/preferences',
      { status: 503 },
      sessionFor(buildSession({ user: { language: 'en' } })),
    );

    expect(await preference.save('sv')).toBe(false);
    expect(store.getState().auth.status).toBe('signed_in');
    expect(selectSession(store.getState())?.user.language).toBeUndefined();
    expect(JSON.stringify(vi.mocked(console.warn).mock.calls)).not.toContain('csrf');

    expect(await preference.save('en')).toBe(true);
    expect(selectSession(store.getState())?.user.language).toBe('en');
  });

  it('never lets a late answer to an earlier choice undo a later one', async () => {
    store.getState().setSession(buildSession());
    server.reply('PUT /api/v1/auth/preferences', sessionFor(buildSession()));
    // The answer to the first request is held back until the second has been answered.
    let releaseFirst = (): void => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let requests = 0;
    const slowFirst = new LanguagePreference({
      store,
      api: new ApiClient({
        baseUrl: server.baseUrl,
        fetch: async (input, init) => {
          requests += 1;
          const held = requests === 1;
          const response = await fetch(input, init);
          if (held) await firstHeld;
          return response;
        },
        getCsrfToken: () => selectCsrfToken(store.getState()),
        onSignedOut: () => store.getState().sessionEnded(),
      }),
    });

    const first = slowFirst.save('fi');
    expect(await slowFirst.save('cs')).toBe(true);
    releaseFirst();
    expect(await first).toBe(true);

    expect(selectSession(store.getState())?.user.language).toBe('cs');
  });
});
