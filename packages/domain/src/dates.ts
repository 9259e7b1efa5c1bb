import type { CalendarDate } from './ids.ts';

/**
 * Calendar arithmetic on `YYYY-MM-DD` strings. Risk windows count Europe/London calendar days (architecture.md
 * "Data"): a calendar date has no time zone, so day differences are exact; the only conversion is from an
 * instant to the London date it falls on (`londonDate`).
 */
const DAY_MS = 86_400_000;

function toUtcMs(date: CalendarDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** The calendar date `days` after `date` (before, when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

const londonFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/London calendar date on which `instant` falls (e.g. 23:30 UTC in summer is the next day). */
export function londonDate(instant: Date): CalendarDate {
  return londonFormatter.format(instant);
}
