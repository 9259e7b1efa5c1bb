import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import type { CoMedication } from './common.ts';
import type { DoseHistoryEntry } from './dose-history.ts';
import {
  checkMethadoneDoseChange,
  checkMethadoneStart,
  type MethadoneDoseChangeInput,
  type MethadoneStartInput,
} from './methadone.ts';
import type { CheckResult, RuleOutcome } from './outcome.ts';
import type { RuleId } from './rules.ts';
import { OstSettings } from './settings.ts';

const none: CoMedication = { sedatives: [], qtProlonging: false };
const day0 = '2026-03-02';
const on = (day: number): string => addDays(day0, day);

function outcomeOf(result: CheckResult, ruleId: RuleId): RuleOutcome[] {
  return result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.outcome);
}

const start = (doseMg: number, extra: Partial<MethadoneStartInput> = {}): CheckResult =>
  checkMethadoneStart({
    doseMg,
    usesSedativesOrAlcohol: false,
    toleranceUncertain: false,
    coMedication: none,
    ...extra,
  });

describe('methadone start dose (OST-METH-START-RANGE, OST-METH-START-SEDATIVES)', () => {
  it.each([
    [9, 'refused'],
    [10, 'ok'],
    [30, 'ok'],
    [31, 'refused'],
  ] as const)('a start of %d mg is %s', (dose, expected) => {
    expect(outcomeOf(start(dose), 'OST-METH-START-RANGE')).toEqual([expected]);
    expect(start(dose).outcome).toBe(expected);
  });

  it.each<[string, Partial<MethadoneStartInput>]>([
    ['sedatives or alcohol', { usesSedativesOrAlcohol: true }],
    ['uncertain tolerance', { toleranceUncertain: true }],
    [
      'a co-prescribed benzodiazepine',
      { coMedication: { sedatives: ['BENZODIAZEPINE'], qtProlonging: false } },
    ],
  ])('with %s: 20 mg is allowed and 21 mg refused', (_label, extra) => {
    expect(outcomeOf(start(20, extra), 'OST-METH-START-SEDATIVES')).toEqual(['ok']);
    expect(outcomeOf(start(21, extra), 'OST-METH-START-SEDATIVES')).toEqual(['refused']);
    expect(start(21, extra).outcome).toBe('refused');
  });

  it('without sedatives, 30 mg passes the sedative rule', () => {
    expect(outcomeOf(start(30), 'OST-METH-START-SEDATIVES')).toEqual(['ok']);
  });

  it('refuses bad input rather than accepting it', () => {
    expect(() => start(-10)).toThrow();
    expect(() => start(0)).toThrow();
    expect(() => start(Number.NaN)).toThrow();
    expect(() =>
      start(20, { coMedication: { sedatives: ['ALCOHOL' as 'Z_DRUG'], qtProlonging: false } }),
    ).toThrow();
  });
});

function change(
  history: [number, number][],
  proposed: [number, number],
  extra: Partial<MethadoneDoseChangeInput> = {},
) {
  const entries: DoseHistoryEntry[] = history.map(([day, doseMg]) => ({ on: on(day), doseMg }));
  return checkMethadoneDoseChange({
    inductionStartedOn: day0,
    history: entries,
    proposed: { on: on(proposed[0]), doseMg: proposed[1] },
    phase: 'induction',
    coMedication: none,
    ...extra,
  });
}

