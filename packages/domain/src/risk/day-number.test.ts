import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../dates.ts';
import { ageOn } from '../person.ts';
import {
  addCalendarMonths,
  birthdayOfAge,
  formatLongDate,
  fromDayNumber,
  toDayNumber,
} from './day-number.ts';

// Any calendar date from 1900 to 2200 (leap years, century non-leap 2100, and 2000).
const date = fc
  .integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2200-12-31') })
  .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

describe('day numbers', () => {
  it('agree with daysBetween and addDays from dates.ts for any date', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
        expect(toDayNumber(d)).toBe(daysBetween('1970-01-01', d));
        expect(fromDayNumber(toDayNumber(d))).toBe(d);
        expect(fromDayNumber(toDayNumber(d) + n)).toBe(addDays(d, n));
      }),
    );
  });

  it('count whole days across the clock change (a calendar day has no time zone)', () => {
    // BST began 29 March 2026 (a 23-hour day) and ends 25 October 2026 (a 25-hour day).
    expect(toDayNumber('2026-03-30') - toDayNumber('2026-03-28')).toBe(2);
    expect(toDayNumber('2026-10-26') - toDayNumber('2026-10-24')).toBe(2);
    expect(fromDayNumber(toDayNumber('2024-02-28') + 1)).toBe('2024-02-29');
    expect(fromDayNumber(toDayNumber('2100-02-28') + 1)).toBe('2100-03-01');
  });
});

describe('calendar months', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addCalendarMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2025-04-30', 12)).toBe('2026-04-30');
    expect(addCalendarMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addCalendarMonths('2025-01-31', 3)).toBe('2025-04-30');
    expect(addCalendarMonths('2025-01-31', 5)).toBe('2025-06-30');
  });
});

describe('birthdays', () => {
  it('give the first day of the age, exactly as ageOn counts it', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 99 }), (dob, years) => {
        const birthday = birthdayOfAge(dob, years);
        expect(ageOn(dob, birthday)).toBe(years);
        expect(ageOn(dob, addDays(birthday, -1))).toBe(years - 1);
      }),
    );
  });

  it('puts a 29 February birthday on 1 March in a non-leap year', () => {
    expect(birthdayOfAge('1988-02-29', 40)).toBe('2028-02-29');
    expect(birthdayOfAge('1984-02-29', 40)).toBe('2024-02-29');
    expect(birthdayOfAge('1980-02-29', 41)).toBe('2021-03-01');
  });
});

describe('long dates', () => {
  it('reads as a clinician writes a date', () => {
    expect(formatLongDate('2026-03-09')).toBe('9 March 2026');
    expect(formatLongDate('2025-12-31')).toBe('31 December 2025');
  });
});
