import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import {
  addWorkingDays,
  englandAndWales,
  lastWorkingDayOnOrBefore,
  nextWorkingDayOnOrAfter,
  type WorkingCalendar,
} from '../calendar/working-days.ts';

/**
 * When a task falls due, counted from the day of the event that opened it (day 0). Every due date is a working
 * day, so no task falls due on a day the service is closed:
 * - `same_day`: the event's day, or the next working day when the service is closed that day;
 * - `working_days`: the n-th working day after the event (the brief's "within 1 working day");
 * - `calendar_days`: a deadline of n calendar days (the brief's "within 2 days", "within 21 days"), brought
 *   forward to the last working day on or before it, so the task is never due later than the brief allows: a
 *   Friday release with 2 days to contact is due that Friday, not on the Monday;
 * - `by_date`: a date agreed or known (a case review action's date, a kit's expiry), brought forward the same way.
 * A deadline with no working day between the event and it (a Saturday event due by Sunday) is due on the first
 * working day after the event.
 */
export type DueRule =
  | { unit: 'same_day' }
  | { unit: 'working_days'; count: number }
  | { unit: 'calendar_days'; count: number }
  | { unit: 'by_date' };

export const sameDay: DueRule = { unit: 'same_day' };
export const workingDays = (count: number): DueRule => ({ unit: 'working_days', count });
export const calendarDays = (count: number): DueRule => ({ unit: 'calendar_days', count });
export const byDate: DueRule = { unit: 'by_date' };

export interface Due {
  dueOn: CalendarDate;
  /** The rule asks for it on the day itself ("same day if reported by the person"). */
  sameDay: boolean;
}

/** The working day on or before `deadline`, but not before `from`. */
function byDeadline(from: CalendarDate, deadline: CalendarDate, calendar: WorkingCalendar): CalendarDate {
  const last = lastWorkingDayOnOrBefore(deadline, calendar);
  return last >= from ? last : nextWorkingDayOnOrAfter(from, calendar);
}

/** The due date of a task opened on `from` by `rule`; `by_date` rules need the `agreed` date. */
export function dueDate(
  from: CalendarDate,
  rule: DueRule,
  calendar: WorkingCalendar = englandAndWales,
  agreed: CalendarDate | null = null,
): Due {
  switch (rule.unit) {
    case 'same_day':
      return { dueOn: nextWorkingDayOnOrAfter(from, calendar), sameDay: true };
    case 'working_days':
      return { dueOn: addWorkingDays(from, rule.count, calendar), sameDay: false };
    case 'calendar_days':
      return { dueOn: byDeadline(from, addDays(from, rule.count), calendar), sameDay: false };
    case 'by_date':
      if (agreed === null) throw new RangeError('a by_date rule needs the agreed date');
      return { dueOn: byDeadline(from, agreed < from ? from : agreed, calendar), sameDay: false };
  }
}

/** The rule in words, for docs and the task page: "same day", "1 working day", "21 days". */
export function dueRuleWords(rule: DueRule): string {
  switch (rule.unit) {
    case 'same_day':
      return 'same day';
    case 'working_days':
      return `${rule.count} working day${rule.count === 1 ? '' : 's'}`;
    case 'calendar_days':
      return `${rule.count} days`;
    case 'by_date':
      return 'by the date set';
  }
}
