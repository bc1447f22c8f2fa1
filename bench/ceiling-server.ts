/**
 * The ceiling: the least a durable report intake can do. One Fastify route that stores the
 * request body with ONE insert (its own transaction, committed before the reply) on the same
 * PostgreSQL, through a pool as large as Vaka's. Vaka's intake is measured against it.
 *
 * Run as a child of bench/run.ts with DATABASE_URL, PORT and HOST.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const databaseUrl = process.env.DATABASE_URL;
const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
if (!databaseUrl || !Number.isInteger(port)) {
  console.error('ceiling-server: DATABASE_URL and PORT are required');
  process.exit(2);
}

// NOTE: the same pool size as Vaka's (packages/db openDatabase), so both are limited alike.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
pool.on('error', () => {});
await pool.query(
  `create table if not exists ceiling_reports (
     id uuid primary key,
     received_at timestamptz not null default now(),
     body jsonb not null
   )`,
);

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });

app.get('/readyz', async () => ({ status: 'ready' }));

app.post('/reports', async (request, reply) => {
  const id = randomUUID();
  await pool.query('insert into ceiling_reports (id, body) values ($1, $2)', [
    id,
    JSON.stringify(request.body),
  ]);
  return reply.code(201).send({ id });
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
// Never outlive the bench, even one that was killed outright: it is our parent.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && void stop(), 1_000).unref();

await app.listen({ port, host });
