// A Vaka server in a child process whose clock a test sets, for killing it between two escalation
// steps: it reads the time from the file named by VAKA_TEST_CLOCK_FILE at every look.
import { readFileSync } from 'node:fs';
import { buildApp } from '../../apps/server/src/app.ts';
import { testConfig } from './app.ts';

const databaseUrl = process.env.DATABASE_URL;
const clockFile = process.env.VAKA_TEST_CLOCK_FILE;
const smsUrl = process.env.VAKA_SMS_URL;
if (!databaseUrl || !clockFile || !smsUrl) {
  throw new Error('DATABASE_URL, VAKA_TEST_CLOCK_FILE and VAKA_SMS_URL must be set');
}
const base = testConfig(databaseUrl);
const app = await buildApp({
  config: {
    ...base,
    notifications: { ...base.notifications, sms: { url: new URL(smsUrl), token: undefined } },
  },
  clock: () => new Date(readFileSync(clockFile, 'utf8').trim()),
  engine: { pollMs: 50 },
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write('ready\n');
