// Entry point for `npm start` and `npm test` on a fresh machine that has only Node (>= 20) and npm.
// Plain JavaScript that runs on the system Node: it fetches the pinned pnpm into .cache/ (no global install),
// installs the workspace (which brings the pinned Node 24 that every pnpm script then runs on), and hands over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { constants } from 'node:os';
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

/**
 * A child's exit status as a shell reports it: its exit code, or 128 + the signal's number if a signal ended it.
 * @param {number | null} code @param {NodeJS.Signals | null} signal
 */
function statusOf(code, signal) {
  return code ?? (signal ? 128 + constants.signals[signal] : 1);
}

/** @param {string} cmd @param {string[]} args @param {NodeJS.ProcessEnv} env */
function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0) process.exit(statusOf(result.status, result.signal));
}

/**
 * The pinned Node 24 that pnpm runs scripts on (node_modules/.pnpm/node@…/bin/node).
 * @param {NodeJS.ProcessEnv} env @returns {string}
 */
function workspaceNode(env) {
  const result = spawnSync('pnpm', ['exec', 'node', '-p', 'process.execPath'], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const path = result.status === 0 ? (result.stdout.trim().split('\n').pop() ?? '') : '';
  if (!path || !existsSync(path)) {
    const why = result.error?.message ?? `exit ${statusOf(result.status, result.signal)}`;
    fail(`could not find the workspace's Node with \`pnpm exec node\` (${why}).`);
  }
  return path;
}

/**
 * A running process's parent, process group and start time from /proc (Linux); null if it has gone (or exited
 * and waits to be reaped) or there is no /proc.
 * @param {number} pid @returns {{ ppid: number, pgrp: number, start: string } | null}
 */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …": comm may hold spaces, so count the fields after the last ")" (field 3 on).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return null;
    return { ppid: Number(fields[1]), pgrp: Number(fields[2]), start: fields[19] ?? '' };
  } catch {
    return null;
  }
}

/** Our ancestors that share our process group (npm and its shells under `npm start`), nearest first. */
function ancestorsInGroup() {
  const own = procStat(process.pid);
  /** @type {{ pid: number, start: string }[]} */
  const found = [];
  for (let pid = process.ppid; own && pid > 1;) {
    const stat = procStat(pid);
    if (!stat || stat.pgrp !== own.pgrp) break;
    found.push({ pid, start: stat.start });
    pid = stat.ppid;
  }
  return found;
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
  // Hand over to the Node 24 process manager. Not through `pnpm exec node`: that is pnpm → sh shim → node, and a
  // signal sent to pnpm never reaches the real node (its servers would keep running). Run that node directly,
  // forward Ctrl-C / SIGTERM / SIGHUP to it, and exit with its status (start.ts exits 128 + the signal's number
  // after a signal has stopped everything).
  const node = workspaceNode(env);
  const child = spawn(node, ['tooling/scripts/start.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, PATH: `${dirname(node)}${delimiter}${env.PATH}` },
  });
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.on(signal, () => forward(signal));
  }
  // `npm start` runs this as npm → sh -c → sh (the `node` package's shim) → this node: `kill <npm's pid>` ends npm
  // (and the first shell) without a signal reaching us, and would leave the servers running. So watch the
  // processes above us in our process group (npm and the shells) and take the loss of any of them as SIGTERM.
  const parent = process.ppid;
  const watched = ancestorsInGroup();
  const watch = setInterval(() => {
    if (process.ppid === parent && watched.every(({ pid, start }) => procStat(pid)?.start === start)) return;
    clearInterval(watch);
    process.stderr.write('harbour: the process that started this one has gone; stopping.\n');
    forward('SIGTERM');
  }, 500);
  child.on('error', (error) => fail(`could not run the process manager: ${error.message}`));
  child.on('exit', (code, signal) => {
    clearInterval(watch);
    process.exit(statusOf(code, signal));
  });
}
