import { describe, expect, it } from 'vitest';
import { assessRisk } from './assess.ts';
import type { RiskFacts } from './facts.ts';
import { AS_OF, blankFacts, daysAgo } from './test-fixtures.ts';
import { tierForScore, tierWithOverrides } from './tiers.ts';

const assess = (overrides: Partial<RiskFacts>) => assessRisk(blankFacts(overrides), AS_OF);
const use = (substance: RiskFacts['substances'][number]['substance'], dailyDoseMg: number | null = null) => ({
  substance,
  source: 'prescribed' as const,
  dailyDoseMg,
});
const domain = (facts: Partial<RiskFacts>, name: string) =>
  assess(facts).domains.find((d) => d.domain === name);

describe('domain caps', () => {
  it('caps transitions at 30: prison release 20 + OST exit 22 counts 30', () => {
    const facts = {
      prisonReleases: [daysAgo(1)],
      ostExits: [{ exitedOn: daysAgo(1), reason: 'unplanned' as const }],
    };
    expect(domain(facts, 'transitions')).toEqual({
      domain: 'transitions',
      label: 'Transitions',
      points: 42,
      cap: 30,
      counted: 30,
    });
    expect(assess(facts).score).toBe(30);
  });

  it('caps substances at 25: benzodiazepine 11 + high-dose pregabalin 12 + alcohol 9 counts 25', () => {
    const facts = {
      substances: [use('benzodiazepine'), use('pregabalin', 600)],
      alcohol: { auditScore: 20, auditCScore: null, clinicianRecordedHarmful: false },
    };
    expect(domain(facts, 'substances')).toMatchObject({ points: 32, counted: 25 });
  });

  it('caps social at 6 and physical health at 10, neither reached by one factor each', () => {
    expect(domain({ housing: 'rough_sleeping' }, 'social')).toMatchObject({ points: 3, cap: 6, counted: 3 });
    expect(domain({ conditions: ['copd', 'cirrhosis'] }, 'physical_health')).toMatchObject({
      points: 10,
      cap: 10,
      counted: 10,
    });
  });

  it('caps overdose history at 20, which two counted overdoses never reach', () => {
    expect(
      domain({ nonFatalOverdoses: [daysAgo(1), daysAgo(2), daysAgo(3)] }, 'overdose_history'),
    ).toMatchObject({ points: 14, cap: 20, counted: 14 });
  });

  it('leaves treatment, mental health, demographics and environment uncapped', () => {
    const a = assess({
      usesOpioids: true,
      sex: 'male',
      dateOfBirth: '1970-01-01',
      suicidalityRecordedOn: [daysAgo(0)],
    });
    for (const name of ['treatment', 'mental_health', 'demographics', 'environment']) {
      expect(a.domains.find((d) => d.domain === name)?.cap, name).toBeNull();
    }
    expect(a.domains.find((d) => d.domain === 'demographics')).toMatchObject({ points: 10, counted: 10 });
  });

  it('scores the sum of the capped domain totals, and shows every point it counts', () => {
    const a = assess({
      prisonReleases: [daysAgo(1)],
      hospitalDischarges: [{ dischargedOn: daysAgo(1), admittedOn: null, selfDischarged: true }],
      usesOpioids: true,
      sex: 'male',
    });
    expect(a.score).toBe(30 + 11 + 7);
    expect(a.score).toBe(a.domains.reduce((sum, d) => sum + d.counted, 0));
    for (const d of a.domains) {
      expect(d.points).toBe(
        a.factors.filter((f) => f.domain === d.domain).reduce((sum, f) => sum + f.points, 0),
      );
    }
  });
});

describe('tiers: low < 15 · moderate 15–24 · high 25–39 · very high ≥ 40', () => {
  it.each([
    [0, 'low'],
    [14, 'low'],
    [15, 'moderate'],
    [24, 'moderate'],
    [25, 'high'],
    [39, 'high'],
    [40, 'very_high'],
    [99, 'very_high'],
  ] as const)('score %i is %s', (score, tier) => {
    expect(tierForScore(score)).toBe(tier);
  });

  it.each([
    [
      'antipsychotic 6 + gabapentinoid 8',
      { substances: [use('antipsychotic'), use('gabapentin')] },
      14,
      'low',
    ],
    ['male 7 + gabapentinoid 8', { sex: 'male' as const, substances: [use('gabapentin')] }, 15, 'moderate'],
    [
      'male 7 + alcohol 9 + COPD 5 + 40 plus 3',
      {
        sex: 'male' as const,
        dateOfBirth: '1970-01-01',
        conditions: ['copd' as const],
        alcohol: { auditScore: 20, auditCScore: null, clinicianRecordedHarmful: false },
      },
      24,
      'moderate',
    ],
    [
      'alcohol 9 + gabapentinoid 8 + injecting 8',
      {
        substances: [use('gabapentin')],
        lastInjectedOn: daysAgo(1),
        alcohol: { auditScore: 20, auditCScore: null, clinicianRecordedHarmful: false },
      },
      25,
      'high',
    ],
    [
      'not in OST 11 + male 7 + gabapentinoid 8 + injecting 8 + drug alert 5',
      {
        usesOpioids: true,
        sex: 'male' as const,
        substances: [use('gabapentin')],
        lastInjectedOn: daysAgo(1),
        drugAlert: { issuedOn: daysAgo(3), endsOn: null, summary: 'Nitazenes' },
      },
      39,
      'high',
    ],
    [
      'the same with an antipsychotic instead of the alert',
      {
        usesOpioids: true,
        sex: 'male' as const,
        substances: [use('gabapentin'), use('antipsychotic')],
        lastInjectedOn: daysAgo(1),
        drugAlert: null,
      },
      40,
      'very_high',
    ],
  ])('%s', (_name, facts, score, tier) => {
    const a = assess(facts);
    expect(a.score).toBe(score);
    expect(a.scoreTier).toBe(tier);
    expect(a.tier).toBe(tier);
    expect(a.overrides).toEqual([]);
  });
});

