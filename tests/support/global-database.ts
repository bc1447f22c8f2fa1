import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@vaka/db';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL connection string with the right to create databases. */
    adminDatabaseUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole run: DATABASE_URL when set, else a testcontainers
 * PostgreSQL when a Docker engine answers, else the embedded server. Each test file then creates
 * its own database on it (see database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    project.provide('adminDatabaseUrl', process.env.DATABASE_URL);
    return async () => {};
  }
  const container = await startContainer();
  if (container) {
    project.provide('adminDatabaseUrl', container.url);
    return container.stop;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'vaka-test-pg-'));
  // As root, PostgreSQL runs as a user of its own, which must be able to reach its directory.
  await chmod(dir, 0o755);
  const server = await startEmbeddedPostgres(path.join(dir, 'data'));
  project.provide('adminDatabaseUrl', server.url);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

async function startContainer(): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
  } catch {
    return undefined; // No Docker engine here: the embedded server it is.
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:18-alpine').start();
  return {
    url: container.getConnectionUri(),
    stop: async () => {
      await container.stop();
    },
  };
}
