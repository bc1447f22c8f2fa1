import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ChangePasswordSchema,
  ConfirmSecondFactorSchema,
  ErrorResponseSchema,
  LoginSchema,
  SECOND_FACTOR_HEADER,
  SecondFactorSetupSchema,
  SessionSchema,
} from '@vaka/domain';
import { readSecuritySettings } from '@vaka/db';
import { SESSION_COOKIE, signedIn } from '../../plugins/auth.ts';
import {
  changePassword,
  confirmSecondFactor,
  LockedOutError,
  SecondFactorRequiredError,
  SESSION_TTL_MS,
  sessionOf,
  setUpSecondFactor,
  signIn,
  signOut,
} from './service.ts';

/** Signing in and out, and the caller's own session and password. */
export const authRoutes: FastifyPluginAsyncTypebox<{
  secureCookies: boolean;
  signInAttemptsPerMinute: number;
}> = async (app, { secureCookies, signInAttemptsPerMinute }) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookies,
  } as const;

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