describe('overrides: never below high; two or more at once, very high', () => {
  it.each([
    ['low', 1, 'high'],
    ['moderate', 1, 'high'],
    ['high', 1, 'high'],
    ['very_high', 1, 'very_high'],
    ['low', 2, 'very_high'],
    ['high', 3, 'very_high'],
    ['moderate', 0, 'moderate'],
  ] as const)('a %s score with %i overrides is %s', (scoreTier, count, tier) => {
    expect(tierWithOverrides(scoreTier, count)).toBe(tier);
  });

  it.each([
    ['prison release day 14', { prisonReleases: [daysAgo(14)] }, 'PRISON_RELEASE'],
    [
      'hospital discharge day 14',
      { hospitalDischarges: [{ dischargedOn: daysAgo(14), admittedOn: null, selfDischarged: false }] },
      'HOSPITAL_DISCHARGE',
    ],
    ['OST exit day 28', { ostExits: [{ exitedOn: daysAgo(28), reason: 'planned' as const }] }, 'OST_EXIT'],
    [
      'detox day 28',
      { detoxCompletions: [{ completedOn: daysAgo(28), setting: 'community' as const }] },
      'TOLERANCE_LOSS',
    ],
    ['overdose day 28', { nonFatalOverdoses: [daysAgo(28)] }, 'NON_FATAL_OVERDOSE'],
    ['suicidality day 28', { suicidalityRecordedOn: [daysAgo(28)] }, 'SUICIDALITY'],
    [
      '3 missed doses',
      {
        currentOst: { medicine: 'buprenorphine' as const, doseMg: 16, startedOn: '2024-01-01' },
        consecutiveMissedDoses: 3,
      },
      'MISSED_DOSES',
    ],
  ])('one override (%s) lifts a low score to high, shown as a reason', (_name, facts, code) => {
    const a = assess(facts);
    expect(a.scoreTier).toBe(a.score >= 15 ? 'moderate' : 'low');
    expect(a.tier).toBe('high');
    expect(a.overrides).toHaveLength(1);
    expect(a.overrides[0]?.code).toBe(code);
    expect(a.overrides[0]?.reason).toMatch(/never below high/);
  });

  it.each([
    ['prison release day 15', { prisonReleases: [daysAgo(15)] }],
    [
      'hospital discharge day 15',
      { hospitalDischarges: [{ dischargedOn: daysAgo(15), admittedOn: null, selfDischarged: false }] },
    ],
    ['OST exit day 29', { ostExits: [{ exitedOn: daysAgo(29), reason: 'planned' as const }] }],
    ['detox day 29', { detoxCompletions: [{ completedOn: daysAgo(29), setting: 'community' as const }] }],
    ['overdose day 29', { nonFatalOverdoses: [daysAgo(29)] }],
    [
      'self-discharge day 20 (no override of its own; the discharge override has passed)',
      { hospitalDischarges: [{ dischargedOn: daysAgo(20), admittedOn: null, selfDischarged: true }] },
    ],
  ])('no override after its window: %s', (_name, facts) => {
    expect(assess(facts).overrides).toEqual([]);
  });

  it('makes two overrides at once very high, whatever the score', () => {
    const a = assess({
      suicidalityRecordedOn: [daysAgo(2)],
      prisonReleases: [daysAgo(20)],
      detoxCompletions: [{ completedOn: daysAgo(5), setting: 'inpatient' }],
    });
    expect(a.score).toBe(5 + 20 + 7);
    expect(a.scoreTier).toBe('high');
    expect(a.overrides.map((o) => o.code)).toEqual(['TOLERANCE_LOSS', 'SUICIDALITY']);
    expect(a.tier).toBe('very_high');
  });

  it('gives each override its dates', () => {
    const a = assess({ prisonReleases: [daysAgo(3)] });
    expect(a.overrides[0]).toMatchObject({ startsOn: daysAgo(3), endsOn: daysAgo(-11) });
  });
});
