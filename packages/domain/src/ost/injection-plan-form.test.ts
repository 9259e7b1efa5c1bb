import { describe, expect, it } from 'vitest';
import { checkPlanChange, type PlanChangeContext } from './plan-check.ts';
import { OstPlan } from './plan.ts';
import {
  draftFromInjectionChangeForm,
  draftFromInjectionStartForm,
  injectionChangeFormValues,
  PlanInjectionChangeForm,
  injectionDoseWords,
  PlanInjectionStartForm,
} from './injection-plan-form.ts';

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

describe('PlanInjectionChangeForm and draftFromInjectionChangeForm', () => {
  const first = checked(base).plan;
  const change = {
    expectedVersion: 1,
    doseMg: 24,
    phase: 'stabilisation',
    interval: 'weekly',
    lastGivenOn: today,
    nextDueOn: '2026-03-09',
    effectiveFrom: today,
    reviewOn: '2026-03-16',
    supervisionReasons: ['diversion_concerns'],
    supervisionReviewOn: '2026-03-16',
    qtProlonging: false,
    toleranceUncertain: false,
    reason: 'Still in withdrawal at the week: raising the dose.',
  } as const;
  const changed = (form: object, weeklyInjectionsGiven = 0) => {
    const plan = OstPlan.parse({
      ...draftFromInjectionChangeForm(first, PlanInjectionChangeForm.parse(form), today),
      ...ids,
      version: 2,
    });
    return { plan, check: checkPlanChange(first, plan, { ...context, weeklyInjectionsGiven }) };
  };

  it('starts from the current version', () => {
    expect(injectionChangeFormValues(first)).toMatchObject({
      expectedVersion: '1',
      doseMg: '16',
      interval: 'weekly',
      lastGivenOn: '',
      nextDueOn: today,
    });
  });

  it('makes the next version: the new dose and schedule, course and week one carried over', () => {
    const { plan, check } = changed(change);
    expect(plan).toMatchObject({
      doseMg: 24,
      phase: 'stabilisation',
      courseStartedOn: today,
      injection: { interval: 'weekly', newStarter: true, lastGivenOn: today, nextDueOn: '2026-03-09' },
      supervision: { mode: 'daily_supervised', supervisedDays: ['mon'] },
      instalments: null,
      pharmacyId: null,
    });
    expect(check.refusals).toEqual([]);
  });

  it('leaves the switch to monthly to the rules: refused before 4 weekly injections, allowed after', () => {
    const monthly = { ...change, interval: 'monthly', doseMg: 96, nextDueOn: '2026-03-30' };
    expect(changed(monthly, 1).check.refusals.map((f) => f.ruleId)).toContain(
      'OST-PRB-WEEKLY-BEFORE-MONTHLY',
    );
    expect(changed(monthly, 4).check.refusals.map((f) => f.ruleId)).not.toContain(
      'OST-PRB-WEEKLY-BEFORE-MONTHLY',
    );
  });

  it('refuses a next injection on or before the last one', () => {
    const read = PlanInjectionChangeForm.safeParse({ ...change, nextDueOn: today });
    expect(read.error?.issues.map((i) => i.message)).toContain('The next injection comes after the last one');
  });
});
