import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The drizzle database, whichever driver is underneath. Services depend on this type only. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle (same query API as `Database`). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Whatever runs queries: the database, or a transaction on it (functions that may run inside one take this). */
export type Executor = Database | Transaction;

export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** The role the application's queries run as (migration 0003): row-level security applies to it. */
export const APPLICATION_ROLE = 'harbour_app';

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolMax?: number; connectTimeoutSeconds?: number }
  | { kind: 'pglite'; dataDir: string | null };

/**
 * What the job queue (pg-boss, apps/server/src/jobs) needs to reach the same database: the embedded PGlite
 * client itself (one connection, shared), or the PostgreSQL URL (a small pool of its own).
 */
export type JobConnection = { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; url: string };

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  jobConnection: JobConnection;
  /** Applies committed migrations (idempotent). */
  migrate(): Promise<void>;
  /**
   * Puts the connection under row-level security, once migrations (and any demo load) are done. PGlite (one
   * connection, always a superuser) switches to the application role for the rest of the session with
   * `SET ROLE harbour_app`; PostgreSQL changes nothing (its role is the one in the URL) and only reports it.
   * Either way, resolves with what the connection's role can do; `bypasses` true means no row-level security.
   */
  assumeApplicationRole(): Promise<RowSecurity>;
  /** Resolves when a trivial query succeeds; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens Harbour's database: the `postgres` driver with a bounded pool when a URL is given, otherwise PGlite in
 * a data folder (or in memory when `dataDir` is null). A PGlite data folder is locked to this process: PGlite
 * has no lock of its own and two processes on one folder corrupt it.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'postgres')
    return openPostgres(options.url, options.poolMax ?? 10, options.connectTimeoutSeconds ?? 5);
  const lock: DataDirLock | null = options.dataDir === null ? null : acquireDataDirLock(options.dataDir);
  try {
    const client = options.dataDir === null ? new PGlite() : new PGlite(options.dataDir);
    await client.waitReady;
    return wrapPglite(client, lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Wraps an already-open PGlite client (tests clone a migrated template per file). */
export function wrapPglite(client: PGlite, lock: DataDirLock | null = null): DatabaseHandle {
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    jobConnection: { kind: 'pglite', client },
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    // Session-level, which is safe here only because PGlite is one connection used by one process. The session
    // user stays the superuser, so this holds queries that forget their tenant; it is no wall against SQL that
    // could itself run `RESET ROLE` (the application builds every query with drizzle and bound parameters).
    assumeApplicationRole: async () => {
      await client.query(`set role ${APPLICATION_ROLE}`);
      return describeRowSecurity(db);
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: async () => {
      await client.close();
      lock?.release();
    },
  };
}

/** The longest one statement may run before PostgreSQL cancels it (SQLSTATE 57014). */
export const STATEMENT_TIMEOUT_MS = 15_000;

function openPostgres(url: string, poolMax: number, connectTimeoutSeconds: number): DatabaseHandle {
  const client = postgres(url, {
    max: poolMax,
    connect_timeout: connectTimeoutSeconds,
    idle_timeout: 60,
    // Set on every connection of the pool when it opens, so a runaway query cannot hold locks and a connection
    // for ever. Deliberately no idle_in_transaction_session_timeout: PostgreSQL ends such a connection, and
    // postgres.js 3.4.9 can then throw an uncaught TypeError that stops the process (porsager/postgres #1154,
    // #1208; fixes not yet released). Transactions here never wait on anything but their own statements.
    connection: { statement_timeout: STATEMENT_TIMEOUT_MS },
    // Never print notices (they can echo statement text) to stdout.
    onnotice: () => undefined,
  });
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    jobConnection: { kind: 'postgres', url },
    migrate: () => migratePostgres(db as never, { migrationsFolder }),
    assumeApplicationRole: () => describeRowSecurity(db),
    // The raw driver, so a failure keeps its own code (ECONNREFUSED, 57P01…) rather than drizzle's wrapper.
    ping: async () => {
      await client`select 1`;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** Rows of a raw `db.execute` result: PGlite returns `{ rows }`, postgres.js an array. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** Why a role is not held by row-level security. */
export type RowSecurityBypass = 'superuser' | 'bypassrls' | 'owner';

export interface RowSecurity {
  /** The role queries run as (`current_user`). */
  role: string;
  /** True when row-level security does not hold this role (see `reasons`). */
  bypasses: boolean;
  /**
   * `superuser` or `bypassrls`: the role, or a role it is a member of, has that attribute; `owner`: it owns (or is
   * a member of the owner of) a table in `public`, so it could switch row-level security off.
   */
  reasons: RowSecurityBypass[];
}

/** Whether the connection's current role is held by row-level security (security.md promise 2). */
export async function describeRowSecurity(db: Executor): Promise<RowSecurity> {
  const [row] = rowsOf<{ role: string; superuser: boolean; bypassrls: boolean; owner: boolean }>(
    await db.execute(sql`
      select current_user::text as role,
        exists (select 1 from pg_catalog.pg_roles r
                where r.rolsuper and pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')) as superuser,
        exists (select 1 from pg_catalog.pg_roles r
                where r.rolbypassrls and pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')) as bypassrls,
        exists (select 1 from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p')
                  and pg_catalog.pg_has_role(current_user, c.relowner, 'MEMBER')) as owner`),
  );
  if (!row) throw new Error('describeRowSecurity: no row');
  const reasons: RowSecurityBypass[] = [];
  if (row.superuser) reasons.push('superuser');
  if (row.bypassrls) reasons.push('bypassrls');
  if (row.owner) reasons.push('owner');
  return { role: row.role, bypasses: reasons.length > 0, reasons };
}
