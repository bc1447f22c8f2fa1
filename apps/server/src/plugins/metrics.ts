import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
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

export interface MetricsPluginOptions {
  /** The bearer token a scraper must send; none: only callers on this machine are answered. */
  token: string | undefined;
}

export default fp<MetricsPluginOptions>(
  async (app, { token }) => {
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

    // NOTE: what the metrics tell (routes, volumes, timings) is not for everyone who can reach
    // the console, so they are served to a scraper with the token, or only on this machine.
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (token !== undefined) {
        if (!sameToken(request.headers.authorization, token)) {
          return reply.code(401).send({
            error: 'Unauthorized',
            message: 'Metrics need the bearer token set in VAKA_METRICS_TOKEN',
          });
        }
      } else if (!isLoopback(request.socket.remoteAddress)) {
        return reply.code(403).send({
          error: 'Forbidden',
          message:
            'Metrics are only served to this machine; set VAKA_METRICS_TOKEN to let a scraper elsewhere read them',
        });
      }
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);

/** Whether the Authorization header carries the token, compared in constant time. */
function sameToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /i, '') ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Whether a caller's address is this machine's own. */
function isLoopback(address: string | undefined): boolean {
  if (address === undefined || isIP(address) === 0) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
