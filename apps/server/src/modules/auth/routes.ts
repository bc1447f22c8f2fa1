import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AuthMethodsSchema,
  ChangePasswordSchema,
  ConfirmSecondFactorSchema,
  ErrorResponseSchema,
  LoginSchema,
  OidcSignInError,
  PreferencesSchema,
  SECOND_FACTOR_HEADER,
  SecondFactorSetupSchema,
  SessionSchema,
} from '@vaka/domain';
import { readSecuritySettings } from '@vaka/db';
import type { OidcConfig } from '../../config.ts';
import { SESSION_COOKIE, signedIn } from '../../plugins/auth.ts';
import { OidcRelyingParty, OidcSignInFailure } from './oidc.ts';
import {
  changePassword,
  confirmSecondFactor,
  LockedOutError,
  recordOidcFailure,
  SecondFactorRequiredError,
  SESSION_TTL_MS,
  sessionOf,
  setPreferences,
  setUpSecondFactor,
  signIn,
  signInWithOidc,
  signOut,
} from './service.ts';

/** The cookie that carries a sign-in through the identity provider, from leaving to returning. */
const OIDC_PENDING_COOKIE = 'vaka_oidc';
const OIDC_PENDING_SECONDS = 10 * 60;

/** Signing in and out, and the caller's own session, password and preferences. */
export const authRoutes: FastifyPluginAsyncTypebox<{
  secureCookies: boolean;
  signInAttemptsPerMinute: number;
  oidc: OidcConfig | undefined;
}> = async (app, { secureCookies, signInAttemptsPerMinute, oidc }) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookies,
  } as const;
  // Lax, not Strict: the provider's redirect back to the callback is a navigation from its site.
  const pendingCookieOptions = {
    path: '/api/v1/auth/oidc',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies,
  } as const;
  const relyingParty = oidc && new OidcRelyingParty(oidc);
  const oidcOff = {
    statusCode: 404,
    error: 'Not Found',
    message: 'Signing in through an identity provider is not set up',
  } as const;

  app.get(
    '/api/v1/auth/methods',
    {
      schema: {
        tags: ['auth'],
        summary: 'How people may sign in, for the sign-in screen',
        response: { 200: AuthMethodsSchema },
      },
    },
    async () => ({ password: true, oidc: oidc ? { label: oidc.label } : null }),
  );

  app.get(
    '/api/v1/auth/oidc',
    {
      config: { rateLimit: { max: signInAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: "Sign in through the city's identity provider: redirects there",
        response: { 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      if (!relyingParty) return reply.code(404).send(oidcOff);
      let started: Awaited<ReturnType<OidcRelyingParty['start']>>;
      try {
        started = await relyingParty.start();
      } catch (error) {
        request.log.error({ err: error }, 'the identity provider cannot be reached');
        return reply.redirect(`/?signInError=${OidcSignInError.provider}`);
      }
      reply.setCookie(OIDC_PENDING_COOKIE, started.pendingCookie, {
        ...pendingCookieOptions,
        maxAge: OIDC_PENDING_SECONDS,
      });
      return reply.redirect(started.authorizationUrl.href);
    },
  );

  app.get(
    '/api/v1/auth/oidc/callback',
    {
      config: { rateLimit: { max: signInAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary:
          "The identity provider's way back: sets the session cookie, redirects to the console",
        description:
          'On failure it redirects to `/?signInError=` with a short reason: expired, provider, no_role or refused.',
        response: { 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      if (!relyingParty) return reply.code(404).send(oidcOff);
      const pendingCookie = request.cookies[OIDC_PENDING_COOKIE];
      // Each pending sign-in is good for one answer, whatever it is.
      reply.clearCookie(OIDC_PENDING_COOKIE, pendingCookieOptions);
      try {
        const query = new URL(request.url, 'http://callback').searchParams;
        const identity = await relyingParty.finish(query, pendingCookie);
        // A new token at every sign-in, as with a password.
        const { token } = await signInWithOidc(app, identity);
        reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
        return reply.redirect('/');
      } catch (error) {
        if (!(error instanceof OidcSignInFailure)) throw error;
        await recordOidcFailure(app, error, request.ip);
        return reply.redirect(`/?signInError=${error.reason}`);
      }
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit: { max: signInAttemptsPerMinute, timeWindow: 60_000 } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        description: `A person who signs in with an authentication code gets a 401 with the header \`${SECOND_FACTOR_HEADER}: required\` until the body carries \`code\` as well.`,
        body: LoginSchema,
        response: { 200: SessionSchema, 401: ErrorResponseSchema, 429: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      try {
        // A new token at every sign-in: a session fixed by someone else is never taken over.
        const { token, session } = await signIn(app, { ...request.body, ip: request.ip });
        reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
        return session;
      } catch (error) {
        if (error instanceof LockedOutError)
          reply.header('retry-after', String(error.retryAfterSeconds));
        if (error instanceof SecondFactorRequiredError)
          reply.header(SECOND_FACTOR_HEADER, 'required');
        throw error;
      }
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person and the CSRF token',
        response: { 200: SessionSchema },
      },
    },
    async (request) => {
      const caller = signedIn(request);
      return sessionOf(
        caller.account,
        caller.csrfToken,
        await readSecuritySettings(app.database.db),
      );
    },
  );

  for (const [url, everywhere] of [
    ['/api/v1/auth/logout', false],
    ['/api/v1/auth/logout-everywhere', true],
  ] as const) {
    app.post(
      url,
      {
        schema: {
          tags: ['auth'],
          summary: everywhere ? 'Sign out on every device' : 'Sign out here',
        },
      },
      async (request, reply) => {
        await signOut(app, signedIn(request), everywhere);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.code(204).send(null);
      },
    );
  }

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        body: ChangePasswordSchema,
        response: { 204: Type.Null(), 401: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { account } = signedIn(request);
      await changePassword(app, account, request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/auth/preferences',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own settings, such as the language of the console',
        description: 'Answers with the session as it is now, carrying the new settings.',
        body: PreferencesSchema,
        response: { 200: SessionSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const caller = signedIn(request);
      const account = await setPreferences(app, caller.account, request.body);
      return sessionOf(account, caller.csrfToken, await readSecuritySettings(app.database.db));
    },
  );

  app.post(
    '/api/v1/auth/second-factor/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Get a new authenticator secret for yourself; confirm it with a code to use it',
        response: { 200: SecondFactorSetupSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => setUpSecondFactor(app, signedIn(request).account),
  );

  app.post(
    '/api/v1/auth/second-factor/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn on the authenticator secret set up last, with a code from it',
        body: ConfirmSecondFactorSchema,
        response: { 200: SessionSchema, 400: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request) => {
      const caller = signedIn(request);
      const account = await confirmSecondFactor(app, caller.account, request.body.code);
      return sessionOf(account, caller.csrfToken, await readSecuritySettings(app.database.db));
    },
  );
};
