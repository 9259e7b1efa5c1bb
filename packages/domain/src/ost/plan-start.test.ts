import { describe, expect, it } from 'vitest';
import { checkPlanChange, type PlanChangeContext } from './plan-check.ts';
import { OstPlan } from './plan.ts';
import {
  draftFromStartForm,
  firstDoseAssessmentFromForm,
  PlanStartForm,
  PlanSwitchForm,
  switchProblem,
} from './plan-start.ts';

const today = '2026-03-02';
const base = {
  medicine: 'methadone',
  instalmentForm: 'FP10MDA',
  productAllowsHigherDose: false,
  doseMg: 20,
  effectiveFrom: today,
  reviewOn: '2026-03-09',
  supervisionMode: 'daily_supervised',
  supervisedDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  supervisionReasons: ['diversion_concerns'],
  pickupDays: ['sat', 'mon', 'tue', 'wed', 'thu', 'fri'],
  supervisionReviewOn: '2026-04-02',
  pharmacyId: '00000000-0000-4000-8000-000000000001',
  qtProlonging: false,
  toleranceUncertain: false,
  reason: 'Starting methadone after assessment today.',
} as const;

const ids = {
  personId: '00000000-0000-4000-8000-000000000002',
  episodeId: '00000000-0000-4000-8000-000000000003',
  prescriberId: '00000000-0000-4000-8000-000000000004',
  version: 1,
};

describe('PlanStartForm and draftFromStartForm', () => {
  it('makes a first plan: an induction whose course starts the day it takes effect, days in week order', () => {
    const form = PlanStartForm.parse(base);
    const plan = OstPlan.parse({ ...draftFromStartForm(form, today), ...ids });
    expect(plan.phase).toBe('induction');
    expect(plan.courseStartedOn).toBe(today);
    expect(plan.instalments?.pickupDays).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
    expect(plan.instalments?.wording).toContain('supervise_on_collection_days');
    expect(firstDoseAssessmentFromForm(form)).toBeNull();
  });

  it('so the methadone start rules apply: 60 mg is refused by OST-METH-START-RANGE', () => {
    const form = PlanStartForm.parse({ ...base, doseMg: 60 });
    const plan = OstPlan.parse({ ...draftFromStartForm(form, today), ...ids });
    const check = checkPlanChange(null, plan, {
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
    });
    expect(check.refusals.map((f) => f.ruleId)).toContain('OST-METH-START-RANGE');
  });

  it('asks buprenorphine for the first-dose assessment, and reads it', () => {
    const missing = PlanStartForm.safeParse({ ...base, medicine: 'buprenorphine', doseMg: 4 });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path[0])).toEqual(['cows', 'lastHeroin']);
    const half = PlanStartForm.safeParse({
      ...base,
      medicine: 'buprenorphine',
      cows: 14,
      lastHeroin: 'hours_ago',
      lastMethadoneMg: 30,
    });
    expect(half.error?.issues.map((i) => i.path[0])).toEqual(['lastHeroinHours', 'lastMethadoneHours']);
    const form = PlanStartForm.parse({
      ...base,
      medicine: 'buprenorphine',
      doseMg: 4,
      cows: 14,
      lastHeroin: 'hours_ago',
      lastHeroinHours: 14,
      lastMethadoneMg: 30,
      lastMethadoneHours: 36,
    });
    expect(firstDoseAssessmentFromForm(form)).toEqual({
      cows: 14,
      lastHeroin: { kind: 'hours_ago', hours: 14 },
      fromMethadone: { lastDoseMg: 30, hoursSinceLastDose: 36 },
    });
  });
});

describe('PlanSwitchForm', () => {
  const methadone = OstPlan.parse({ ...draftFromStartForm(PlanStartForm.parse(base), today), ...ids });
  const switchTo = {
    ...base,
    expectedVersion: 1,
    medicine: 'buprenorphine',
    doseMg: 4,
    effectiveFrom: '2026-03-05',
    cows: 14,
    lastHeroin: 'none',
    lastMethadoneMg: 20,
    lastMethadoneHours: 30,
    reason: 'Switching to buprenorphine at their request.',
  } as const;
  const context: Omit<PlanChangeContext, 'buprenorphineFirstDose'> = {
    today: '2026-03-05',
    author: { id: ids.prescriberId, role: 'prescriber' },
    doseHistory: [{ on: today, doseMg: 20 }],
    coMedication: { sedatives: [], qtProlonging: false },
    usesSedativesOrAlcohol: false,
    toleranceUncertain: false,
    riskTier: 'low',
    dispensing: null,
    weeklyInjectionsGiven: 0,
  };

  it('makes the next version an induction of the new medicine, checked as its first dose from methadone', () => {
    const form = PlanSwitchForm.parse(switchTo);
    expect(switchProblem(methadone, form)).toBeNull();
    const next = OstPlan.parse({ ...draftFromStartForm(form, '2026-03-05'), ...ids, version: 2 });
    expect(next).toMatchObject({
      medicine: 'buprenorphine',
      phase: 'induction',
      courseStartedOn: '2026-03-05',
    });
    const check = checkPlanChange(methadone, next, {
      ...context,
      buprenorphineFirstDose: firstDoseAssessmentFromForm(form),
    });
    expect(check.refusals).toEqual([]);
  });

  it('refuses, in the rule’s words, a switch from methadone too soon after its last dose', () => {
    const form = PlanSwitchForm.parse({ ...switchTo, lastMethadoneHours: 12 });
    const next = OstPlan.parse({ ...draftFromStartForm(form, '2026-03-05'), ...ids, version: 2 });
    const check = checkPlanChange(methadone, next, {
      ...context,
      buprenorphineFirstDose: firstDoseAssessmentFromForm(form),
    });
    expect(check.refusals.map((f) => f.ruleId)).toContain('OST-BUP-FIRST-DOSE-FROM-METHADONE-INTERVAL');
  });

  it('is not a switch when the medicine stays the same', () => {
    expect(switchProblem(methadone, PlanSwitchForm.parse({ ...base, expectedVersion: 1 }))).toContain(
      'Choose a different medicine',
    );
  });
});
