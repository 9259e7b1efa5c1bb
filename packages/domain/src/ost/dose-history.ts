import { z } from 'zod';
import { CalendarDate } from '../ids.ts';
import { DoseMg } from './common.ts';

/** One entry of a dose history: the daily dose (mg) from a date. */
export const DoseHistoryEntry = z.strictObject({ on: CalendarDate, doseMg: DoseMg });
export type DoseHistoryEntry = z.infer<typeof DoseHistoryEntry>;

/** An increase (mg), dated by the day it takes effect. */
export interface DoseIncrease {
  on: CalendarDate;
  mg: number;
}

/** Increases (mg) dated by the day they take effect, counting only changes on or after `start`. */
export function increasesSince(start: CalendarDate, doses: readonly DoseHistoryEntry[]): DoseIncrease[] {
  const inCourse = doses.filter((d) => d.on >= start);
  const out: DoseIncrease[] = [];
  inCourse.forEach((d, n) => {
    const before = inCourse[n - 1];
    if (before !== undefined && d.doseMg > before.doseMg)
      out.push({ on: d.on, mg: d.doseMg - before.doseMg });
  });
  return out;
}

/**
 * The daily dose a proposal is measured against: the dose in force at the end of the day before the proposal
 * (several entries on one day are corrections of that day's dose, so each is measured from the day before,
 * never from each other: otherwise three same-day +10 mg changes would each pass). With no earlier day on
 * record, the first entry's dose.
 */
export function previousDayDose(
  history: readonly DoseHistoryEntry[],
  proposedOn: CalendarDate,
): DoseHistoryEntry {
  const earlier = history.filter((entry) => entry.on < proposedOn);
  const base = earlier[earlier.length - 1] ?? history[0];
  if (base === undefined) throw new Error('the dose history is never empty (zod: min 1)');
  return base;
}
