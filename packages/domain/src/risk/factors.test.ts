import { describe, expect, it } from 'vitest';
import { assessRisk } from './assess.ts';
import type { RiskFacts } from './facts.ts';
import { AS_OF, blankFacts, codesOf, daysAgo, pointsOf } from './test-fixtures.ts';

const assess = (overrides: Partial<RiskFacts>) => assessRisk(blankFacts(overrides), AS_OF);

describe('a blank record', () => {
  it('scores nothing, with no gaps and no overrides', () => {
    const a = assess({});
    expect(a.score).toBe(0);
    expect(a.tier).toBe('low');
    expect(a.factors).toEqual([]);
    expect(a.dataGaps).toEqual([]);
    expect(a.overrides).toEqual([]);
  });
});

describe('day-windowed factors, at every window boundary (day 0 is the event day)', () => {
  const cases: [
    string,
    (day: number) => Partial<RiskFacts>,
    (
      | 'PRISON_RELEASE'
      | 'HOSPITAL_DISCHARGE'
      | 'SELF_DISCHARGE'
      | 'OST_EXIT'
      | 'TOLERANCE_LOSS'
      | 'METHADONE_INDUCTION'
      | 'SUICIDALITY'
    ),
    [number, number][],
  ][] = [
    [
      'prison release',
      (d) => ({ prisonReleases: [daysAgo(d)] }),
      'PRISON_RELEASE',
      [
        [0, 20],
        [14, 20],
        [15, 5],
        [28, 5],
        [29, 2],
        [84, 2],
        [85, 0],
      ],
    ],
    [
      'hospital discharge',
      (d) => ({
        hospitalDischarges: [{ dischargedOn: daysAgo(d), admittedOn: null, selfDischarged: false }],
      }),
      'HOSPITAL_DISCHARGE',
      [
        [0, 15],
        [2, 15],
        [3, 7],
        [14, 7],
        [15, 3],
        [90, 3],
        [91, 0],
      ],
    ],
    [
      'self-discharge',
      (d) => ({
        hospitalDischarges: [{ dischargedOn: daysAgo(d), admittedOn: daysAgo(d + 2), selfDischarged: true }],
      }),
      'SELF_DISCHARGE',
      [
        [0, 7],
        [28, 7],
        [29, 0],
      ],
    ],
    [
      'OST exit',
      (d) => ({ ostExits: [{ exitedOn: daysAgo(d), reason: 'unplanned' }] }),
      'OST_EXIT',
      [
        [0, 22],
        [14, 22],
        [15, 21],
        [28, 21],
        [29, 0],
      ],
    ],
    [
      'detox completed',
      (d) => ({ detoxCompletions: [{ completedOn: daysAgo(d), setting: 'inpatient' }] }),
      'TOLERANCE_LOSS',
      [
        [0, 20],
        [28, 20],
        [29, 0],
      ],
    ],
    [
      'methadone start',
      (d) => ({ currentOst: { medicine: 'methadone', doseMg: 20, startedOn: daysAgo(d) } }),
      'METHADONE_INDUCTION',
      [
        [0, 11],
        [14, 11],
        [15, 0],
      ],
    ],
    [
      'suicidality',
      (d) => ({ suicidalityRecordedOn: [daysAgo(d)] }),
      'SUICIDALITY',
      [
        [0, 7],
        [28, 7],
        [29, 0],
      ],
    ],
  ];
  for (const [name, facts, code, boundaries] of cases) {
    it.each(boundaries)(`${name}: day %i scores %i`, (day, points) => {
      expect(pointsOf(assess(facts(day)), code)).toBe(points);
    });
  }

  it('shows the window with its calendar dates and the fact it came from', () => {
    const a = assess({ prisonReleases: ['2025-01-01', daysAgo(20)] });
    expect(a.factors).toEqual([
      expect.objectContaining({
        code: 'PRISON_RELEASE',
        points: 5,
        window: {
          kind: 'days',
          label: 'days 15–28',
          fromDay: 15,
          toDay: 28,
          startsOn: daysAgo(5),
          endsOn: daysAgo(-8),
        },
        facts: [{ path: 'prisonReleases[1]', value: daysAgo(20) }],
        grade: 'measured',
      }),
    ]);
  });

  it('counts only the most recent event of a factor that counts once', () => {
    const a = assess({
      prisonReleases: [daysAgo(3), daysAgo(10)],
      suicidalityRecordedOn: [daysAgo(1), daysAgo(2)],
    });
    expect(pointsOf(a, 'PRISON_RELEASE')).toBe(20);
    expect(a.factors.find((f) => f.code === 'PRISON_RELEASE')?.facts).toEqual([
      { path: 'prisonReleases[0]', value: daysAgo(3) },
    ]);
    expect(pointsOf(a, 'SUICIDALITY')).toBe(7);
  });

  it('adds self-discharge to the discharge, from the latest self-discharge', () => {
    const a = assess({
      hospitalDischarges: [
        { dischargedOn: daysAgo(20), admittedOn: null, selfDischarged: true },
        { dischargedOn: daysAgo(1), admittedOn: daysAgo(4), selfDischarged: false },
      ],
    });
    expect(pointsOf(a, 'HOSPITAL_DISCHARGE')).toBe(15);
    expect(pointsOf(a, 'SELF_DISCHARGE')).toBe(7);
    expect(a.factors.find((f) => f.code === 'HOSPITAL_DISCHARGE')?.detail).toContain('admitted');
  });

  it('gives no induction points for buprenorphine starts', () => {
    const a = assess({ currentOst: { medicine: 'buprenorphine', doseMg: 8, startedOn: daysAgo(2) } });
    expect(a.factors).toEqual([]);
  });

  it('keeps counting the OST exit window after a restart, and says so', () => {
    const a = assess({
      usesOpioids: true,
      ostExits: [{ exitedOn: daysAgo(6), reason: 'transferred' }],
      currentOst: { medicine: 'buprenorphine', doseMg: 8, startedOn: daysAgo(3) },
    });
    expect(pointsOf(a, 'OST_EXIT')).toBe(22);
    expect(a.factors[0]?.detail).toContain('restarted');
  });
});

