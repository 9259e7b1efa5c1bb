import type { CalendarDate } from '../ids.ts';
import { fromDayNumber, toDayNumber } from '../risk/day-number.ts';
import { bankHolidayYears, englandAndWalesBankHolidays } from './bank-holidays-england-and-wales.ts';

/**
 * Working days: Monday to Friday, except bank holidays. Task due dates count them ("follow-up within 1 working
 * day"), so a task never falls due on a day the service is closed. Dates are calendar dates with no time zone
 * (Europe/London days, architecture.md "Data"); the arithmetic is on whole day numbers, so it is exact.
 */
export interface WorkingCalendar {
  /** Which published list the holidays come from. */
  division: 'england-and-wales';
  holidays: ReadonlySet<CalendarDate>;
  /** The first and last days the holiday list covers. Outside them only weekends are known. */
  coversFrom: CalendarDate;
  coversTo: CalendarDate;
}

/** England and Wales, from the shipped gov.uk list (`bank-holidays-england-and-wales.ts`). */
export const englandAndWales: WorkingCalendar = {
  division: 'england-and-wales',
  holidays: new Set(englandAndWalesBankHolidays.map((h) => h.date)),
  coversFrom: `${bankHolidayYears.first}-01-01`,
  coversTo: `${bankHolidayYears.last}-12-31`,
};

/**
 * True when the calendar's holiday list covers `date`. Outside it a bank holiday would count as a working day:
 * the coverage test fails two years before that can happen, and the server may warn with this.
 */
export function calendarCovers(calendar: WorkingCalendar, date: CalendarDate): boolean {
  return date >= calendar.coversFrom && date <= calendar.coversTo;
}

/** 0 = Sunday … 6 = Saturday. Day number 0 (1970-01-01) was a Thursday. */
function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function isWorkingDayNumber(calendar: WorkingCalendar, dayNumber: number): boolean {
  const day = weekday(dayNumber);
  return day !== 0 && day !== 6 && !calendar.holidays.has(fromDayNumber(dayNumber));
}

/** True on a weekday that is not a bank holiday. */
export function isWorkingDay(date: CalendarDate, calendar: WorkingCalendar = englandAndWales): boolean {
  return isWorkingDayNumber(calendar, toDayNumber(date));
}

/** `date` if it is a working day, else the next one after it. */
export function nextWorkingDayOnOrAfter(
  date: CalendarDate,
  calendar: WorkingCalendar = englandAndWales,
): CalendarDate {
  let day = toDayNumber(date);
  while (!isWorkingDayNumber(calendar, day)) day++;
  return fromDayNumber(day);
}

/** `date` if it is a working day, else the last one before it. */
export function lastWorkingDayOnOrBefore(
  date: CalendarDate,
  calendar: WorkingCalendar = englandAndWales,
): CalendarDate {
  let day = toDayNumber(date);
  while (!isWorkingDayNumber(calendar, day)) day--;
  return fromDayNumber(day);
}

/**
 * The `days`-th working day after `date` (before it, when negative): a Friday + 1 is the Monday, or the Tuesday
 * after a bank holiday Monday. With 0 it is `date` itself when a working day, else the next working day.
 */
export function addWorkingDays(
  date: CalendarDate,
  days: number,
  calendar: WorkingCalendar = englandAndWales,
): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`working days must be whole: ${days}`);
  if (days === 0) return nextWorkingDayOnOrAfter(date, calendar);
  const step = days > 0 ? 1 : -1;
  let day = toDayNumber(date);
  for (let left = Math.abs(days); left > 0;) {
    day += step;
    if (isWorkingDayNumber(calendar, day)) left--;
  }
  return fromDayNumber(day);
}

/**
 * Working days after `from` up to and including `to` (negative, counted the same way, when `to` is earlier):
 * Friday to the next Monday is 1; a day to itself is 0. For n ≥ 1, `workingDaysBetween(d, addWorkingDays(d, n))`
 * is n, whatever day `d` is.
 */
export function workingDaysBetween(
  from: CalendarDate,
  to: CalendarDate,
  calendar: WorkingCalendar = englandAndWales,
): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day++) if (isWorkingDayNumber(calendar, day)) count++;
  return sign * count;
}
