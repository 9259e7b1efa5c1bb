import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { CalendarDate } from '../ids.ts';
import { OstPhase } from './common.ts';
import type { OstPlan } from './plan.ts';
import { InjectionInterval, type InjectionInterval as Interval } from './injection.ts';
import { weekdayOf } from './pickups.ts';
import { PlanChangeForm, type PlanDraft } from './store.ts';
import { supervisionReasons } from './supervision.ts';

type Draft = Omit<OstPlan, 'personId' | 'episodeId' | 'version' | 'prescriberId'>;

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
  } satisfies Draft;
}

/**
 * The prescriber's change to an injection plan: the dose of one injection, weekly or monthly, the phase, when the
 * last injection was given (empty before the first) and when the next is planned, and the shared review,
 * supervision-reason and flag fields. The rules decide (plan-dose.ts): a strength the product comes in, monthly
 * only after at least 4 weekly injections (counted from the stored versions' "last given" days), the next
 * injection within its due window after the last (or week one before the first).
 */
export const PlanInjectionChangeForm = PlanChangeForm.pick({
  expectedVersion: true,
  doseMg: true,
  effectiveFrom: true,
  reviewOn: true,
  supervisionReasons: true,
  supervisionReviewOn: true,
  qtProlonging: true,
  toleranceUncertain: true,
  reason: true,
})
  .extend({
    phase: z.enum(OstPhase.options, { error: 'Choose the phase' }),
    interval: z.enum(InjectionInterval.options, { error: 'Choose weekly or monthly' }),
    lastGivenOn: CalendarDate.optional(),
    nextDueOn: CalendarDate,
  })
  .refine((f) => f.lastGivenOn === undefined || f.nextDueOn > f.lastGivenOn, {
    path: ['nextDueOn'],
    message: 'The next injection comes after the last one',
  });
export type PlanInjectionChangeForm = z.infer<typeof PlanInjectionChangeForm>;

/** The injection change form's values for the current version. */
export function injectionChangeFormValues(plan: Draft & { version: number }) {
  return {
    expectedVersion: String(plan.version),
    doseMg: String(plan.doseMg),
    phase: plan.phase,
    interval: plan.injection?.interval ?? '',
    lastGivenOn: plan.injection?.lastGivenOn ?? '',
    nextDueOn: plan.injection?.nextDueOn ?? '',
    effectiveFrom: plan.effectiveFrom,
    reviewOn: plan.reviewOn,
    supervisionReasons: [...plan.supervision.reasons],
    supervisionReviewOn: plan.supervision.reviewOn,
  };
}

/**
 * The next version of an injection plan from the current one and the form, on `today` (a prescribing review):
 * the new dose and schedule; the injection is still given by a clinician on the day it is due, so the
 * supervision decision is dated today only when its reasons or that day change.
 */
export function draftFromInjectionChangeForm(
  current: PlanDraft,
  form: PlanInjectionChangeForm,
  today: CalendarDate,
): PlanDraft {
  if (current.injection === null) throw new DomainError('INVALID_INPUT', 'not an injection plan');
  const reasons = supervisionReasons.filter((r) => form.supervisionReasons.includes(r));
  const supervisedDays = [weekdayOf(form.nextDueOn)];
  const changed =
    reasons.join() !== current.supervision.reasons.join() ||
    supervisedDays.join() !== current.supervision.supervisedDays.join();
  return {
    ...current,
    doseMg: form.doseMg,
    phase: form.phase,
    effectiveFrom: form.effectiveFrom,
    supervision: {
      mode: 'daily_supervised',
      supervisedDays,
      reasons,
      decidedOn: changed ? today : current.supervision.decidedOn,
      reviewOn: form.supervisionReviewOn,
    },
    injection: {
      ...current.injection,
      interval: form.interval,
      lastGivenOn: form.lastGivenOn ?? null,
      nextDueOn: form.nextDueOn,
    },
    lastReviewOn: today,
    reviewOn: form.reviewOn,
    reason: form.reason,
  };
}
