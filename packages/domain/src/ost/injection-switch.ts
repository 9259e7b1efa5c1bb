import type { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { CalendarDate } from '../ids.ts';
import type { OstMedicine } from '../medicines.ts';
import { SublingualBuprenorphine } from './buprenorphine.ts';
import { convertSublingualToInjection } from './injection-conversion.ts';
import { draftFromInjectionStartForm, PlanInjectionStartForm } from './injection-plan-form.ts';
import { PlanChangeForm, type PlanDraft } from './store.ts';

/**
 * Switching a person from a daily sublingual buprenorphine (with or without naloxone) to the prolonged-release
 * injection (issue 10), on the staff portal: a new version of the plan at the version the prescriber read, asked
 * with the injection start form's fields except the new-starter and test-dose questions: a person established on
 * sublingual buprenorphine is not a new starter (ost.md "Medicines"; Buvidal SmPC), so the dose comes from the
 * conversion table (OST-PRB-CONVERSION, checked by plan-dose.ts against the previous version's daily dose; a dose
 * other than the table's warns).
 *
 * From methadone there is no direct switch: ost.md converts to the injection from a daily sublingual dose only,
 * and the move off methadone has its own first-dose checks (≤ 30 mg, ≥ 24 h since the last dose), which apply to
 * a first sublingual buprenorphine dose. So methadone goes to sublingual buprenorphine first (the daily switch,
 * `PlanSwitchForm`), then to the injection here.
 */
export const PlanInjectionSwitchForm = PlanInjectionStartForm.omit({
  newStarter: true,
  testDoseGiven: true,
}).extend({ expectedVersion: PlanChangeForm.shape.expectedVersion });
export type PlanInjectionSwitchForm = z.infer<typeof PlanInjectionSwitchForm>;

/** What is wrong with switching a plan on `medicine` to the injection, in words; null if nothing. */
export function injectionSwitchProblem(current: { medicine: OstMedicine }): string | null {
  switch (current.medicine) {
    case 'buprenorphine':
    case 'buprenorphine_naloxone':
      return null;
    case 'methadone':
      return (
        'Switch from methadone to sublingual buprenorphine first: the injection’s dose is converted from a ' +
        'daily sublingual buprenorphine dose, and the move off methadone has its own first-dose checks'
      );
    case 'buprenorphine_prolonged_release':
      return (
        'The plan is already the prolonged-release injection: to change its dose or schedule, use the ' +
        'injection change form'
      );
  }
}

/** The conversion table's suggestion for the current daily sublingual dose, in words for the prescriber. */
export interface InjectionSwitchSuggestion {
  weeklyMg: number | null;
  monthlyMg: number | null;
  /** The suggestion, then what the table says about the dose (a gap between bands, or outside the table). */
  words: string[];
}

/** The highest daily sublingual dose `convertSublingualToInjection` reads. */
const highestReadMg = 64;

/**
 * The suggested injection doses for a sublingual buprenorphine plan (`convertSublingualToInjection`), with the
 * table's own words where it warns or gives none; null for a plan that cannot be switched here.
 */
export function injectionSwitchSuggestion(current: {
  medicine: OstMedicine;
  doseMg: number;
}): InjectionSwitchSuggestion | null {
  if (!SublingualBuprenorphine.safeParse(current.medicine).success) return null;
  const conversion = convertSublingualToInjection(Math.min(current.doseMg, highestReadMg));
  const { weeklyMg, monthlyMg } = conversion;
  const notes = conversion.result.findings.filter((f) => f.outcome !== 'ok').map((f) => f.message);
  const monthly =
    monthlyMg === null ? '' : `; ${monthlyMg} mg monthly once at least 4 weekly injections have been given`;
  const suggestion =
    weeklyMg === null
      ? []
      : [`From ${current.doseMg} mg a day the conversion table suggests ${weeklyMg} mg weekly${monthly}.`];
  return { weeklyMg, monthlyMg, words: [...suggestion, ...notes] };
}

/**
 * The switch's draft from the form, on `today`: as a first injection plan's (`draftFromInjectionStartForm`), an
 * induction whose course starts on the day of the first injection (`checkPlanChange` refuses a change of medicine
 * that does not start a course), planned as the next injection due with none given yet, given by a clinician (no
 * pharmacy, no instalments), for a person who is not a new starter. Throws DomainError('INVALID_INPUT') with
 * `injectionSwitchProblem`'s words for a plan that cannot be switched to the injection.
 */
export function draftFromInjectionSwitchForm(
  current: { medicine: OstMedicine },
  form: PlanInjectionSwitchForm,
  today: CalendarDate,
): PlanDraft {
  const problem = injectionSwitchProblem(current);
  if (problem !== null) throw new DomainError('INVALID_INPUT', problem);
  const { expectedVersion: _version, ...start } = form;
  return draftFromInjectionStartForm({ ...start, newStarter: false, testDoseGiven: false }, today);
}

/** The switch form's values for the current version, on `today`: the first injection today, weekly. */
export function injectionSwitchFormValues(plan: PlanDraft & { version: number }, today: CalendarDate) {
  return {
    expectedVersion: String(plan.version),
    interval: 'weekly',
    effectiveFrom: today,
    reviewOn: plan.reviewOn,
    supervisionReasons: [...plan.supervision.reasons],
    supervisionReviewOn: plan.supervision.reviewOn,
  };
}
