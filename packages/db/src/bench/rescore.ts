/**
 * `pnpm bench:rescore` (root) or `pnpm --filter @harbour/db bench:rescore`: a full re-score of a large
 * organisation from PostgreSQL (issue 8: 100,000 people, about 2.8 million events; goal S ≤ 30 s and S ≤ 2 × F),
 * against the floor of streaming the same rows with the same driver and doing nothing with them.
 *
 * - Harbour (S): what a model version change runs (`pnpm rescore`): every person's projection row is locked,
 *   their record read (person, episodes, events, facts), scored by the domain, and written back with a history
 *   row each (every score's model version changed, so every person gets one), 1,000 people a transaction, two transactions at once (the sweep's default).
 * - Floor (F): the same id pages and the same four record reads, on the same postgres.js pool, in the same
 *   transactions, with nothing done with the rows.
 *
 * Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), BENCH_PEOPLE (100000),
 * BENCH_REBUILD=1. The organisation is built once into `harbour_bench_<people>` (shared with bench:caseload) and
 * kept. Its last line: `rescore: <people> people, harbour S s, stream F s, ratio R`.
 */
import { londonDate } from '@harbour/domain/dates';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { z } from 'zod';
import { openDatabase, rowsOf, type Database } from '../client.ts';
import { generateOrganisation } from '../demo/generate.ts';
import { loadOrganisation } from '../demo/load.ts';
import { readRecordRows } from '../risk/records.ts';
import { rescoreOrganisation } from '../risk/sweep.ts';
import { organisation } from '../schema/organisation.ts';
import { withTenant } from '../tenant.ts';

const BenchEnv = z.object({
  BENCH_DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  BENCH_PEOPLE: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  BENCH_REBUILD: z.enum(['0', '1']).default('0'),
});
const settings = BenchEnv.safeParse(process.env);
if (!settings.success) {
  for (const issue of settings.error.issues)
    process.stderr.write(`bench:rescore: ${issue.path.join('.')}: ${issue.message}\n`);
  process.exit(2);
}
const { BENCH_DATABASE_URL: adminUrl, BENCH_PEOPLE: people } = settings.data;
const dbName = `harbour_bench_${people}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;
const BATCH = 1000;
const NO_ID = '00000000-0000-0000-0000-000000000000';

const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
const [found] = await admin`select 1 from pg_database where datname = ${dbName}`;
if (found && settings.data.BENCH_REBUILD === '1') await admin.unsafe(`drop database ${dbName} with (force)`);
if (!found || settings.data.BENCH_REBUILD === '1') await admin.unsafe(`create database ${dbName}`);
await admin.end();

const handle = await openDatabase({ kind: 'postgres', url: benchUrl.toString(), poolMax: 4 });
await handle.migrate();
let [org] = await handle.db.select({ id: organisation.id }).from(organisation).limit(1);
if (!org) {
  const started = performance.now();
  const built = generateOrganisation({
    seed: 2026,
    people,
    asOf: londonDate(new Date()),
    name: 'Benchmark Trust',
  });
  const result = await loadOrganisation(handle.db, built, { batchSize: 5000 });
  await handle.db.execute(sql`analyze`);
  console.log(
    `built ${result.people} people and ${result.events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  [org] = await handle.db.select({ id: organisation.id }).from(organisation).limit(1);
}
const organisationId = org?.id ?? '';

/** The floor: the same pages of ids and the same record reads, nothing done with them. */
async function stream(db: Database): Promise<{ rows: number }> {
  let after = NO_ID;
  let rows = 0;
  for (;;) {
    const page = await withTenant(db, { organisationId, actorId: null }, async (tx) => {
      const ids = rowsOf<{ id: string }>(
        await tx.execute(sql`select p.id from person p
          left join person_state s on s.person_id = p.id and s.organisation_id = p.organisation_id
          where p.organisation_id = ${organisationId} and p.id > ${after}
          order by p.id limit ${BATCH}`),
      ).map((row) => row.id);
      if (ids.length === 0) return null;
      const read = await readRecordRows(tx, organisationId, ids);
      return {
        last: ids.at(-1) ?? NO_ID,
        rows: ids.length + read.people.length + read.episodes.length + read.events.length + read.facts.length,
      };
    });
    if (page === null) return { rows };
    after = page.last;
    rows += page.rows;
  }
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);
const asOf = londonDate(new Date());

// Warm the cache with one floor run first, so neither measurement pays for reading from disk.
await stream(handle.db);
const floorStart = performance.now();
const streamed = await stream(handle.db);
const floorMs = performance.now() - floorStart;

// A model version change: every stored score is from "another" version, so everyone is re-scored and written.
await handle.db.execute(
  sql`update person_state set risk_model_version = 'bench-previous' where organisation_id = ${organisationId}`,
);
await handle.db.execute(sql`vacuum analyze person_state`);
const harbourStart = performance.now();
const outcome = await rescoreOrganisation(handle.db, organisationId, {
  asOf,
  cause: 'rescore',
  selection: 'other_model',
  batchSize: BATCH,
});
const harbourMs = performance.now() - harbourStart;
await handle.close();

console.log(
  `read ${streamed.rows} rows; re-scored ${outcome.rescored} people (${outcome.changed} history rows, ${outcome.failed.length} failed)`,
);
console.log(
  `rescore: ${outcome.rescored} people, harbour ${seconds(harbourMs)} s, stream ${seconds(floorMs)} s, ratio ${(harbourMs / floorMs).toFixed(2)}`,
);
