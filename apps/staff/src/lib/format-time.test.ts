import { describe, expect, it } from 'vitest';
import { londonDateTime, londonTime } from './format-time.ts';

describe('London times', () => {
  it('shows British Summer Time in summer and GMT in winter, on a 24-hour clock', () => {
    expect(londonTime('2026-07-01T13:05:00Z')).toBe('14:05');
    expect(londonTime('2026-12-01T13:05:00Z')).toBe('13:05');
    expect(londonTime('2026-12-01T00:30:00Z')).toBe('00:30');
  });

  it('gives the date the London time falls on', () => {
    expect(londonDateTime('2026-07-01T23:30:00Z')).toBe('00:30 on 2 Jul 2026');
    expect(londonDateTime(new Date('2026-11-12T09:00:00Z'))).toBe('09:00 on 12 Nov 2026');
  });

  it('shows nothing for a value that is not a time', () => {
    expect(londonTime('not a time')).toBe('');
    expect(londonDateTime('')).toBe('');
  });
});
