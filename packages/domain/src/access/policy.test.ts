import { describe, expect, it } from 'vitest';
import { staffRoles, type StaffRole } from '../staff.ts';
import { canReadPerson, canReadTeamCaseload, hasPermission, type Actor } from './policy.ts';

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

describe('permissions', () => {
  it('lets managers see teams but not records', () => {
    expect(hasPermission(actor('service_manager'), 'team:read')).toBe(true);
    expect(hasPermission(actor('service_manager'), 'person:read')).toBe(false);
  });
});
