import type { Actor, AccessBasis } from '@harbour/domain/access/policy';
import type { Executor } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';

export interface AuditEntry {
  actor: Actor;
  personId: string | null;
  action: 'view' | 'list' | 'create' | 'amend';
  procedure: string;
  basis: AccessBasis | null;
  outcome: 'allowed' | 'denied';
  requestId: string;
  reason?: string;
}

/**
 * Writes one audit row inside the caller's transaction: if it fails, the action fails with it.
 * Identifiers only (security.md promise 12): no names, no clinical content, no search terms.
 */
export async function writeAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await auditInsert(tx, entry);
}

/**
 * The audit row's INSERT, unexecuted, to run inside another statement (a data-modifying `WITH`): one statement
 * is atomic, so the row and the read it records commit together or not at all, in one round trip.
 */
export function auditInsert(db: Executor, entry: AuditEntry) {
  return db.insert(auditEvent).values({
    organisationId: entry.actor.organisationId,
    actorId: entry.actor.staffId,
    actorRole: entry.actor.role,
    personId: entry.personId,
    action: entry.action,
    procedure: entry.procedure,
    accessBasis: entry.basis,
    reason: entry.reason ?? null,
    outcome: entry.outcome,
    requestId: entry.requestId,
  });
}
