import { CalendarDate } from '../ids.ts';
import { accountForUnrecordedDays } from './dispensing.ts';
import { DispensingState } from './dispensing-types.ts';
import { combine, finding, type CheckResult } from './outcome.ts';

/**
 * May the dose for `doseDay` be dispensed `today`? Only today's dose, only once, and never while dispensing is
 * blocked. A missed dose is never dispensed later: a past day is refused, and no override can allow it (each
 * refusal here is not overridable; a block is lifted by a prescriber review, not by a reason). Days before
 * `doseDay` with nothing recorded count as missed, so a run of unrecorded days blocks too.
 */
export function mayDispenseOn(
  state: DispensingState,
  doseDay: CalendarDate,
  today: CalendarDate,
): CheckResult {
  const current = DispensingState.parse(state);
  const day = CalendarDate.parse(doseDay);
  const now = CalendarDate.parse(today);
  const fixed = { overridable: false };
  const timing =
    day < now
      ? finding(
          'OST-DISP-NO-LATE-DOSE',
          'refused',
          `The dose for ${day} was not taken that day and is never dispensed later.`,
          fixed,
        )
      : day > now
        ? finding('OST-DISP-NOT-YET', 'refused', `The dose for ${day} is not due until then.`, fixed)
        : finding('OST-DISP-NO-LATE-DOSE', 'ok', `Today's dose (${day}).`);
  const supplied =
    day < current.nextDoseOn
      ? finding(
          'OST-DISP-ALREADY-SUPPLIED',
          'refused',
          `The dose for ${day} is already accounted for.`,
          fixed,
        )
      : finding('OST-DISP-ALREADY-SUPPLIED', 'ok', `No dose recorded yet for ${day}.`);
  const projected = day < current.nextDoseOn ? current : accountForUnrecordedDays(current, day).state;
  const block = projected.blocked
    ? finding(
        'OST-DISP-BLOCKED',
        'refused',
        `${projected.daysWithoutDose} consecutive days without a dose: dispensing is blocked until a prescriber ` +
          'reviews (tolerance may be lost).',
        fixed,
      )
    : finding('OST-DISP-BLOCKED', 'ok', `${projected.daysWithoutDose} consecutive days without a dose.`);
  return combine(timing, supplied, block);
}
