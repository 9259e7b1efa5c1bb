// Caseload benchmark (issue 2). Run: `pnpm bench:caseload` (root) or `pnpm --filter @harbour/server bench:caseload`.
// Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_PEOPLE (100000),
// BENCH_SECONDS (20 per target), BENCH_CONNECTIONS (32), BENCH_REBUILD=1 to rebuild the organisation,
// BENCH_CPU_PROF=<dir> to write both servers' CPU profiles there, BENCH_ROUNDS (1): the targets take turns, each BENCH_SECONDS ÷ BENCH_ROUNDS at a time, so that a machine whose
// speed drifts (a shared one) slows both alike.
// Builds a synthetic organisation in a database `harbour_bench` (kept between runs), then measures, over HTTP,
// the caseload procedure of the real server and the minimal node:http + postgres handler running the same SQL.
import { sessionTokenFor } from '@harbour/api/testing/sessions';
import { openDatabase } from '@harbour/db/client';
import { generateOrganisation } from '@harbour/db/demo/generate';
import { loadOrganisation } from '@harbour/db/demo/load';
import { organisation, team } from '@harbour/db/schema/organisation';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { londonDate } from '@harbour/domain/dates';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { z } from 'zod';
import { combine, runLoad, type LoadResult } from './load.ts';

// The benchmark's settings, read once and checked (the people count names a database, so it must be a number).
const BenchEnv = z.object({
  BENCH_DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  BENCH_PEOPLE: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  BENCH_SECONDS: z.coerce.number().int().min(1).max(3600).default(20),
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).max(1000).default(32),
  BENCH_REBUILD: z.enum(['0', '1']).default('0'),
  /** The caseload's order: `risk` (the register, the default since issue 8) or `name`. */
  BENCH_SORT: z.enum(['risk', 'name']).default('risk'),
  BENCH_ROUNDS: z.coerce.number().int().min(1).max(100).default(1),
});
const env = process.env;
const settings = BenchEnv.safeParse(env);
if (!settings.success) {
  for (const issue of settings.error.issues)
    process.stderr.write(`bench:caseload: ${issue.path.join('.')}: ${issue.message}\n`);
  process.exit(2);
}
const {
  BENCH_DATABASE_URL: adminUrl,
  BENCH_PEOPLE: people,
  BENCH_SECONDS: seconds,
  BENCH_CONNECTIONS: connections,
  BENCH_SORT: sort,
  BENCH_ROUNDS: rounds,
} = settings.data;
const rebuild = settings.data.BENCH_REBUILD === '1';
const dbName = `harbour_bench_${people}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;
const APP_LOGIN = 'harbour_bench_server';
const appUrl = new URL(benchUrl);
appUrl.username = APP_LOGIN;
appUrl.password = '';

async function prepare(): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  const exists = (await admin`select 1 from pg_database where datname = ${dbName}`).length > 0;
  if (exists && rebuild) await admin.unsafe(`drop database ${dbName} with (force)`);
  if (!exists || rebuild) await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const handle = await openDatabase({ kind: 'postgres', url: benchUrl.toString(), poolMax: 4 });
  await handle.migrate();
  const [existing] = await handle.db.select().from(organisation).limit(1);
  if (!existing) {
    const started = performance.now();
    const org = generateOrganisation({
      seed: 2026,
      people,
      asOf: londonDate(new Date()),
      name: 'Benchmark Trust',
    });
    const result = await loadOrganisation(handle.db, org, { batchSize: 5000 });
    await handle.db.execute(sql`analyze`);
    console.log(
      `built ${result.people} people and ${result.events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  await handle.close();
  // The server runs as it would in production: a login role in harbour_app (migration 0003), held by row-level
  // security; migrations stay with the owner. No password: this machine's PostgreSQL trusts local connections.
  const owner = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await owner.unsafe(`do $$ begin
      if not exists (select from pg_roles where rolname = '${APP_LOGIN}') then
        create role ${APP_LOGIN} login in role harbour_app;
      end if;
    end $$`);
  await owner.end();
}

