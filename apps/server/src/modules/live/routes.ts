import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { signedIn } from '../../plugins/auth.ts';

const LiveQuerySchema = Type.Object({
  since: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,15}$',
      description: 'The last journal sequence the console applied',
    }),
  ),
  protocol: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
});

/** The live stream: replays the journal after `since`, then streams new entries. */
export const liveRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/live',
    {
      websocket: true,
      schema: {
        tags: ['live'],
        summary:
          'Websocket: journal entries after `since`, then live (see the protocol in @vaka/domain)',
        querystring: LiveQuerySchema,
      },
    },
    async (socket, request) => {
      const { since, protocol } = request.query;
      const caller = signedIn(request);
      await app.liveHub.connect(
        socket,
        {
          permissions: caller.permissions,
          sessionTokenHash: caller.sessionTokenHash,
          userId: caller.account.id,
        },
        since === undefined ? undefined : Number(since),
        protocol === undefined ? undefined : Number(protocol),
      );
    },
  );
};
