import { z } from 'zod';
import { CalendarDate, Id } from '../ids.ts';
import { OstMedicine } from '../medicines.ts';
import { multiLine } from '../text.ts';
import { DoseMg, OstPhase } from './common.ts';
import { InjectionInterval } from './injection.ts';
import { HomeOfficeWording, InstalmentForm, instalmentLimits } from './instalments.ts';
import {
  SupervisionDecision,
  SupervisionMode,
  SupervisionReason,
  Weekday,
  supervisionReasons,
} from './supervision.ts';

/**
 * An OST plan (ost.md "The plan"): one version of a person's prescription in one treatment episode. Every change
 * is a new version with its reason, made by a prescriber; `checkPlanChange` (plan-check.ts) runs the safety
 * rules on it at write time. Doses are mg/day, or for the prolonged-release injection the dose of one injection.
 */

/** The supervision decision carried by a plan (supervision.ts checks it). */
export const PlanSupervision = z.strictObject({
  mode: SupervisionMode,
  /** Weekdays the dose is taken in front of the pharmacist; every other day's dose is taken home. */
  supervisedDays: z.array(Weekday).max(7),
  reasons: z.array(SupervisionReason).min(1).max(supervisionReasons.length),
  decidedOn: CalendarDate,
  reviewOn: CalendarDate,
});
export type PlanSupervision = z.infer<typeof PlanSupervision>;

/** How a daily medicine is dispensed: the form, the collection days and the Home Office wording it carries. */
export const PlanInstalments = z.strictObject({
  form: InstalmentForm,
  /** Weekdays the person collects. Each collection covers the days up to the next one. */
  pickupDays: z.array(Weekday).min(1).max(7),
  /**
   * Days each form covers. Accepted up to 28 so that a form over the legal 14 days is refused by its rule, in
   * the prescriber's words, rather than rejected as malformed input.
   */
  daysPerForm: z.int().min(1).max(instalmentLimits.maxDaysIssueToFirstInstalment),
  wording: z.array(HomeOfficeWording).max(5),
});
export type PlanInstalments = z.infer<typeof PlanInstalments>;

/** A prolonged-release buprenorphine injection's schedule. */
export const PlanInjection = z.strictObject({
  interval: InjectionInterval,
  /** Not already established on sublingual buprenorphine (needs the test dose and the week-one doses). */
  newStarter: z.boolean(),
  testDoseGiven: z.boolean(),
  /** The last injection given, or null before the first. */
  lastGivenOn: CalendarDate.nullable(),
  /** When the next injection is planned. */
  nextDueOn: CalendarDate,
});
export type PlanInjection = z.infer<typeof PlanInjection>;

export const OstPlanShape = z.strictObject({
  personId: Id,
  episodeId: Id,
  /** 1 for a new plan; each change is the previous version + 1. */
  version: z.int().positive(),
  medicine: OstMedicine,
  phase: OstPhase,
  doseMg: DoseMg,
  /** A buprenorphine product whose licence allows the higher upper dose (e.g. 32 mg). */
  productAllowsHigherDose: z.boolean(),
  /**
   * Day 0 of the current course of this medicine (its first dose; a restart as a new induction starts a new
   * course). Someone transferring in keeps the date they started at the previous service.
   */
  courseStartedOn: CalendarDate,
  /** The day this version takes effect. */
  effectiveFrom: CalendarDate,
  supervision: PlanSupervision,
  /** Daily medicines only. */
  instalments: PlanInstalments.nullable(),
  /** The prolonged-release injection only. */
  injection: PlanInjection.nullable(),
  /** The dispensing pharmacy (its name and address come from the caller); null only for an injection. */
  pharmacyId: Id.nullable(),
  lastReviewOn: CalendarDate,
  /** The next prescribing review. */
  reviewOn: CalendarDate,
  prescriberId: Id,
  /**
   * Notes for the pharmacy from the prescriber (issue 10: what dispensing needs), shown on the pharmacist's list
   * with the dose. Absent in versions stored before it; null or absent: none.
   */
  pharmacyNotes: multiLine({ max: 500, tooLong: 'use no more than 500 characters' }).nullable().optional(),
  /** Why this version was made, in the prescriber's words. */
  reason: multiLine({ min: 10, max: 2000, tooShort: 'say why, in at least a short sentence' }),
});

/** Cross-field problems of a plan, each with its path, in plain English. */
function planIssues(plan: z.infer<typeof OstPlanShape>): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const injected = plan.medicine === 'buprenorphine_prolonged_release';
  if (injected && (plan.injection === null || plan.instalments !== null)) {
    issues.push({ path: ['injection'], message: 'an injection plan has its schedule and no instalments' });
  }
  if (!injected && (plan.instalments === null || plan.injection !== null)) {
    issues.push({
      path: ['instalments'],
      message: 'a daily medicine has instalments and no injection schedule',
    });
  }
  if (!injected && plan.pharmacyId === null) {
    issues.push({ path: ['pharmacyId'], message: 'a daily medicine needs a dispensing pharmacy' });
  }
  if (plan.courseStartedOn > plan.effectiveFrom) {
    issues.push({
      path: ['courseStartedOn'],
      message: 'the course cannot start after this version takes effect',
    });
  }
  if (plan.reviewOn <= plan.lastReviewOn) {
    issues.push({ path: ['reviewOn'], message: 'the next review must come after the last one' });
  }
  const decision = SupervisionDecision.safeParse({ medicine: plan.medicine, ...plan.supervision });
  if (!decision.success) {
    for (const issue of decision.error.issues) {
      issues.push({ path: ['supervision', ...issue.path.map(String)], message: issue.message });
    }
  }
  const pickups = plan.instalments?.pickupDays ?? [];
  if (new Set(pickups).size !== pickups.length) {
    issues.push({ path: ['instalments', 'pickupDays'], message: 'each collection day is listed once' });
  }
  if (plan.instalments !== null && plan.supervision.supervisedDays.some((d) => !pickups.includes(d))) {
    issues.push({
      path: ['instalments', 'pickupDays'],
      message: 'every supervised day is a collection day (the person is at the pharmacy)',
    });
  }
  const { injection } = plan;
  if (injection !== null && injection.lastGivenOn !== null && injection.nextDueOn <= injection.lastGivenOn) {
    issues.push({ path: ['injection', 'nextDueOn'], message: 'the next injection comes after the last one' });
  }
  return issues;
}

export const OstPlan = OstPlanShape.superRefine((plan, ctx) => {
  for (const issue of planIssues(plan)) ctx.addIssue({ code: 'custom', ...issue });
});
export type OstPlan = z.infer<typeof OstPlanShape>;

/** The plan's supervision as the decision supervision.ts checks. */
export function supervisionDecisionOf(plan: OstPlan): SupervisionDecision {
  return { medicine: plan.medicine, ...plan.supervision };
}
