import { APPLICATION_ROLE, type DatabaseHandle } from '@harbour/db/client';
import { sql } from 'drizzle-orm';
import { fromPglite, PgBoss, type ConstructorOptions } from 'pg-boss';
import { BOOKING_REMINDERS } from './reminders.ts';
import { RISK_SWEEP } from './risk-sweep.ts';
import { TASK_SWEEP } from './task-sweep.ts';

/**
 * Harbour's background work runs on pg-boss (a kept job library on PostgreSQL; architecture.md "Jobs"), in the
 * server process, on the same database as everything else: PostgreSQL through a small pool of its own, or the
 * embedded PGlite through pg-boss's PGlite adapter on the one shared connection. Never a hand-written queue.
 *
 * The queue's tables live in their own schema, `pgboss`. They are created and upgraded by `prepareQueue`, as the
 * tables' owner (the migrations' connection), which also creates Harbour's queues and grants the application
 * role what it needs to use them (no more: it owns nothing there either). The server's own instance then runs
 * as the application role and never migrates.
 */

export const JOB_SCHEMA = 'pgboss';

/** A queue Harbour uses: its name and how many of its jobs may run at once. */
export interface QueueDefinition {
  name: string;
  /**
   * `stately` for a sweep: at most one job waiting and one running, so it never runs twice at once and a burst
   * of triggers (the daily schedule, a start-up, a retry) leaves one run to do.
   */
  policy: 'stately' | 'standard';
  /** How long one run may take before pg-boss takes it back and retries it, in seconds. */
  expireInSeconds: number;
  retryLimit: number;
}

/** Every queue Harbour uses. */
export const HARBOUR_QUEUES: readonly QueueDefinition[] = [RISK_SWEEP, TASK_SWEEP, BOOKING_REMINDERS];

function bossOptions(handle: DatabaseHandle, migrate: boolean): ConstructorOptions {
  const common = { schema: JOB_SCHEMA, migrate, createSchema: migrate, supervise: true };
  if (handle.jobConnection.kind === 'pglite')
    return { ...common, backend: 'pglite', db: fromPglite(handle.jobConnection.client) };
  // A few connections of its own: the queue polls, and must not wait behind the API's pool.
  return { ...common, connectionString: handle.jobConnection.url, max: 3, application_name: 'harbour-jobs' };
}

/**
 * Installs or upgrades the queue's schema, creates `queues` (or updates their settings) and grants the
 * application role their use. Run it with the owner's connection (the one migrations run on), after migrating.
 */
export async function prepareQueue(
  owner: DatabaseHandle,
  queues: readonly QueueDefinition[] = HARBOUR_QUEUES,
): Promise<void> {
  const boss = new PgBoss({ ...bossOptions(owner, true), supervise: false, schedule: false });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const queue of queues) {
      const settings = {
        policy: queue.policy,
        expireInSeconds: queue.expireInSeconds,
        retryLimit: queue.retryLimit,
      };
      if ((await boss.getQueue(queue.name)) === null) await boss.createQueue(queue.name, settings);
      else
        await boss.updateQueue(queue.name, {
          expireInSeconds: queue.expireInSeconds,
          retryLimit: queue.retryLimit,
        });
    }
  } finally {
    await boss.stop({ graceful: false, close: owner.jobConnection.kind !== 'pglite' });
  }
  // Rows only: the application role creates no tables and owns nothing in the queue's schema.
  const schema = sql.identifier(JOB_SCHEMA);
  const role = sql.identifier(APPLICATION_ROLE);
  await owner.db.execute(sql`grant usage on schema ${schema} to ${role}`);
  await owner.db.execute(
    sql`grant select, insert, update, delete on all tables in schema ${schema} to ${role}`,
  );
  await owner.db.execute(sql`grant usage, select on all sequences in schema ${schema} to ${role}`);
  await owner.db.execute(sql`grant execute on all functions in schema ${schema} to ${role}`);
}

/** The server's pg-boss instance, as the application role, without migrating. Call `start()` on it. */
export function createQueue(handle: DatabaseHandle, options: Partial<ConstructorOptions> = {}): PgBoss {
  return new PgBoss({ ...bossOptions(handle, false), ...options });
}
