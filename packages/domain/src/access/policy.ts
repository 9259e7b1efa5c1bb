import type { StaffRole } from '../staff.ts';

/**
 * Harbour's access policy, pure: who may do what, given role, team membership, caseload relationship and any
 * break-glass grant. `packages/api` enforces it in one place (the procedure builders in `trpc.ts`); this file
 * decides. docs/security.md describes the model; `policy.test.ts` tests it as tables, and the API's
 * authorisation matrix tests every procedure against it.
 */
export const permissions = [
  /** See the teams one belongs to. */
  'team:read',
  /** List a team's caseload (members of that team only). */
  'caseload:read',
  /** Open a person's record (with a relationship, or break-glass). */
  'person:read',
  /** Open a person's record without a relationship, for a stated reason, time-boxed and reviewed. */
  'person:break_glass',
  /** Find a person in the organisation by name, reference or date of birth (to open or break glass). */
  'person:search',
  /** Record and amend clinical events and current facts on a record one may open. */
  'record:write',
  /** Give a person an activation code for the self-check portal (someone with a relationship to them). */
  'selfcheck:enrol',
  /** Review and close alerts: break-glass accesses, bursts of refused requests (the Caldicott guardian). */
  'alerts:review',
  /** Read the audit trail of administrators' actions on staff accounts (the Caldicott guardian). */
  'audit:review',
  /** Create, reset, disable and enable staff accounts, and change their role and teams (administrators). */
  'accounts:manage',
  /**
   * Add the organisation's pharmacies, change their names and addresses, and place pharmacists at them or remove
   * them (administrators, as they manage accounts: a placement is what gives a pharmacist their list).
   */
  'pharmacies:manage',
  /** Change one's own passphrase and see one's own account. Every member of staff. */
  'account:self',
  /** Make and change OST plans (a new version, checked by the domain at write time): prescribers only. */
  'ost:prescribe',
  /**
   * Record what the pharmacy dispensed, for people with a current plan at one's own pharmacy only, and see only
   * what dispensing needs (pharmacists).
   */
  'pharmacy:dispense',
  /**
   * Set up health-check clinics, their sessions and slots, and see the clinic list with who is booked (nurses,
   * who run the clinics, and team leads). A person's own health needs and entries go by `person:read` and
   * `record:write` as the rest of the record does.
   */
  'clinics:manage',
  /**
   * See naloxone coverage: of one's own teams with the people behind the counts (clinical roles, as their
   * caseloads), and with `coverage:organisation` every team's counts.
   */
  'coverage:read',
  /** See coverage counts (never names) for every team of the organisation (service managers). */
  'coverage:organisation',
  /**
   * Record staff competencies (naloxone training, overdose response, risk assessment) and read everyone's
   * register (administrators: issue 9 "administrators record them").
   */
  'competencies:manage',
  /**
   * See the planned OST reductions reported to managers (without the person's agreement, or at high risk), as
   * a count and one line each by team, never names (service managers).
   */
  'reductions:report',
  /**
   * Discharge a person from their episode for not attending, as the team lead's sign-off: only once the
   * re-engagement cascade is done (ost.md "Reductions and exits"; never automatic). Team leads, of their teams.
   */
  'episode:discharge',
  /**
   * Publish a new version of the service's overdose-risk protocol (its checklists): service managers, who own
   * the service's clinical governance (issue 9). Every clinical role reads the version in force where it acts.
   */
  'protocol:manage',
  /** Read the service's overdose-risk protocol in force and its history (clinical roles and managers). */
  'protocol:read',
  /**
   * One's own open tasks, and those escalated to one's role: clinical roles (their caseload's tasks, a team
   * lead's escalations) and service managers (a team lead's, or a member of no team's, lapsed competency: issue 9).
   */
  'tasks:mine',
] as const;
export type Permission = (typeof permissions)[number];

/** Roles that work with individual people's records. Managers see aggregates; administrators manage accounts. */
export const clinicalRoles: readonly StaffRole[] = ['keyworker', 'prescriber', 'nurse', 'team_lead'];

const clinical: readonly Permission[] = [
  'team:read',
  'caseload:read',
  'person:read',
  'person:break_glass',
  'person:search',
  'record:write',
  'selfcheck:enrol',
  'coverage:read',
  'protocol:read',
  'tasks:mine',
  'account:self',
];

