import { describe, expect, it } from 'vitest';
import { checkAcknowledgements } from './plan-acknowledge.ts';
import { checkPlanChange } from './plan-check.ts';
import { deanInstalments, deanPlan, KEYWORKER_ID, nextVersion, planContext } from './plan-testing.ts';
import { failureOf } from '../error-testing.ts';

const reason = 'Discussed with him and his GP today.';
const v1 = deanPlan();
/** Dean to 105 mg with a benzodiazepine: three warnings (increase, ECG, sedative). */
const warned = checkPlanChange(
  v1,
  nextVersion(v1, { doseMg: 105 }),
  planContext({ coMedication: { sedatives: ['BENZODIAZEPINE'], qtProlonging: false } }),
);

describe('checkAcknowledgements', () => {
  it('saves a change once every warning has a reason, returning each reason with what it answers', () => {
    expect(warned.warnings.map((f) => f.ruleId)).toEqual([
      'OST-METH-POST-INDUCTION-INCREASE',
      'OST-ECG-QTC',
      'OST-COPRESCRIBED-SEDATIVE',
    ]);
    const decision = checkAcknowledgements(
      warned,
      warned.warnings.map((f) => ({ ruleId: f.ruleId, reason })),
    );
    expect(decision.allowed).toBe(true);
    if (decision.allowed) {
      expect(decision.acknowledged.map((a) => [a.ruleId, a.findings.length])).toEqual([
        ['OST-METH-POST-INDUCTION-INCREASE', 1],
        ['OST-ECG-QTC', 1],
        ['OST-COPRESCRIBED-SEDATIVE', 1],
      ]);
    }
  });

  it('refuses, saying which, while any warning has no reason', () => {
    const decision = checkAcknowledgements(warned, [{ ruleId: 'OST-ECG-QTC', reason }]);
    expect(decision).toMatchObject({
      allowed: false,
      missing: ['OST-METH-POST-INDUCTION-INCREASE', 'OST-COPRESCRIBED-SEDATIVE'],
    });
    if (!decision.allowed) {
      expect(decision.refusals.map((f) => f.ruleId)).toEqual([
        'OST-PLAN-ACKNOWLEDGED',
        'OST-PLAN-ACKNOWLEDGED',
      ]);
      expect(decision.refusals[0]?.message).toBe(
        'Record a reason for "After induction, a methadone increase above 10 mg in one change or 30 mg in 7 ' +
          'days" (OST-METH-POST-INDUCTION-INCREASE) before saving.',
      );
    }
  });

  it('lets a prescriber override a refusal with a reason, but never one that is not overridable', () => {
    const late = checkPlanChange(null, deanPlan({ reviewOn: '2026-07-01' }), planContext());
    expect(checkAcknowledgements(late, []).allowed).toBe(false);
    expect(checkAcknowledgements(late, [{ ruleId: 'OST-REVIEW-INTERVAL', reason }]).allowed).toBe(true);
    const unlawful = checkPlanChange(
      null,
      deanPlan({ instalments: { ...deanInstalments, daysPerForm: 21 } }),
      planContext(),
    );
    const decision = checkAcknowledgements(unlawful, [{ ruleId: 'OST-INST-MAX-DAYS', reason }]);
    expect(decision).toMatchObject({ allowed: false, missing: [] });
    const keyworker = checkPlanChange(
      null,
      v1,
      planContext({ author: { id: KEYWORKER_ID, role: 'keyworker' } }),
    );
    expect(checkAcknowledgements(keyworker, [{ ruleId: 'OST-PLAN-PRESCRIBER', reason }]).allowed).toBe(false);
  });

  it('saves a change with nothing to acknowledge', () => {
    expect(checkAcknowledgements(checkPlanChange(null, v1, planContext()), [])).toEqual({
      allowed: true,
      acknowledged: [],
    });
  });

  it('refuses a reason for a rule that raised nothing, two for one rule, or a reason too short', () => {
    expect(failureOf(() => checkAcknowledgements(warned, [{ ruleId: 'OST-INST-MAX-DAYS', reason }]))).toBe(
      'INVALID_INPUT',
    );
    const twice = [
      { ruleId: 'OST-ECG-QTC', reason },
      { ruleId: 'OST-ECG-QTC', reason },
    ] as const;
    expect(failureOf(() => checkAcknowledgements(warned, twice))).toBe('INVALID_INPUT');
    expect(failureOf(() => checkAcknowledgements(warned, [{ ruleId: 'OST-ECG-QTC', reason: 'ok' }]))).toBe(
      'zod',
    );
  });
});
