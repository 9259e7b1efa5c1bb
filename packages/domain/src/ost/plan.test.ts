import { describe, expect, it } from 'vitest';
import { OstPlan } from './plan.ts';
import { deanInstalments, deanPlan, TODAY } from './plan-testing.ts';

const injection = {
  interval: 'monthly',
  newStarter: false,
  testDoseGiven: false,
  lastGivenOn: '2026-02-16',
  nextDueOn: TODAY,
} as const;
const clinicGiven = deanPlan().supervision;

describe('OstPlan: one version of a prescription', () => {
  it('accepts Dean’s plan as it is', () => {
    expect(OstPlan.safeParse(deanPlan()).success).toBe(true);
  });

  it.each<[string, Partial<OstPlan>, string]>([
    ['a daily medicine with no instalments', { instalments: null }, 'instalments'],
    ['a daily medicine with an injection schedule', { injection }, 'instalments'],
    ['a daily medicine with no pharmacy', { pharmacyId: null }, 'pharmacyId'],
    [
      'an injection with instalments',
      { medicine: 'buprenorphine_prolonged_release', doseMg: 96, injection, pharmacyId: null },
      'injection',
    ],
    [
      'an injection with no schedule',
      { medicine: 'buprenorphine_prolonged_release', doseMg: 96, instalments: null, pharmacyId: null },
      'injection',
    ],
    ['a course that starts after the version', { courseStartedOn: '2026-03-17' }, 'courseStartedOn'],
    ['a next review on or before the last', { reviewOn: TODAY }, 'reviewOn'],
    [
      'supervision with no supervised days',
      { supervision: { ...clinicGiven, mode: 'daily_supervised', supervisedDays: [] } },
      'supervision',
    ],
    [
      'a collection day listed twice',
      { instalments: { ...deanInstalments, pickupDays: ['mon', 'mon', 'wed', 'fri'] } },
      'instalments',
    ],
    [
      'a supervised day that is not a collection day',
      { instalments: { ...deanInstalments, pickupDays: ['mon', 'wed'] } },
      'instalments',
    ],
    [
      'a next injection on or before the last',
      {
        medicine: 'buprenorphine_prolonged_release',
        doseMg: 96,
        instalments: null,
        pharmacyId: null,
        supervision: { ...clinicGiven, mode: 'daily_supervised', supervisedDays: ['mon'] },
        injection: { ...injection, nextDueOn: '2026-02-16' },
      },
      'injection',
    ],
  ])('refuses %s, naming the field', (_name, overrides, field) => {
    const parsed = OstPlan.safeParse(deanPlan(overrides));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path[0])).toContain(field);
  });
});
