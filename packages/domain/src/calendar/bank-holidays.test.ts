import { describe, expect, it } from 'vitest';
import { addDays, londonDate } from '../dates.ts';
import { addCalendarMonths, toDayNumber } from '../risk/day-number.ts';
import {
  bankHolidayYears,
  englandAndWalesBankHolidays,
  specialBankHolidays,
} from './bank-holidays-england-and-wales.ts';
import { englandAndWales } from './working-days.ts';

/**
 * The shipped list is checked against the rules that make the standing holidays, computed here independently
 * of the data: Easter by the Gregorian computus (the "anonymous" algorithm of Meeus, Jones and Butcher), the
 * first Monday in May, the last Mondays in May and August, and the weekend substitutes of the Banking and
 * Financial Dealings Act 1971 as applied by royal proclamation. A date the rules do not make must be a listed
 * one-off; a date they make must be in the list.
 */

function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. */
const weekday = (date: string): number => (((toDayNumber(date) + 4) % 7) + 7) % 7;
const MONDAY = 1;

function firstMonday(year: number, month: string): string {
  let date = `${year}-${month}-01`;
  while (weekday(date) !== MONDAY) date = addDays(date, 1);
  return date;
}

function lastMonday(year: number, month: string): string {
  let date = addDays(addCalendarMonths(`${year}-${month}-01`, 1), -1);
  while (weekday(date) !== MONDAY) date = addDays(date, -1);
  return date;
}

interface Expected {
  date: string;
  substitute: boolean;
}

/** The standing holidays of a year, with their weekend substitutes. */
function standingHolidays(year: number): Expected[] {
  const on = (date: string, substitute = false): Expected => ({ date, substitute });
  const newYear = `${year}-01-01`;
  const newYearDay = weekday(newYear);
  const easter = easterSunday(year);
  const christmas = `${year}-12-25`;
  const christmasDay = weekday(christmas);
  let winter: Expected[];
  if (christmasDay === 6) winter = [on(`${year}-12-27`, true), on(`${year}-12-28`, true)];
  else if (christmasDay === 0) winter = [on(`${year}-12-26`), on(`${year}-12-27`, true)];
  else if (christmasDay === 5) winter = [on(christmas), on(`${year}-12-28`, true)];
  else winter = [on(christmas), on(`${year}-12-26`)];
  return [
    newYearDay === 6 ? on(`${year}-01-03`, true) : newYearDay === 0 ? on(`${year}-01-02`, true) : on(newYear),
    on(addDays(easter, -2)),
    on(addDays(easter, 1)),
    on(firstMonday(year, '05')),
    on(lastMonday(year, '05')),
    on(lastMonday(year, '08')),
    ...winter,
  ];
}

const years: number[] = [];
for (let y = bankHolidayYears.first; y <= bankHolidayYears.last; y++) years.push(y);

describe('the Gregorian computus used to check the list', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('puts Easter %i on %s (earliest and latest possible included)', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('England and Wales bank holidays', () => {
  it.each(years)('has exactly the standing holidays of %i, plus its listed one-off days', (year) => {
    const listed = englandAndWalesBankHolidays.filter((h) => h.date.startsWith(`${year}-`));
    const expected = standingHolidays(year);
    const specials = specialBankHolidays.filter((d) => d.startsWith(`${year}-`));
    expect(listed.map((h) => h.date).sort()).toEqual([...expected.map((e) => e.date), ...specials].sort());
    for (const e of expected) {
      const holiday = listed.find((h) => h.date === e.date);
      expect(holiday?.notes, e.date).toBe(e.substitute ? 'Substitute day' : '');
    }
  });

  it('puts Good Friday two days before and Easter Monday one day after the computed Easter Sunday', () => {
    for (const year of years) {
      const easter = easterSunday(year);
      const goodFriday = englandAndWalesBankHolidays.find(
        (h) => h.title === 'Good Friday' && h.date.startsWith(`${year}-`),
      );
      const easterMonday = englandAndWalesBankHolidays.find(
        (h) => h.title === 'Easter Monday' && h.date.startsWith(`${year}-`),
      );
      expect(goodFriday?.date).toBe(addDays(easter, -2));
      expect(easterMonday?.date).toBe(addDays(easter, 1));
    }
  });

  it('never puts a holiday on a weekend, so every substitute moved off one', () => {
    for (const h of englandAndWalesBankHolidays) expect([0, 6], h.date).not.toContain(weekday(h.date));
    const substitutes = englandAndWalesBankHolidays.filter((h) => h.notes === 'Substitute day');
    expect(substitutes.map((h) => h.date)).toEqual([
      '2023-01-02',
      '2026-12-28',
      '2027-12-27',
      '2027-12-28',
      '2028-01-03',
    ]);
  });

  it('lists each date once, in date order, within the years it claims to cover', () => {
    const dates = englandAndWalesBankHolidays.map((h) => h.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    expect(dates[0]?.startsWith(String(bankHolidayYears.first))).toBe(true);
    expect(dates.at(-1)?.startsWith(String(bankHolidayYears.last))).toBe(true);
    for (const year of bankHolidayYears.projected) expect(years).toContain(year);
  });

  // Meant to fail when the list runs short, two years before a due date could land on an unknown holiday.
  it('covers today and the next two years', () => {
    const today = londonDate(new Date());
    const needed = addCalendarMonths(today, 24);
    expect(
      needed <= englandAndWales.coversTo,
      `The bank-holiday list ends on ${englandAndWales.coversTo} but must cover ${needed}. Add the next year ` +
        'from https://www.gov.uk/bank-holidays.json ("england-and-wales") to ' +
        'packages/domain/src/calendar/bank-holidays-england-and-wales.ts and raise bankHolidayYears.last; ' +
        'if gov.uk has not published it yet, add its standing holidays as a projected year. ' +
        'docs/tasks.md "Bank holidays" has the steps.',
    ).toBe(true);
  });
});
