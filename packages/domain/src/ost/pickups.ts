import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import { weekdays, type Weekday } from './supervision.ts';

/**
 * Collection days. Each collection covers its own day and the days up to the next collection day: with
 * Monday, Wednesday and Friday, Monday covers Monday and Tuesday, Friday covers Friday to Sunday.
 */

/** The weekday of a calendar date (1 January 2026 was a Thursday). */
export function weekdayOf(date: CalendarDate): Weekday {
  // getUTCDay: 0 is Sunday; `weekdays` starts on Monday.
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekdays[(day + 6) % 7] ?? 'mon';
}

/** Days one collection on `day` covers: its own day and each day up to the next collection day (1–7). */
export function daysCoveredFrom(pickupDays: readonly Weekday[], day: CalendarDate): number {
  for (let n = 1; n < 7; n++) {
    if (pickupDays.includes(weekdayOf(addDays(day, n)))) return n;
  }
  return 7;
}

/** The longest interval between two collections (days): what an instalment prescription states. */
export function longestInterval(pickupDays: readonly Weekday[]): number {
  let longest = 0;
  for (const day of pickupDays) {
    // 5 January 2026 is a Monday: the first day of a week to count from.
    const date = addDays('2026-01-05', weekdays.indexOf(day));
    longest = Math.max(longest, daysCoveredFrom(pickupDays, date));
  }
  return longest;
}

/** Weekdays in week order. */
export function inWeekOrder(days: readonly Weekday[]): Weekday[] {
  return weekdays.filter((d) => days.includes(d));
}
