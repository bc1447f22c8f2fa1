import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateUserSchema,
  ErrorResponseSchema,
  JournalKind,
  UpdateUserSchema,
  UserSchema,
} from '@vaka/domain';
import {
  deleteUserSessions,
  findAccount,
  findAccountByUsername,
  listUsers,
  updateAccount,
} from '@vaka/db';
import { signedIn } from '../../plugins/auth.ts';
import { createAccount } from '../auth/service.ts';
import { journaled } from '../auth/journaled.ts';

const UserParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Accounts and their roles, for admins. */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every account',
        response: { 200: Type.Array(UserSchema) },
      },
    },
    async () => listUsers(app.database.db),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an account; the person must change the first password',
        body: CreateUserSchema,
        response: { 201: UserSchema, 409: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      if (await findAccountByUsername(app.database.db, request.body.username)) {
        return reply.code(409).send({
          statusCode: 409,
          error: 'Conflict',
          message: `There is already an account "${request.body.username}"`,
        });
      }
      const user = await createAccount(app, signedIn(request).account.username, {
        ...request.body,
        mustChangePassword: true,
      });
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: "Change an account's name, roles or whether it is disabled",
        params: UserParamsSchema,
        body: UpdateUserSchema,
        response: { 200: UserSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const admin = signedIn(request).account;
      const before = await findAccount(app.database.db, request.params.id);
      if (!before) {
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: 'There is no such account' });
      }
      const losesAdmin =
        before.id === admin.id &&
        (request.body.disabled === true ||
          (request.body.roles && !request.body.roles.includes('admin')));
      if (losesAdmin) {
        return reply.code(409).send({
          statusCode: 409,
          error: 'Conflict',
          message:
            'You cannot take away your own admin role or disable yourself; ask another admin',
        });
      }
      const { result: after } = await journaled(app, async (tx) => {
        const changed = (await updateAccount(tx, before.id, request.body))!;
        // A changed role or a disabled account takes effect now: its sessions end.
        if (request.body.roles || request.body.disabled) await deleteUserSessions(tx, before.id);
        const {
          passwordHash: _p,
          mustChangePassword: _m,
          failedSignIns: _f,
          lockedUntil: _l,
          totpSecret: _s,
          totpEnabled: _e,
          totpLastStep: _t,
          language: _language,
          ...user
        } = changed;
        return {
          entries: [
            {
              kind: JournalKind.userChanged,
              actor: admin.username,
              data: { user, previousRoles: before.roles },
            },
          ],
          result: user,
        };
      });
      if (request.body.roles || request.body.disabled) app.liveHub.signOutUser(before.id);
      return after;
    },
  );
};
