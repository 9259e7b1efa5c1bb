import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import {
  checkInstalmentPrescription,
  instalmentDaysCovered,
  type InstalmentPrescription,
} from './instalments.ts';
import { applyOverride } from './outcome.ts';

const rx = (extra: Partial<InstalmentPrescription> = {}): InstalmentPrescription => ({
  form: 'FP10MDA',
  medicine: 'methadone',
  issuedOn: '2026-03-01',
  startsOn: '2026-03-02',
  endsOn: '2026-03-15',
  instalmentAmountMg: 60,
  intervalDays: 1,
  wording: ['consult_prescriber_after_3_missed_days', 'closed_days_dispensed_on_prior_day'],
  ...extra,
});

const ruleOutcome = (p: InstalmentPrescription, ruleId: string) =>
  checkInstalmentPrescription(p).findings.find((f) => f.ruleId === ruleId)?.outcome;

describe('instalment prescriptions', () => {
  it('accepts a well-formed 14-day form', () => {
    expect(instalmentDaysCovered(rx())).toBe(14);
    expect(checkInstalmentPrescription(rx()).outcome).toBe('ok');
  });

  it.each([
    ['2026-03-15', 'ok'],
    ['2026-03-16', 'refused'],
  ] as const)('a form ending %s (14 vs 15 days) is %s (OST-INST-MAX-DAYS)', (endsOn, expected) => {
    expect(ruleOutcome(rx({ endsOn }), 'OST-INST-MAX-DAYS')).toBe(expected);
  });

  it.each([
    [28, 'ok'],
    [29, 'refused'],
  ] as const)('a first instalment %d days after issue is %s (OST-INST-FIRST-WITHIN-28)', (days, expected) => {
    const startsOn = addDays('2026-03-01', days);
    expect(ruleOutcome(rx({ startsOn, endsOn: startsOn }), 'OST-INST-FIRST-WITHIN-28')).toBe(expected);
  });

  it('refuses a form without the instalment amount or interval (OST-INST-AMOUNT-INTERVAL)', () => {
    const noAmount = checkInstalmentPrescription(rx({ instalmentAmountMg: null }));
    expect(noAmount.outcome).toBe('refused');
    expect(noAmount.findings[1]?.message).toContain('the instalment amount');
    const neither = checkInstalmentPrescription(rx({ instalmentAmountMg: null, intervalDays: null }));
    expect(neither.findings[1]?.message).toContain('the instalment amount and the interval');
  });

  it('makes the legal limits not overridable, even by a prescriber', () => {
    const decision = applyOverride(checkInstalmentPrescription(rx({ endsOn: '2026-03-20' })), {
      reason: 'Going on holiday for three weeks.',
      recordedBy: '0190a6b2-0000-7000-8000-000000000001',
      role: 'prescriber',
    });
    expect(decision).toMatchObject({
      allowed: false,
      needs: 'not_overridable',
      blockingRules: ['OST-INST-MAX-DAYS'],
    });
  });

  it('warns when the form lacks "consult the prescriber after 3 missed days" (OST-INST-CONSULT-WORDING)', () => {
    expect(ruleOutcome(rx({ wording: [] }), 'OST-INST-CONSULT-WORDING')).toBe('warning');
  });

  it.each([
    ['a first instalment before issue', { startsOn: '2026-02-28' }],
    ['an end before the start', { endsOn: '2026-03-01' }],
    ['an injection', { medicine: 'buprenorphine_prolonged_release' as 'methadone' }],
    ['a negative amount', { instalmentAmountMg: -60 }],
    ['an interval of 0 days', { intervalDays: 0 }],
    ['an unknown form', { form: 'FP10' as 'FP10MDA' }],
    ['a non-date', { issuedOn: '01/03/2026' }],
  ])('refuses %s (zod)', (_label, extra) => {
    expect(() => checkInstalmentPrescription(rx(extra))).toThrow();
  });
});
