import { describe, expect, it } from 'vitest';
import { convertSublingualToInjection } from './injection-conversion.ts';

describe('conversion from daily sublingual buprenorphine (OST-PRB-CONVERSION)', () => {
  it.each([
    [2, 8, null, 'ok'],
    [6, 8, null, 'ok'],
    [7, 8, null, 'warning'],
    [8, 16, 64, 'ok'],
    [10, 16, 64, 'ok'],
    [11, 16, 64, 'warning'],
    [12, 24, 96, 'ok'],
    [16, 24, 96, 'ok'],
    [17, 24, 96, 'warning'],
    [18, 32, 128, 'ok'],
    [24, 32, 128, 'ok'],
    [25, 32, 128, 'warning'],
    [26, 32, 160, 'warning'],
    [32, 32, 160, 'warning'],
  ] as const)('%d mg a day → weekly %s, monthly %s (%s)', (daily, weekly, monthly, outcome) => {
    const conversion = convertSublingualToInjection(daily);
    expect([conversion.weeklyMg, conversion.monthlyMg, conversion.result.outcome]).toEqual([
      weekly,
      monthly,
      outcome,
    ]);
  });

  it('takes the lower band for a dose in a gap, and says so', () => {
    const gap = convertSublingualToInjection(6.4);
    expect(gap.weeklyMg).toBe(8);
    expect(gap.result.findings[0]?.message).toContain('between the table');
  });

  it('bridges 26–32 mg with 32 mg weekly, because monthly needs 4 weeks of weekly first', () => {
    const bridge = convertSublingualToInjection(28);
    expect(bridge.result.findings.map((f) => f.outcome)).toEqual(['ok', 'warning']);
    expect(bridge.result.findings[1]?.message).toContain('no weekly dose');
  });

  it.each([1.9, 32.1, 40])('refuses %d mg a day: outside the table', (daily) => {
    const conversion = convertSublingualToInjection(daily);
    expect(conversion).toMatchObject({ weeklyMg: null, monthlyMg: null, result: { outcome: 'refused' } });
  });

  it.each([0, -4, Number.NaN, 65])('refuses %d mg a day as input (zod)', (daily) => {
    expect(() => convertSublingualToInjection(daily)).toThrow();
  });
});
