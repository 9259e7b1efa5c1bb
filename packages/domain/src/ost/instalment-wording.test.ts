import { describe, expect, it } from 'vitest';
import { failureOf } from '../error-testing.ts';
import {
  dayList,
  homeOfficeWordingText,
  instalmentDirections,
  recommendedHomeOfficeWording,
} from './instalment-wording.ts';
import { homeOfficeWordings } from './instalments.ts';
import { numberInWords } from './number-words.ts';
import { daysCoveredFrom, longestInterval, weekdayOf } from './pickups.ts';
import { deanInstalments, deanPlan, TODAY, stevePlan } from './plan-testing.ts';

describe('instalmentDirections', () => {
  it('writes Dean’s form: each instalment’s day, days and amount, his supervised days, the wording and total', () => {
    const directions = instalmentDirections(deanPlan(), TODAY);
    expect(directions.instalments.map((i) => [i.on, i.days, i.amountMg, i.supervised])).toEqual([
      ['2026-03-16', 2, 160, true],
      ['2026-03-18', 2, 160, true],
      ['2026-03-20', 3, 240, true],
      ['2026-03-23', 2, 160, true],
      ['2026-03-25', 2, 160, true],
      ['2026-03-27', 3, 240, true],
    ]);
    expect(directions.lines).toEqual([
      'Methadone 1 mg/ml oral solution: 80 mg (80 ml) once a day.',
      'Dispense in instalments from 2026-03-16 to 2026-03-29, collected on Monday, Wednesday and Friday.',
      '2026-03-16 (Monday): 2 days, 160 mg, first dose supervised.',
      '2026-03-18 (Wednesday): 2 days, 160 mg, first dose supervised.',
      '2026-03-20 (Friday): 3 days, 240 mg, first dose supervised.',
      '2026-03-23 (Monday): 2 days, 160 mg, first dose supervised.',
      '2026-03-25 (Wednesday): 2 days, 160 mg, first dose supervised.',
      '2026-03-27 (Friday): 3 days, 240 mg, first dose supervised.',
      'Supervised consumption on Monday, Wednesday and Friday.',
      ...homeOfficeWordings.map((w) => homeOfficeWordingText[w]),
      'Total: 1120 mg (one thousand one hundred and twenty milligrams) for 14 days.',
    ]);
    expect(directions.prescription).toMatchObject({
      instalmentAmountMg: 80,
      intervalDays: 3,
      endsOn: '2026-03-29',
    });
  });

  it('cuts the last instalment at the end of the form, and starts on a day that is not a collection day', () => {
    const plan = deanPlan({ instalments: { ...deanInstalments, daysPerForm: 6 } });
    const tuesday = instalmentDirections(plan, '2026-03-17');
    expect(tuesday.instalments.map((i) => [i.on, i.days, i.supervised])).toEqual([
      ['2026-03-17', 1, false],
      ['2026-03-18', 2, true],
      ['2026-03-20', 3, true],
    ]);
    expect(tuesday.totalMg).toBe(480);
  });

  it('says every day for daily collection, take-home for none supervised, and mg only for buprenorphine', () => {
    const daily = deanPlan({
      medicine: 'buprenorphine',
      doseMg: 12.5,
      supervision: {
        mode: 'take_home',
        supervisedDays: [],
        reasons: ['work_or_study'],
        decidedOn: TODAY,
        reviewOn: '2026-04-13',
      },
      instalments: {
        ...deanInstalments,
        pickupDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
        daysPerForm: 2,
      },
    });
    const { lines } = instalmentDirections(daily, TODAY);
    expect(lines[0]).toBe('Buprenorphine sublingual: 12.5 mg once a day.');
    expect(lines[1]).toContain('collected every day.');
    expect(lines).toContain('All doses are take-home.');
    expect(lines.at(-1)).toBe('Total: 25 mg (twenty-five milligrams) for 2 days.');
  });

  it('refuses an injection plan: an injection is never dispensed by instalment', () => {
    const injection = stevePlan();
    expect(failureOf(() => instalmentDirections(injection, TODAY))).toBe('INVALID_INPUT');
  });

  it('recommends all the wording, less supervision when none and separate containers when all supervised', () => {
    expect(recommendedHomeOfficeWording(deanPlan())).toEqual([...homeOfficeWordings]);
    const everyDay = deanPlan({
      supervision: {
        ...deanPlan().supervision,
        mode: 'daily_supervised',
        supervisedDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      },
      instalments: { ...deanInstalments, pickupDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
    });
    expect(recommendedHomeOfficeWording(everyDay)).not.toContain('daily_doses_in_separate_containers');
    const none = deanPlan({
      supervision: { ...deanPlan().supervision, mode: 'take_home', supervisedDays: [] },
    });
    expect(recommendedHomeOfficeWording(none)).not.toContain('supervise_on_collection_days');
  });
});

describe('collection days and numbers in words', () => {
  it('knows the weekday of a date, the days a collection covers and the longest interval', () => {
    expect(weekdayOf('2026-03-16')).toBe('mon');
    expect(weekdayOf('2026-03-22')).toBe('sun');
    expect(daysCoveredFrom(['mon'], '2026-03-16')).toBe(7);
    expect(daysCoveredFrom(['mon', 'thu'], '2026-03-19')).toBe(4);
    expect(longestInterval(['mon', 'thu'])).toBe(4);
    expect(longestInterval(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).toBe(1);
    expect(dayList(['fri', 'mon'])).toBe('Monday and Friday');
    expect(dayList(['sun'])).toBe('Sunday');
  });

  it.each([
    [0, 'zero'],
    [13, 'thirteen'],
    [40, 'forty'],
    [105, 'one hundred and five'],
    [1000, 'one thousand'],
    [1050, 'one thousand and fifty'],
    [2240, 'two thousand two hundred and forty'],
    [56000, 'fifty-six thousand'],
    [7.5, 'seven point five'],
    [0.25, 'zero point two five'],
  ])('writes %d as "%s"', (value, words) => {
    expect(numberInWords(value)).toBe(words);
  });

  it('refuses a number it cannot write', () => {
    expect(() => numberInWords(-1)).toThrow(RangeError);
    expect(() => numberInWords(1_000_000)).toThrow(RangeError);
    expect(() => numberInWords(Number.NaN)).toThrow(RangeError);
  });
});
