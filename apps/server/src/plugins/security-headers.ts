import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

export interface SecurityHeadersOptions {
  /** The city's map style; its origin may be fetched from and its images shown. */
  mapStyleUrl?: string | undefined;
}

/**
 * Security headers on every answer, with a content security policy the console works under:
 * scripts only from Vaka itself, connections only back to it (the API and the live websocket)
 * and to the map style's origin when the city has one.
 */
export default fp<SecurityHeadersOptions>(
  async (app, { mapStyleUrl }) => {
    // NOTE: tiles, glyphs and sprites on other origins than the style's are not allowed; a style
    // that needs them falls back to the plain map, which the console says.
    const mapOrigins = mapStyleUrl === undefined ? [] : [new URL(mapStyleUrl).origin];
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // NOTE: inline styles are allowed (React's and the API docs'); they cannot run code.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:', ...mapOrigins],
          connectSrc: ["'self'", ...mapOrigins],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // Served over plain HTTP on a laptop too; HSTS belongs to the TLS terminator in production.
      strictTransportSecurity: false,
    });
  },
  { name: 'security-headers' },
);
