import { describe, expect, it } from 'vitest';
import { applyOverride, type CheckResult, type RuleOutcome } from './outcome.ts';
import type { RuleId } from './rules.ts';
import { OstSettings } from './settings.ts';
import {
  checkSupervisionDecision,
  firstSupervisionReviewOn,
  type SupervisionContext,
  type SupervisionDecision,
} from './supervision.ts';

const decision = (extra: Partial<SupervisionDecision> = {}): SupervisionDecision => ({
  medicine: 'methadone',
  mode: 'daily_supervised',
  supervisedDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  reasons: ['stability'],
  decidedOn: '2026-03-02',
  reviewOn: '2026-03-30',
  ...extra,
});
const maintenanceLow: SupervisionContext = { phase: 'maintenance', riskTier: 'low', firstDecision: false };
const partly: Partial<SupervisionDecision> = {
  mode: 'partly_supervised',
  supervisedDays: ['mon', 'wed', 'fri'],
};

function outcomeOf(result: CheckResult, ruleId: RuleId): RuleOutcome[] {
  return result.findings.filter((f) => f.ruleId === ruleId).map((f) => f.outcome);
}

describe('take-home doses (OST-SUP-TAKE-HOME-INDUCTION, OST-SUP-TAKE-HOME-RISK)', () => {
  it('allows daily supervision at any risk in induction', () => {
    const result = checkSupervisionDecision(decision(), {
      phase: 'induction',
      riskTier: 'very_high',
      firstDecision: false,
    });
    expect(result.outcome).toBe('ok');
  });

  it('allows take-home in maintenance at low or moderate risk', () => {
    expect(checkSupervisionDecision(decision(partly), maintenanceLow).outcome).toBe('ok');
    const takeHome = decision({ mode: 'take_home', supervisedDays: [] });
    expect(checkSupervisionDecision(takeHome, { ...maintenanceLow, riskTier: 'moderate' }).outcome).toBe(
      'ok',
    );
  });

  it('warns on take-home doses during induction', () => {
    const result = checkSupervisionDecision(decision(partly), { ...maintenanceLow, phase: 'induction' });
    expect(outcomeOf(result, 'OST-SUP-TAKE-HOME-INDUCTION')).toEqual(['warning']);
    expect(result.outcome).toBe('warning');
  });

  it.each(['high', 'very_high'] as const)('warns on take-home doses at %s risk', (riskTier) => {
    const result = checkSupervisionDecision(decision(partly), { ...maintenanceLow, riskTier });
    expect(outcomeOf(result, 'OST-SUP-TAKE-HOME-RISK')).toEqual(['warning']);
  });

  it('counts a closed day under daily supervision as a take-home day', () => {
    const sixDays = decision({ supervisedDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] });
    const result = checkSupervisionDecision(sixDays, { ...maintenanceLow, phase: 'induction' });
    expect(result.findings[0]?.message).toContain('1 take-home days');
    expect(result.outcome).toBe('warning');
  });
});

describe('prolonged-release injection is never take-home (OST-PRB-NEVER-TAKE-HOME)', () => {
  it('refuses any take-home mode, even with a prescriber’s reason', () => {
    for (const mode of ['partly_supervised', 'take_home'] as const) {
      const result = checkSupervisionDecision(
        decision({
          medicine: 'buprenorphine_prolonged_release',
          mode,
          supervisedDays: mode === 'take_home' ? [] : ['mon'],
        }),
        maintenanceLow,
      );
      expect(outcomeOf(result, 'OST-PRB-NEVER-TAKE-HOME')).toEqual(['refused']);
      const decisionAfter = applyOverride(result, {
        reason: 'Person lives far from the clinic.',
        recordedBy: '0190a6b2-0000-7000-8000-000000000001',
        role: 'prescriber',
      });
      expect(decisionAfter.allowed).toBe(false);
    }
  });

  it('accepts the injection given by a clinician', () => {
    const result = checkSupervisionDecision(
      decision({
        medicine: 'buprenorphine_prolonged_release',
        supervisedDays: ['mon'],
        reviewOn: '2026-03-09',
      }),
      { ...maintenanceLow, firstDecision: true },
    );
    expect(result.outcome).toBe('ok');
  });
});

describe('first review (OST-SUP-FIRST-REVIEW)', () => {
  it('is 4 weeks for methadone and 1 week for buprenorphine by default, configurable', () => {
    expect(firstSupervisionReviewOn('methadone', '2026-03-02')).toBe('2026-03-30');
    expect(firstSupervisionReviewOn('buprenorphine', '2026-03-02')).toBe('2026-03-09');
    const s = OstSettings.parse({ supervision: { firstReviewDaysBuprenorphine: 14 } });
    expect(firstSupervisionReviewOn('buprenorphine_naloxone', '2026-03-02', s)).toBe('2026-03-16');
  });

  it.each([
    ['methadone', '2026-03-30', 'ok'],
    ['methadone', '2026-03-31', 'warning'],
    ['buprenorphine', '2026-03-09', 'ok'],
    ['buprenorphine', '2026-03-10', 'warning'],
  ] as const)('a first %s review on %s is %s', (medicine, reviewOn, expected) => {
    const result = checkSupervisionDecision(decision({ medicine, reviewOn }), {
      ...maintenanceLow,
      firstDecision: true,
    });
    expect(outcomeOf(result, 'OST-SUP-FIRST-REVIEW')).toEqual([expected]);
  });

  it('leaves later reviews to the clinician', () => {
    const result = checkSupervisionDecision(decision({ reviewOn: '2026-06-01' }), maintenanceLow);
    expect(outcomeOf(result, 'OST-SUP-FIRST-REVIEW')).toEqual(['ok']);
  });
});

describe('a supervision decision is well formed (zod)', () => {
  it.each([
    ['no reasons', { reasons: [] }],
    ['an unknown reason', { reasons: ['convenience' as 'stability'] }],
    ['an unknown medicine', { medicine: 'tramadol' as 'methadone' }],
    ['a day listed twice', { supervisedDays: ['mon', 'mon'] as const }],
    ['take-home with supervised days', { mode: 'take_home', supervisedDays: ['mon'] } as const],
    [
      'partly supervised every day',
      { mode: 'partly_supervised', supervisedDays: [...decision().supervisedDays] } as const,
    ],
    ['partly supervised no day', { mode: 'partly_supervised', supervisedDays: [] } as const],
    ['daily supervised no day', { supervisedDays: [] }],
    ['a review before the decision', { reviewOn: '2026-03-01' }],
    ['a non-date', { decidedOn: 'yesterday' }],
  ])('refuses %s', (_label, extra) => {
    expect(() =>
      checkSupervisionDecision(decision(extra as Partial<SupervisionDecision>), maintenanceLow),
    ).toThrow();
  });
});
