import { describe, expect, it } from 'vitest';
import { CaseloadQuery } from './caseload.ts';
import { TreatmentEpisode } from './episode.ts';
import { conflict, DomainError, isDomainError, notFound } from './errors.ts';
import { ClinicalEvent, clinicalEventLabels, clinicalEventTypes, EventPayload } from './events.ts';

const id = (n: number): string => `0190a6b2-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('clinical events', () => {
  it('has a label for every event type', () => {
    for (const type of clinicalEventTypes) expect(clinicalEventLabels[type]).toMatch(/\w/);
  });

  it('accepts a well-formed prison release and refuses details of another type', () => {
    const base = {
      id: id(1),
      organisationId: id(2),
      personId: id(3),
      episodeId: null,
      occurredOn: '2026-01-02',
      recordedAt: '2026-01-02T10:00:00Z',
      recordedBy: null,
      version: 1,
    };
    expect(
      ClinicalEvent.safeParse({ ...base, type: 'prison_release', details: { establishment: null } }).success,
    ).toBe(true);
    expect(
      ClinicalEvent.safeParse({ ...base, type: 'prison_release', details: { selfDischarged: true } }).success,
    ).toBe(false);
  });

  it('refuses negative doses, unknown types and impossible dates', () => {
    expect(
      EventPayload.safeParse({ type: 'ost_start', details: { medicine: 'methadone', doseMg: -5 } }).success,
    ).toBe(false);
    expect(EventPayload.safeParse({ type: 'teleport', details: {} }).success).toBe(false);
    expect(
      EventPayload.safeParse({
        type: 'naloxone_supply',
        details: {
          product: 'nyxoid',
          recipient: 'person',
          supplyType: 'first',
          repeatReason: null,
          trainingGiven: true,
          expiresOn: '2026-02-30',
        },
      }).success,
    ).toBe(false);
  });
});

describe('treatment episode', () => {
  const episode = {
    id: id(1),
    organisationId: id(2),
    personId: id(3),
    serviceId: id(4),
    teamId: id(5),
    keyworkerId: null,
    status: 'active',
    referredOn: '2025-01-01',
    startedOn: '2025-01-10',
    endedOn: null,
    dischargeReason: null,
    version: 1,
  } as const;

  it('accepts an active episode', () => {
    expect(TreatmentEpisode.safeParse(episode).success).toBe(true);
  });

  it('refuses an episode that starts before referral or ends before it starts', () => {
    expect(TreatmentEpisode.safeParse({ ...episode, startedOn: '2024-12-31' }).success).toBe(false);
    expect(
      TreatmentEpisode.safeParse({
        ...episode,
        status: 'discharged',
        endedOn: '2025-01-05',
        dischargeReason: 'moved_away',
      }).success,
    ).toBe(false);
  });

  it('requires an end date and reason exactly when discharged', () => {
    expect(TreatmentEpisode.safeParse({ ...episode, status: 'discharged' }).success).toBe(false);
    expect(
      TreatmentEpisode.safeParse({ ...episode, endedOn: '2025-02-01', dischargeReason: 'moved_away' })
        .success,
    ).toBe(false);
    expect(
      TreatmentEpisode.safeParse({
        ...episode,
        status: 'discharged',
        endedOn: '2025-02-01',
        dischargeReason: 'moved_away',
      }).success,
    ).toBe(true);
  });

  it('lets a referral that never started be closed, but not before the referral', () => {
    const referral = {
      ...episode,
      startedOn: null,
      status: 'discharged',
      dischargeReason: 'dropped_out',
    } as const;
    expect(TreatmentEpisode.safeParse({ ...referral, endedOn: '2025-01-03' }).success).toBe(true);
    expect(TreatmentEpisode.safeParse({ ...referral, endedOn: '2024-12-25' }).success).toBe(false);
  });
});

describe('caseload query', () => {
  it('fills defaults: the register, highest risk first', () => {
    expect(CaseloadQuery.parse({ teamId: id(1) })).toEqual({
      teamId: id(1),
      page: 1,
      pageSize: 25,
      sort: 'risk',
      direction: 'asc',
    });
  });

  it('takes the register filters, and refuses an unknown tier', () => {
    const query = CaseloadQuery.parse({ teamId: id(1), tier: 'very_high', newToHigh: true, rising: true });
    expect(query).toMatchObject({ tier: 'very_high', newToHigh: true, rising: true });
    expect(CaseloadQuery.safeParse({ teamId: id(1), tier: 'extreme' }).success).toBe(false);
  });

  it('refuses unknown sort fields, odd page sizes and extra keys', () => {
    expect(CaseloadQuery.safeParse({ teamId: id(1), sort: 'family_name; drop table' }).success).toBe(false);
    expect(CaseloadQuery.safeParse({ teamId: id(1), pageSize: 7 }).success).toBe(false);
    expect(CaseloadQuery.safeParse({ teamId: id(1), name: 'Smith' }).success).toBe(false);
  });
});

describe('domain errors', () => {
  it('carries a code and is recognised', () => {
    const error = notFound('Person');
    expect(error.code).toBe('NOT_FOUND');
    expect(isDomainError(error)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(conflict('Episode', 3).message).toContain('version 3');
    expect(new DomainError('INVALID_INPUT', 'bad', [{ path: ['a'], message: 'm' }]).issues).toHaveLength(1);
  });
});

describe('organisation, staff and risk vocabulary', () => {
  it('accepts a staff member with a known role and refuses an unknown one', async () => {
    const { Staff, staffRoles, staffRoleLabels } = await import('./staff.ts');
    const { Organisation, Team } = await import('./organisation.ts');
    const staff = {
      id: id(1),
      organisationId: id(2),
      displayName: 'Sam',
      email: 'sam@example.org',
      role: 'keyworker',
      teamIds: [id(3)],
      active: true,
    };
    expect(Staff.safeParse(staff).success).toBe(true);
    expect(Staff.safeParse({ ...staff, role: 'superuser' }).success).toBe(false);
    for (const role of staffRoles) expect(staffRoleLabels[role]).toMatch(/\w/);
    expect(Organisation.safeParse({ id: id(2), name: 'Northshire', odsCode: 'RX1' }).success).toBe(true);
    expect(Team.safeParse({ id: id(3), organisationId: id(2), serviceId: id(4), name: '' }).success).toBe(
      false,
    );
  });

  it('names every risk tier', async () => {
    const { riskTiers, riskTierLabels, RiskFactorCode, RISK_MODEL_VERSION } = await import('./risk/codes.ts');
    for (const tier of riskTiers) expect(riskTierLabels[tier]).toMatch(/\w/);
    expect(RiskFactorCode.safeParse('PRISON_RELEASE').success).toBe(true);
    expect(RISK_MODEL_VERSION).toBe('2026.2');
  });

  it('recognises a DomainError from another bundle by its name and code', () => {
    const foreign = Object.assign(new Error('x'), { name: 'DomainError', code: 'NOT_FOUND' });
    expect(isDomainError(foreign)).toBe(true);
  });
});