describe('MISSED_DOSES', () => {
  const ost = { medicine: 'methadone', doseMg: 60, startedOn: '2024-01-01' } as const;
  it.each([
    [2, 0],
    [3, 11],
    [10, 11],
  ])('%i consecutive missed doses score %i', (missed, points) => {
    const a = assess({ currentOst: ost, consecutiveMissedDoses: missed });
    expect(pointsOf(a, 'MISSED_DOSES')).toBe(points);
    expect(a.overrides.map((o) => o.code)).toEqual(points > 0 ? ['MISSED_DOSES'] : []);
  });
});

describe('NON_FATAL_OVERDOSE: at most 2 counted; 7 each in days 0–90, 3 each in 91–365, 2 once when older', () => {
  it.each([
    ['day 0', [0], 7],
    ['day 90', [90], 7],
    ['day 91', [91], 3],
    ['day 365', [365], 3],
    ['day 366', [366], 2],
    ['two in 90 days', [10, 60], 14],
    ['three in 90 days: the two most recent count', [10, 60, 80], 14],
    ['recent and older', [10, 400], 9],
    ['two older: 2 once', [400, 800], 2],
    ['mid and older', [100, 400], 5],
    ['two recent and an older one: the older is a third, not counted', [10, 20, 400], 14],
    ['the same day reported twice counts once', [5, 5], 7],
  ])('%s', (_name, ages, points) => {
    const a = assess({ nonFatalOverdoses: ages.map((d) => daysAgo(d)) });
    expect(pointsOf(a, 'NON_FATAL_OVERDOSE')).toBe(points);
  });

  it('shows each counted overdose as its own factor, and each in days 0–28 as its own override', () => {
    const a = assess({ nonFatalOverdoses: [daysAgo(28), daysAgo(29), daysAgo(3)] });
    expect(a.factors.map((f) => f.facts[0]?.path)).toEqual(['nonFatalOverdoses[2]', 'nonFatalOverdoses[0]']);
    expect(a.overrides.map((o) => o.code)).toEqual(['NON_FATAL_OVERDOSE', 'NON_FATAL_OVERDOSE']);
    expect(a.tier).toBe('very_high');
    expect(assess({ nonFatalOverdoses: [daysAgo(29)] }).overrides).toEqual([]);
  });
});

