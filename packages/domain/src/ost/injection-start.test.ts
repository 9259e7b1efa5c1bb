import { describe, expect, it } from 'vitest';
import { checkPlanChange, type PlanChangeContext } from './plan-check.ts';
import { OstPlan } from './plan.ts';
import {
  draftFromInjectionStartForm,
  injectionDoseWords,
  PlanInjectionStartForm,
} from './injection-start.ts';

const today = '2026-03-02';
const base = {
  doseMg: 16,
  interval: 'weekly',
  newStarter: true,
  testDoseGiven: true,
  effectiveFrom: today,
  reviewOn: '2026-03-09',
  supervisionReasons: ['diversion_concerns'],
  supervisionReviewOn: '2026-03-09',
  qtProlonging: false,
  toleranceUncertain: false,
  reason: 'Starting the weekly injection after assessment today.',
} as const;

const ids = {
  personId: '00000000-0000-4000-8000-000000000002',
  episodeId: '00000000-0000-4000-8000-000000000003',
  prescriberId: '00000000-0000-4000-8000-000000000004',
  version: 1,
};

const context: PlanChangeContext = {
  today,
  author: { id: ids.prescriberId, role: 'prescriber' },
  doseHistory: [],
  coMedication: { sedatives: [], qtProlonging: false },
  usesSedativesOrAlcohol: false,
  toleranceUncertain: false,
  riskTier: 'low',
  dispensing: null,
  weeklyInjectionsGiven: 0,
  buprenorphineFirstDose: null,
};

const checked = (form: object) => {
  const plan = OstPlan.parse({
    ...draftFromInjectionStartForm(PlanInjectionStartForm.parse(form), today),
    ...ids,
  });
  return { plan, check: checkPlanChange(null, plan, context) };
};

describe('PlanInjectionStartForm and draftFromInjectionStartForm', () => {
  it('makes a first injection plan: no pharmacy or instalments, the first injection due on the start day', () => {
    const { plan, check } = checked(base);
    expect(plan).toMatchObject({
      medicine: 'buprenorphine_prolonged_release',
      phase: 'induction',
      courseStartedOn: today,
      instalments: null,
      pharmacyId: null,
      injection: { interval: 'weekly', newStarter: true, lastGivenOn: null, nextDueOn: today },
      supervision: { mode: 'daily_supervised', supervisedDays: ['mon'] },
    });
    expect(check.refusals).toEqual([]);
  });

  it('leaves the strengths to the rules: 12 mg weekly is refused by OST-PRB-DOSE-STRENGTH, not overridable', () => {
    const { check } = checked({ ...base, doseMg: 12 });
    const refusal = check.refusals.find((f) => f.ruleId === 'OST-PRB-DOSE-STRENGTH');
    expect(refusal?.overridable).toBe(false);
    expect(refusal?.message).toContain('8, 16, 24, 32 mg');
  });

  it('refuses a monthly first injection (weekly before monthly) and one without the test dose', () => {
    const monthly = checked({ ...base, interval: 'monthly', doseMg: 64 }).check.refusals;
    expect(monthly.map((f) => f.ruleId)).toContain('OST-PRB-WEEKLY-BEFORE-MONTHLY');
    const noTest = checked({ ...base, testDoseGiven: false }).check.refusals;
    expect(noTest.map((f) => f.ruleId)).toContain('OST-PRB-TEST-DOSE');
  });

  it('asks weekly or monthly in words', () => {
    const read = PlanInjectionStartForm.safeParse({ ...base, interval: undefined });
    expect(read.error?.issues.map((i) => i.message)).toContain('Choose weekly or monthly');
  });

  it('says the dose in its unit', () => {
    expect(injectionDoseWords(16, 'weekly')).toBe('16 mg weekly');
    expect(injectionDoseWords(96, 'monthly')).toBe('96 mg monthly');
  });
});
