import { describe, expect, it } from 'vitest';
import { applyOverride } from './outcome.ts';
import { checkInjectionDose, checkInjectionWeekOne, type InjectionWeekOneInput } from './injection.ts';

describe('prolonged-release injection strengths (OST-PRB-DOSE-STRENGTH)', () => {
  it.each([
    ['weekly', 8, 'ok'],
    ['weekly', 16, 'ok'],
    ['weekly', 24, 'ok'],
    ['weekly', 32, 'ok'],
    ['weekly', 12, 'refused'],
    ['weekly', 64, 'refused'],
    ['monthly', 64, 'ok'],
    ['monthly', 96, 'ok'],
    ['monthly', 128, 'ok'],
    ['monthly', 160, 'ok'],
    ['monthly', 32, 'refused'],
    ['monthly', 192, 'refused'],
  ] as const)('%s %d mg is %s', (interval, doseMg, expected) => {
    const result = checkInjectionDose({ interval, doseMg, weeklyInjectionsGiven: 4 });
    expect(result.findings.find((f) => f.ruleId === 'OST-PRB-DOSE-STRENGTH')?.outcome).toBe(expected);
  });

  it('cannot be overridden: the strength does not exist', () => {
    const result = checkInjectionDose({ interval: 'weekly', doseMg: 12, weeklyInjectionsGiven: 0 });
    const decision = applyOverride(result, {
      reason: 'Prescriber wants an in-between dose.',
      recordedBy: '0190a6b2-0000-7000-8000-000000000001',
      role: 'prescriber',
    });
    expect(decision).toMatchObject({ allowed: false, needs: 'not_overridable' });
  });

  it('refuses an unknown interval or a negative dose (zod)', () => {
    expect(() =>
      checkInjectionDose({ interval: 'daily' as 'weekly', doseMg: 8, weeklyInjectionsGiven: 0 }),
    ).toThrow();
    expect(() => checkInjectionDose({ interval: 'weekly', doseMg: -8, weeklyInjectionsGiven: 0 })).toThrow();
  });
});

describe('weekly before monthly (OST-PRB-WEEKLY-BEFORE-MONTHLY)', () => {
  it.each([
    [3, 'refused'],
    [4, 'ok'],
  ] as const)('monthly after %d weekly injections is %s', (given, expected) => {
    const result = checkInjectionDose({ interval: 'monthly', doseMg: 96, weeklyInjectionsGiven: given });
    expect(result.outcome).toBe(expected);
  });

  it('does not apply to weekly injections', () => {
    expect(checkInjectionDose({ interval: 'weekly', doseMg: 16, weeklyInjectionsGiven: 0 }).outcome).toBe(
      'ok',
    );
  });
});

describe('week one for new starters (OST-PRB-TEST-DOSE, OST-PRB-WEEK-ONE)', () => {
  const week = (extra: Partial<InjectionWeekOneInput>) =>
    checkInjectionWeekOne({
      newStarter: true,
      testDoseGiven: true,
      given: [],
      proposed: { on: '2026-03-02', doseMg: 16 },
      ...extra,
    });
  const sixteen = { on: '2026-03-02', doseMg: 16 };

  it('needs the 4 mg sublingual test dose first', () => {
    expect(week({}).outcome).toBe('ok');
    expect(week({ testDoseGiven: false }).findings[0]).toMatchObject({
      ruleId: 'OST-PRB-TEST-DOSE',
      outcome: 'refused',
    });
  });

  it('starts at 16 mg', () => {
    expect(week({ proposed: { on: '2026-03-02', doseMg: 24 } }).outcome).toBe('refused');
  });

  it('allows up to two extra 8 mg doses a day or more apart within the week', () => {
    expect(week({ given: [sixteen], proposed: { on: '2026-03-03', doseMg: 8 } }).outcome).toBe('ok');
    expect(week({ given: [sixteen], proposed: { on: '2026-03-02', doseMg: 8 } }).outcome).toBe('refused');
    expect(week({ given: [sixteen], proposed: { on: '2026-03-03', doseMg: 16 } }).outcome).toBe('refused');
    const two = [sixteen, { on: '2026-03-04', doseMg: 8 }];
    expect(week({ given: two, proposed: { on: '2026-03-05', doseMg: 8 } }).outcome).toBe('ok');
    const three = [...two, { on: '2026-03-05', doseMg: 8 }];
    expect(week({ given: three, proposed: { on: '2026-03-07', doseMg: 8 } }).outcome).toBe('refused');
  });

  it('ends week one after day 6', () => {
    expect(week({ given: [sixteen], proposed: { on: '2026-03-08', doseMg: 8 } }).outcome).toBe('ok');
    const late = week({ given: [sixteen], proposed: { on: '2026-03-09', doseMg: 8 } });
    expect(late.outcome).toBe('refused');
    expect(late.findings[1]?.message).toContain('week one has ended');
  });

  it('leaves people already on sublingual buprenorphine to the conversion table', () => {
    expect(
      week({ newStarter: false, testDoseGiven: false, proposed: { on: '2026-03-02', doseMg: 24 } }).outcome,
    ).toBe('ok');
  });

  it('refuses injections out of date order (zod)', () => {
    expect(() =>
      week({ given: [{ on: '2026-03-04', doseMg: 16 }], proposed: { on: '2026-03-03', doseMg: 8 } }),
    ).toThrow();
  });
});
