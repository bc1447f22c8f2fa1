import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { JournalVerificationSchema } from '@vaka/domain';
import { verifyJournal } from '@vaka/db';

/** The journal as evidence: anyone who relies on it can check that no entry was changed. */
export const journalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/journal/verify',
    {
      schema: {
        tags: ['journal'],
        summary: 'Walk the hash chain and name the first entry that does not match',
        response: { 200: JournalVerificationSchema },
      },
    },
    async () => verifyJournal(app.database.db),
  );
};
