// `npm start`'s process manager (runs on Node 24 after bootstrap.mjs has installed and built the workspace).
// Starts the API server on the embedded database (demo data on first start), then both portals; prints the
// URLs and the demo identity; Ctrl-C (or SIGTERM) stops all three cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const env = process.env;
const host = '127.0.0.1';
const apiPort = Number(env.PORT ?? 4000);
const staffPort = Number(env.STAFF_PORT ?? 5173);
const selfcheckPort = Number(env.SELFCHECK_PORT ?? 5174);
const apiUrl = `http://${host}:${apiPort}`;
const demoActor = 'sam@northshire-recovery-partnership.example';
// Where the server keeps its data, for the messages below (the server itself parses DATABASE_URL).
const database = env.DATABASE_URL
  ? `PostgreSQL at ${URL.parse(env.DATABASE_URL)?.host ?? '(DATABASE_URL)'}; load demo data there with \`pnpm --filter @harbour/db demo:load\``
  : `embedded database in ${env.DATA_DIR ?? '.data/pglite'}`;

const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function start(name: string, cwd: string, script: string, extraEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [script], {
    cwd,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push({ name, child });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`harbour: ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); stopping the rest.`);
    void stopAll(1);
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

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Portals first, then the server (which drains in-flight requests and closes the database cleanly).
  for (const { child } of [...children].reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await new Promise<void>((done) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done();
      }, 15_000);
      child.on('exit', () => {
        clearTimeout(timer);
        done();
      });
    });
  }
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

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
start('server', resolve(root, 'apps/server'), 'src/main.ts', {
  PORT: String(apiPort),
  HOST: host,
  HARBOUR_DEV_IDENTITY: '1',
});
if (!(await waitFor(`${apiUrl}/readyz`, 180_000))) {
  console.error('harbour: the API server did not become ready.');
  await stopAll(1);
}
const portalEnv = (port: number): Record<string, string> => ({
  PORT: String(port),
  HOST: host,
  HARBOUR_API_URL: apiUrl,
  HARBOUR_DEV_ACTOR: demoActor,
  ORIGIN: `http://${host}:${port}`,
});
start('staff portal', resolve(root, 'apps/staff'), 'build/index.js', portalEnv(staffPort));
start('self-check portal', resolve(root, 'apps/selfcheck'), 'build/index.js', portalEnv(selfcheckPort));
const up = await Promise.all([
  waitFor(`http://${host}:${staffPort}/`, 60_000),
  waitFor(`http://${host}:${selfcheckPort}/`, 60_000),
]);
if (!up.every(Boolean)) {
  console.error('harbour: a portal did not start.');
  await stopAll(1);
}

console.log(`
Harbour is running (${database}; demo data is synthetic).

  Staff portal        http://${host}:${staffPort}/caseload
  Self-check portal   http://${host}:${selfcheckPort}/
  API server          ${apiUrl}  (health: /healthz, readiness: /readyz)

  Staff sign-in is not built yet: in development the staff portal acts as the demo keyworker
  Sam Carter (${demoActor}), Riverside team.

Press Ctrl-C to stop.
`);