describe('methadone titration in induction (OST-METH-TITRATION-STEP)', () => {
  it.each([
    [10, 'ok'],
    [11, 'refused'],
  ] as const)('an increase of %d mg on day 3 is %s', (step, expected) => {
    expect(outcomeOf(change([[0, 20]], [3, 20 + step]), 'OST-METH-TITRATION-STEP')).toEqual([expected]);
  });

  it.each([
    [14, 'refused'],
    [15, 'ok'],
  ] as const)('a 15 mg increase on day %d (start = day 0) is %s', (day, expected) => {
    expect(outcomeOf(change([[0, 30]], [day, 45]), 'OST-METH-TITRATION-STEP')).toEqual([expected]);
  });

  it('allows a reduction in induction', () => {
    expect(change([[0, 30]], [1, 20]).outcome).toBe('ok');
  });

  it('measures same-day changes from the day before, so they cannot add up past 10 mg', () => {
    // Day 3 after 20 mg: +10 passes, then two more same-day "+10" changes (to 40 and 50 mg) are refused.
    expect(outcomeOf(change([[0, 20]], [3, 30]), 'OST-METH-TITRATION-STEP')).toEqual(['ok']);
    expect(
      outcomeOf(
        change(
          [
            [0, 20],
            [3, 30],
          ],
          [3, 40],
        ),
        'OST-METH-TITRATION-STEP',
      ),
    ).toEqual(['refused']);
    expect(
      outcomeOf(
        change(
          [
            [0, 20],
            [3, 30],
            [3, 40],
          ],
          [3, 50],
        ),
        'OST-METH-TITRATION-STEP',
      ),
    ).toEqual(['refused']);
    // A same-day correction downwards is fine.
    expect(
      outcomeOf(
        change(
          [
            [0, 20],
            [3, 30],
          ],
          [3, 25],
        ),
        'OST-METH-TITRATION-STEP',
      ),
    ).toEqual(['ok']);
  });

  it('holds the first day to the start limits: 30 mg, or 20 mg with a co-prescribed sedative', () => {
    expect(outcomeOf(change([[0, 30]], [0, 40]), 'OST-METH-TITRATION-STEP')).toEqual(['refused']);
    expect(outcomeOf(change([[0, 20]], [0, 30]), 'OST-METH-TITRATION-STEP')).toEqual(['ok']);
    const sedated: Partial<MethadoneDoseChangeInput> = {
      coMedication: { sedatives: ['BENZODIAZEPINE'], qtProlonging: false },
    };
    expect(outcomeOf(change([[0, 20]], [0, 30], sedated), 'OST-METH-TITRATION-STEP')).toEqual(['refused']);
    expect(outcomeOf(change([[0, 15]], [0, 20], sedated), 'OST-METH-TITRATION-STEP')).toEqual(['ok']);
  });
});

