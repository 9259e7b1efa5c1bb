import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';

/**
 * Calendar-month arithmetic for health-need intervals ("every 12 months", "every 3 months"). A month is a
 * calendar month, not 30 days, and a date past the end of the target month clamps to its last day:
 * 31 January + 1 month = 28 (or 29) February; 29 February 2024 + 12 months = 28 February 2025.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = index - newYear * 12;
  const lastDay = new Date(Date.UTC(newYear, newMonth + 1, 0)).getUTCDate();
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(newYear, 4)}-${pad(newMonth + 1, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** The later of two dates (ISO dates compare as strings). */
export function later(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a >= b ? a : b;
}

/** The latest date in a list, or null when it is empty. */
export function latest(dates: readonly CalendarDate[]): CalendarDate | null {
  return dates.reduce<CalendarDate | null>((max, d) => (max === null || d > max ? d : max), null);
}

/** The earliest date in a list, or null when it is empty. */
export function earliest(dates: readonly CalendarDate[]): CalendarDate | null {
  return dates.reduce<CalendarDate | null>((min, d) => (min === null || d < min ? d : min), null);
}

/**
 * The first day a need is overdue: a need due on `due` with a grace of `graceDays` is "due" from `due` to
 * `due + graceDays` inclusive and "overdue" from the day after (docs/health-needs.md "Due and overdue").
 */
export function overdueFrom(due: CalendarDate, graceDays: number): CalendarDate {
  return addDays(due, graceDays + 1);
}
