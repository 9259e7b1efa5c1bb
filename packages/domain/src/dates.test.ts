import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, londonDate } from './dates.ts';

describe('calendar days', () => {
  it('counts whole days across the clock change without an off-by-one', () => {
    // British Summer Time ends on 26 October 2025: a 25-hour day must still count as one day.
    expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2);
    expect(daysBetween('2025-03-29', '2025-03-31')).toBe(2);
    expect(daysBetween('2025-01-10', '2025-01-01')).toBe(-9);
  });

  it('adds days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
  });

  it('puts a late-evening summer instant on the next London day', () => {
    expect(londonDate(new Date('2025-07-01T23:30:00Z'))).toBe('2025-07-02');
    expect(londonDate(new Date('2025-12-01T23:30:00Z'))).toBe('2025-12-01');
  });
});
