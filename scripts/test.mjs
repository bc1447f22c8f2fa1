// Runs every check the project has, in order, and ends with one line: "N passed, N failed".
// Typecheck, lint, the console build and the compose file each count as one check; every vitest
// test (unit, integration against a real PostgreSQL, end to end in Chromium) counts as one.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.vitest-results.json';
let passed = 0;
let failed = 0;

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(name, command, args) {
  console.log(`\n▶ ${name}`);
  const ok = run(command, args);
  console.log(ok ? `✔ ${name}` : `✘ ${name} failed`);
  if (ok) passed += 1;
  else failed += 1;
}

function which(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
}

/** Finds a Chromium for the end-to-end tests, installing Debian's when there is none. */
function findChromium() {
  const known = [
    process.env.VAKA_CHROMIUM,
    '/usr/bin/chromium',
    which('chromium'),
    which('chromium-browser'),
  ];
  const found = known.find((candidate) => candidate && existsSync(candidate));
  if (found) return found;
  if (process.getuid?.() === 0 && which('apt-get')) {
    console.log(
      "\n▶ No Chromium found: installing Debian's chromium package for the end-to-end tests",
    );
    run('sh', [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
    ]);
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.log(
    '\n✘ No Chromium: install one (Debian: apt-get install chromium) or set VAKA_CHROMIUM to its path',
  );
  return undefined;
}

check('typecheck', 'pnpm', ['typecheck']);
check('lint', 'pnpm', ['lint']);
check('console build', 'pnpm', ['build']);
if (which('docker-compose')) {
  check('docker-compose.yml is valid', 'docker-compose', [
    '-f',
    'docker-compose.yml',
    'config',
    '-q',
  ]);
} else {
  console.log('\n(docker-compose is not installed here: the compose file check is skipped)');
}

const chromium = findChromium();
console.log('\n▶ tests: unit, integration and end to end');
rmSync(RESULTS, { force: true });
run(
  'pnpm',
  [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${RESULTS}`,
  ],
  {
    ...(chromium && { VAKA_CHROMIUM: chromium }),
  },
);
if (existsSync(RESULTS)) {
  const results = JSON.parse(readFileSync(RESULTS, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A test file that failed to load has no tests of its own to count: count it as one failure.
  failed += results.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
} else {
  console.log('✘ vitest wrote no results');
  failed += 1;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
