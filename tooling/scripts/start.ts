// `npm start`'s process manager (runs on Node 24 after bootstrap.mjs has installed and built the workspace).
// Starts the API server on the embedded database (demo data on first start), then both portals; prints the
// URLs and the demo sign-ins; Ctrl-C (or SIGTERM) stops all three cleanly, and then exits 128 + the signal's
// number (130 for Ctrl-C, 143 for SIGTERM), as a process stopped by that signal does.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { frontDoor } from './front-door.ts';
import { DEMO_PASSPHRASE, demoSignInList } from '@harbour/db/demo/sign-ins';

const root = resolve(import.meta.dirname, '../..');
const env = process.env;
const host = '127.0.0.1';
const apiPort = Number(env.PORT ?? 4000);
const staffPort = Number(env.STAFF_PORT ?? 5173);
const selfcheckPort = Number(env.SELFCHECK_PORT ?? 5174);
const apiUrl = `http://${host}:${apiPort}`;
// Where the server keeps its data, for the messages below (the server itself parses DATABASE_URL).
const database = env.DATABASE_URL
  ? `PostgreSQL at ${URL.parse(env.DATABASE_URL)?.host ?? '(DATABASE_URL)'}; load demo data there with \`pnpm --filter @harbour/db demo:load\``
  : `embedded database in ${env.DATA_DIR ?? '.data/pglite'}`;

// The server waits up to SHUTDOWN_GRACE_MS (default 10 s) for in-flight requests; give it 5 s more before SIGKILL.
const shutdownGraceMs = /^\d+$/.test(env.SHUTDOWN_GRACE_MS ?? '') ? Number(env.SHUTDOWN_GRACE_MS) : 10_000;
const killAfterMs = shutdownGraceMs + 5_000;
// Ctrl-C in a terminal reaches every process in the foreground group at once, so a portal may exit from it
// before our own SIGINT handler has run: an exit this close to a stop signal is part of stopping.
const stopSignalGraceMs = 1_000;

const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;
let stopSignalAt: number | null = null;

function start(name: string, cwd: string, script: string, childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [script], {
    cwd,
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push({ name, child });
  child.on('exit', (code, signal) => {
    const unexpected = (): boolean =>
      !stopping && (stopSignalAt === null || Date.now() - stopSignalAt > stopSignalGraceMs);
    if (!unexpected()) return;
    // Wait a moment: the stop signal that caused this exit may not have been handled here yet.
    setTimeout(() => {
      if (!unexpected()) return;
      console.error(
        `harbour: ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.`,
      );
      void stopAll(1);
    }, stopSignalGraceMs);
  });
  return child;
}

async function waitFor(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

let stopped: Promise<never> | null = null;

/** Stops every child and exits with `code`; the first call decides the code, and the promise never settles. */
function stopAll(code: number): Promise<never> {
  stopping = true;
  stopped ??= stopChildren().then(() => process.exit(code));
  return stopped;
}

/** The portals' front doors (front-door.ts), closed before the portals stop. */
const doors: Server[] = [];

async function stopChildren(): Promise<void> {
  for (const door of doors) door.close();
  // Portals first, then the server (which drains in-flight requests and closes the database cleanly).
  for (const { child } of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise<void>((done) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done();
      }, killAfterMs);
      child.on('exit', () => {
        clearTimeout(timer);
        done();
      });
    });
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!stopping) console.log(`harbour: stopping (${signal})…`);
    stopSignalAt ??= Date.now();
    void stopAll(128 + constants.signals[signal]);
  });
}

for (const app of ['staff', 'selfcheck']) {
  if (!existsSync(resolve(root, 'apps', app, 'build/index.js'))) {
    console.error(`harbour: apps/${app} is not built; run \`npm start\` (it builds first).`);
    process.exit(1);
  }
}

console.log(
  env.DATABASE_URL
    ? `harbour: starting the API server on ${database}…`
    : 'harbour: starting the API server on the embedded database (the first start loads the demo organisation, ~20 s)…',
);
// A fresh secret for each start, shared by the server and the portals: only the portals may then name the
// address a person signs in from (apps/server/src/portal-secret.ts).
const portalSecret = randomBytes(32).toString('base64url');
start('server', resolve(root, 'apps/server'), 'src/main.ts', {
  ...env,
  PORT: String(apiPort),
  HOST: host,
  HARBOUR_DEV_IDENTITY: '1',
  HARBOUR_PORTAL_SECRET: portalSecret,
});
if (!(await waitFor(`${apiUrl}/readyz`, 180_000))) {
  if (!stopping) console.error('harbour: the API server did not become ready.');
  await stopAll(1);
}
// The portals get only what they need: not the server's configuration and secrets (DATABASE_URL, DATA_DIR, …).
// Each listens on an inner port behind a front door (front-door.ts) that says which protocol and address the
// browser used, as a deployment's reverse proxy does.
const innerPort = (port: number) => port + 10;
const portalEnv = (port: number): NodeJS.ProcessEnv => ({
  PATH: env.PATH,
  HOME: env.HOME,
  ...(env.NODE_ENV === undefined ? {} : { NODE_ENV: env.NODE_ENV }),
  PORT: String(innerPort(port)),
  HOST: host,
  HARBOUR_API_URL: apiUrl,
  HARBOUR_PORTAL_SECRET: portalSecret,
  PROTOCOL_HEADER: 'x-forwarded-proto',
  ADDRESS_HEADER: 'x-forwarded-for',
  XFF_DEPTH: '1',
});
// src/serve.ts: adapter-node's build/index.js, with security headers on every answer and 405 for other methods.
start('staff portal', resolve(root, 'apps/staff'), 'src/serve.ts', portalEnv(staffPort));
start('self-check portal', resolve(root, 'apps/selfcheck'), 'src/serve.ts', portalEnv(selfcheckPort));
try {
  for (const port of [staffPort, selfcheckPort]) doors.push(await frontDoor(host, port, innerPort(port)));
} catch (error) {
  console.error(`harbour: could not listen on ${host}: ${(error as Error).message}`);
  await stopAll(1);
}
const up = await Promise.all([
  waitFor(`http://${host}:${staffPort}/`, 60_000),
  waitFor(`http://${host}:${selfcheckPort}/`, 60_000),
]);
if (!up.every(Boolean)) {
  if (!stopping) console.error('harbour: a portal did not start.');
  await stopAll(1);
}

console.log(`
Harbour is running (${database}; demo data is synthetic).

  Staff portal        http://${host}:${staffPort}/
  Self-check portal   http://${host}:${selfcheckPort}/
  API server          ${apiUrl}  (health: /healthz, readiness: /readyz)

${demoSignIns()}

Press Ctrl-C to stop.
`);

/**
 * The demo sign-ins (issue 4 §8): one member of staff per role and one service user, the shared demo passphrase,
 * and where their authenticator codes come from — the server's development-only /dev/ route, which exists only
 * with HARBOUR_DEV_IDENTITY=1 and which the server refuses to enable under NODE_ENV=production.
 */
function demoSignIns(): string {
  const list = demoSignInList();
  const width = Math.max(...list.staff.map((s) => s.role.length));
  const staffLines = list.staff.map((s) => `    ${s.role.padEnd(width)}  ${s.email}`).join('\n');
  return `  Demo sign-ins (synthetic; development only). Passphrase for every demo account: ${DEMO_PASSPHRASE}
  Authenticator codes: ${apiUrl}/dev/second-factor?kind=staff&login=<email>

${staffLines}

    Self-check (service user)  username ${list.serviceUser}
      codes: ${apiUrl}/dev/second-factor?kind=service_user&login=${list.serviceUser}`;
}
