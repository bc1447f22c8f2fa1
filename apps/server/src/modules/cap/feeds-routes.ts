import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CapFeedListSchema } from '@vaka/domain';
import { listCapFeedStatus } from './feed-status.ts';

/** How the configured CAP feeds stand, for the duty officer who relies on their alerts. */
export const capFeedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/cap-feeds',
    {
      schema: {
        tags: ['intake'],
        summary: 'The configured CAP feeds and how each stands',
        description:
          'Every feed configured in VAKA_CAP_FEEDS, in that order, also one not asked yet: when it was last asked, when it last went well, since when it has been failing and why, when it is asked next, and the alerts it brought (new ones and ones Vaka already had) in its last poll and in all. ' +
          'A feed failing for more than two of its intervals carries a warning. A feed removed from the configuration is not listed.',
        response: { 200: CapFeedListSchema },
      },
    },
    async () => listCapFeedStatus(app.database.db, app.capFeedPoller.feeds, app.clock()),
  );
};