describe('NOT_IN_OST', () => {
  it('applies to someone who uses opioids and is not on OST, and asks for a missing exit', () => {
    const a = assess({ usesOpioids: true, treatmentStatus: 'not_in_treatment' });
    expect(pointsOf(a, 'NOT_IN_OST')).toBe(11);
    expect(a.factors[0]?.detail).toContain('No OST exit is recorded');
    expect(pointsOf(assess({ usesOpioids: false }), 'NOT_IN_OST')).toBe(0);
    const onOst = assess({
      usesOpioids: true,
      currentOst: { medicine: 'methadone', doseMg: 80, startedOn: '2020-01-01' },
    });
    expect(pointsOf(onOst, 'NOT_IN_OST')).toBe(0);
  });

  it.each([
    [0, 22, 0],
    [28, 21, 0],
    [29, 0, 11],
  ])(
    'day %i after an OST exit: OST_EXIT %i, NOT_IN_OST %i (it waits for the exit window to pass)',
    (day, exitPoints, notInOst) => {
      const a = assess({ usesOpioids: true, ostExits: [{ exitedOn: daysAgo(day), reason: 'planned' }] });
      expect(pointsOf(a, 'OST_EXIT')).toBe(exitPoints);
      expect(pointsOf(a, 'NOT_IN_OST')).toBe(notInOst);
    },
  );

  it('shows when NOT_IN_OST began after the exit window', () => {
    const a = assess({
      usesOpioids: true,
      ostExits: [{ exitedOn: daysAgo(40), reason: 'reduction_completed' }],
    });
    expect(a.factors[0]?.window.startsOn).toBe(daysAgo(11));
  });

  it('still counts during the exit window when the transitions cap absorbs the exit, so an exit never lowers the score', () => {
    const base = {
      usesOpioids: true,
      prisonReleases: [daysAgo(2)],
      detoxCompletions: [{ completedOn: daysAgo(3), setting: 'residential' as const }],
    };
    const before = assess(base);
    const after = assess({ ...base, ostExits: [{ exitedOn: daysAgo(1), reason: 'unplanned' }] });
    expect(pointsOf(after, 'NOT_IN_OST')).toBe(11);
    expect(after.factors.find((f) => f.code === 'NOT_IN_OST')?.detail).toContain('transitions cap');
    expect(after.score).toBeGreaterThanOrEqual(before.score);
  });
});

