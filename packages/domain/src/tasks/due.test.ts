import { describe, expect, it } from 'vitest';
import { byDate, calendarDays, dueDate, dueRuleWords, sameDay, workingDays } from './due.ts';

describe('due dates', () => {
  it.each([
    ['same day on a working day', '2026-03-04', sameDay, '2026-03-04', true],
    ['same day on a Saturday: the next working day', '2026-03-07', sameDay, '2026-03-09', true],
    ['1 working day from a Friday', '2026-03-06', workingDays(1), '2026-03-09', false],
    ['2 days from a Wednesday', '2026-03-04', calendarDays(2), '2026-03-06', false],
    ['2 days from a Thursday: brought forward to Friday', '2026-03-05', calendarDays(2), '2026-03-06', false],
    ['2 days from a Saturday: Monday is the deadline', '2026-03-07', calendarDays(2), '2026-03-09', false],
    [
      '1 day from a Saturday: no working day before the deadline',
      '2026-03-07',
      calendarDays(1),
      '2026-03-09',
      false,
    ],
  ] as const)('%s', (_, from, rule, dueOn, same) => {
    expect(dueDate(from, rule)).toEqual({ dueOn, sameDay: same });
  });

  it('takes an agreed date, brought forward to a working day but never before the day it was agreed', () => {
    expect(dueDate('2026-03-02', byDate, undefined, '2026-03-08').dueOn).toBe('2026-03-06');
    expect(dueDate('2026-03-04', byDate, undefined, '2026-03-01').dueOn).toBe('2026-03-04');
    expect(() => dueDate('2026-03-04', byDate)).toThrow(RangeError);
  });

  it('says each rule in words', () => {
    expect([sameDay, workingDays(1), workingDays(2), calendarDays(21), byDate].map(dueRuleWords)).toEqual([
      'same day',
      '1 working day',
      '2 working days',
      '21 days',
      'by the date set',
    ]);
  });
});
