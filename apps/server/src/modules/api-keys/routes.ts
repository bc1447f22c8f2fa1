import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiKeySchema,
  CreateApiKeySchema,
  CreatedApiKeySchema,
  ErrorResponseSchema,
  JournalKind,
  type ApiKey,
} from '@vaka/domain';
import { insertApiKey, listApiKeys, revokeApiKey } from '@vaka/db';
import { signedIn } from '../../plugins/auth.ts';
import { journaled } from '../auth/journaled.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';

const ApiKeyParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Keys for partners' systems and sensors, for admins. */
export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/api-keys',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every API key, without secrets',
        response: { 200: Type.Array(ApiKeySchema) },
      },
    },
    async () => listApiKeys(app.database.db),
  );

  app.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an API key; its secret is in this answer and never again',
        body: CreateApiKeySchema,
        response: { 201: CreatedApiKeySchema },
      },
    },
    async (request, reply) => {
      const admin = signedIn(request).account;
      const secret = `vk_${newSecret()}`;
      const apiKey: ApiKey = {
        id: randomUUID(),
        name: request.body.name,
        prefix: secret.slice(0, 10),
        scopes: request.body.scopes,
        rateLimitPerMinute: request.body.rateLimitPerMinute ?? 600,
        createdAt: new Date().toISOString(),
        revokedAt: null,
      };
      await journaled(app, async (tx) => {
        await insertApiKey(tx, { ...apiKey, secretHash: hashSecret(secret), createdBy: admin.id });
        return {
          entries: [{ kind: JournalKind.apiKeyCreated, actor: admin.username, data: { apiKey } }],
          result: undefined,
        };
      });
      return reply.code(201).send({ apiKey, secret });
    },
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key; it stops working at once',
        params: ApiKeyParamsSchema,
        response: { 204: Type.Null(), 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const admin = signedIn(request).account;
      const at = new Date();
      const { result: revoked } = await journaled(app, async (tx) => {
        const apiKey = await revokeApiKey(tx, request.params.id, at);
        // Revoking a revoked key changes nothing, and so journals nothing.
        const changed = apiKey?.revokedAt === at.toISOString();
        return {
          entries: changed
            ? [{ kind: JournalKind.apiKeyRevoked, actor: admin.username, data: { apiKey } }]
            : [],
          result: apiKey,
        };
      });
      if (!revoked) {
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: 'There is no such API key' });
      }
      app.forgetApiKeys();
      return reply.code(204).send(null);
    },
  );
};
