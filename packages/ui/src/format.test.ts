import { describe, expect, it } from 'vitest';
import { formatDate, formatDose } from './format.ts';

describe('formatDate', () => {
  it.each([
    ['2026-11-12', '12 Nov 2026'],
    ['2026-01-01', '1 Jan 2026'],
    ['2025-09-30', '30 Sep 2025'],
    ['2024-02-29', '29 Feb 2024'],
  ])('shows the calendar date %s as %s', (date, shown) => {
    expect(formatDate(date)).toBe(shown);
  });

  it('shows an instant as the Europe/London date it falls on', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 Jul 2026');
    // In winter London is on UTC.
    expect(formatDate(new Date('2026-12-31T23:30:00Z'))).toBe('31 Dec 2026');
  });

  it('shows the fallback for null and for text that is not a date', () => {
    expect(formatDate(null)).toBe('None');
    expect(formatDate(null, 'Never')).toBe('Never');
    expect(formatDate('12/11/2026')).toBe('None');
    expect(formatDate('2026-13-01')).toBe('None');
  });
});

describe('formatDose', () => {
  it('shows milligrams without trailing zeros', () => {
    expect(formatDose(60)).toBe('60 mg');
    expect(formatDose(7.5)).toBe('7.5 mg');
    expect(formatDose(0.125)).toBe('0.13 mg');
  });

  it('shows the fallback when there is no dose', () => {
    expect(formatDose(null)).toBe('None');
    expect(formatDose(Number.NaN, '-')).toBe('-');
  });
});
