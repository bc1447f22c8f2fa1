import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CitySettings, DistrictCollection } from '@vaka/domain';
import type { Config } from './config.ts';
import databasePlugin from './plugins/database.ts';
import metricsPlugin from './plugins/metrics.ts';
import liveHubPlugin, { type LiveHubOptions } from './plugins/live-hub.ts';
import errorsPlugin, { describeValidationErrors } from './plugins/errors.ts';
import docsPlugin from './plugins/docs.ts';
import consolePlugin from './plugins/console.ts';
import { ReportIntake } from './modules/intake/service.ts';
import { intakeRoutes } from './modules/intake/routes.ts';
import { capRoutes } from './modules/cap/routes.ts';
import capFeedsPlugin from './modules/cap/feeds-plugin.ts';
import { situationRoutes } from './modules/situation/routes.ts';
import { journalRoutes } from './modules/journal/routes.ts';
import { incidentRoutes } from './modules/incidents/routes.ts';
import { incidentDetailRoutes } from './modules/incidents/detail-routes.ts';
import { liveRoutes } from './modules/live/routes.ts';
import { readinessRoutes } from './modules/readiness/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { cityRoutes } from './modules/city/routes.ts';
import { seedDemoData } from './demo/seed.ts';
import authPlugin from './plugins/auth.ts';
import securityHeadersPlugin from './plugins/security-headers.ts';
import rateLimit from '@fastify/rate-limit';
import { authRoutes } from './modules/auth/routes.ts';
import { ensureDemoUsers, ensureFirstAdmin } from './modules/auth/service.ts';
import { userRoutes } from './modules/users/routes.ts';
import { apiKeyRoutes } from './modules/api-keys/routes.ts';
import { securityRoutes } from './modules/security/routes.ts';
import { unitRoutes } from './modules/units/routes.ts';
import { scheduleRoutes } from './modules/schedules/routes.ts';
import { escalationPolicyRoutes } from './modules/escalation-policies/routes.ts';
import escalationsPlugin, { type EscalationPluginOptions } from './modules/escalations/plugin.ts';
import messagesPlugin from './modules/messages/plugin.ts';
import webhooksPlugin from './modules/webhooks/plugin.ts';
import { publicRoutes } from './modules/public/routes.ts';
import { situationReportRoutes } from './modules/situation-reports/routes.ts';
import { plannedEventRoutes } from './modules/planned-events/routes.ts';
import { handoverRoutes } from './modules/handovers/routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    intake: ReportIntake;
    /** The city's settings: its name, languages and the categories it uses. */
    city: CitySettings;
    /** The city's districts, for placing incidents by their coordinates. */
    districts: DistrictCollection;
    /** The server's time: the real time, except in tests that move it by hand. */
    clock: () => Date;
  }
}

export interface AppOptions {
  config: Config;
  live?: Partial<LiveHubOptions>;
  /** The time the server lives in; the real time when absent. */
  clock?: () => Date;
  /** The escalation engine: how often it looks for due work (default every second), and senders. */
  engine?: Partial<Pick<EscalationPluginOptions, 'pollMs' | 'senders'>>;
}

/** The whole of Vaka as one Fastify plugin: infrastructure first, then one plugin per area. */
export const vakaApp = fp<AppOptions>(
  async (app, { config, live, clock, engine }) => {
    // While stopping, answer what is in flight and let each connection go with its answer, so
    // keep-alive connections do not hold the shutdown open.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close');
    });

    // The API speaks JSON only; anything else gets a 415 that says so.
    app.removeContentTypeParser('text/plain');
    await app.register(errorsPlugin);
    await app.register(databasePlugin, {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
    });
    // NOTE: before auth, whose refusals end a websocket upgrade: this plugin's hooks must have
    // marked the request first, for its socket to be closed after the answer.
    await app.register(websocket, {
      options: { maxPayload: 64 * 1024 },
      // The live hub closes open websockets with a reason when the server stops, not this plugin.
      preClose: (done) => done(),
    });
    // Before any route, so that every route is checked against the policy table.
    await app.register(authPlugin);
    await app.register(securityHeadersPlugin, { mapStyleUrl: config.city.mapStyleUrl });
    await app.register(rateLimit, { global: false });
    await app.register(metricsPlugin, { token: config.metricsToken });
    await app.register(docsPlugin);
    await app.register(liveHubPlugin, live ?? {});

    const intake = new ReportIntake(app.database, config.districts, (entries, reportsCreated) => {
      app.liveHub.committed(entries);
      app.metrics.reportsReceived.inc(reportsCreated);
    });
    app.decorate('intake', intake);
    app.decorate('city', config.city);
    app.decorate('districts', config.districts);
    app.decorate('clock', clock ?? (() => new Date()));

    await app.register(healthRoutes);
    await app.register(authRoutes, {
      secureCookies: config.secureCookies,
      signInAttemptsPerMinute: config.signInAttemptsPerMinute,
      oidc: config.oidc,
    });
    await app.register(userRoutes);
    await app.register(apiKeyRoutes);
    await app.register(securityRoutes);
    await app.register(cityRoutes, { city: config.city, districts: config.districts });
    await app.register(situationRoutes);
    await app.register(situationReportRoutes);
    await app.register(journalRoutes);
    await app.register(incidentRoutes);
    await app.register(readinessRoutes);
    await app.register(incidentDetailRoutes);
    await app.register(intakeRoutes);
    await app.register(capRoutes);
    await app.register(unitRoutes);
    await app.register(scheduleRoutes);
    await app.register(escalationPolicyRoutes);
    await app.register(plannedEventRoutes);
    await app.register(escalationsPlugin, {
      notifications: config.notifications,
      demo: config.demo,
      pollMs: engine?.pollMs ?? 1_000,
      ...(engine?.senders !== undefined && { senders: engine.senders }),
    });
    await app.register(webhooksPlugin, { publicUrl: config.notifications.publicUrl });
    await app.register(messagesPlugin, {
      publicUrl: config.notifications.publicUrl,
      pollMs: engine?.pollMs ?? 1_000,
    });
    await app.register(capFeedsPlugin, {
      feeds: config.capFeeds,
      pollMs: engine?.pollMs ?? 1_000,
    });
    await app.register(publicRoutes, { publicUrl: config.notifications.publicUrl });
    await app.register(handoverRoutes);
    await app.register(liveRoutes);
    await app.register(consolePlugin, { consoleDir: config.consoleDir });

    app.addHook('onReady', async () => {
      if (config.demo) {
        await ensureDemoUsers(app);
        const seeded = await seedDemoData(app);
        if (seeded > 0) app.log.info({ incidents: seeded }, 'seeded demo incidents');
      }
      await ensureFirstAdmin(app);
    });
  },
  { name: 'vaka' },
);

/** Fastify with Vaka's server options: strict validation, readable errors, bounded bodies. */
export async function buildApp(
  options: AppOptions,
  serverOptions: Pick<FastifyServerOptions, 'loggerInstance' | 'logger'> = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...serverOptions,
    bodyLimit: 1024 * 1024,
    // The first start of the embedded PostgreSQL runs initdb, which can take a while on a slow disk.
    pluginTimeout: 120_000,
    forceCloseConnections: 'idle',
    ajv: {
      // Refuse unknown fields and wrong types instead of quietly removing or converting them.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false },
    },
    schemaErrorFormatter: describeValidationErrors,
  }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(vakaApp, options);
  return app;
}
