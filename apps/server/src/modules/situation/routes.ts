import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SituationSchema } from '@vaka/domain';
import {
  currentReadiness,
  journalHead,
  listAwaitingEscalations,
  listOpenIncidents,
  listOutMessages,
} from '@vaka/db';

/** The snapshot a console loads before it opens the live stream. */
export const situationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/situation',
    {
      schema: {
        tags: ['situation'],
        summary:
          'Open incidents, the readiness level, escalations awaiting acknowledgement, published messages not yet expired, and the journal sequence they reflect (asOfSeq)',
        response: { 200: SituationSchema },
      },
    },
    async () =>
      // One snapshot: the incidents are exactly those after every entry up to asOfSeq.
      app.database.db.transaction(
        async (tx) => {
          const asOfSeq = await journalHead(tx);
          const incidents = await listOpenIncidents(tx);
          const readiness = await currentReadiness(tx);
          const escalations = await listAwaitingEscalations(tx);
          // NOTE: a version published ahead of its time of validity is out, so the staff see it;
          // the console's reducer keeps it too, until it is withdrawn, expired or superseded.
          const messages = await listOutMessages(tx, app.clock());
          return { asOfSeq, incidents, readiness, escalations, messages };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),
  );
};
