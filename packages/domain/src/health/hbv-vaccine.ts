import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import { addMonths, later, overdueFrom } from './calendar.ts';
import { hbvImmune, hbvInfectedSince } from './bbv.ts';
import { met, notApplicable, type Evaluation, type EvaluationContext } from './evaluation.ts';
import type { HealthSettings } from './settings.ts';

/**
 * The accelerated hepatitis B vaccine course (health-and-instruments.md): doses on day 0, 7 and 21, and a
 * booster at 12 months, counted from the first dose. A late dose is given as soon as possible and the course
 * is resumed, never restarted; the next dose is then due at its scheduled day, but never sooner than 7 days
 * after the dose before it (the shortest gap in the course), so late doses do not bunch together.
 */
export const hbvCourse = [
  { number: 1, label: 'first dose (day 0)' },
  { number: 2, label: 'second dose (day 7)' },
  { number: 3, label: 'third dose (day 21)' },
  { number: 4, label: 'booster (12 months)' },
] as const;

/** The shortest gap between two doses, in days. */
const MINIMUM_GAP_DAYS = 7;

export type DoseStatus = 'upcoming' | 'due' | 'overdue';

export interface NextHbvDose {
  number: 1 | 2 | 3 | 4;
  label: string;
  dueDate: CalendarDate;
  /** The first day the dose is overdue and must be chased. */
  overdueFrom: CalendarDate;
  status: DoseStatus;
}

export interface HbvSchedule {
  /** The doses given, in order (one per day; a second entry on the same day is not a second dose). */
  given: CalendarDate[];
  complete: boolean;
  /** The next dose, or null when the course is complete. */
  next: NextHbvDose | null;
}

/** The scheduled day of dose `index` (0-based) given the doses so far. */
function scheduledDue(
  index: number,
  given: readonly CalendarDate[],
  firstDoseDue: CalendarDate,
): CalendarDate {
  const [first] = given;
  const previous = given[index - 1];
  if (first === undefined || previous === undefined) return firstDoseDue;
  const scheduled = index === 3 ? addMonths(first, 12) : addDays(first, index === 1 ? 7 : 21);
  return later(scheduled, addDays(previous, MINIMUM_GAP_DAYS));
}

/**
 * Given the doses so far, the next dose, when it is due and whether it is overdue. `firstDoseDue` is when the
 * course should start (entry). Doses 1 to 3 are overdue after `hbvDoseGraceDays`; the booster after
 * `overdueGraceDays`.
 */
export function hbvVaccineSchedule(
  doses: readonly CalendarDate[],
  firstDoseDue: CalendarDate,
  asOf: CalendarDate,
  settings: Pick<HealthSettings, 'hbvDoseGraceDays' | 'overdueGraceDays'>,
): HbvSchedule {
  const given = [...new Set(doses.filter((d) => d <= asOf))].sort();
  const dose = hbvCourse[given.length];
  if (dose === undefined) return { given, complete: true, next: null };
  const dueDate = scheduledDue(given.length, given, firstDoseDue);
  const grace = dose.number === 4 ? settings.overdueGraceDays : settings.hbvDoseGraceDays;
  const chaseFrom = overdueFrom(dueDate, grace);
  const status: DoseStatus = asOf < dueDate ? 'upcoming' : asOf < chaseFrom ? 'due' : 'overdue';
  return { given, complete: false, next: { ...dose, dueDate, overdueFrom: chaseFrom, status } };
}

/** The hepatitis B vaccine need: the next dose of the course, for anyone not immune or infected. */
export function hbvVaccination(ctx: EvaluationContext): Evaluation {
  if (hbvImmune(ctx.facts)) return notApplicable('Immune to hepatitis B: no vaccine needed.');
  if (hbvInfectedSince(ctx.facts) !== null) {
    return notApplicable('Has hepatitis B: the vaccine will not help; see the hepatitis B referral.');
  }
  // Not immune, or immunity not yet known: start at entry without waiting for the test result.
  const schedule = hbvVaccineSchedule(
    ctx.facts.hbv.vaccineDoses,
    ctx.facts.entryDate,
    ctx.asOf,
    ctx.settings,
  );
  const last = schedule.given.at(-1) ?? null;
  if (schedule.next === null)
    return met(last, null, `Course complete: booster given on ${last ?? 'no date'}.`);
  const { next } = schedule;
  return {
    kind: 'pending',
    dueDate: next.dueDate,
    overdueFrom: next.overdueFrom,
    lastDone: last,
    reason: `${schedule.given.length} of 4 doses given; ${next.label} due ${next.dueDate}.`,
  };
}
