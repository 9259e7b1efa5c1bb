import { addDays } from '../dates.ts';
import { DomainError } from '../errors.ts';
import type { CalendarDate } from '../ids.ts';
import { accountForUnrecordedDays } from './dispensing.ts';
import { DailyOstMedicine, startDispensing, type DispensingState } from './dispensing-types.ts';
import type { OstPlan } from './plan.ts';
import { startsCourse } from './plan-dose.ts';

/**
 * A transfer in (issue 10): a person's first plan here continuing a course of a daily medicine begun at another
 * service (`courseStartedOn` before `effectiveFrom`, so the dose is checked as a change, not as a start; rule 24).
 * Continuing is only safe if they have not gone without: the day of their last dose at the previous service
 * gives the days without a dose before the first dose here, which the restart rules read as they read the
 * pharmacy loop's (rule 25: 5 or more days prompts a re-induction, with the restart ladder beside it).
 */

/**
 * The pharmacy loop the person arrives with: doses accounted for up to `lastDoseOn` at the previous service,
 * and each day after it up to the plan's first day here counted as a day without a dose. Null when no last dose
 * was given. Refused (INVALID_INPUT) for anything but a first plan continuing a daily medicine's course, or a
 * last dose outside that course or not before the first dose here.
 */
export function transferInDispensing(
  previous: OstPlan | null,
  plan: OstPlan,
  lastDoseOn: CalendarDate | null,
): DispensingState | null {
  if (lastDoseOn === null) return null;
  const medicine = DailyOstMedicine.safeParse(plan.medicine);
  const problem =
    previous !== null || startsCourse(plan)
      ? 'the last dose elsewhere is given only for a first plan continuing a course begun elsewhere'
      : !medicine.success
        ? 'the last dose elsewhere is given only for a daily medicine'
        : lastDoseOn < plan.courseStartedOn || lastDoseOn >= plan.effectiveFrom
          ? 'the last dose elsewhere falls within the course, before the plan here takes effect'
          : null;
  if (problem !== null || !medicine.success) throw new DomainError('INVALID_INPUT', problem ?? '');
  const arriving = startDispensing({
    medicine: medicine.data,
    phase: plan.phase,
    doseMg: plan.doseMg,
    firstDoseOn: addDays(lastDoseOn, 1),
    lastDoseIncreaseOn: null,
  });
  return accountForUnrecordedDays(arriving, plan.effectiveFrom).state;
}

/**
 * What is wrong with a first plan that does not start its course here (a transfer in), or null: it must be a
 * daily medicine, past induction (someone in induction starts a new course, with the start rules), and give the
 * day of the last dose at the previous service, so a gap is counted (HAZ-OST-042). Checked at write time for
 * every caller, not only the transfer form; a plan that starts its course here, or a later version, is not a
 * transfer in.
 */
export function transferInProblem(
  previous: OstPlan | null,
  plan: OstPlan,
  lastDoseOn: CalendarDate | null,
): string | null {
  if (previous !== null || startsCourse(plan)) return null;
  if (!DailyOstMedicine.safeParse(plan.medicine).success)
    return 'a first injection plan starts its course on the day of the first injection here';
  if (plan.phase === 'induction')
    return 'someone still in induction starts a new course here: the course starts the day the plan takes effect';
  if (lastDoseOn === null)
    return 'a first plan continuing a course begun elsewhere gives the day of the last dose at the previous service';
  return null;
}