describe('substances', () => {
  const use = (
    substance: RiskFacts['substances'][number]['substance'],
    source: 'prescribed' | 'illicit' = 'prescribed',
    dailyDoseMg: number | null = null,
  ) => ({ substance, source, dailyDoseMg });

  it.each([
    ['benzodiazepine, prescribed', [use('benzodiazepine')], 'BENZODIAZEPINE', 11],
    ['benzodiazepine, illicit', [use('benzodiazepine', 'illicit')], 'BENZODIAZEPINE', 11],
    ['gabapentin', [use('gabapentin', 'prescribed', 1800)], 'GABAPENTINOID', 8],
    ['pregabalin 300 mg/day', [use('pregabalin', 'prescribed', 300)], 'GABAPENTINOID', 8],
    ['pregabalin 301 mg/day', [use('pregabalin', 'prescribed', 301)], 'GABAPENTINOID', 12],
    [
      'pregabalin 200 prescribed + 150 illicit',
      [use('pregabalin', 'prescribed', 200), use('pregabalin', 'illicit', 150)],
      'GABAPENTINOID',
      12,
    ],
    [
      'pregabalin and gabapentin count once',
      [use('pregabalin', 'prescribed', 150), use('gabapentin')],
      'GABAPENTINOID',
      8,
    ],
    ['Z-drug', [use('z_drug')], 'Z_DRUG', 3],
    ['antipsychotic', [use('antipsychotic', 'prescribed', 100)], 'ANTIPSYCHOTIC', 6],
  ] as const)('%s', (_name, substances, code, points) => {
    expect(pointsOf(assess({ substances: [...substances] }), code)).toBe(points);
  });

  it('shows a pregabalin dose not recorded as a data gap, unless the known dose is already high', () => {
    expect(assess({ substances: [use('pregabalin', 'illicit')] }).dataGaps.map((g) => g.code)).toEqual([
      'PREGABALIN_DOSE_NOT_RECORDED',
    ]);
    const high = assess({ substances: [use('pregabalin', 'illicit'), use('pregabalin', 'prescribed', 450)] });
    expect(high.dataGaps).toEqual([]);
    expect(pointsOf(high, 'GABAPENTINOID')).toBe(12);
  });

  it.each([
    ['AUDIT 15', { auditScore: 15, auditCScore: null, clinicianRecordedHarmful: false }, 0],
    ['AUDIT 16', { auditScore: 16, auditCScore: null, clinicianRecordedHarmful: false }, 9],
    ['AUDIT-C 7', { auditScore: null, auditCScore: 7, clinicianRecordedHarmful: false }, 0],
    ['AUDIT-C 8', { auditScore: null, auditCScore: 8, clinicianRecordedHarmful: false }, 9],
    ['clinician-recorded', { auditScore: null, auditCScore: null, clinicianRecordedHarmful: true }, 9],
    ['all three', { auditScore: 30, auditCScore: 12, clinicianRecordedHarmful: true }, 9],
  ])('ALCOHOL: %s', (_name, alcohol, points) => {
    const a = assess({ alcohol });
    expect(pointsOf(a, 'ALCOHOL')).toBe(points);
    expect(a.dataGaps).toEqual([]);
  });

  it('shows alcohol never screened as a data gap', () => {
    const a = assess({ alcohol: { auditScore: null, auditCScore: null, clinicianRecordedHarmful: false } });
    expect(a.dataGaps.map((g) => g.code)).toEqual(['ALCOHOL_NOT_SCREENED']);
  });

  it.each([
    [0, 8],
    [28, 8],
    [29, 0],
  ])('INJECTING: last injected %i days ago scores %i', (day, points) => {
    expect(pointsOf(assess({ lastInjectedOn: daysAgo(day) }), 'INJECTING')).toBe(points);
  });

  it('USING_ALONE scores 3', () => {
    expect(pointsOf(assess({ usesAlone: true }), 'USING_ALONE')).toBe(3);
  });
});

