// Entry point for `npm start` and `npm test` on a fresh machine that has only Node (>= 20) and npm.
// Plain JavaScript that runs on the system Node: it fetches the pinned pnpm into .cache/ (no global install),
// installs the workspace (which brings the pinned Node 24 that every pnpm script then runs on), and hands over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PNPM_VERSION = '10.34.9';
const pnpmPrefix = join(root, '.cache', `pnpm-${PNPM_VERSION}`);
const pnpmBin = join(pnpmPrefix, 'node_modules', '.bin');

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`harbour: ${message}\n`);
  process.exit(1);
}

/** @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} env */
function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`Node 20 or newer is needed to bootstrap (found ${process.version}).`);

const command = process.argv[2];
if (command !== 'start' && command !== 'test') fail('usage: bootstrap.mjs start|test');

if (!existsSync(join(pnpmBin, 'pnpm'))) {
  process.stdout.write(`harbour: fetching pnpm ${PNPM_VERSION} into .cache/ (once)\n`);
  mkdirSync(pnpmPrefix, { recursive: true });
  run(
    'npm',
    [
      'install',
      '--prefix',
      pnpmPrefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `pnpm@${PNPM_VERSION}`,
    ],
    process.env,
  );
}

// pnpm (and through it turbo, which calls pnpm for each task) must be on PATH for every child.
const env = {
  ...process.env,
  PATH: `${pnpmBin}${delimiter}${process.env.PATH ?? ''}`,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
};

run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only'], env);

if (command === 'test') {
  run('pnpm', ['exec', 'prettier', '--check', '--log-level=warn', '.'], env);
  run(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'lint',
      'typecheck',
      'test',
      'test:e2e',
      '--output-logs=new-only',
      '--concurrency=2',
    ],
    env,
  );
} else {
  run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], env);
  // Hand over to the Node 24 process manager; forward Ctrl-C / SIGTERM to it and exit with its status.
  const child = spawn('pnpm', ['exec', 'node', 'tooling/scripts/start.ts'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code) => process.exit(code ?? 0));
}
