import { describe, expect, it } from 'vitest';
import {
  checkBuprenorphineDose,
  checkBuprenorphineFirstDose,
  type BuprenorphineDoseInput,
  type BuprenorphineFirstDoseInput,
} from './buprenorphine.ts';
import type { CheckResult, RuleOutcome } from './outcome.ts';
import type { RuleId } from './rules.ts';
import { OstSettings } from './settings.ts';

const none = { sedatives: [], qtProlonging: false };

function outcomeOf(result: CheckResult, ruleId: RuleId): RuleOutcome[] {
  return result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.outcome);
}

const first = (extra: Partial<BuprenorphineFirstDoseInput> = {}, settings?: OstSettings): CheckResult =>
  checkBuprenorphineFirstDose(
    {
      medicine: 'buprenorphine',
      doseMg: 4,
      cows: 14,
      lastHeroin: { kind: 'hours_ago', hours: 12 },
      fromMethadone: null,
      productAllowsHigherDose: false,
      coMedication: none,
      ...extra,
    },
    settings,
  );

describe('first buprenorphine dose', () => {
  it('is ok in objective withdrawal long enough after heroin', () => {
    expect(first().outcome).toBe('ok');
  });

  it.each([
    [12, 'refused'],
    [13, 'ok'],
  ] as const)('COWS %d is %s (objective withdrawal is COWS > 12)', (cows, expected) => {
    expect(outcomeOf(first({ cows }), 'OST-BUP-FIRST-DOSE-COWS')).toEqual([expected]);
  });

  it.each([
    [7.9, 'refused'],
    [8, 'ok'],
  ] as const)('heroin %d hours ago is %s with the default 8 h', (hours, expected) => {
    expect(
      outcomeOf(first({ lastHeroin: { kind: 'hours_ago', hours } }), 'OST-BUP-FIRST-DOSE-HEROIN-INTERVAL'),
    ).toEqual([expected]);
  });

  it('uses the service’s heroin interval', () => {
    const twelve = OstSettings.parse({ buprenorphine: { minHoursAfterHeroin: 12 } });
    const result = first({ lastHeroin: { kind: 'hours_ago', hours: 10 } }, twelve);
    expect(outcomeOf(result, 'OST-BUP-FIRST-DOSE-HEROIN-INTERVAL')).toEqual(['refused']);
  });

  it('refuses when the time of last heroin use is unknown, and passes when there was none', () => {
    expect(
      outcomeOf(first({ lastHeroin: { kind: 'unknown' } }), 'OST-BUP-FIRST-DOSE-HEROIN-INTERVAL'),
    ).toEqual(['refused']);
    expect(outcomeOf(first({ lastHeroin: { kind: 'none' } }), 'OST-BUP-FIRST-DOSE-HEROIN-INTERVAL')).toEqual([
      'ok',
    ]);
  });

  it.each([
    [30, 24, 'ok', 'ok'],
    [31, 24, 'refused', 'ok'],
    [30, 23.5, 'ok', 'refused'],
  ] as const)(
    'from methadone %d mg, %d h since: dose %s, interval %s',
    (lastDoseMg, hours, dose, interval) => {
      const result = first({ fromMethadone: { lastDoseMg, hoursSinceLastDose: hours } });
      expect(outcomeOf(result, 'OST-BUP-FIRST-DOSE-FROM-METHADONE-DOSE')).toEqual([dose]);
      expect(outcomeOf(result, 'OST-BUP-FIRST-DOSE-FROM-METHADONE-INTERVAL')).toEqual([interval]);
    },
  );

  it('names every broken rule at once', () => {
    const result = first({ cows: 5, fromMethadone: { lastDoseMg: 60, hoursSinceLastDose: 6 } });
    expect(result.outcome).toBe('refused');
    expect(result.findings.filter((f) => f.outcome === 'refused').map((f) => f.ruleId)).toEqual([
      'OST-BUP-FIRST-DOSE-COWS',
      'OST-BUP-FIRST-DOSE-FROM-METHADONE-DOSE',
      'OST-BUP-FIRST-DOSE-FROM-METHADONE-INTERVAL',
    ]);
  });

  it('refuses bad input (zod)', () => {
    expect(() => first({ cows: 49 })).toThrow();
    expect(() => first({ cows: 13.5 })).toThrow();
    expect(() => first({ medicine: 'methadone' as 'buprenorphine' })).toThrow();
    expect(() => first({ lastHeroin: { kind: 'hours_ago', hours: -1 } })).toThrow();
  });
});

const dose = (
  doseMg: number,
  extra: Partial<BuprenorphineDoseInput> = {},
  settings?: OstSettings,
): CheckResult =>
  checkBuprenorphineDose(
    {
      medicine: 'buprenorphine_naloxone',
      doseMg,
      phase: 'maintenance',
      productAllowsHigherDose: false,
      coMedication: none,
      ...extra,
    },
    settings,
  );

describe('buprenorphine dose', () => {
  it.each([
    [11, 'warning'],
    [12, 'ok'],
    [16, 'ok'],
    [17, 'warning'],
  ] as const)('%d mg in maintenance is %s against the usual 12–16 mg', (mg, expected) => {
    expect(outcomeOf(dose(mg), 'OST-BUP-MAINTENANCE-RANGE')).toEqual([expected]);
  });

  it('does not warn below 12 mg outside maintenance', () => {
    expect(outcomeOf(dose(8, { phase: 'induction' }), 'OST-BUP-MAINTENANCE-RANGE')).toEqual(['ok']);
  });

  it.each([
    [24, false, 'ok'],
    [25, false, 'refused'],
    [32, true, 'ok'],
    [33, true, 'refused'],
  ] as const)('%d mg (product allows more: %s) against the licensed dose is %s', (mg, allows, expected) => {
    expect(outcomeOf(dose(mg, { productAllowsHigherDose: allows }), 'OST-BUP-LICENSED-MAX')).toEqual([
      expected,
    ]);
  });

  it('uses the service’s licensed dose setting', () => {
    const s = OstSettings.parse({ buprenorphine: { upperLicensedMg: 32 } });
    expect(outcomeOf(dose(30, {}, s), 'OST-BUP-LICENSED-MAX')).toEqual(['ok']);
  });

  it('prompts an ECG with QT-prolonging co-medication and warns on sedatives', () => {
    const result = dose(12, { coMedication: { sedatives: ['GABAPENTINOID'], qtProlonging: true } });
    expect(outcomeOf(result, 'OST-ECG-QTC')).toEqual(['warning']);
    expect(result.findings.find((f) => f.ruleId === 'OST-COPRESCRIBED-SEDATIVE')?.riskFactor).toBe(
      'GABAPENTINOID',
    );
    expect(outcomeOf(dose(12), 'OST-ECG-QTC')).toEqual(['ok']);
  });

  it('refuses an unknown medicine or a negative dose (zod)', () => {
    expect(() => dose(12, { medicine: 'tramadol' as 'buprenorphine' })).toThrow();
    expect(() => dose(-2)).toThrow();
  });
});
