import { sql, type SQLWrapper } from 'drizzle-orm';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rowsOf, type Database, type Transaction } from './client.ts';

/** Whose data a transaction may see and write: row-level security's policies read it (migration 0003). */
export interface TenantContext {
  organisationId: string;
  /** The member of staff, or the person (self-check), acting; null when no one is (a system task). */
  actorId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` in one transaction whose first statement sets the tenant (transaction-local set_config): the
 * organisation the row-level security policies admit, and the actor. Both end with the transaction, commit or
 * rollback, so a pooled connection never carries them into the next one; never a session-level `SET`.
 */
export async function withTenant<T>(
  db: Database,
  tenant: TenantContext,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  checkTenant(tenant);
  return db.transaction(async (tx) => {
    const client = postgresClientOf(tx);
    if (client === null) {
      // PGlite (in process, one statement at a time): nothing to gain from sending ahead.
      await tx.execute(
        sql`select set_config('harbour.organisation_id', ${tenant.organisationId}, true), set_config('harbour.actor_id', ${tenant.actorId ?? ''}, true)`,
      );
      return fn(tx);
    }
    // PostgreSQL: the setting is sent at once and `fn`'s first statement behind it on the same connection,
    // without waiting for the setting's answer (one round trip fewer for every request). postgres.js sends a
    // transaction's statements in the order they are handed to it, and the server runs them in that order, so
    // no statement of `fn` can run before the tenant is set. Should the setting fail, the transaction is
    // aborted, so every later statement fails too, and its error is the one reported.
    const setting = client
      .unsafe(
        "select set_config('harbour.organisation_id', $1, true), set_config('harbour.actor_id', $2, true)",
        [tenant.organisationId, tenant.actorId ?? ''],
      )
      .execute()
      // Held, never left unhandled while `fn` runs; thrown below, before anything `fn` threw.
      .then(
        () => ({ failed: false as const }),
        (error: unknown) => ({ failed: true as const, error }),
      );
    const outcome = await fn(tx).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const set = await setting;
    if (set.failed) throw set.error;
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  });
}

// Checked before any query, so that a wrong value fails here rather than as a cast error in every policy.
function checkTenant(tenant: TenantContext): void {
  if (!UUID.test(tenant.organisationId)) throw new TypeError('withTenant: organisationId must be a UUID');
  if (tenant.actorId !== null && !UUID.test(tenant.actorId))
    throw new TypeError('withTenant: actorId must be a UUID or null');
}

const SET_TENANT =
  "select set_config('harbour.organisation_id', $1, true), set_config('harbour.actor_id', $2, true)";
const dialect = new PgDialect({ casing: 'snake_case' });

/**
 * One statement in its own tenant transaction, as `withTenant(db, tenant, (tx) => tx.execute(statement))` does,
 * in one round trip on PostgreSQL: `begin`, the tenant setting, the statement and `commit` go to one connection
 * together, and PostgreSQL runs them in that order (docs/performance.md, "Caseload sorted by risk"). The
 * statement cannot run before the tenant is set; if the setting or the statement fails, the transaction is
 * aborted and `commit` rolls it back, and that first failure is what is thrown. For a read that must be atomic
 * with its audit row, write both into the one statement (a data-modifying `WITH`). PGlite: `withTenant`.
 */
export async function tenantStatement<T>(
  db: Database,
  tenant: TenantContext,
  statement: SQLWrapper,
): Promise<T[]> {
  checkTenant(tenant);
  const pool = postgresPoolOf(db);
  if (pool === null) return withTenant(db, tenant, async (tx) => rowsOf<T>(await tx.execute(statement)));
  const query = dialect.sqlToQuery(statement.getSQL());
  const connection = await pool.reserve();
  try {
    // Issued in one tick: postgres.js writes them to the socket together and PostgreSQL answers them in order.
    const statements: [string, unknown[]][] = [
      ['begin', []],
      [SET_TENANT, [tenant.organisationId, tenant.actorId ?? '']],
      [query.sql, query.params],
      ['commit', []],
    ];
    const settled = await Promise.allSettled(
      statements.map(([text, params]) => connection.unsafe(text, params).execute()),
    );
    // Wrapped as drizzle wraps a failed query (naming the statement that failed), so callers meet the same error
    // whichever path ran.
    settled.forEach((step, i) => {
      const [text, params] = statements[i] ?? ['', []];
      if (step.status === 'rejected') throw new DrizzleQueryError(text, params, step.reason as Error);
    });
    const [, , read, commit] = settled;
    // A commit of a transaction that failed is answered `ROLLBACK`, not an error: guarded above, and here.
    if (commit?.status === 'fulfilled' && (commit.value as { command?: string }).command !== 'COMMIT')
      throw new Error('tenantStatement: the transaction did not commit');
    return rowsOf<T>(read?.status === 'fulfilled' ? read.value : []);
  } finally {
    connection.release();
  }
}

/** postgres.js's pool under a drizzle database, or null on PGlite. */
function postgresPoolOf(db: Database): PostgresPool | null {
  const client: unknown = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return typeof client === 'function' && 'reserve' in client && typeof client.reserve === 'function'
    ? (client as PostgresPool)
    : null;
}

interface PostgresPool {
  reserve(): Promise<PostgresReserved>;
}

interface PostgresReserved {
  unsafe(query: string, params: unknown[]): { execute(): Promise<unknown> };
  release(): void;
}

/** The postgres.js transaction under a drizzle transaction, or null on PGlite. */
function postgresClientOf(tx: Transaction): PostgresTransactionClient | null {
  // drizzle keeps its session protected; postgres.js's `sql` is a function with `unsafe`, PGlite's an object.
  const client: unknown = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return typeof client === 'function' && 'unsafe' in client && typeof client.unsafe === 'function'
    ? (client as PostgresTransactionClient)
    : null;
}

interface PostgresTransactionClient {
  unsafe(query: string, params: string[]): { execute(): Promise<unknown> };
}
