import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../dates.ts';
import { addMonths, earliest, later, latest, overdueFrom } from './calendar.ts';

describe('calendar months', () => {
  it('adds months across year ends, both ways', () => {
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-03-15', -12)).toBe('2025-03-15');
  });

  it('clamps to the end of a shorter month, including leap years', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-08-31', 3)).toBe('2025-11-30');
  });

  it('lands within a few days of 30.4 days a month, always on a real date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: -36, max: 36 }),
        (date, months) => {
          const start = date.toISOString().slice(0, 10);
          const result = addMonths(start, months);
          expect(new Date(`${result}T00:00:00Z`).toISOString().slice(0, 10)).toBe(result);
          expect(Math.abs(daysBetween(start, result) - months * 30.44)).toBeLessThanOrEqual(4);
        },
      ),
    );
  });

  it('finds the later, latest and earliest dates', () => {
    expect(later('2026-01-01', '2025-12-31')).toBe('2026-01-01');
    expect(later('2025-12-31', '2026-01-01')).toBe('2026-01-01');
    expect(latest(['2026-01-02', '2026-03-01', '2025-12-01'])).toBe('2026-03-01');
    expect(earliest(['2026-01-02', '2026-03-01', '2025-12-01'])).toBe('2025-12-01');
    expect(latest([])).toBeNull();
    expect(earliest([])).toBeNull();
  });

  it('makes a need overdue the day after its grace period ends', () => {
    expect(overdueFrom('2026-01-05', 0)).toBe('2026-01-06');
    expect(overdueFrom('2026-01-05', 28)).toBe('2026-02-03');
  });
});
