import { describe, expect, it } from 'vitest';
import { applyOverride } from './outcome.ts';
import {
  checkReductionPlan,
  countReductionsWithoutAgreement,
  nextReductionStep,
  type ReductionContext,
  type ReductionPlan,
} from './reduction.ts';
import { OstSettings } from './settings.ts';

const clinician = '0190a6b2-0000-7000-8000-000000000001';
const second = '0190a6b2-0000-7000-8000-000000000002';

const plan = (extra: Partial<ReductionPlan> = {}): ReductionPlan => ({
  medicine: 'methadone',
  proposedBy: 'jointly',
  personAgrees: true,
  responsibleClinicianId: clinician,
  stepMg: 5,
  daysBetweenSteps: 14,
  reviewPoints: ['2026-04-01'],
  status: 'active',
  secondSignOff: null,
  ...extra,
});
const low: ReductionContext = { riskTier: 'low', currentDoseMg: 60 };
const signed = { secondSignOff: { by: second, role: 'prescriber', on: '2026-03-01' } } as const;

describe('agreement and risk (OST-RED-AGREEMENT, OST-RED-RISK, OST-RED-SIGN-OFF)', () => {
  it('allows an agreed reduction at low risk without a second sign-off', () => {
    const result = checkReductionPlan(plan(), low);
    expect(result).toMatchObject({
      outcome: 'ok',
      secondSeniorSignOffRequired: false,
      withoutAgreement: false,
    });
  });

  it('counts the person asking for the reduction as their agreement', () => {
    const asked = checkReductionPlan(plan({ proposedBy: 'person', personAgrees: false }), low);
    expect(asked).toMatchObject({ outcome: 'ok', withoutAgreement: false, reportedToManagers: false });
    expect(asked.findings[0]?.message).toBe('The person asked for this reduction.');
    expect(countReductionsWithoutAgreement([plan({ proposedBy: 'person', personAgrees: false })])).toBe(0);
  });

  it('reports to managers every reduction that needs a second sign-off: without agreement, or at high risk', () => {
    expect(
      checkReductionPlan(plan({ personAgrees: false, proposedBy: 'clinician' }), low).reportedToManagers,
    ).toBe(true);
    expect(checkReductionPlan(plan(signed), { ...low, riskTier: 'high' }).reportedToManagers).toBe(true);
    expect(checkReductionPlan(plan(), low).reportedToManagers).toBe(false);
  });

  it('refuses a reduction without agreement until a second senior clinician signs off', () => {
    const forced = checkReductionPlan(plan({ personAgrees: false, proposedBy: 'clinician' }), low);
    expect(forced).toMatchObject({
      outcome: 'refused',
      secondSeniorSignOffRequired: true,
      withoutAgreement: true,
    });
    expect(
      applyOverride(forced, { reason: 'Target for the quarter.', recordedBy: clinician, role: 'prescriber' }),
    ).toMatchObject({
      allowed: false,
      needs: 'not_overridable',
    });
    const withSignOff = checkReductionPlan(plan({ personAgrees: false, ...signed }), low);
    expect(withSignOff.outcome).toBe('warning');
    expect(withSignOff.findings[0]?.message).toContain('second senior sign-off recorded');
  });

  it.each(['high', 'very_high'] as const)(
    'needs a second sign-off at %s risk, even when agreed',
    (riskTier) => {
      const result = checkReductionPlan(plan(), { ...low, riskTier });
      expect(result).toMatchObject({
        outcome: 'refused',
        secondSeniorSignOffRequired: true,
        withoutAgreement: false,
      });
      expect(checkReductionPlan(plan(signed), { ...low, riskTier }).outcome).toBe('warning');
    },
  );

  it('does not accept a sign-off by the responsible clinician or by someone who is not a senior clinician', () => {
    const self = checkReductionPlan(
      plan({ personAgrees: false, secondSignOff: { by: clinician, role: 'prescriber', on: '2026-03-01' } }),
      low,
    );
    expect(self.findings.find((f) => f.ruleId === 'OST-RED-SIGN-OFF')?.message).toContain('second clinician');
    const keyworker = checkReductionPlan(
      plan({ personAgrees: false, secondSignOff: { by: second, role: 'keyworker', on: '2026-03-01' } }),
      low,
    );
    expect(keyworker.outcome).toBe('refused');
    expect(keyworker.findings.find((f) => f.ruleId === 'OST-RED-SIGN-OFF')?.message).toContain(
      'not a senior clinician',
    );
  });

  it('counts reductions without agreement for managers', () => {
    expect(
      countReductionsWithoutAgreement([plan(), plan({ personAgrees: false }), plan({ personAgrees: false })]),
    ).toBe(2);
  });
});

