import { spawn } from 'node:child_process';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Vaka cannot start: ${error.message}`);
    process.exit(78);
  }
  throw error;
}

const logger = pino({
  level: config.logLevel,
  redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
  // JSON for log collectors; readable lines for a person at a terminal.
  ...(process.stdout.isTTY && {
    transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } },
  }),
});

const app = await buildApp({ config }, { loggerInstance: logger });

closeWithGrace({ delay: 10_000, logger }, async ({ signal, err }) => {
  if (err) logger.error({ err }, 'stopping after an error');
  else logger.info({ signal }, 'stopping: finishing requests in flight');
  await app.close();
});

try {
  const address = await app.listen({ port: config.port, host: config.host });
  const consoleUrl = address.replace('127.0.0.1', 'localhost');
  logger.info({ address, city: config.city.name }, `Vaka is ready at ${consoleUrl}`);
  if (config.openBrowser) openInBrowser(consoleUrl);
} catch (error) {
  logger.fatal({ err: error }, 'Vaka could not start');
  await app.close().catch(() => {});
  process.exit(1);
}

/** Opens the console in the desktop's browser, where there is a desktop; quietly does nothing else. */
function openInBrowser(url: string): void {
  const opener =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => {});
  child.unref();
}