/** Each keyworker's team, and a signed-in session for them (made directly: the benchmark is not about sign-in). */
async function targets(): Promise<{ organisationId: string; pairs: { teamId: string; token: string }[] }> {
  const handle = await openDatabase({ kind: 'postgres', url: benchUrl.toString(), poolMax: 2 });
  await handle.migrate();
  const [org] = await handle.db.select().from(organisation).limit(1);
  const members = await handle.db
    .select({ teamId: team.id, email: staff.email })
    .from(teamMembership)
    .innerJoin(team, eq(team.id, teamMembership.teamId))
    .innerJoin(staff, eq(staff.id, teamMembership.staffId))
    .where(eq(staff.role, 'keyworker'));
  const pairs = [];
  for (const { teamId, email } of members)
    pairs.push({ teamId, token: await sessionTokenFor(handle.db, email) });
  await handle.close();
  return { organisationId: org?.id ?? '', pairs };
}

/** Starts a server process and waits until `readyUrl` answers 200. */
async function startProcess(
  script: string,
  args: string[],
  extraEnv: Record<string, string>,
  readyUrl: string,
): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops (for chrome://inspect).
  const profile = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, fileURLToPath(new URL(script, import.meta.url)), ...args],
    {
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  for (let attempt = 0; attempt < 240 && !exited; attempt++) {
    const ok = await fetch(readyUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not become ready`);
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
}

function line(name: string, r: LoadResult): string {
  return `| ${name} | ${r.requests} | ${r.errors} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rps.toFixed(0)} |`;
}

await prepare();
const { organisationId, pairs } = await targets();
let i = 0;
const pick = () => {
  const pair = pairs[i++ % pairs.length];
  if (!pair) throw new Error('no keyworkers');
  return pair;
};

// Both servers run side by side (idle when it is not their turn), on ports of their own.
const HARBOUR_PORT = 6901;
const MINIMAL_PORT = 6902;
const harbour = await startProcess(
  '../src/main.ts',
  [],
  {
    DATABASE_URL: appUrl.toString(),
    DATABASE_MIGRATION_URL: benchUrl.toString(),
    PORT: String(HARBOUR_PORT),
    LOG_LEVEL: 'warn',
    DATABASE_POOL_MAX: '10',
    // The daily sweep's start-up run would re-score people while the load runs: not what this measures.
    JOBS: 'off',
  },
  `http://127.0.0.1:${HARBOUR_PORT}/readyz`,
);
const minimal = await startProcess(
  './minimal-handler.ts',
  [benchUrl.toString(), organisationId, String(MINIMAL_PORT), sort],
  {},
  `http://127.0.0.1:${MINIMAL_PORT}/?teamId=00000000-0000-7000-8000-000000000000`,
);
const harbourRequest = () => {
  const { teamId, token } = pick();
  const input = encodeURIComponent(JSON.stringify({ teamId, pageSize: 25, sort }));
  return {
    url: `http://127.0.0.1:${HARBOUR_PORT}/trpc/caseload.list?input=${input}`,
    headers: { authorization: `Bearer ${token}` },
  };
};
const minimalRequest = () => ({ url: `http://127.0.0.1:${MINIMAL_PORT}/?teamId=${pick().teamId}` });
await runLoad(harbourRequest, connections, 3); // warm-up
await runLoad(minimalRequest, connections, 3);
const slice = seconds / rounds;
const harbourRounds: LoadResult[] = [];
const minimalRounds: LoadResult[] = [];
for (let round = 0; round < rounds; round++) {
  harbourRounds.push(await runLoad(harbourRequest, connections, slice));
  minimalRounds.push(await runLoad(minimalRequest, connections, slice));
}
await stop(harbour);
await stop(minimal);
const harbourResult = combine(harbourRounds);
const minimalResult = combine(minimalRounds);

console.log(
  `\n${people} people, ${pairs.length} keyworker/team pairs, ${connections} connections, ${seconds} s each in ${rounds} turn(s), ${cpus().length} cores, ${cpus()[0]?.model ?? ''}`,
);
console.log('| target | requests | errors | p50 ms | p95 ms | p99 ms | req/s |');
console.log('|---|---|---|---|---|---|---|');
console.log(
  line('Harbour caseload.list (tRPC, access check, read and audit row in one statement)', harbourResult),
);
console.log(line('minimal node:http + postgres, same SQL', minimalResult));
console.log(
  `\nHarbour throughput = ${((harbourResult.rps / minimalResult.rps) * 100).toFixed(0)}% of the minimal handler; p95 target ≤ 50 ms.`,
);
