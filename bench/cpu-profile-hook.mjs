/**
 * Loaded into the Vaka server with `--import` (through NODE_OPTIONS, which refuses --cpu-prof)
 * when the bench runs with --cpu-profile: profiles the whole process and writes a .cpuprofile
 * into BENCH_CPU_PROFILE_DIR as it exits. Open it in Chrome DevTools or speedscope.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // NOTE: a session on the process's own thread answers synchronously, so this works in 'exit'.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, `server-${process.pid}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    });
  });
}
