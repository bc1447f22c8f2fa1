import fp from 'fastify-plugin';
import { messageRoutes } from './routes.ts';
import { MessageTimer } from './timer.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Scheduled publication and expiry of messages; `tick()` runs one pass by hand. */
    messageTimer: MessageTimer;
  }
}

export interface MessagePluginOptions {
  /** The address the public reaches Vaka at: the CAP sender and the messages' public page. */
  publicUrl: URL;
  /** How often the timer looks for due publications and expiries; false: only on `tick()`. */
  pollMs: number | false;
}

/** Public messages: the workbench's routes and the timer that publishes and expires them. */
export default fp<MessagePluginOptions>(
  async (app, { publicUrl, pollMs }) => {
    const timer = new MessageTimer({
      database: app.database,
      relay: app.webhookRelay,
      clock: app.clock,
      log: app.log,
      committed: (entries) => app.liveHub.committed(entries),
    });
    app.decorate('messageTimer', timer);
    if (pollMs !== false) app.addHook('onReady', async () => timer.start(pollMs));
    app.addHook('preClose', async () => timer.stop());
    await app.register(messageRoutes, { publicUrl });
  },
  { name: 'messages', dependencies: ['database', 'live-hub', 'webhooks'] },
);
