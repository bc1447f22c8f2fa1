import fp from 'fastify-plugin';
import type { OutboxChannel } from '@vaka/domain';
import { serverSecret } from '@vaka/db';
import type { NotificationConfig } from '../../config.ts';
import { ackRoutes } from './ack-routes.ts';
import { channelSenders, type Sender } from './channels.ts';
import { OutboxDelivery } from './delivery.ts';
import { DemoPhone, demoPhoneRoutes } from './demo-phone.ts';
import { EscalationEngine } from './engine.ts';
import { AckLinks } from './links.ts';
import { webhookSender } from '../webhooks/sender.ts';
import { escalationRoutes } from './routes.ts';
import { EscalationService } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    escalations: EscalationService;
    /** The durable timers and the outbox; `tick()` runs one pass by hand. */
    escalationEngine: EscalationEngine;
  }
}

export interface EscalationPluginOptions {
  notifications: NotificationConfig;
  /** The demo: with no SMS gateway or SMTP server, messages go to the demo phone page. */
  demo: boolean;
  /** How often the engine looks for due steps and messages; false: only when `tick()` is called. */
  pollMs: number | false;
  /** Senders to use instead of those the configuration names, per channel. */
  senders?: Partial<Record<OutboxChannel, Sender>>;
}

/** Escalations: the service, the engine that runs their timers and outbox, and their routes. */
export default fp<EscalationPluginOptions>(
  async (app, { notifications, demo, pollMs, senders }) => {
    // The key that signs acknowledgement links lives in the database, so every instance shares
    // it and links survive a restart.
    const links = new AckLinks(
      await serverSecret(app.database.db, 'ack_link_key', AckLinks.makeKey),
    );
    const committed = (entries: Parameters<typeof app.liveHub.committed>[0]) =>
      app.liveHub.committed(entries);
    const service = new EscalationService({
      database: app.database,
      links,
      notifications,
      city: app.city,
      committed,
      // NOTE: only ever called after start-up, once the engine below exists.
      queued: () => engine.wake(),
    });
    const demoPhone =
      demo && (notifications.sms === undefined || notifications.smtp === undefined)
        ? new DemoPhone(app.clock)
        : undefined;
    const delivery = new OutboxDelivery({
      database: app.database,
      senders: {
        ...channelSenders(notifications),
        webhook: webhookSender({ database: app.database, clock: app.clock }),
        ...(demoPhone && notifications.sms === undefined && { sms: demoPhone.sender }),
        ...(demoPhone && notifications.smtp === undefined && { email: demoPhone.sender }),
        ...senders,
      },
      notifications,
      clock: app.clock,
      committed,
      counted: (channel, outcome) => app.metrics.notificationAttempts.inc({ channel, outcome }),
    });
    const engine: EscalationEngine = new EscalationEngine({
      database: app.database,
      service,
      delivery,
      clock: app.clock,
      log: app.log,
    });
    app.decorate('escalations', service);
    app.decorate('escalationEngine', engine);

    if (pollMs !== false) app.addHook('onReady', async () => engine.start(pollMs));
    app.addHook('preClose', async () => engine.stop());

    await app.register(escalationRoutes);
    await app.register(ackRoutes);
    await app.register(
      demoPhoneRoutes({
        phone: demoPhone,
        language: app.city.languages[0] ?? 'en',
        timeZone: app.city.timeZone,
      }),
    );
    if (demoPhone) {
      app.addHook('onReady', async () => {
        app.log.info(
          'demo: SMS and e-mail are not configured, so escalation messages go to the demo phone at /demo/phone',
        );
      });
    }
  },
  { name: 'escalations', dependencies: ['database', 'live-hub', 'metrics'] },
);
