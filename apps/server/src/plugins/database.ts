import fp from 'fastify-plugin';
import { migrateDatabase, openDatabase, type Database } from '@vaka/db';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}

export interface DatabasePluginOptions {
  databaseUrl: string | undefined;
  dataDir: string;
}

/** Connects to PostgreSQL (or starts the embedded one) and applies the migrations before anything else runs. */
export default fp<DatabasePluginOptions>(
  async (app, options) => {
    const database = await openDatabase({
      url: options.databaseUrl,
      dataDir: options.dataDir,
      onLog: (message) => app.log.debug({ postgres: message.trim() }, 'embedded postgres'),
    });
    if (database.embedded) app.log.info('started the embedded PostgreSQL');
    try {
      await migrateDatabase(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    app.decorate('database', database);
    app.addHook('onClose', async () => {
      await database.close();
      if (database.embedded) app.log.info('stopped the embedded PostgreSQL');
    });
  },
  { name: 'database' },
);
