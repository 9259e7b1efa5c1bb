import { staffRoleLabels, staffRoles, type StaffRole } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';
import { team } from '@harbour/db/schema/organisation';
import { teamMembership } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';
import type { ServiceUserActor } from '../identity/sessions.ts';

export interface AccessEntry {
  occurredAt: string;
  roleLabel: string;
  teamName: string | null;
  action: 'viewed' | 'listed' | 'found' | 'changed' | 'created';
  what: string;
  emergency: boolean;
}

const MAX_ENTRIES = 200;

const actionWords: Record<string, { action: AccessEntry['action']; what: string }> = {
  view: { action: 'viewed', what: 'your record' },
  list: { action: 'listed', what: 'your name on a caseload' },
  search: { action: 'found', what: 'your name in a search' },
  amend: { action: 'changed', what: 'your record' },
  create: { action: 'created', what: 'something in your record' },
  break_glass: { action: 'viewed', what: 'your record in an emergency' },
};

/**
 * "Who has looked at my record" (NHS Care Record Guarantee; issue 4 §6): every allowed staff access to the
 * person's record, from the audit trail, newest first. Staff are named by role and team, not by name. The
 * person's own reads are left out; reading this list is itself audited.
 */
export async function whoLooked(
  db: Database,
  self: ServiceUserActor,
  requestId: string,
): Promise<AccessEntry[]> {
  return withTenant(db, { organisationId: self.organisationId, actorId: null }, async (tx) => {
    const rows = await tx
      .select({
        occurredAt: auditEvent.occurredAt,
        actorId: auditEvent.actorId,
        actorRole: auditEvent.actorRole,
        action: auditEvent.action,
        basis: auditEvent.accessBasis,
      })
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.organisationId, self.organisationId),
          eq(auditEvent.personId, self.personId),
          eq(auditEvent.outcome, 'allowed'),
          ne(auditEvent.actorRole, 'service_user'),
        ),
      )
      .orderBy(desc(auditEvent.occurredAt), desc(auditEvent.seq))
      .limit(MAX_ENTRIES);
    const staffIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => id !== null))];
    const teams =
      staffIds.length === 0
        ? []
        : await tx
            .select({ staffId: teamMembership.staffId, name: team.name })
            .from(teamMembership)
            .innerJoin(team, eq(team.id, teamMembership.teamId))
            .where(
              and(
                eq(teamMembership.organisationId, self.organisationId),
                inArray(teamMembership.staffId, staffIds),
              ),
            );
    const teamOf = new Map<string, string>();
    for (const t of teams) if (!teamOf.has(t.staffId)) teamOf.set(t.staffId, t.name);
    await writeAudit(tx, {
      actor: self,
      personId: self.personId,
      action: 'view',
      procedure: 'selfcheck.whoLooked',
      basis: null,
      outcome: 'allowed',
      requestId,
    });
    return rows.map((row) => {
      const words = actionWords[row.action] ?? { action: 'viewed' as const, what: 'your record' };
      const role = (staffRoles as readonly string[]).includes(row.actorRole ?? '')
        ? staffRoleLabels[row.actorRole as StaffRole]
        : 'Member of staff';
      return {
        occurredAt: new Date(row.occurredAt).toISOString(),
        roleLabel: role,
        teamName: row.actorId === null ? null : (teamOf.get(row.actorId) ?? null),
        action: words.action,
        what: words.what,
        emergency: row.basis === 'break_glass',
      };
    });
  });
}
