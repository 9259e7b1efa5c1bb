import {
  AccountChanges,
  adminActionLabels,
  adminActions,
  describeAccountChanges,
  type AdminAction,
} from '@harbour/domain/access/administration';
import type { Actor } from '@harbour/domain/access/policy';
import { staffRoleLabels, StaffRole } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';
import { pharmacy } from '@harbour/db/schema/ost';
import { team } from '@harbour/db/schema/organisation';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { alias } from 'drizzle-orm/pg-core';
import { and, desc, eq, inArray } from 'drizzle-orm';

/** One administrator's action on an account or a pharmacy, as the Caldicott guardian reads it. */
export interface AdminAuditEntry {
  id: string;
  occurredAt: string;
  actorName: string | null;
  actorRoleLabel: string | null;
  action: AdminAction;
  actionLabel: string;
  /** The account acted on (null for a refused create, which made none, and for a pharmacy's add or edit). */
  targetName: string | null;
  outcome: 'allowed' | 'denied';
  /** Why it was refused ("step-up required", "own account"), for a refusal. */
  reason: string | null;
  /** What changed, in words. */
  changes: string[];
}

/** The most recent actions shown. */
export const ADMIN_AUDIT_LIMIT = 200;

const target = alias(staff, 'target');

/**
 * The audit trail of administrators' actions in the caller's organisation, newest first: who acted, on which
 * account, what changed, and the refusals (security.md "Administrators"). Names come from the staff table; the
 * rows themselves hold ids only.
 */
export async function listAdministration(db: Database, actor: Actor): Promise<AdminAuditEntry[]> {
  return withTenant(db, { organisationId: actor.organisationId, actorId: actor.staffId }, async (tx) => {
    const rows = await tx
      .select({
        id: auditEvent.id,
        occurredAt: auditEvent.occurredAt,
        actorName: staff.displayName,
        actorRole: auditEvent.actorRole,
        action: auditEvent.action,
        targetName: target.displayName,
        outcome: auditEvent.outcome,
        reason: auditEvent.reason,
        changes: auditEvent.changes,
      })
      .from(auditEvent)
      .leftJoin(staff, and(eq(staff.id, auditEvent.actorId), eq(staff.organisationId, actor.organisationId)))
      .leftJoin(
        target,
        and(eq(target.id, auditEvent.targetStaffId), eq(target.organisationId, actor.organisationId)),
      )
      .where(
        and(
          eq(auditEvent.organisationId, actor.organisationId),
          inArray(auditEvent.action, [...adminActions]),
        ),
      )
      .orderBy(desc(auditEvent.seq))
      .limit(ADMIN_AUDIT_LIMIT);
    const teams = await tx
      .select({ id: team.id, name: team.name })
      .from(team)
      .where(eq(team.organisationId, actor.organisationId));
    const teamName = (id: string) => teams.find((t) => t.id === id)?.name ?? 'a team no longer listed';
    const pharmacies = await tx
      .select({ id: pharmacy.id, name: pharmacy.name })
      .from(pharmacy)
      .where(eq(pharmacy.organisationId, actor.organisationId));
    const pharmacyName = (id: string) => pharmacies.find((p) => p.id === id)?.name ?? 'a pharmacy';
    return rows.map((row) => {
      const action = row.action as AdminAction;
      const role = StaffRole.safeParse(row.actorRole);
      const changes = AccountChanges.safeParse(row.changes ?? {});
      return {
        id: row.id,
        occurredAt: new Date(row.occurredAt).toISOString(),
        actorName: row.actorName,
        actorRoleLabel: role.success ? staffRoleLabels[role.data] : null,
        action,
        actionLabel: adminActionLabels[action],
        targetName: row.targetName,
        outcome: row.outcome === 'allowed' ? 'allowed' : 'denied',
        reason: row.reason,
        changes: changes.success ? describeAccountChanges(changes.data, teamName, pharmacyName) : [],
      };
    });
  });
}
