import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import {
  addWorkingDays,
  calendarCovers,
  englandAndWales,
  isWorkingDay,
  lastWorkingDayOnOrBefore,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from './working-days.ts';

const dateArb = fc.integer({ min: 0, max: 6 * 365 }).map((n) => addDays('2023-01-01', n));

describe('working days in England and Wales', () => {
  it.each([
    ['2026-04-01', true, 'a Wednesday'],
    ['2026-04-04', false, 'a Saturday'],
    ['2026-04-05', false, 'a Sunday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-12-28', false, 'the Boxing Day substitute'],
    ['2026-12-29', true, 'the Tuesday after it'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2026-04-01', 1, '2026-04-02', 'Wednesday + 1 is Thursday'],
    ['2026-04-02', 1, '2026-04-07', 'Maundy Thursday + 1 skips Good Friday, the weekend and Easter Monday'],
    ['2026-05-01', 1, '2026-05-05', 'Friday + 1 skips the early May bank holiday'],
    ['2026-12-24', 1, '2026-12-29', 'Christmas Eve + 1 skips Christmas, the weekend and the substitute'],
    ['2026-04-04', 1, '2026-04-07', 'a Saturday + 1 is the first working day after the weekend'],
    ['2026-04-04', 0, '2026-04-07', 'a Saturday + 0 is the next working day'],
    ['2026-04-01', 0, '2026-04-01', 'a working day + 0 is itself'],
    ['2026-04-07', -1, '2026-04-02', 'back over Easter'],
    ['2026-04-01', 21, '2026-05-05', 'three weeks of working days over Easter and early May'],
  ])('addWorkingDays(%s, %i) is %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('counts working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2026-04-02', '2026-04-07')).toBe(1);
    expect(workingDaysBetween('2026-04-03', '2026-04-03')).toBe(0);
    expect(workingDaysBetween('2026-03-30', '2026-04-10')).toBe(7);
    expect(workingDaysBetween('2026-04-07', '2026-04-02')).toBe(-1);
  });

  it('finds the working day on or around a closed day', () => {
    expect(nextWorkingDayOnOrAfter('2026-12-25')).toBe('2026-12-29');
    expect(lastWorkingDayOnOrBefore('2026-12-28')).toBe('2026-12-24');
    expect(lastWorkingDayOnOrBefore('2026-12-24')).toBe('2026-12-24');
  });

  it('refuses a fraction of a working day', () => {
    expect(() => addWorkingDays('2026-04-01', 1.5)).toThrow(RangeError);
  });

  it('knows which dates its holiday list covers', () => {
    expect(calendarCovers(englandAndWales, '2026-06-01')).toBe(true);
    expect(calendarCovers(englandAndWales, '2022-12-31')).toBe(false);
    expect(calendarCovers(englandAndWales, `${englandAndWales.coversTo.slice(0, 4)}-12-31`)).toBe(true);
  });

  it('honours a calendar with a service closure day added', () => {
    const closed = { ...englandAndWales, holidays: new Set([...englandAndWales.holidays, '2026-04-01']) };
    expect(isWorkingDay('2026-04-01', closed)).toBe(false);
    expect(addWorkingDays('2026-03-31', 1, closed)).toBe('2026-04-02');
  });

  it('lands n working days on, always on a working day, and counts back to n (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const later = addWorkingDays(date, n);
        expect(isWorkingDay(later)).toBe(true);
        expect(later > date).toBe(true);
        expect(workingDaysBetween(date, later)).toBe(n);
        expect(workingDaysBetween(later, date)).toBe(-workingDaysBetween(date, later));
      }),
    );
  });

  it('moves to a working day no further than the nearest one (property)', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const next = nextWorkingDayOnOrAfter(date);
        const last = lastWorkingDayOnOrBefore(date);
        expect(isWorkingDay(next) && isWorkingDay(last)).toBe(true);
        expect(last <= date && date <= next).toBe(true);
        expect(workingDaysBetween(last, next)).toBe(isWorkingDay(date) ? 0 : 1);
      }),
    );
  });
});
