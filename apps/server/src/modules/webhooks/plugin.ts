import fp from 'fastify-plugin';
import { WebhookRelay } from './relay.ts';
import { webhookRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Queues what goes out to the public for the webhook subscribers. */
    webhookRelay: WebhookRelay;
  }
}

export interface WebhookPluginOptions {
  /** The address the public reaches Vaka at: the links in each payload. */
  publicUrl: URL;
}

/**
 * Webhooks: partners and bridges sent the public messages through the escalations' durable
 * outbox, and the routes that manage them.
 */
export default fp<WebhookPluginOptions>(
  async (app, { publicUrl }) => {
    app.decorate(
      'webhookRelay',
      new WebhookRelay({ publicUrl, wake: () => app.escalationEngine.wake() }),
    );
    await app.register(webhookRoutes);
  },
  { name: 'webhooks', dependencies: ['database', 'live-hub', 'escalations'] },
);
