import { describe, expect, it } from 'vitest';
import { addMonths, checkPrescribingReview } from './review.ts';
import { OstSettings } from './settings.ts';

describe('calendar months', () => {
  it.each([
    ['2026-01-15', 3, '2026-04-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %d months is %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('refuses a non-date (zod)', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow();
  });
});

describe('prescribing review at least every 3 months (OST-REVIEW-INTERVAL)', () => {
  const check = (nextReviewOn: string, on: string, settings?: OstSettings) =>
    checkPrescribingReview({ lastReviewOn: '2026-01-15', nextReviewOn, on }, settings);

  it.each([
    ['2026-04-15', 'ok'],
    ['2026-04-16', 'refused'],
  ] as const)('a next review on %s is %s', (next, expected) => {
    expect(check(next, '2026-02-01').outcome).toBe(expected);
  });

  it('warns, and does not refuse, once the review is overdue', () => {
    expect(check('2026-03-01', '2026-03-01').outcome).toBe('ok');
    const overdue = check('2026-03-01', '2026-03-02');
    expect(overdue.outcome).toBe('warning');
    expect(overdue.findings[1]?.message).toContain('2026-03-01');
  });

  it('uses the service’s shorter interval', () => {
    expect(check('2026-03-16', '2026-02-01', OstSettings.parse({ reviewIntervalMonths: 2 })).outcome).toBe(
      'refused',
    );
  });

  it('refuses a next review before the last one (zod)', () => {
    expect(() => check('2026-01-14', '2026-02-01')).toThrow();
  });
});