/**
 * What each role may do at all. Pharmacists never open records: their one relationship is "dispensed at my
 * pharmacy", for the day's list and its recordings; managers see aggregates (naloxone coverage for every team,
 * counts only) and their teams.
 */
const rolePermissions: Record<StaffRole, readonly Permission[]> = {
  keyworker: clinical,
  prescriber: [...clinical, 'ost:prescribe'],
  nurse: [...clinical, 'clinics:manage'],
  team_lead: [...clinical, 'clinics:manage', 'episode:discharge'],
  service_manager: [
    'team:read',
    'coverage:read',
    'coverage:organisation',
    'reductions:report',
    'protocol:read',
    'protocol:manage',
    'tasks:mine',
    'account:self',
  ],
  pharmacist: ['pharmacy:dispense', 'account:self'],
  administrator: ['team:read', 'accounts:manage', 'pharmacies:manage', 'competencies:manage', 'account:self'],
  caldicott_guardian: ['alerts:review', 'audit:review', 'account:self'],
};

/** The signed-in member of staff, as the policy sees them. */
export interface Actor {
  staffId: string;
  organisationId: string;
  role: StaffRole;
  teamIds: readonly string[];
}

/** Why access was allowed, recorded in the audit row. */
export const accessBases = ['caseload', 'team', 'break_glass', 'pharmacy'] as const;
export type AccessBasis = (typeof accessBases)[number];

export type AccessDecision = { allowed: true; basis: AccessBasis } | { allowed: false; reason: string };

/** How long a break-glass grant lasts (security.md promise 4). */
export const BREAK_GLASS_HOURS = 4;

/**
 * How long a step-up (passphrase and a fresh authenticator code, entered again) lets an administrator act on
 * accounts (security.md promise 6): long enough for a few changes in a row, since a code works only once.
 */
export const STEP_UP_MINUTES = 5;

/** Is a step-up made at `reauthenticatedAt` (null: none in this session) still good at `now`? */
export function steppedUp(reauthenticatedAt: string | null, now: Date): boolean {
  if (reauthenticatedAt === null) return false;
  const at = Date.parse(reauthenticatedAt);
  return at <= now.getTime() && now.getTime() - at < STEP_UP_MINUTES * 60_000;
}

/** May `actor` use `permission` at all (before looking at any record)? */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return rolePermissions[actor.role].includes(permission);
}

/** Every permission a role holds (for the authorisation matrix and the docs). */
export function permissionsOf(role: StaffRole): readonly Permission[] {
  return rolePermissions[role];
}

/** May `actor` see the caseload of `teamId`? Only members of that team, in a clinical role. */
export function canReadTeamCaseload(actor: Actor, teamId: string): AccessDecision {
  if (!hasPermission(actor, 'caseload:read'))
    return { allowed: false, reason: 'role may not read caseloads' };
  if (!actor.teamIds.includes(teamId)) return { allowed: false, reason: 'not a member of this team' };
  return { allowed: true, basis: 'team' };
}

/** A team on a coverage page, and whether the caller sees the people behind its counts. */
export interface CoverageTeam {
  teamId: string;
  /** The names (and links to the records) of those not covered: only for a team whose caseload one may read. */
  withPeople: boolean;
}

/**
 * Which of the organisation's teams `actor` sees coverage for (naloxone, issue 9): their own teams, with the
 * people as on the caseload (`canReadTeamCaseload`), and for a service manager every team, as counts only (a
 * manager opens no records, so names would only be a list of people they may not see).
 */
export function coverageTeams(actor: Actor, organisationTeamIds: readonly string[]): CoverageTeam[] {
  if (!hasPermission(actor, 'coverage:read')) return [];
  const all = hasPermission(actor, 'coverage:organisation');
  return organisationTeamIds.flatMap((teamId) => {
    const withPeople = canReadTeamCaseload(actor, teamId).allowed;
    return withPeople || all ? [{ teamId, withPeople }] : [];
  });
}

/**
 * May `actor` close a task about no one on a team's list (the duty queue's "contact me" call back)? A member of
 * that team who may write to records: the task is the team's work, not a person's record.
 */
