import type { Actor } from '@harbour/domain/access/policy';
import { staffRoleLabels, type StaffRole } from '@harbour/domain/staff';
import type { Database } from '@harbour/db/client';
import { staffCredential } from '@harbour/db/schema/identity';
import { team } from '@harbour/db/schema/organisation';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { asc, eq } from 'drizzle-orm';

/**
 * Administrators manage staff accounts in their own organisation. This file reads them (the list, the teams);
 * each change is a use case of its own (create-account.ts, reset-account.ts, set-account-active.ts,
 * update-account.ts), made after a step-up and audited (administration.ts).
 */
export interface AccountView {
  id: string;
  displayName: string;
  email: string;
  role: StaffRole;
  roleLabel: string;
  active: boolean;
  enrolled: boolean;
  teamIds: string[];
}

const tenantOf = (actor: Actor) => ({ organisationId: actor.organisationId, actorId: actor.staffId });

export async function listAccounts(db: Database, actor: Actor): Promise<AccountView[]> {
  return withTenant(db, tenantOf(actor), async (tx) => {
    const rows = await tx
      .select({
        id: staff.id,
        displayName: staff.displayName,
        email: staff.email,
        role: staff.role,
        active: staff.active,
        enrolledAt: staffCredential.totpEnrolledAt,
      })
      .from(staff)
      .leftJoin(staffCredential, eq(staffCredential.staffId, staff.id))
      .where(eq(staff.organisationId, actor.organisationId))
      .orderBy(asc(staff.displayName));
    const memberships = await tx
      .select({ staffId: teamMembership.staffId, teamId: teamMembership.teamId })
      .from(teamMembership)
      .where(eq(teamMembership.organisationId, actor.organisationId));
    return rows.map(({ enrolledAt, ...row }) => ({
      ...row,
      roleLabel: staffRoleLabels[row.role],
      enrolled: enrolledAt !== null,
      teamIds: memberships.filter((m) => m.staffId === row.id).map((m) => m.teamId),
    }));
  });
}

export async function listTeams(db: Database, actor: Actor): Promise<{ id: string; name: string }[]> {
  return withTenant(db, tenantOf(actor), (tx) =>
    tx
      .select({ id: team.id, name: team.name })
      .from(team)
      .where(eq(team.organisationId, actor.organisationId))
      .orderBy(asc(team.name)),
  );
}