describe('methadone increases in any 7 days (OST-METH-TITRATION-WEEK)', () => {
  it('allows 30 mg of increases in 7 days and refuses 31', () => {
    const history: [number, number][] = [
      [0, 20],
      [1, 30],
      [3, 40],
    ];
    expect(outcomeOf(change(history, [6, 50]), 'OST-METH-TITRATION-WEEK')).toEqual(['ok']);
    expect(outcomeOf(change(history, [6, 51]), 'OST-METH-TITRATION-WEEK')).toEqual(['refused']);
  });

  it('drops an increase once it leaves the 7-day window', () => {
    const history: [number, number][] = [
      [0, 20],
      [1, 30],
      [3, 40],
      [5, 50],
    ];
    expect(outcomeOf(change(history, [7, 55]), 'OST-METH-TITRATION-WEEK')).toEqual(['refused']);
    expect(outcomeOf(change(history, [8, 55]), 'OST-METH-TITRATION-WEEK')).toEqual(['ok']);
  });

  it('counts gross increases: a decrease in between does not buy more increases', () => {
    const history: [number, number][] = [
      [0, 30],
      [1, 40],
      [2, 30],
      [3, 40],
      [4, 50],
    ];
    expect(outcomeOf(change(history, [5, 60]), 'OST-METH-TITRATION-WEEK')).toEqual(['refused']);
  });

  it('applies to windows that still reach induction (up to day 20), not after', () => {
    const history: [number, number][] = [
      [0, 30],
      [14, 40],
      [16, 50],
      [18, 60],
    ];
    expect(outcomeOf(change(history, [20, 65]), 'OST-METH-TITRATION-WEEK')).toEqual(['refused']);
    expect(outcomeOf(change(history, [21, 65]), 'OST-METH-TITRATION-WEEK')).toEqual(['ok']);
  });

  it('ignores doses before the current induction started', () => {
    const result = checkMethadoneDoseChange({
      inductionStartedOn: day0,
      history: [
        { on: on(-30), doseMg: 10 },
        { on: day0, doseMg: 30 },
      ],
      proposed: { on: on(2), doseMg: 40 },
      phase: 'induction',
      coMedication: none,
    });
    expect(outcomeOf(result, 'OST-METH-TITRATION-WEEK')).toEqual(['ok']);
  });

  it('never lets more than 30 mg of increases through in a week of induction (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10, max: 15 }), { minLength: 1, maxLength: 14 }), (steps) => {
        // Build a history one day at a time, keeping only the changes the rules allow.
        let history: DoseHistoryEntry[] = [{ on: day0, doseMg: 30 }];
        steps.forEach((step, n) => {
          const current = history[history.length - 1]?.doseMg ?? 30;
          const proposed = { on: on(n + 1), doseMg: Math.max(5, current + step) };
          const result = checkMethadoneDoseChange({
            inductionStartedOn: day0,
            history,
            proposed,
            phase: 'induction',
            coMedication: none,
          });
          if (result.outcome !== 'refused') history = [...history, proposed];
        });
        for (let end = 0; end <= 14; end++) {
          let sum = 0;
          history.forEach((h, n) => {
            const before = history[n - 1];
            if (before && h.on > on(end - 7) && h.on <= on(end) && h.doseMg > before.doseMg) {
              sum += h.doseMg - before.doseMg;
            }
          });
          expect(sum).toBeLessThanOrEqual(30);
        }
      }),
    );
  });

  it('never lets a day of induction end more than 10 mg above the day before, however many changes it has (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.integer({ min: -10, max: 15 }), sameDay: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        (changes) => {
          let history: DoseHistoryEntry[] = [{ on: day0, doseMg: 30 }];
          let dayNumber = 0;
          for (const { step, sameDay } of changes) {
            if (!sameDay) dayNumber = Math.min(dayNumber + 1, 14);
            const current = history[history.length - 1]?.doseMg ?? 30;
            const proposed = { on: on(dayNumber), doseMg: Math.max(5, current + step) };
            const result = checkMethadoneDoseChange({
              inductionStartedOn: day0,
              history,
              proposed,
              phase: 'induction',
              coMedication: none,
            });
            if (result.outcome !== 'refused') history = [...history, proposed];
          }
          // The dose each day ends on (the last entry of that day), day 0 to 14.
          const endOfDay = new Map(history.map((h) => [h.on, h.doseMg]));
          let previous = endOfDay.get(day0) ?? 30;
          expect(previous).toBeLessThanOrEqual(30);
          for (let d = 1; d <= 14; d++) {
            const today = endOfDay.get(on(d)) ?? previous;
            expect(today - previous).toBeLessThanOrEqual(10);
            previous = today;
          }
        },
      ),
    );
  });

  it('refuses a history out of date order or a proposal dated before it (zod)', () => {
    expect(() =>
      change(
        [
          [2, 30],
          [1, 20],
        ],
        [3, 30],
      ),
    ).toThrow();
    expect(() => change([[2, 30]], [1, 30])).toThrow();
    expect(() => change([[0, 30]], [-1, 30])).toThrow();
    expect(() => change([], [1, 30])).toThrow();
  });
});

describe('methadone increases after induction (OST-METH-POST-INDUCTION-INCREASE)', () => {
  const id = 'OST-METH-POST-INDUCTION-INCREASE';

  it.each([
    [10, 'ok'],
    [11, 'warning'],
  ] as const)('an increase of %d mg on day 15 is %s, never refused', (step, expected) => {
    const result = change([[0, 30]], [15, 30 + step]);
    expect(outcomeOf(result, id)).toEqual([expected]);
    expect(outcomeOf(result, 'OST-METH-TITRATION-STEP')).toEqual(['ok']);
  });

  it('leaves days 0–14 to the induction limits, which refuse', () => {
    const result = change([[0, 30]], [14, 45]);
    expect(outcomeOf(result, id)).toEqual(['ok']);
    expect(outcomeOf(result, 'OST-METH-TITRATION-STEP')).toEqual(['refused']);
  });

  it('warns above 30 mg of increases in 7 days once no window reaches induction', () => {
    const history: [number, number][] = [
      [0, 30],
      [30, 40],
      [32, 50],
      [34, 60],
    ];
    expect(outcomeOf(change(history, [36, 60]), id)).toEqual(['ok']);
    expect(outcomeOf(change(history, [36, 61]), id)).toEqual(['warning']);
    expect(outcomeOf(change(history, [37, 61]), id)).toEqual(['ok']);
  });

  it('does not repeat the induction week refusal as a warning (days 15–20)', () => {
    const history: [number, number][] = [
      [0, 30],
      [14, 40],
      [16, 50],
      [18, 60],
    ];
    const result = change(history, [20, 65]);
    expect(outcomeOf(result, 'OST-METH-TITRATION-WEEK')).toEqual(['refused']);
    expect(outcomeOf(result, id)).toEqual(['ok']);
  });
});

