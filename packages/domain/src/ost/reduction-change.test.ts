import { describe, expect, it } from 'vitest';
import type { OstPlan } from './plan.ts';
import { checkReductionChange, isPlannedReduction, type ReductionChangeContext } from './reduction-change.ts';

const author = '0190a6b2-0000-7000-8000-000000000001';
const second = '0190a6b2-0000-7000-8000-000000000002';

// Only the fields the reduction rules read: the medicine, phase, dose and review date.
const plan = (extra: Partial<OstPlan> = {}): OstPlan =>
  ({ medicine: 'methadone', phase: 'maintenance', doseMg: 60, reviewOn: '2026-04-01', ...extra }) as OstPlan;
const before = plan();
const reduced = plan({ phase: 'reduction', doseMg: 55 });
const context: ReductionChangeContext = {
  riskTier: 'low',
  today: '2026-03-01',
  authorId: author,
  signOffRole: null,
};
const signOff = { by: second, reason: 'Reviewed together: the dose is no longer needed.' };

describe('a planned reduction (issue 10: no forced reductions)', () => {
  it('is a lower dose of the same daily medicine in the reduction phase', () => {
    expect(isPlannedReduction(before, reduced)).toBe(true);
    expect(isPlannedReduction(null, reduced)).toBe(false);
    expect(isPlannedReduction(before, plan({ doseMg: 55 }))).toBe(false);
    expect(isPlannedReduction(before, plan({ phase: 'reduction', doseMg: 65 }))).toBe(false);
    expect(
      isPlannedReduction(before, plan({ phase: 'reduction', medicine: 'buprenorphine', doseMg: 8 })),
    ).toBe(false);
  });

  it('is refused until the agreement is recorded', () => {
    const check = checkReductionChange(before, reduced, null, context);
    expect(check.refusals.map((f) => f.message).join(' ')).toContain('record whether the person agrees');
  });

  it('is allowed when the person agrees or asked for it, and not reported to managers', () => {
    for (const agreement of ['agreed', 'asked_for_it'] as const) {
      const check = checkReductionChange(before, reduced, { agreement, secondSignOff: null }, context);
      expect(check.refusals).toEqual([]);
      expect(check.reportedToManagers).toBe(false);
    }
  });

  it('without agreement is refused until a second prescriber or team lead signs off, then reported', () => {
    const refused = checkReductionChange(
      before,
      reduced,
      { agreement: 'not_agreed', secondSignOff: null },
      context,
    );
    expect(refused.refusals.map((f) => f.ruleId)).toContain('OST-RED-SIGN-OFF');
    expect(refused.refusals.map((f) => f.message).join(' ')).toContain("second senior clinician's sign-off");

    const byNurse = checkReductionChange(
      before,
      reduced,
      { agreement: 'not_agreed', secondSignOff: signOff },
      { ...context, signOffRole: 'nurse' },
    );
    expect(byNurse.refusals.map((f) => f.message).join(' ')).toContain('not a senior clinician');

    const byThemselves = checkReductionChange(
      before,
      reduced,
      { agreement: 'not_agreed', secondSignOff: { ...signOff, by: author } },
      { ...context, signOffRole: 'prescriber' },
    );
    expect(byThemselves.refusals.map((f) => f.message).join(' ')).toContain('second clinician');

    const unknown = checkReductionChange(
      before,
      reduced,
      { agreement: 'not_agreed', secondSignOff: signOff },
      context,
    );
    expect(unknown.refusals.map((f) => f.message).join(' ')).toContain('not a member of staff');

    for (const role of ['prescriber', 'team_lead'] as const) {
      const signed = checkReductionChange(
        before,
        reduced,
        { agreement: 'not_agreed', secondSignOff: signOff },
        { ...context, signOffRole: role },
      );
      expect(signed.refusals).toEqual([]);
      expect(signed.withoutAgreement).toBe(true);
      expect(signed.reportedToManagers).toBe(true);
    }
  });

  it('at high risk needs the second sign-off even with agreement', () => {
    const check = checkReductionChange(
      before,
      reduced,
      { agreement: 'agreed', secondSignOff: null },
      { ...context, riskTier: 'high' },
    );
    expect(check.refusals.map((f) => f.ruleId)).toContain('OST-RED-RISK');
  });
});
