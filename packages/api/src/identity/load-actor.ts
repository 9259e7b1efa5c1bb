import type { Actor } from '@harbour/domain/access/policy';
import type { Database } from '@harbour/db/client';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { and, eq } from 'drizzle-orm';

/** Loads an active member of staff as an `Actor` (role and team memberships), by email. Null if none. */
export async function loadActorByEmail(db: Database, email: string): Promise<Actor | null> {
  const [member] = await db
    .select({ id: staff.id, organisationId: staff.organisationId, role: staff.role })
    .from(staff)
    .where(and(eq(staff.email, email.toLowerCase()), eq(staff.active, true)));
  if (!member) return null;
  const teams = await db
    .select({ teamId: teamMembership.teamId })
    .from(teamMembership)
    .where(
      and(eq(teamMembership.staffId, member.id), eq(teamMembership.organisationId, member.organisationId)),
    );
  return {
    staffId: member.id,
    organisationId: member.organisationId,
    role: member.role,
    teamIds: teams.map((t) => t.teamId),
  };
}
