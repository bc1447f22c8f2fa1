import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * Security headers on every answer, with a content security policy the console works under:
 * scripts only from Vaka itself, connections only back to it (the API and the live websocket).
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // NOTE: inline styles are allowed (React's and the API docs'); they cannot run code.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
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
