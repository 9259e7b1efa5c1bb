import { z } from 'zod';
import type { CalendarDate } from '../ids.ts';
import type { LastHeroinUse } from './buprenorphine.ts';
import { DoseMg } from './common.ts';
import { recommendedHomeOfficeWording } from './instalment-wording.ts';
import { InstalmentForm, InstalmentMedicine, instalmentLimits } from './instalments.ts';
import type { OstPlan } from './plan.ts';
import type { BuprenorphineFirstDoseAssessment } from './plan-dose.ts';
import { PlanChangeForm, type PlanDraft } from './store.ts';
import { supervisionReasons, weekdays, type Weekday } from './supervision.ts';

/**
 * The prescriber's form for a person's FIRST plan in an episode (issue 10), on the staff portal: the fields of
 * the change form (`PlanChangeForm`) that a start also needs, and what only a start asks: the medicine (a daily
 * one, dispensed by instalment), the instalment form and, for sublingual buprenorphine, the first-dose
 * assessment (ost.md "Medicines": COWS, last heroin use, any methadone). The form only shapes the answers; the
 * rules (plan-check.ts) decide at write time, including refusing a buprenorphine start with no assessment.
 * The prolonged-release injection is not started here (its schedule has its own questions).
 */

export const lastHeroinKinds = [
  'hours_ago',
  'none',
  'unknown',
] as const satisfies readonly LastHeroinUse['kind'][];
export type LastHeroinKind = (typeof lastHeroinKinds)[number];

export const lastHeroinLabels: Record<LastHeroinKind, string> = {
  hours_ago: 'Hours ago (give the number of hours)',
  none: 'Not used recently',
  unknown: 'Not known',
};

const sublingual = (medicine: InstalmentMedicine) => medicine !== 'methadone';

export const PlanStartForm = PlanChangeForm.omit({ expectedVersion: true, phase: true, newCourse: true })
  .extend({
    medicine: z.enum(InstalmentMedicine.options, { error: 'Choose the medicine' }),
    instalmentForm: z.enum(InstalmentForm.options, { error: 'Choose the prescription form' }),
    productAllowsHigherDose: z.boolean(),
    /** Buprenorphine only: the Clinical Opiate Withdrawal Scale score before the first dose. */
    cows: z.int({ error: 'Give the COWS score as a whole number' }).min(0).max(48).optional(),
    lastHeroin: z.enum(lastHeroinKinds, { error: 'Say when heroin was last used' }).optional(),
    lastHeroinHours: z.number().min(0).max(100_000).optional(),
    /** Buprenorphine only, a transfer from methadone: the last methadone dose and the hours since it. */
    lastMethadoneMg: DoseMg.optional(),
    lastMethadoneHours: z.number().min(0).max(100_000).optional(),
  })
  .superRefine((form, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (!sublingual(form.medicine)) return;
    if (form.cows === undefined)
      problem('cows', 'Give the COWS score before the first dose of buprenorphine');
    if (form.lastHeroin === undefined) problem('lastHeroin', 'Say when heroin was last used');
    if (form.lastHeroin === 'hours_ago' && form.lastHeroinHours === undefined)
      problem('lastHeroinHours', 'Give how many hours ago heroin was last used');
    if ((form.lastMethadoneMg === undefined) !== (form.lastMethadoneHours === undefined))
      problem(
        form.lastMethadoneMg === undefined ? 'lastMethadoneMg' : 'lastMethadoneHours',
        'For a transfer from methadone give both the last dose and the hours since it; for none, leave both empty',
      );
  });
export type PlanStartForm = z.infer<typeof PlanStartForm>;

/** The buprenorphine first-dose assessment from the form; null for methadone (or if it was not given). */
export function firstDoseAssessmentFromForm(form: PlanStartForm): BuprenorphineFirstDoseAssessment | null {
  if (!sublingual(form.medicine) || form.cows === undefined || form.lastHeroin === undefined) return null;
  const lastHeroin: LastHeroinUse =
    form.lastHeroin === 'hours_ago'
      ? { kind: 'hours_ago', hours: form.lastHeroinHours ?? 0 }
      : { kind: form.lastHeroin };
  const fromMethadone =
    form.lastMethadoneMg === undefined || form.lastMethadoneHours === undefined
      ? null
      : { lastDoseMg: form.lastMethadoneMg, hoursSinceLastDose: form.lastMethadoneHours };
  return { cows: form.cows, lastHeroin, fromMethadone };
}

const inWeekOrder = (days: readonly Weekday[]): Weekday[] => weekdays.filter((d) => days.includes(d));

/**
 * A first plan's draft from the form, on `today`: an induction whose course starts the day it takes effect
 * (a new course, so the start rules apply), reviewed and its supervision decided today, with forms covering
 * the legal maximum of days and the Home Office wording the domain recommends for the supervision.
 */
export function draftFromStartForm(form: PlanStartForm, today: CalendarDate): PlanDraft {
  const instalments = {
    form: form.instalmentForm,
    pickupDays: inWeekOrder(form.pickupDays),
    daysPerForm: instalmentLimits.maxDaysPerForm,
    wording: [],
  };
  const draft: PlanDraft = {
    medicine: form.medicine,
    phase: 'induction',
    doseMg: form.doseMg,
    productAllowsHigherDose: sublingual(form.medicine) && form.productAllowsHigherDose,
    courseStartedOn: form.effectiveFrom,
    effectiveFrom: form.effectiveFrom,
    supervision: {
      mode: form.supervisionMode,
      supervisedDays: inWeekOrder(form.supervisedDays),
      reasons: supervisionReasons.filter((r) => form.supervisionReasons.includes(r)),
      decidedOn: today,
      reviewOn: form.supervisionReviewOn,
    },
    instalments,
    injection: null,
    pharmacyId: form.pharmacyId,
    pharmacyNotes: form.pharmacyNotes?.trim() || null,
    lastReviewOn: today,
    reviewOn: form.reviewOn,
    reason: form.reason,
  };
  // The recommendation reads the supervision only, which the draft has in full.
  return {
    ...draft,
    instalments: { ...instalments, wording: recommendedHomeOfficeWording(draft as OstPlan) },
  };
}

/**
 * Switching medicine (e.g. methadone to buprenorphine) from the change form: a new version of the plan, asked as a
 * first plan is (`PlanStartForm`) at the version the prescriber changed. A switch is an induction of the new
 * medicine: its course starts the day the switch takes effect (plan-check.ts refuses a change of medicine that
 * does not start a course), so the new medicine's start rules apply, with the first-dose assessment (from
 * methadone: the last dose and the hours since it) for buprenorphine. Keeping the medicine is a change, not a
 * switch: `switchProblem` says so.
 */
export const PlanSwitchForm = PlanStartForm.safeExtend({ expectedVersion: z.int().positive() });
export type PlanSwitchForm = z.infer<typeof PlanSwitchForm>;

/** What is wrong with switching from `current` to the form's medicine, in words; null if nothing. */
export function switchProblem(current: { medicine: string }, form: { medicine: string }): string | null {
  return current.medicine === form.medicine
    ? 'Choose a different medicine: to change the dose of the same one, use the change form'
    : null;
}