describe('health, social and personal factors', () => {
  it.each([
    [['copd'], 'CHRONIC_LUNG_DISEASE', 5],
    [['asthma_needing_treatment'], 'CHRONIC_LUNG_DISEASE', 5],
    [['copd', 'asthma_needing_treatment'], 'CHRONIC_LUNG_DISEASE', 5],
    [['cirrhosis'], 'LIVER_DISEASE', 5],
    [['chronic_hepatitis', 'cirrhosis'], 'LIVER_DISEASE', 5],
  ] as const)('%j: %s %i', (conditions, code, points) => {
    expect(pointsOf(assess({ conditions: [...conditions] }), code)).toBe(points);
  });

  it.each([
    ['settled', 0],
    ['no_stable_accommodation', 3],
    ['rough_sleeping', 3],
    ['not_recorded', 0],
  ] as const)('HOMELESS: housing %s scores %i', (housing, points) => {
    const a = assess({ housing });
    expect(pointsOf(a, 'HOMELESS')).toBe(points);
    expect(a.dataGaps.map((g) => g.code)).toEqual(housing === 'not_recorded' ? ['HOUSING_NOT_RECORDED'] : []);
  });

  it.each([
    ['male', 7],
    ['female', 0],
    ['intersex', 0],
    ['not_stated', 0],
  ] as const)('MALE: sex %s scores %i', (sex, points) => {
    expect(pointsOf(assess({ sex }), 'MALE')).toBe(points);
  });

  it('AGE_40_PLUS starts on the 40th birthday, not the day before', () => {
    expect(pointsOf(assessRisk(blankFacts({ dateOfBirth: '1986-03-16' }), AS_OF), 'AGE_40_PLUS')).toBe(3);
    expect(pointsOf(assessRisk(blankFacts({ dateOfBirth: '1986-03-17' }), AS_OF), 'AGE_40_PLUS')).toBe(0);
    // Born on 29 February: 40 on 1 March in a non-leap year.
    expect(codesOf(assessRisk(blankFacts({ dateOfBirth: '1988-02-29' }), '2028-02-28'))).toEqual([]);
    expect(codesOf(assessRisk(blankFacts({ dateOfBirth: '1987-03-01' }), '2027-03-01'))).toEqual([
      'AGE_40_PLUS',
    ]);
  });

  const alert = { issuedOn: daysAgo(10), endsOn: daysAgo(0), summary: 'Nitazenes in heroin' };
  it.each([
    ['uses opioids', { usesOpioids: true, drugAlert: alert }, 5],
    [
      'on OST only',
      {
        currentOst: { medicine: 'methadone' as const, doseMg: 70, startedOn: '2020-01-01' },
        drugAlert: alert,
      },
      5,
    ],
    ['neither', { drugAlert: alert }, 0],
    ['alert ended yesterday', { usesOpioids: true, drugAlert: { ...alert, endsOn: daysAgo(1) } }, 0],
    ['alert with no end', { usesOpioids: true, drugAlert: { ...alert, endsOn: null } }, 5],
  ])('DRUG_ALERT: %s', (_name, facts, points) => {
    expect(pointsOf(assess(facts), 'DRUG_ALERT')).toBe(points);
  });
});

describe('a transfer between services with continuity (model 2026.2)', () => {
  const ost = { medicine: 'methadone', doseMg: 70, startedOn: '2022-06-01' } as const;
  const transfer = { exitedOn: daysAgo(8), reason: 'transferred', continuity: true } as const;

  it('is not an exit: no OST_EXIT points, no override and no NOT_IN_OST while they are on OST', () => {
    const a = assess({ usesOpioids: true, currentOst: ost, ostExits: [transfer] });
    expect(pointsOf(a, 'OST_EXIT')).toBe(0);
    expect(pointsOf(a, 'NOT_IN_OST')).toBe(0);
    expect(a.overrides).toEqual([]);
    expect(a.score).toBe(0);
  });

  it('is an exit without confirmed continuity, as every transfer was before 2026.2', () => {
    const unconfirmed = assess({
      usesOpioids: true,
      ostExits: [{ exitedOn: daysAgo(8), reason: 'transferred' }],
    });
    expect(pointsOf(unconfirmed, 'OST_EXIT')).toBe(22);
    expect(unconfirmed.overrides.map((o) => o.code)).toEqual(['OST_EXIT']);
    const failed = assess({ usesOpioids: true, ostExits: [{ ...transfer, continuity: false }] });
    expect(pointsOf(failed, 'OST_EXIT')).toBe(22);
  });

  it('does not hide an earlier exit whose window is still open', () => {
    const a = assess({
      usesOpioids: true,
      currentOst: { ...ost, startedOn: daysAgo(12) },
      ostExits: [{ exitedOn: daysAgo(20), reason: 'unplanned' }, transfer],
    });
    expect(pointsOf(a, 'OST_EXIT')).toBe(21);
  });

  it('counts NOT_IN_OST in full, and says why, when no current OST is recorded after it', () => {
    const a = assess({ usesOpioids: true, ostExits: [transfer] });
    expect(pointsOf(a, 'NOT_IN_OST')).toBe(11);
    expect(a.factors.find((f) => f.code === 'NOT_IN_OST')?.detail).toContain(
      `A transfer with continuity was recorded on ${daysAgo(8)}, but no current OST`,
    );
  });
});
