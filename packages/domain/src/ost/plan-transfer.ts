import { z } from 'zod';
import { addDays } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { formatLongDate } from '../risk/day-number.ts';
import { multiLine, singleLine } from '../text.ts';
import type { OstPhase } from './common.ts';
import { draftFromStartForm, PlanStartForm } from './plan-start.ts';
import { PlanChangeForm, type PlanDraft } from './store.ts';

/**
 * The prescriber's form for a person who TRANSFERS IN from another service, continuing a course begun there
 * (issue 10), on the staff portal: a first plan here whose course started before it takes effect, so its dose is
 * checked as a change of the same dose, not as a start (rule 24). It asks what the start form asks for a daily
 * medicine (not the buprenorphine first-dose assessment: this is not a first dose), and the previous service,
 * the day the course started there, the phase (not induction), the day of the last dose there (the restart rules
 * count the days since: transfer-in.ts) and the prescriber's confirmation of the current prescription with the
 * previous service. Dates that cannot be true are refused here, in the prescriber's words; the dose is the rules'.
 */

export const transferPhases = ['stabilisation', 'maintenance'] as const satisfies readonly OstPhase[];

/** The earliest a course begun elsewhere may have started: this many years before today. */
export const transferCourseMaxYears = 60;

export const PlanTransferForm = PlanChangeForm.omit({
  expectedVersion: true,
  phase: true,
  newCourse: true,
  reason: true,
}).extend({
  medicine: PlanStartForm.shape.medicine,
  instalmentForm: PlanStartForm.shape.instalmentForm,
  productAllowsHigherDose: PlanStartForm.shape.productAllowsHigherDose,
  fromService: singleLine({
    min: 2,
    max: 120,
    tooShort: 'Give the name of the service they are transferring from',
  }),
  courseStartedOn: CalendarDate,
  phase: z.enum(transferPhases, {
    error:
      'Choose stabilisation or maintenance: someone still in induction starts a new course, with the start form',
  }),
  lastDoseOn: CalendarDate,
  confirmedWithPreviousService: z
    .boolean()
    .refine((v) => v, 'Confirm that you have checked the current prescription with the previous service'),
  reason: multiLine({ min: 10, max: 1500, tooShort: 'Say why, in at least a short sentence' }),
});
export type PlanTransferForm = z.infer<typeof PlanTransferForm>;

/** The transfer form on `today`: its dates checked against each other and against today. */
export function planTransferForm(today: CalendarDate) {
  return PlanTransferForm.superRefine((form, ctx) => {
    const problem = (path: keyof PlanTransferForm, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (form.courseStartedOn > today)
      problem('courseStartedOn', 'The date their course started cannot be in the future');
    else if (form.courseStartedOn >= form.effectiveFrom)
      problem(
        'courseStartedOn',
        'The course must have started before the start date here: for a course starting that day, use the start form',
      );
    else if (form.courseStartedOn < addDays(today, -365 * transferCourseMaxYears))
      problem(
        'courseStartedOn',
        `Check the date their course started: it is more than ${transferCourseMaxYears} years ago`,
      );
    if (form.lastDoseOn >= form.effectiveFrom)
      problem('lastDoseOn', 'The last dose at the previous service must be before the start date here');
    else if (form.lastDoseOn < form.courseStartedOn)
      problem('lastDoseOn', 'The last dose cannot be before their course started');
  });
}

/** Where the person came from, in words, for the version's reason (kept with every version, shown on the page). */
export function transferReason(form: PlanTransferForm): string {
  return (
    `Transfer in from ${form.fromService.trim()}, course started ${formatLongDate(form.courseStartedOn)}, ` +
    `last dose there ${formatLongDate(form.lastDoseOn)}; current prescription confirmed with the previous ` +
    `service. ${form.reason.trim()}`
  );
}

/**
 * A transfer's first plan from the form, on `today`: drafted as a start is (supervision decided and reviewed
 * today, 14-day forms, the recommended Home Office wording), but in the phase given, its course started at the
 * previous service, and its reason saying where they came from.
 */
export function draftFromTransferForm(form: PlanTransferForm, today: CalendarDate): PlanDraft {
  return {
    ...draftFromStartForm(form, today),
    phase: form.phase,
    courseStartedOn: form.courseStartedOn,
    reason: transferReason(form),
  };
}

/** What the rules need beside the plan: the day of the last dose elsewhere (the days since are counted). */
export const transferContext = (form: PlanTransferForm) => ({
  qtProlonging: form.qtProlonging,
  toleranceUncertain: form.toleranceUncertain,
  buprenorphineFirstDose: null,
  lastDoseElsewhereOn: form.lastDoseOn,
});