describe('step size and interval (OST-RED-STEP, OST-RED-INTERVAL)', () => {
  const stepOutcome = (p: ReductionPlan, context: ReductionContext, s?: OstSettings) =>
    checkReductionPlan(p, context, s).findings.find((f) => f.ruleId === 'OST-RED-STEP')?.outcome;

  it.each([
    ['methadone', 60, 10, 'ok'],
    ['methadone', 60, 11, 'warning'],
    ['methadone', 29, 5, 'ok'],
    ['methadone', 29, 6, 'warning'],
    ['buprenorphine', 12, 2, 'ok'],
    ['buprenorphine', 12, 3, 'warning'],
    ['buprenorphine_naloxone', 3, 1, 'ok'],
    ['buprenorphine_naloxone', 3, 2, 'warning'],
  ] as const)('%s from %d mg in steps of %d mg: %s', (medicine, currentDoseMg, stepMg, expected) => {
    expect(stepOutcome(plan({ medicine, stepMg }), { riskTier: 'low', currentDoseMg })).toBe(expected);
  });

  it('uses the service’s smaller step', () => {
    const s = OstSettings.parse({ reduction: { methadoneMaxStepMg: 5 } });
    expect(stepOutcome(plan({ stepMg: 10 }), low, s)).toBe('warning');
  });

  it.each([
    [6, 'warning'],
    [7, 'ok'],
  ] as const)('steps every %d days: %s', (daysBetweenSteps, expected) => {
    expect(checkReductionPlan(plan({ daysBetweenSteps }), low).outcome).toBe(expected);
  });
});

describe('reduction steps and exit (OST-RED-*)', () => {
  const input = { riskTier: 'low', currentDoseMg: 12, on: '2026-03-15', lastStepOn: '2026-03-01' } as const;

  it('produces the next dose as an ost_dose_change event', () => {
    expect(nextReductionStep(plan(), input)).toMatchObject({
      kind: 'step',
      doseMg: 7,
      event: { type: 'ost_dose_change', details: { medicine: 'methadone', fromMg: 12, toMg: 7 } },
    });
  });

  it('produces an ost_exit event (reduction_completed) and the exit checklist on reaching zero', () => {
    const step = nextReductionStep(plan(), { ...input, currentDoseMg: 5 });
    expect(step).toMatchObject({
      kind: 'exit',
      event: { type: 'ost_exit', details: { reason: 'reduction_completed' } },
      checklist: [
        'naloxone_supplied_and_in_date',
        'contact_plan_for_4_weeks',
        'how_to_come_back_quickly',
        'gp_informed',
      ],
    });
    expect(nextReductionStep(plan(), { ...input, currentDoseMg: 3 }).kind).toBe('exit');
  });

  it('waits until the step is due', () => {
    expect(nextReductionStep(plan(), { ...input, on: '2026-03-14' })).toEqual({
      kind: 'not_due',
      dueOn: '2026-03-15',
    });
    expect(nextReductionStep(plan(), { ...input, lastStepOn: null, on: '2026-03-02' }).kind).toBe('step');
  });

  it.each(['paused', 'reversed', 'completed'] as const)('does nothing while %s', (status) => {
    expect(nextReductionStep(plan({ status }), input)).toEqual({ kind: 'not_active', status });
  });

  it('makes no step while the plan is refused', () => {
    expect(nextReductionStep(plan({ personAgrees: false }), input).kind).toBe('blocked');
  });

  it('avoids floating-point drift in small buprenorphine steps', () => {
    const step = nextReductionStep(plan({ medicine: 'buprenorphine', stepMg: 0.4 }), {
      ...input,
      currentDoseMg: 1.2,
    });
    expect(step).toMatchObject({ kind: 'step', doseMg: 0.8 });
  });

  it('refuses a plan without review points, an unknown proposer or a negative step (zod)', () => {
    expect(() => checkReductionPlan(plan({ reviewPoints: [] }), low)).toThrow();
    expect(() => checkReductionPlan(plan({ proposedBy: 'commissioner' as 'person' }), low)).toThrow();
    expect(() => checkReductionPlan(plan({ stepMg: -5 }), low)).toThrow();
  });
});
