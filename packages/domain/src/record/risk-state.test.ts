import { describe, expect, it } from 'vitest';
import type { RecordedFact } from './facts.ts';
import { latestFactDate, riskStateFromRecord, treatmentStatusOf } from './risk-state.ts';

const drugUse = (
  on: string,
  usesOpioids: boolean,
  routes: ('injecting' | 'smoking')[] = [],
): RecordedFact => ({
  kind: 'drug_use',
  recordedOn: on,
  details: { usesOpioids, substances: ['heroin'], routes, usesAlone: true },
});

describe('treatmentStatusOf', () => {
  it('is in treatment with any active episode, referred with only a referral, else not in treatment', () => {
    expect(treatmentStatusOf(['discharged', 'active'])).toBe('in_treatment');
    expect(treatmentStatusOf(['referred', 'discharged'])).toBe('referred');
    expect(treatmentStatusOf(['discharged'])).toBe('not_in_treatment');
    expect(treatmentStatusOf([])).toBe('not_in_treatment');
  });
});

describe('riskStateFromRecord', () => {
  it('assumes opioid use when drug use was never recorded, and says so', () => {
    const { state, gaps } = riskStateFromRecord([], ['active']);
    expect(state.usesOpioids).toBe(true);
    expect(state.treatmentStatus).toBe('in_treatment');
    expect(state.housing).toBe('not_recorded');
    expect(gaps.map((g) => g.kind)).toEqual(['drug_use']);
  });

  it('reads every kind of fact into the model’s state', () => {
    const facts: RecordedFact[] = [
      drugUse('2026-01-10', false),
      { kind: 'injecting', recordedOn: '2026-01-10', details: { lastInjectedOn: '2026-01-02' } },
      {
        kind: 'co_prescriptions',
        recordedOn: '2026-01-10',
        details: {
          medicines: [{ substance: 'pregabalin', source: 'prescribed', dailyDoseMg: 450 }],
          gpReviewedOn: '2025-12-01',
        },
      },
      { kind: 'conditions', recordedOn: '2026-01-10', details: { conditions: ['copd'] } },
      { kind: 'housing', recordedOn: '2026-01-10', details: { status: 'rough_sleeping' } },
      {
        kind: 'alcohol',
        recordedOn: '2026-01-10',
        details: { auditScore: null, auditCScore: 9, clinicianRecordedHarmful: false },
      },
      {
        kind: 'safety_plan',
        recordedOn: '2026-01-11',
        details: { whoToCall: true, whereTheyUse: false, emergencyWishes: true },
      },
      { kind: 'flags', recordedOn: '2026-01-10', details: { flags: ['pregnancy'] } },
    ];
    const { state, gaps } = riskStateFromRecord(facts, ['referred'], 4);
    expect(gaps).toEqual([]);
    expect(state).toEqual({
      usesOpioids: false,
      treatmentStatus: 'referred',
      consecutiveMissedDoses: 4,
      substances: [{ substance: 'pregabalin', source: 'prescribed', dailyDoseMg: 450 }],
      conditions: ['copd'],
      housing: 'rough_sleeping',
      lastInjectedOn: '2026-01-02',
      alcohol: { auditScore: null, auditCScore: 9, clinicianRecordedHarmful: false },
      usesAlone: true,
      safetyPlan: { recordedOn: '2026-01-11', whoToCall: true, whereTheyUse: false, emergencyWishes: true },
      sedativeReviewedOn: '2025-12-01',
      flags: ['pregnancy'],
    });
  });

  it('takes the latest record of a kind', () => {
    const { state } = riskStateFromRecord([drugUse('2026-02-01', false), drugUse('2026-01-01', true)], []);
    expect(state.usesOpioids).toBe(false);
  });

  it('counts injecting from the day it was recorded when no last injection is given, and says so', () => {
    const { state, gaps } = riskStateFromRecord([drugUse('2026-02-01', true, ['injecting'])], ['active']);
    expect(state.lastInjectedOn).toBe('2026-02-01');
    expect(gaps.map((g) => g.kind)).toEqual(['injecting']);
    const smoking = riskStateFromRecord([drugUse('2026-02-01', true, ['smoking'])], ['active']);
    expect(smoking.state.lastInjectedOn).toBeNull();
    expect(smoking.gaps).toEqual([]);
  });
});

describe('latestFactDate', () => {
  it('is the latest recordedOn, or null', () => {
    expect(latestFactDate([])).toBeNull();
    expect(latestFactDate([drugUse('2026-01-01', true), drugUse('2026-03-01', true)])).toBe('2026-03-01');
  });
});
