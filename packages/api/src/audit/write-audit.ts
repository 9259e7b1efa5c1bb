import type { AccountChanges, AdminAction } from '@harbour/domain/access/administration';
import type { Actor, AccessBasis } from '@harbour/domain/access/policy';
import type { Executor } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';
import { countRefusal } from './refusals.ts';

/** A service user acting on their own record (self-check portal). */
export interface SelfActor {
  personId: string;
  organisationId: string;
}

export type AuditAction = 'view' | 'list' | 'search' | 'create' | 'amend' | 'break_glass' | AdminAction;

export interface AuditEntry {
  actor: Actor | SelfActor;
  personId: string | null;
  action: AuditAction;
  procedure: string;
  basis: AccessBasis | null;
  outcome: 'allowed' | 'denied';
  requestId: string;
  reason?: string;
  /** An administrator's action: the account acted on, and what changed (ids and values, never a name). */
  targetStaffId?: string | null;
  changes?: AccountChanges | ProtocolChanges | TaskChanges | null;
}

/** A task given to a named member of staff: their id, never their name. */
export interface TaskChanges {
  [key: string]: unknown;
  assignee: { kind: 'staff'; staffId: string };
}

/** A new version of the service's overdose-risk protocol: its number and day, never its words. */
export interface ProtocolChanges {
  [key: string]: unknown;
  protocol: { version: number; effectiveFrom: string };
}

/**
 * Writes one audit row inside the caller's transaction: if it fails, the action fails with it.
 * Identifiers only (security.md promise 12): no names, no clinical content, no search terms.
 * A member of staff's refusals are counted first: past the limit, this throws 429 and writes nothing
 * (refusals.ts).
 */
export async function writeAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  if (entry.outcome === 'denied' && 'staffId' in entry.actor) await countRefusal(tx, entry.actor);
  await auditInsert(tx, entry);
}

/**
 * The audit row's INSERT, unexecuted, to run inside another statement (a data-modifying `WITH`): one statement
 * is atomic, so the row and the read it records commit together or not at all, in one round trip.
 */
export function auditInsert(db: Executor, entry: AuditEntry) {
  return db.insert(auditEvent).values({
    organisationId: entry.actor.organisationId,
    actorId: 'staffId' in entry.actor ? entry.actor.staffId : entry.actor.personId,
    actorRole: 'role' in entry.actor ? entry.actor.role : 'service_user',
    personId: entry.personId,
    action: entry.action,
    procedure: entry.procedure,
    accessBasis: entry.basis,
    reason: entry.reason ?? null,
    outcome: entry.outcome,
    requestId: entry.requestId,
    targetStaffId: entry.targetStaffId ?? null,
    changes: entry.changes ?? null,
  });
}
