import { openDatabase, verifyJournal } from '@vaka/db';
import { ConfigError, loadConfig } from './config.ts';

const USAGE = `Usage: pnpm vaka <command>

Commands:
  journal verify   walk the journal's hash chain and name the first entry that does not match

It uses DATABASE_URL when set, else the embedded database under VAKA_DATA_DIR (the running
server's, if one runs).`;

/** Runs one command; returns the process's exit code. */
async function main(args: readonly string[]): Promise<number> {
  if (args[0] !== 'journal' || args[1] !== 'verify' || args.length !== 2) {
    console.error(USAGE);
    return 64;
  }
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
    shareRunningEmbedded: true,
  });
  try {
    const result = await verifyJournal(database.db);
    if (result.ok) {
      console.warn(`The journal verifies: ${result.checked} entries, the hash chain is intact.`);
      return 0;
    }
    console.error(
      `The journal does NOT verify: entry ${result.firstBadSeq} does not match its hash ` +
        `(the ${result.checked} entries before it do).`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ConfigError ? `Vaka cannot run: ${error.message}` : error);
  process.exitCode = 1;
}
