import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics Vaka keeps; one registry per app, so tests can build several apps. */
export interface VakaMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  reportsReceived: Counter;
  liveConnections: Gauge;
  fanoutLagEntries: Gauge;
  fanoutDelay: Histogram;
  notificationAttempts: Counter<'channel' | 'outcome'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: VakaMetrics;
  }
}

export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const metrics: VakaMetrics = {
      registry,
      requestDuration: new Histogram({
        name: 'vaka_http_request_duration_seconds',
        help: 'HTTP request duration by route',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [registry],
      }),
      reportsReceived: new Counter({
        name: 'vaka_reports_received_total',
        help: 'Reports stored (retries with a known idempotency key are not counted again)',
        registers: [registry],
      }),
      liveConnections: new Gauge({
        name: 'vaka_live_connections',
        help: 'Open live websocket connections on this instance',
        registers: [registry],
      }),
      fanoutLagEntries: new Gauge({
        name: 'vaka_live_fanout_lag_entries',
        help: 'Journal entries known to exist that this instance has not yet sent to its consoles',
        registers: [registry],
      }),
      fanoutDelay: new Histogram({
        name: 'vaka_live_fanout_delay_seconds',
        help: 'Time from a journal entry being recorded to this instance sending it to consoles',
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
        registers: [registry],
      }),
      notificationAttempts: new Counter({
        name: 'vaka_notification_attempts_total',
        help: 'Outgoing escalation messages handled, by channel and outcome (sent, retry, failed, held, withdrawn)',
        labelNames: ['channel', 'outcome'],
        registers: [registry],
      }),
    };
    app.decorate('metrics', metrics);

    app.addHook('onResponse', async (request, reply) => {
      metrics.requestDuration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);
