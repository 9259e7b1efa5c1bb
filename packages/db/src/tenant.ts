import { sql } from 'drizzle-orm';
import type { Database, Transaction } from './client.ts';

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
  // Checked here, so that a wrong value fails before any query rather than as a cast error in every policy.
  if (!UUID.test(tenant.organisationId)) throw new TypeError('withTenant: organisationId must be a UUID');
  if (tenant.actorId !== null && !UUID.test(tenant.actorId))
    throw new TypeError('withTenant: actorId must be a UUID or null');
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
