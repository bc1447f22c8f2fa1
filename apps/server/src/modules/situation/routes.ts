import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SituationSchema } from '@vaka/domain';
import {
  currentReadiness,
  journalHead,
  listAwaitingEscalations,
  listOpenIncidents,
} from '@vaka/db';

/** The snapshot a console loads before it opens the live stream. */
export const situationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/situation',
    {
      schema: {
        tags: ['situation'],
        summary:
          'Open incidents, the readiness level, escalations awaiting acknowledgement, and the journal sequence they reflect (asOfSeq)',
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
          return { asOfSeq, incidents, readiness, escalations };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),
  );
};
