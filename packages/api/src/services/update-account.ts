import { accountChanges } from '@harbour/domain/access/administration';
import { DomainError } from '@harbour/domain/errors';
import type { StaffRole } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { and, eq, inArray } from 'drizzle-orm';
import {
  administer,
  checkedTeams,
  findAccount,
  refusedBecause,
  type AdminRequest,
} from './administration.ts';

export const OWN_ROLE_REFUSED = 'You cannot change your own role or teams. Ask another administrator.';

/**
 * Changes an account's role and teams. Never one's own: an administrator must not grant themselves a role (or
 * the caseloads a team brings). A new role takes effect at the account's next request (sessions read it each
 * time); nothing else about the account changes.
 */
export async function updateAccount(
  db: Database,
  request: AdminRequest,
  input: { staffId: string; role: StaffRole; teamIds: string[] },
): Promise<{ ok: true; changed: boolean }> {
  const { actor } = request;
  return administer(
    db,
    request,
    { action: 'account_update', procedure: 'accounts.update', targetStaffId: input.staffId },
    async (tx) => {
      if (input.staffId === actor.staffId)
        throw refusedBecause('own account', new DomainError('FORBIDDEN', OWN_ROLE_REFUSED));
      const before = await findAccount(tx, actor, input.staffId);
      const teamIds = await checkedTeams(tx, actor, input.teamIds);
      const current = await tx
        .select({ teamId: teamMembership.teamId })
        .from(teamMembership)
        .where(
          and(
            eq(teamMembership.staffId, input.staffId),
            eq(teamMembership.organisationId, actor.organisationId),
          ),
        );
      const changes = accountChanges(
        { role: before.role, teamIds: current.map((m) => m.teamId) },
        { role: input.role, teamIds },
      );
      if (changes.role) await tx.update(staff).set({ role: input.role }).where(eq(staff.id, input.staffId));
      if (changes.teamIds) {
        const { added, removed } = changes.teamIds;
        if (removed.length > 0)
          await tx
            .delete(teamMembership)
            .where(and(eq(teamMembership.staffId, input.staffId), inArray(teamMembership.teamId, removed)));
        if (added.length > 0)
          await tx.insert(teamMembership).values(
            added.map((teamId) => ({
              organisationId: actor.organisationId,
              teamId,
              staffId: input.staffId,
            })),
          );
      }
      return {
        result: { ok: true as const, changed: Object.keys(changes).length > 0 },
        targetStaffId: input.staffId,
        changes,
      };
    },
  );
}