describe('methadone maintenance range and ECG (OST-METH-MAINTENANCE-RANGE, OST-ECG-QTC)', () => {
  const maintenance = (doseMg: number, settings?: OstSettings) =>
    checkMethadoneDoseChange(
      {
        inductionStartedOn: on(-100),
        history: [{ on: on(-10), doseMg: 80 }],
        proposed: { on: day0, doseMg },
        phase: 'maintenance',
        coMedication: none,
      },
      settings,
    );

  it.each([
    [59, 'warning'],
    [60, 'ok'],
    [120, 'ok'],
    [121, 'warning'],
  ] as const)('%d mg in maintenance is %s against the range', (dose, expected) => {
    expect(outcomeOf(maintenance(dose), 'OST-METH-MAINTENANCE-RANGE')).toEqual([expected]);
  });

  it('does not warn below 60 mg during induction', () => {
    expect(outcomeOf(change([[0, 30]], [3, 40]), 'OST-METH-MAINTENANCE-RANGE')).toEqual(['ok']);
  });

  it.each([
    [100, 'ok'],
    [101, 'warning'],
  ] as const)('%d mg prompts an ECG: %s', (dose, expected) => {
    const ecg = maintenance(dose).findings.find((f) => f.ruleId === 'OST-ECG-QTC');
    expect(ecg?.outcome).toBe(expected);
    expect(ecg?.prompt).toBe(expected === 'warning' ? 'ecg_qtc_check' : null);
  });

  it('uses the service’s ECG threshold', () => {
    const stricter = OstSettings.parse({ ecgAboveMethadoneMg: 80 });
    expect(outcomeOf(maintenance(81, stricter), 'OST-ECG-QTC')).toEqual(['warning']);
    expect(outcomeOf(maintenance(80, stricter), 'OST-ECG-QTC')).toEqual(['ok']);
  });

  it('prompts an ECG at any dose with QT-prolonging co-medication', () => {
    const result = start(10, { coMedication: { sedatives: [], qtProlonging: true } });
    expect(outcomeOf(result, 'OST-ECG-QTC')).toEqual(['warning']);
    expect(result.outcome).toBe('warning');
  });

  it('refuses a sedative listed twice (zod)', () => {
    expect(() =>
      start(15, { coMedication: { sedatives: ['Z_DRUG', 'Z_DRUG'], qtProlonging: false } }),
    ).toThrow();
  });
});

describe('co-prescribed sedatives (OST-COPRESCRIBED-SEDATIVE)', () => {
  it('warns once per factor, naming the factor and its evidence', () => {
    const result = start(15, {
      coMedication: { sedatives: ['BENZODIAZEPINE', 'GABAPENTINOID', 'Z_DRUG'], qtProlonging: false },
    });
    const sedatives = result.findings.filter((f) => f.ruleId === 'OST-COPRESCRIBED-SEDATIVE');
    expect(sedatives.map((f) => [f.outcome, f.riskFactor])).toEqual([
      ['warning', 'BENZODIAZEPINE'],
      ['warning', 'GABAPENTINOID'],
      ['warning', 'Z_DRUG'],
    ]);
    expect(sedatives[0]?.evidence).toContain('Macleod 2019');
    expect(sedatives[1]?.evidence).toContain('Glancy 2024');
    expect(sedatives[0]?.source).toBe('drd-risk.md');
    expect(result.outcome).toBe('warning');
  });

  it('refuses a sedative listed twice (zod)', () => {
    expect(() =>
      start(15, { coMedication: { sedatives: ['Z_DRUG', 'Z_DRUG'], qtProlonging: false } }),
    ).toThrow();
  });
});
