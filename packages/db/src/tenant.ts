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
    await tx.execute(
      sql`select set_config('harbour.organisation_id', ${tenant.organisationId}, true), set_config('harbour.actor_id', ${tenant.actorId ?? ''}, true)`,
    );
    return fn(tx);
  });
}
