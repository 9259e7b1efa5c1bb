import type { CalendarDate } from '../ids.ts';

/**
 * Calendar dates as whole day numbers (days since 1970-01-01), for the risk model's hot path. The same calendar
 * arithmetic as `dates.ts` (`daysBetween`, `addDays`; the tests check they agree), but with integer arithmetic
 * instead of `Date` objects, because one assessment converts a dozen dates and the model must score a caseload
 * of thousands in milliseconds. A calendar date has no time zone, so the numbers are exact: the days since an
 * event are `asOf − event` whatever the clock change did in between.
 *
 * Inputs are already-validated `YYYY-MM-DD` strings (years 0000–9999); nothing here validates.
 */

const ZERO = 48; // char code of '0'

function digits(date: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (date.charCodeAt(i) - ZERO);
  return n;
}

/** Howard Hinnant's days_from_civil: count from 1 March so the leap day is the last day of the year. */
function civilDay(year: number, month: number, day: number): number {
  const y = year - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The day number of a `YYYY-MM-DD` date (1970-01-01 is 0; earlier dates are negative). */
export function toDayNumber(date: CalendarDate): number {
  const year =
    (date.charCodeAt(0) - ZERO) * 1000 +
    (date.charCodeAt(1) - ZERO) * 100 +
    (date.charCodeAt(2) - ZERO) * 10 +
    (date.charCodeAt(3) - ZERO);
  const month = (date.charCodeAt(5) - ZERO) * 10 + (date.charCodeAt(6) - ZERO);
  return civilDay(year, month, (date.charCodeAt(8) - ZERO) * 10 + (date.charCodeAt(9) - ZERO));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Hinnant's civil_from_days. */
function formatDayNumber(dayNumber: number): CalendarDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

// Formatting a date was the costliest step of an assessment, and a caseload's dates are few and repeat, so the
// strings for 1900–2149 are kept once made ('' until then): at most 91,311 short strings, in practice a few
// thousand. The range stays under V8's limit for a fast preallocated array.
const CACHE_FROM = civilDay(1900, 1, 1);
const CACHE_TO = civilDay(2150, 1, 1);
const formatted: string[] = new Array<string>(CACHE_TO - CACHE_FROM).fill('');

/** The `YYYY-MM-DD` date of a day number (the inverse of `toDayNumber`). */
export function fromDayNumber(dayNumber: number): CalendarDate {
  if (dayNumber < CACHE_FROM || dayNumber >= CACHE_TO) return formatDayNumber(dayNumber);
  const index = dayNumber - CACHE_FROM;
  const known = formatted[index];
  if (known !== undefined && known !== '') return known;
  const date = formatDayNumber(dayNumber);
  formatted[index] = date;
  return date;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The day number `months` calendar months after `date`, clamped to the end of a shorter month (31 August + 6
 * months is 28 or 29 February), which is how "within 6 months" and "within 12 months" are read by clinicians.
 */
export function dayNumberAfterMonths(date: CalendarDate, months: number): number {
  const total = digits(date, 0, 4) * 12 + (digits(date, 5, 7) - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return civilDay(year, month, Math.min(digits(date, 8, 10), daysInMonth(year, month)));
}

/** The date `months` calendar months after `date`, clamped like `dayNumberAfterMonths`. */
export function addCalendarMonths(date: CalendarDate, months: number): CalendarDate {
  return fromDayNumber(dayNumberAfterMonths(date, months));
}

/**
 * The first date on which someone born on `dateOfBirth` is `years` old, counted as `person.ts` `ageOn` counts:
 * someone born on 29 February turns a year older on 1 March in a non-leap year.
 */
export function birthdayOfAge(dateOfBirth: CalendarDate, years: number): CalendarDate {
  const year = digits(dateOfBirth, 0, 4) + years;
  const month = digits(dateOfBirth, 5, 7);
  const day = digits(dateOfBirth, 8, 10);
  if (day > daysInMonth(year, month)) return `${String(year).padStart(4, '0')}-03-01`;
  return `${String(year).padStart(4, '0')}${dateOfBirth.slice(4)}`;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** A date as a clinician writes it: `9 March 2026`. */
export function formatLongDate(date: CalendarDate): string {
  // Validated dates have a month 1–12, so the name is always found.
  return `${digits(date, 8, 10)} ${String(monthNames[digits(date, 5, 7) - 1])} ${date.slice(0, 4)}`;
}
