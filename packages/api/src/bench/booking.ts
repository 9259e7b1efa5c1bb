/**
 * `pnpm --filter @harbour/api bench:booking`: booking latency with 100 people booking one one-place slot at the
 * same moment (issue 11: goal p95 ≤ 100 ms), through the whole API (`selfcheck.bookCheck`: tRPC, zod, the
 * person's health needs, the slot's lock, the domain's check, the place, its version and reminders, the audit
 * row) on PostgreSQL with a pool of 10 connections, as the server has (BENCH_POOL to try another).
 *
 * Each round seeds 100 new people and a new slot, fires the 100 attempts at once and times each from call to
 * answer (exactly one is booked, 99 are told the time is full: checked every round), after BENCH_WARMUP (2)
 * rounds that are not counted. Env: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_ROUNDS (10), BENCH_POOL (10). The database `harbour_bench_booking`
 * is made afresh each run. Its last line: `booking: N attempts, p50 X ms, p95 Y ms, p99 Z ms, max M ms`.
 */
import { openDatabase } from '@harbour/db/client';
import { seedClinicSession, seedPeople } from '@harbour/db/testing/booking';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { callerFor } from '../testing/callers.ts';

const BenchEnv = z.object({
  BENCH_DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  BENCH_ROUNDS: z.coerce.number().int().min(1).max(100).default(10),
  /** Rounds first run and not counted: the pool's connections open and the code warms up. */
  BENCH_WARMUP: z.coerce.number().int().min(0).max(20).default(2),
  /** Connections in the pool (the server's DATABASE_POOL_MAX, 10 by default). */
  BENCH_POOL: z.coerce.number().int().min(1).max(50).default(10),
});
const settings = BenchEnv.parse(process.env);
const ATTEMPTS = 100;
const dbName = 'harbour_bench_booking';
const benchUrl = new URL(settings.BENCH_DATABASE_URL);
benchUrl.pathname = `/${dbName}`;

const admin = postgres(settings.BENCH_DATABASE_URL, { max: 1, onnotice: () => undefined });
await admin.unsafe(`drop database if exists ${dbName} with (force)`);
await admin.unsafe(`create database ${dbName}`);
await admin.end();

const handle = await openDatabase({
  kind: 'postgres',
  url: benchUrl.toString(),
  poolMax: settings.BENCH_POOL,
});
await handle.migrate();
const org = await createTestOrganisation(handle.db, { people: 10, seed: 11 });
const organisationId = org.structure.organisation.id;
const staffId = org.structure.staff[0]?.id ?? '';
// Statistics for the planner, as a database in use has (a fresh one has none until autovacuum gets to it).
await handle.db.execute(sql`analyze`);

const asPerson = (personId: string) =>
  callerFor(handle.db, null, {
    serviceUser: { personId, organisationId },
    session: {
      id: randomUUID(),
      organisationId,
      subjectKind: 'service_user',
      subjectId: personId,
      stage: 'active',
      reauthenticatedAt: null,
    },
  });

const times: number[] = [];
const warm = settings.BENCH_WARMUP;
for (let round = 1 - warm; round <= settings.BENCH_ROUNDS; round++) {
  const people = await seedPeople(handle.db, organisationId, ATTEMPTS);
  const { slotIds } = await seedClinicSession(handle.db, organisationId, staffId, {
    startsAt: new Date(Date.now() + (3 + warm + round) * 86_400_000),
  });
  const slotId = slotIds[0] ?? '';
  const callers = people.map(asPerson);
  const results = await Promise.allSettled(
    callers.map(async (api) => {
      const started = performance.now();
      try {
        return await api.selfcheck.bookCheck({ slotId, need: 'hcv_antibody_test' });
      } finally {
        if (round > 0) times.push(performance.now() - started);
      }
    }),
  );
  const booked = results.filter((r) => r.status === 'fulfilled').length;
  if (booked !== 1) throw new Error(`round ${round}: ${booked} bookings of a one-place slot`);
  process.stdout.write(`${round > 0 ? `round ${round}` : 'warm-up'}: 1 booked, ${ATTEMPTS - 1} refused\n`);
}
await handle.close();

times.sort((a, b) => a - b);
const at = (q: number) =>
  (times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0).toFixed(1);
process.stdout.write(
  `booking: ${times.length} attempts, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms\n`,
);
