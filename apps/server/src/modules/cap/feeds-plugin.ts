import fp from 'fastify-plugin';
import type { CapFeedConfig } from '../../config.ts';
import { CapFeedPoller } from './feeds.ts';
import { capFeedRoutes } from './feeds-routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Polls the configured CAP feeds; `tick()` runs one pass by hand. */
    capFeedPoller: CapFeedPoller;
  }
}

export interface CapFeedsPluginOptions {
  feeds: readonly CapFeedConfig[];
  /** How often the poller looks for due feeds; false: only on `tick()`. */
  pollMs: number | false;
}

/** CAP feeds in: the configured feeds are polled, their alerts imported, and how each stands shown. */
export default fp<CapFeedsPluginOptions>(
  async (app, { feeds, pollMs }) => {
    const poller = new CapFeedPoller({
      feeds,
      database: app.database,
      districts: app.districts,
      city: app.city,
      clock: app.clock,
      log: app.log,
      committed: (entries, reportsCreated) => {
        app.liveHub.committed(entries);
        app.metrics.reportsReceived.inc(reportsCreated);
      },
    });
    app.decorate('capFeedPoller', poller);
    if (pollMs !== false) app.addHook('onReady', async () => poller.start(pollMs));
    app.addHook('preClose', async () => poller.stop());
    await app.register(capFeedRoutes);
  },
  { name: 'cap-feeds', dependencies: ['database', 'live-hub'] },
);
