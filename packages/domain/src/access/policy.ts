import type { StaffRole } from '../staff.ts';

/**
 * Harbour's access policy, pure: who may do what, given role, team membership and caseload relationship.
 * `packages/api` enforces it in one place (the `authorised` procedure builder); this file decides.
 * Identity, break-glass and the full matrix are built out under the identity-and-access work (issue 4).
 */
export const permissions = ['team:read', 'caseload:read', 'person:read'] as const;
export type Permission = (typeof permissions)[number];

/** Roles that work with individual people's records. Managers see aggregates; administrators manage accounts. */
const clinicalRoles: readonly StaffRole[] = ['keyworker', 'prescriber', 'nurse', 'team_lead'];

const rolePermissions: Record<StaffRole, readonly Permission[]> = {
  keyworker: permissions,
  prescriber: permissions,
  nurse: permissions,
  team_lead: permissions,
  service_manager: ['team:read'],
  pharmacist: [],
  administrator: ['team:read'],
  caldicott_guardian: [],
};

/** The signed-in member of staff, as the policy sees them. */
export interface Actor {
  staffId: string;
  organisationId: string;
  role: StaffRole;
  teamIds: readonly string[];
}

/** Why access was allowed, recorded in the audit row. */
export type AccessBasis = 'caseload' | 'team';

export type AccessDecision = { allowed: true; basis: AccessBasis } | { allowed: false; reason: string };

/** May `actor` use `permission` at all (before looking at any record)? */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return rolePermissions[actor.role].includes(permission);
}

/** May `actor` see the caseload of `teamId`? Only members of that team, in a clinical role. */
export function canReadTeamCaseload(actor: Actor, teamId: string): AccessDecision {
  if (!hasPermission(actor, 'caseload:read'))
    return { allowed: false, reason: 'role may not read caseloads' };
  if (!actor.teamIds.includes(teamId)) return { allowed: false, reason: 'not a member of this team' };
  return { allowed: true, basis: 'team' };
}

/** What links the actor to a person's current episode. */
export interface Relationship {
  /** The person's team (null when they have no open episode). */
  teamId: string | null;
  keyworkerId: string | null;
}

/**
 * May `actor` open this person's record? Their own caseload (they are the keyworker) or their team's.
 * Anything else is refused here; break-glass (a stated reason, time-boxed, audited) is the only way past.
 */
export function canReadPerson(actor: Actor, relationship: Relationship): AccessDecision {
  if (!hasPermission(actor, 'person:read') || !clinicalRoles.includes(actor.role)) {
    return { allowed: false, reason: 'role may not open individual records' };
  }
  if (relationship.keyworkerId === actor.staffId) return { allowed: true, basis: 'caseload' };
  if (relationship.teamId !== null && actor.teamIds.includes(relationship.teamId))
    return { allowed: true, basis: 'team' };
  return { allowed: false, reason: 'no relationship with this person' };
}
