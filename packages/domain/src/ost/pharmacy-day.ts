import { addDays } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { CalendarDate } from '../ids.ts';
import { accountForUnrecordedDays } from './dispensing.ts';
import { DispensingState, startDispensing, type DispensingEvent } from './dispensing-types.ts';
import { mayDispenseOn } from './may-dispense.ts';
import { daysCoveredFrom, weekdayOf } from './pickups.ts';
import { OstPlan } from './plan.ts';

/**
 * "Today" at the pharmacy (issue 10): what is due for one person on one day, from their plan and the
 * dispensing loop. A collection covers its own day and the days up to the next collection day; a person who
 * missed their collection day can still collect the rest of that instalment (the Home Office wording: a missed
 * collection does not forfeit the rest), but never a past day's dose.
 */
export type PharmacyDue =
  | {
      kind: 'not_due';
      reason: 'not_started' | 'plan_ended' | 'covered';
      /** For `covered`: the last day already supplied. */
      coveredUntil: CalendarDate | null;
    }
  | { kind: 'blocked'; daysWithoutDose: number; message: string }
  | {
      kind: 'due';
      /** A collection day of the plan; false for the rest of an instalment whose collection day was missed. */
      scheduled: boolean;
      doseMg: number;
      /** Today's dose is taken in front of the pharmacist. */
      supervised: boolean;
      /** Days this collection covers, today included. Supervised: today's dose plus `days − 1` take-home. */
      days: number;
    };

/** What is due on `today` for a person on `plan`, whose loop is `state`. Throws INVALID_INPUT for an injection. */
export function pharmacyDueOn(plan: OstPlan, state: DispensingState, today: CalendarDate): PharmacyDue {
  const p = OstPlan.parse(plan);
  const s = DispensingState.parse(state);
  const day = CalendarDate.parse(today);
  const pickups = p.instalments?.pickupDays;
  if (pickups === undefined) {
    throw new DomainError(
      'INVALID_INPUT',
      'an injection is given by a clinician, not dispensed at the pharmacy',
    );
  }
  if (p.phase === 'ended') return { kind: 'not_due', reason: 'plan_ended', coveredUntil: null };
  if (day < p.effectiveFrom) return { kind: 'not_due', reason: 'not_started', coveredUntil: null };
  if (day < s.nextDoseOn)
    return { kind: 'not_due', reason: 'covered', coveredUntil: addDays(s.nextDoseOn, -1) };
  const block = mayDispenseOn(s, day, day).findings.find((f) => f.ruleId === 'OST-DISP-BLOCKED');
  if (block?.outcome === 'refused') {
    const { daysWithoutDose } = accountForUnrecordedDays(s, day).state;
    return { kind: 'blocked', daysWithoutDose, message: block.message };
  }
  const weekday = weekdayOf(day);
  return {
    kind: 'due',
    scheduled: pickups.includes(weekday),
    doseMg: p.doseMg,
    supervised: p.supervision.supervisedDays.includes(weekday),
    days: daysCoveredFrom(pickups, day),
  };
}

/** The dispensing loop for a plan's first day (a daily medicine only). */
export function dispensingForPlan(plan: OstPlan): DispensingState {
  const p = OstPlan.parse(plan);
  if (p.medicine === 'buprenorphine_prolonged_release') {
    throw new DomainError(
      'INVALID_INPUT',
      'an injection is given by a clinician, not dispensed at the pharmacy',
    );
  }
  return startDispensing({
    medicine: p.medicine,
    phase: p.phase,
    doseMg: p.doseMg,
    firstDoseOn: p.effectiveFrom,
    lastDoseIncreaseOn: null,
  });
}

/**
 * The loop events that keep the pharmacy in step with a saved plan change: the dose change (an increase
 * starts the 7 days in which one missed pick-up alerts) and the phase, each on the day the change takes
 * effect. A restart after a block is the prescriber review event, which the service records with it.
 */
export function dispensingEventsForPlanChange(previous: OstPlan, proposed: OstPlan): DispensingEvent[] {
  const before = OstPlan.parse(previous);
  const after = OstPlan.parse(proposed);
  const on = after.effectiveFrom;
  const events: DispensingEvent[] = [];
  if (after.doseMg > before.doseMg) events.push({ type: 'dose_increase', on, toMg: after.doseMg });
  if (after.doseMg < before.doseMg) events.push({ type: 'dose_decrease', on, toMg: after.doseMg });
  if (after.phase !== before.phase) events.push({ type: 'phase_change', on, phase: after.phase });
  return events;
}
