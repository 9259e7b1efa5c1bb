import type { OstPlan, PlanInstalments } from './plan.ts';
import type { PlanChangeContext } from './plan-check.ts';

/**
 * Builders for the plan tests. `deanPlan()` is Dean (workflows.md): methadone 80 mg a day for 9 years,
 * supervised on Monday, Wednesday and Friday at his pharmacy, the other days taken home. Tests change only
 * the fields they are about.
 */
export const PRESCRIBER_ID = '01890000-0000-7000-8000-000000000001';
export const PERSON_ID = '01890000-0000-7000-8000-000000000002';
export const EPISODE_ID = '01890000-0000-7000-8000-000000000003';
export const PHARMACY_ID = '01890000-0000-7000-8000-000000000004';
export const KEYWORKER_ID = '01890000-0000-7000-8000-000000000005';

/** A Monday. */
export const TODAY = '2026-03-16';

/** Dean's collections: Monday, Wednesday and Friday, 14 days a form, with all the Home Office wording. */
export const deanInstalments: PlanInstalments = {
  form: 'FP10MDA',
  pickupDays: ['mon', 'wed', 'fri'],
  daysPerForm: 14,
  wording: [
    'closed_days_dispensed_on_prior_day',
    'missed_collection_does_not_forfeit_rest',
    'consult_prescriber_after_3_missed_days',
    'supervise_on_collection_days',
    'daily_doses_in_separate_containers',
  ],
};

export function deanPlan(overrides: Partial<OstPlan> = {}): OstPlan {
  return {
    personId: PERSON_ID,
    episodeId: EPISODE_ID,
    version: 1,
    medicine: 'methadone',
    phase: 'maintenance',
    doseMg: 80,
    productAllowsHigherDose: false,
    courseStartedOn: '2017-02-01',
    effectiveFrom: TODAY,
    supervision: {
      mode: 'partly_supervised',
      supervisedDays: ['mon', 'wed', 'fri'],
      reasons: ['stability'],
      decidedOn: TODAY,
      reviewOn: '2026-04-13',
    },
    instalments: deanInstalments,
    injection: null,
    pharmacyId: PHARMACY_ID,
    lastReviewOn: TODAY,
    reviewOn: '2026-06-15',
    prescriberId: PRESCRIBER_ID,
    reason: 'Continuing the plan agreed at his review.',
    ...overrides,
  };
}

export const steveInjection = {
  interval: 'monthly',
  newStarter: false,
  testDoseGiven: false,
  lastGivenOn: '2026-02-16',
  nextDueOn: TODAY,
} as const;

/** Steve (workflows.md): monthly prolonged-release buprenorphine, given at the clinic. */
export function stevePlan(overrides: Partial<OstPlan> = {}): OstPlan {
  return deanPlan({
    medicine: 'buprenorphine_prolonged_release',
    doseMg: 96,
    supervision: {
      mode: 'daily_supervised',
      supervisedDays: ['mon'],
      reasons: ['stability'],
      decidedOn: TODAY,
      reviewOn: '2026-03-23',
    },
    instalments: null,
    injection: steveInjection,
    pharmacyId: null,
    ...overrides,
  });
}

/** The next version of `plan`, with `overrides`. */
export function nextVersion(plan: OstPlan, overrides: Partial<OstPlan> = {}): OstPlan {
  return { ...plan, version: plan.version + 1, reason: 'Dose reviewed with him today.', ...overrides };
}

export function planContext(overrides: Partial<PlanChangeContext> = {}): PlanChangeContext {
  return {
    today: TODAY,
    author: { id: PRESCRIBER_ID, role: 'prescriber' },
    doseHistory: [],
    coMedication: { sedatives: [], qtProlonging: false },
    usesSedativesOrAlcohol: false,
    toleranceUncertain: false,
    riskTier: 'moderate',
    dispensing: null,
    weeklyInjectionsGiven: 0,
    buprenorphineFirstDose: null,
    ...overrides,
  };
}