export function canWorkTeamQueue(actor: Actor, teamId: string | null): AccessDecision {
  if (!hasPermission(actor, 'record:write')) return { allowed: false, reason: 'role may not record' };
  if (teamId === null || !actor.teamIds.includes(teamId))
    return { allowed: false, reason: 'not a member of this team' };
  return { allowed: true, basis: 'team' };
}

/** What links the actor to a person's current episode. */
export interface Relationship {
  /** The person's team (null when they have no open episode). */
  teamId: string | null;
  keyworkerId: string | null;
}

/**
 * May `actor` open this person's record? Their own caseload (they are the keyworker), their team's, or — for a
 * clinical role only — a live break-glass grant of their own for this person. Anything else is refused.
 */
export function canReadPerson(
  actor: Actor,
  relationship: Relationship,
  breakGlassActive = false,
): AccessDecision {
  if (!hasPermission(actor, 'person:read') || !clinicalRoles.includes(actor.role)) {
    return { allowed: false, reason: 'role may not open individual records' };
  }
  if (relationship.keyworkerId === actor.staffId) return { allowed: true, basis: 'caseload' };
  if (relationship.teamId !== null && actor.teamIds.includes(relationship.teamId))
    return { allowed: true, basis: 'team' };
  if (breakGlassActive && hasPermission(actor, 'person:break_glass'))
    return { allowed: true, basis: 'break_glass' };
  return { allowed: false, reason: 'no relationship with this person' };
}

/**
 * May `actor` write to this person's record (record or amend an event or a current fact)? Whoever may open it:
 * their caseload, their team, or under their own live break-glass grant (emergency care writes to the record, and
 * is audited as emergency access like the read). A role that may not open records may not write them.
 */
export function canWritePerson(
  actor: Actor,
  relationship: Relationship,
  breakGlassActive = false,
): AccessDecision {
  if (!hasPermission(actor, 'record:write'))
    return { allowed: false, reason: 'role may not write to records' };
  return canReadPerson(actor, relationship, breakGlassActive);
}

/**
 * May `actor` give this person a self-check activation code? Only someone with a relationship (not break-glass:
 * enrolment is planned work, not an emergency), who has checked the person's identity.
 */
export function canEnrolForSelfCheck(actor: Actor, relationship: Relationship): AccessDecision {
  if (!hasPermission(actor, 'selfcheck:enrol'))
    return { allowed: false, reason: 'role may not enrol people for self-check' };
  return canReadPerson(actor, relationship, false);
}

/** May `actor` ask for break-glass access at all? Clinical roles only. */
export function canBreakGlass(actor: Actor): boolean {
  return hasPermission(actor, 'person:break_glass');
}

/**
 * May `actor` change this person's OST plan? A prescriber who may write to the record (caseload, team, or their
 * own break-glass). The plan names its prescriber: whoever makes the change.
 */
export function canPrescribe(
  actor: Actor,
  relationship: Relationship,
  breakGlassActive = false,
): AccessDecision {
  if (!hasPermission(actor, 'ost:prescribe'))
    return { allowed: false, reason: 'only a prescriber can change an OST plan' };
  return canWritePerson(actor, relationship, breakGlassActive);
}

/** What links a pharmacist to a person: the pharmacy of the person's current plan, if any. */
export interface DispensingRelationship {
  /** The pharmacy of the person's current OST plan (null: no current plan, or an injection). */
  planPharmacyId: string | null;
  /** The pharmacies the actor works at. */
  actorPharmacyIds: readonly string[];
}

/**
 * May `actor` see this person on the pharmacy's list and record their dispensing? Only a pharmacist, and only
 * while the person has a current plan at one of the actor's pharmacies. No break-glass: a pharmacy never opens
 * the record.
 */
export function canDispense(actor: Actor, relationship: DispensingRelationship): AccessDecision {
  if (!hasPermission(actor, 'pharmacy:dispense'))
    return { allowed: false, reason: 'role may not record dispensing' };
  if (relationship.planPharmacyId === null)
    return { allowed: false, reason: 'no current plan at a pharmacy' };
  if (!relationship.actorPharmacyIds.includes(relationship.planPharmacyId))
    return { allowed: false, reason: 'dispensed at another pharmacy' };
  return { allowed: true, basis: 'pharmacy' };
}
