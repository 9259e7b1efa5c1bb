import { z } from 'zod';
import type { CalendarDate } from '../ids.ts';
import type { OstPlan } from './plan.ts';
import { InjectionInterval, type InjectionInterval as Interval } from './injection.ts';
import { weekdayOf } from './pickups.ts';
import { PlanChangeForm, type PlanDraft } from './store.ts';
import { supervisionReasons } from './supervision.ts';

/**
 * The prescriber's form for a person's FIRST plan on the prolonged-release buprenorphine injection (issue 10),
 * on the staff portal: the dose of one injection, weekly or monthly, whether the person is a new starter (not
 * established on sublingual buprenorphine) and whether the 4 mg sublingual test dose was given (ost.md
 * "Medicines"; Buvidal SmPC). The injection is given by a clinician, so there is no pharmacy, no collection days
 * and no instalment form. The form only shapes the answers: the strengths, weekly before monthly, the test dose
 * and week one are the rules' (injection.ts, through plan-check.ts), so a 12 mg dose is refused in their words.
 */
export const PlanInjectionStartForm = PlanChangeForm.pick({
  doseMg: true,
  effectiveFrom: true,
  reviewOn: true,
  supervisionReasons: true,
  supervisionReviewOn: true,
  qtProlonging: true,
  toleranceUncertain: true,
  reason: true,
}).extend({
  interval: z.enum(InjectionInterval.options, { error: 'Choose weekly or monthly' }),
  newStarter: z.boolean(),
  testDoseGiven: z.boolean(),
});
export type PlanInjectionStartForm = z.infer<typeof PlanInjectionStartForm>;

/** How one injection's dose reads, after the medicine's name: "16 mg weekly", "64 mg monthly". */
export function injectionDoseWords(doseMg: number, interval: Interval): string {
  return `${doseMg} mg ${interval}`;
}

/**
 * A first injection plan's draft from the form, on `today`: an induction whose course starts on the day of the
 * first injection (planned as the next one due, none given yet, so week one and the test dose are checked),
 * given by a clinician on that day (supervised: never take-home, OST-PRB-NEVER-TAKE-HOME).
 */
export function draftFromInjectionStartForm(form: PlanInjectionStartForm, today: CalendarDate): PlanDraft {
  return {
    medicine: 'buprenorphine_prolonged_release',
    phase: 'induction',
    doseMg: form.doseMg,
    productAllowsHigherDose: false,
    courseStartedOn: form.effectiveFrom,
    effectiveFrom: form.effectiveFrom,
    supervision: {
      mode: 'daily_supervised',
      supervisedDays: [weekdayOf(form.effectiveFrom)],
      reasons: supervisionReasons.filter((r) => form.supervisionReasons.includes(r)),
      decidedOn: today,
      reviewOn: form.supervisionReviewOn,
    },
    instalments: null,
    injection: {
      interval: form.interval,
      newStarter: form.newStarter,
      testDoseGiven: form.testDoseGiven,
      lastGivenOn: null,
      nextDueOn: form.effectiveFrom,
    },
    pharmacyId: null,
    pharmacyNotes: null,
    lastReviewOn: today,
    reviewOn: form.reviewOn,
    reason: form.reason,
  } satisfies Omit<OstPlan, 'personId' | 'episodeId' | 'version' | 'prescriberId'>;
}
