import { healthNeedCodes } from '@harbour/domain/health/catalogue';
import { describe, expect, it } from 'vitest';
import { checkWords, clockTime, when } from './health-words.ts';

describe('health checks in plain words', () => {
  it('has words for every check in the catalogue, short enough for a phone', () => {
    for (const code of healthNeedCodes) {
      expect(checkWords[code].title.length).toBeLessThanOrEqual(45);
      expect(checkWords[code].about.length).toBeLessThanOrEqual(90);
    }
  });

  it('says times in London time, winter and summer', () => {
    expect(when('2026-12-07T09:00:00.000Z')).toBe('Monday 7 December 2026 at 9:00am');
    expect(clockTime('2026-06-01T13:20:00.000Z')).toBe('2:20pm');
  });
});
