import { describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '../staff.ts';
import {
  canBreakGlass,
  clinicalRoles,
  canDispense,
  canEnrolForSelfCheck,
  canPrescribe,
  canReadPerson,
  canReadTeamCaseload,
  canWorkTeamQueue,
  canWritePerson,
  coverageTeams,
  hasPermission,
  permissionsOf,
  STEP_UP_MINUTES,
  steppedUp,
  type Actor,
} from './policy.ts';

const TEAM = 'team-a';
const OTHER_TEAM = 'team-b';
const actor = (role: StaffRole, teamIds: string[] = [TEAM]): Actor => ({
  staffId: 'me',
  organisationId: 'org',
  role,
  teamIds,
});

const clinical = new Set<StaffRole>(['keyworker', 'prescriber', 'nurse', 'team_lead']);

describe('caseload access, every role × own team / other team', () => {
  it.each(
    staffRoles.flatMap((role) => [
      [role, TEAM, clinical.has(role)] as const,
      [role, OTHER_TEAM, false] as const,
    ]),
  )('%s reading %s → %s', (role, team, allowed) => {
    expect(canReadTeamCaseload(actor(role), team).allowed).toBe(allowed);
  });
});

describe("the duty queue's tasks about no one, every role × own team / other team / no team", () => {
  it.each(
    staffRoles.flatMap((role) => [
      [role, TEAM, clinical.has(role)] as const,
      [role, OTHER_TEAM, false] as const,
      [role, null, false] as const,
    ]),
  )('%s closing one on %s → %s', (role, team, allowed) => {
    expect(canWorkTeamQueue(actor(role), team).allowed).toBe(allowed);
  });
});

describe('person access, every role × relationship', () => {
  const own = { teamId: OTHER_TEAM, keyworkerId: 'me' };
  const team = { teamId: TEAM, keyworkerId: 'someone-else' };
  const none = { teamId: OTHER_TEAM, keyworkerId: 'someone-else' };
  const noEpisode = { teamId: null, keyworkerId: null };

  it.each(
    staffRoles.flatMap((role) => [
      [role, 'own caseload', own, clinical.has(role) ? 'caseload' : null] as const,
      [role, 'own team', team, clinical.has(role) ? 'team' : null] as const,
      [role, 'other team', none, null] as const,
      [role, 'no open episode', noEpisode, null] as const,
    ]),
  )('%s opening a person on %s → %s', (role, _label, relationship, basis) => {
    const decision = canReadPerson(actor(role), relationship);
    expect(decision.allowed ? decision.basis : null).toBe(basis);
  });

  it('gives a reason whenever it refuses', () => {
    const decision = canReadPerson(actor('pharmacist'), { teamId: TEAM, keyworkerId: null });
    expect(decision.allowed === false && decision.reason).toMatch(/role/);
  });
});

describe('writing to a record, every role × relationship', () => {
  const own = { teamId: OTHER_TEAM, keyworkerId: 'me' };
  const team = { teamId: TEAM, keyworkerId: 'someone-else' };
  const none = { teamId: OTHER_TEAM, keyworkerId: 'someone-else' };

  it.each(
    staffRoles.flatMap((role) => [
      [role, 'own caseload', own, false, clinical.has(role) ? 'caseload' : null] as const,
      [role, 'own team', team, false, clinical.has(role) ? 'team' : null] as const,
      [role, 'other team', none, false, null] as const,
      [role, 'other team under break-glass', none, true, clinical.has(role) ? 'break_glass' : null] as const,
    ]),
  )('%s writing to a person on %s → %s', (role, _label, relationship, glass, basis) => {
    const decision = canWritePerson(actor(role), relationship, glass);
    expect(decision.allowed ? decision.basis : null).toBe(basis);
  });

  it('says why a role that may not write is refused', () => {
    const decision = canWritePerson(actor('service_manager'), { teamId: TEAM, keyworkerId: 'me' });
    expect(decision.allowed === false && decision.reason).toBe('role may not write to records');
  });
});

describe('permissions', () => {
  it('lets managers see teams but not records', () => {
    expect(hasPermission(actor('service_manager'), 'team:read')).toBe(true);
    expect(hasPermission(actor('service_manager'), 'person:read')).toBe(false);
  });
});

describe('break-glass', () => {
  const none = { teamId: OTHER_TEAM, keyworkerId: 'someone-else' };

  it.each(staffRoles.map((role) => [role, clinical.has(role) ? 'break_glass' : null] as const))(
    '%s with a live grant for a person outside their relationship → %s',
    (role, basis) => {
      const decision = canReadPerson(actor(role), none, true);
      expect(decision.allowed ? decision.basis : null).toBe(basis);
    },
  );

  it('a grant never replaces a relationship as the recorded basis', () => {
    const decision = canReadPerson(actor('keyworker'), { teamId: TEAM, keyworkerId: 'me' }, true);
    expect(decision).toEqual({ allowed: true, basis: 'caseload' });
  });

  it.each(staffRoles.map((role) => [role, clinical.has(role)] as const))(
    '%s may ask for break-glass → %s',
    (role, allowed) => {
      expect(canBreakGlass(actor(role))).toBe(allowed);
    },
  );
});

describe('self-check enrolment', () => {
  it.each(
    staffRoles.flatMap((role) => [
      [role, 'own caseload', { teamId: OTHER_TEAM, keyworkerId: 'me' }, clinical.has(role)] as const,
      [role, 'own team', { teamId: TEAM, keyworkerId: 'x' }, clinical.has(role)] as const,
      [role, 'other team', { teamId: OTHER_TEAM, keyworkerId: 'x' }, false] as const,
    ]),
  )('%s enrolling a person on %s → %s', (role, _label, relationship, allowed) => {
    expect(canEnrolForSelfCheck(actor(role), relationship).allowed).toBe(allowed);
  });
});

describe('role permissions', () => {
  it('every member of staff may manage their own account; only administrators manage others', () => {
    for (const role of staffRoles) {
      expect(hasPermission(actor(role), 'account:self')).toBe(true);
      expect(permissionsOf(role).includes('accounts:manage')).toBe(role === 'administrator');
      expect(permissionsOf(role).includes('competencies:manage')).toBe(role === 'administrator');
      expect(permissionsOf(role).includes('alerts:review')).toBe(role === 'caldicott_guardian');
      expect(permissionsOf(role).includes('audit:review')).toBe(role === 'caldicott_guardian');
    }
  });

  it('only administrators manage pharmacies and place pharmacists, as they manage accounts', () => {
    for (const role of staffRoles) {
      expect(permissionsOf(role).includes('pharmacies:manage')).toBe(
        permissionsOf(role).includes('accounts:manage'),
      );
      expect(permissionsOf(role).includes('pharmacies:manage')).toBe(role === 'administrator');
    }
  });

  it('only service managers publish the overdose-risk protocol; clinical roles and managers read it', () => {
    for (const role of staffRoles) {
      expect(permissionsOf(role).includes('protocol:manage')).toBe(role === 'service_manager');
      expect(permissionsOf(role).includes('protocol:read')).toBe(
        clinicalRoles.includes(role) || role === 'service_manager',
      );
    }
  });
});

describe('step-up', () => {
  const at = '2026-03-02T10:00:00.000Z';
  const plus = (ms: number) => new Date(Date.parse(at) + ms);

  it(`holds for ${STEP_UP_MINUTES} minutes after the passphrase and code were entered again`, () => {
    expect(steppedUp(at, plus(0))).toBe(true);
    expect(steppedUp(at, plus(STEP_UP_MINUTES * 60_000 - 1))).toBe(true);
    expect(steppedUp(at, plus(STEP_UP_MINUTES * 60_000))).toBe(false);
  });

  it('does not hold without one, or for one dated in the future', () => {
    expect(steppedUp(null, plus(0))).toBe(false);
    expect(steppedUp(at, plus(-1))).toBe(false);
  });
});

describe('OST plans and the pharmacy (issue 10)', () => {
  it.each(
    staffRoles.flatMap((role) => [
      [role, 'own team', { teamId: TEAM, keyworkerId: 'x' }, role === 'prescriber'] as const,
      [role, 'other team', { teamId: OTHER_TEAM, keyworkerId: 'x' }, false] as const,
    ]),
  )('%s changing the plan of a person on %s → %s', (role, _label, relationship, allowed) => {
    expect(canPrescribe(actor(role), relationship).allowed).toBe(allowed);
  });

  it('a prescriber may change a plan under their own break-glass grant, as for any write', () => {
    const decision = canPrescribe(actor('prescriber'), { teamId: OTHER_TEAM, keyworkerId: 'x' }, true);
    expect(decision).toEqual({ allowed: true, basis: 'break_glass' });
  });

  it.each(
    staffRoles.flatMap((role) => [
      [role, 'their pharmacy', 'pharmacy-a', role === 'pharmacist'] as const,
      [role, 'another pharmacy', 'pharmacy-b', false] as const,
      [role, 'no current plan', null, false] as const,
    ]),
  )(
    '%s recording dispensing for a person whose plan is at %s → %s',
    (role, _label, planPharmacyId, allowed) => {
      const decision = canDispense(actor(role), { planPharmacyId, actorPharmacyIds: ['pharmacy-a'] });
      expect(decision.allowed).toBe(allowed);
      if (decision.allowed) expect(decision.basis).toBe('pharmacy');
    },
  );

  it('a pharmacist never opens a record, even with a plan at their pharmacy', () => {
    expect(canReadPerson(actor('pharmacist'), { teamId: TEAM, keyworkerId: 'me' }, true).allowed).toBe(false);
    expect(permissionsOf('pharmacist')).toEqual(['pharmacy:dispense', 'account:self']);
  });
});

describe('naloxone coverage (issue 9): which teams, and whether with the people', () => {
  const teams = [TEAM, OTHER_TEAM];
  const expected = (role: StaffRole) =>
    role === 'service_manager'
      ? [
          { teamId: TEAM, withPeople: false },
          { teamId: OTHER_TEAM, withPeople: false },
        ]
      : clinical.has(role)
        ? [{ teamId: TEAM, withPeople: true }]
        : [];

  it.each(staffRoles.map((role) => [role, expected(role)] as const))('%s sees %j', (role, shown) => {
    expect(coverageTeams(actor(role), teams)).toEqual(shown);
  });

  it('a clinical member of staff in no team sees no team; a manager sees every team even so', () => {
    expect(coverageTeams(actor('team_lead', []), teams)).toEqual([]);
    expect(coverageTeams(actor('service_manager', []), teams).map((t) => t.teamId)).toEqual(teams);
  });
});
