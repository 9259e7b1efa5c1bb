import { describe, expect, it } from 'vitest';
import { catalogueByCode } from './catalogue.ts';
import { currentPoints, dayAfterWindow, dayWindowAt, lastWindowDay } from './working.ts';

describe('window helpers over catalogue entries of every shape', () => {
  it('find the day window a day falls in, or none once all have passed', () => {
    const prison = catalogueByCode.PRISON_RELEASE;
    expect(dayWindowAt(prison, 0)?.points).toBe(20);
    expect(dayWindowAt(prison, 84)?.points).toBe(2);
    expect(dayWindowAt(prison, 85)).toBeNull();
    expect(dayWindowAt(catalogueByCode.NON_FATAL_OVERDOSE, 10_000)?.points).toBe(2);
    expect(dayWindowAt(catalogueByCode.MALE, 0)).toBeNull();
  });

  it('give the last closed window day, and 0 for a factor without one', () => {
    expect(lastWindowDay(catalogueByCode.OST_EXIT)).toBe(28);
    expect(lastWindowDay(catalogueByCode.NON_FATAL_OVERDOSE)).toBe(365);
    expect(lastWindowDay(catalogueByCode.MALE)).toBe(0);
  });

  it('give while-current and always points, and none for a day-windowed factor', () => {
    expect(currentPoints(catalogueByCode.BENZODIAZEPINE)).toBe(11);
    expect(currentPoints(catalogueByCode.MALE)).toBe(7);
    expect(currentPoints(catalogueByCode.PRISON_RELEASE)).toBe(0);
  });

  it('give the day after a window, and no change after the open-ended one', () => {
    const [first, , older] = catalogueByCode.NON_FATAL_OVERDOSE.windows;
    if (first?.kind !== 'days' || older?.kind !== 'days') throw new Error('expected day windows');
    expect(dayAfterWindow(first, 100)).toBe(191);
    expect(dayAfterWindow(older, 100)).toBe(Number.POSITIVE_INFINITY);
  });
});
