import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOverride,
  combine,
  concerns,
  finding,
  ruleOutcomes,
  worstOutcome,
  type Finding,
} from './outcome.ts';
import { ostRules, ruleIds } from './rules.ts';

const prescriber = { recordedBy: '0190a6b2-0000-7000-8000-000000000001', role: 'prescriber' } as const;
const keyworker = { recordedBy: '0190a6b2-0000-7000-8000-000000000002', role: 'keyworker' } as const;
const because = 'Discussed with the person and the pharmacist today.';

const ok = finding('OST-METH-START-RANGE', 'ok', 'fine');
const warn = finding('OST-METH-MAINTENANCE-RANGE', 'warning', 'above range');
const refuse = finding('OST-METH-TITRATION-STEP', 'refused', 'too fast');
const never = finding('OST-PRB-NEVER-TAKE-HOME', 'refused', 'never', { overridable: false });

describe('findings', () => {
  it('take their source from the rule catalogue', () => {
    expect(refuse.source).toBe(ostRules['OST-METH-TITRATION-STEP'].source);
    expect(finding('OST-PRB-DOSE-STRENGTH', 'ok', 'x').source).toBe('product information (Buvidal SmPC)');
    expect(refuse.overridable).toBe(true);
    expect(never.overridable).toBe(false);
  });

  it('every rule has a title and a source', () => {
    for (const id of ruleIds) {
      expect(id).toMatch(/^OST-[A-Z]+(-[A-Z0-9]+)+$/);
      expect(ostRules[id].title.length).toBeGreaterThan(5);
    }
  });
});

describe('combining results', () => {
  it('takes the worst outcome and keeps every finding', () => {
    expect(combine().outcome).toBe('ok');
    expect(combine(ok).outcome).toBe('ok');
    expect(combine(ok, warn).outcome).toBe('warning');
    expect(combine(warn, refuse, ok).outcome).toBe('refused');
    const nested = combine(combine(ok, warn), refuse);
    expect(nested.findings.map((f) => f.ruleId)).toEqual([
      'OST-METH-START-RANGE',
      'OST-METH-MAINTENANCE-RANGE',
      'OST-METH-TITRATION-STEP',
    ]);
    expect(concerns(nested)).toHaveLength(2);
  });

  const arbitraryFinding: fc.Arbitrary<Finding> = fc
    .record({ id: fc.constantFrom(...ruleIds), outcome: fc.constantFrom(...ruleOutcomes), o: fc.boolean() })
    .map(({ id, outcome, o }) => finding(id, outcome, 'generated', { overridable: o }));

  it('is never ok when any finding is refused, and never better than its worst finding (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 12 }), (findings) => {
        const result = combine(...findings);
        if (findings.some((f) => f.outcome === 'refused')) expect(result.outcome).toBe('refused');
        if (findings.some((f) => f.outcome !== 'ok')) expect(result.outcome).not.toBe('ok');
        for (const f of findings) expect(worstOutcome(result.outcome, f.outcome)).toBe(result.outcome);
        expect(result.findings).toHaveLength(findings.length);
      }),
    );
  });

  it('never allows a refused result without a prescriber override (property)', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryFinding, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(null, { ...keyworker, reason: because }, { ...prescriber, reason: because }),
        (findings, override) => {
          const result = combine(...findings);
          const decision = applyOverride(result, override);
          if (result.outcome === 'refused' && override?.role !== 'prescriber')
            expect(decision.allowed).toBe(false);
          if (findings.some((f) => f.outcome === 'refused' && !f.overridable))
            expect(decision.allowed).toBe(false);
          if (result.outcome !== 'ok' && override === null) expect(decision.allowed).toBe(false);
        },
      ),
    );
  });
});

describe('overrides', () => {
  it('allows ok without a reason', () => {
    expect(applyOverride(combine(ok), null)).toMatchObject({
      allowed: true,
      override: null,
      overriddenRules: [],
    });
  });

  it('allows a warning once anyone records a reason', () => {
    expect(applyOverride(combine(ok, warn), null)).toMatchObject({ allowed: false, needs: 'reason' });
    expect(applyOverride(combine(ok, warn), { ...keyworker, reason: because })).toMatchObject({
      allowed: true,
      overriddenRules: ['OST-METH-MAINTENANCE-RANGE'],
      override: { reason: because, role: 'keyworker' },
    });
  });

  it('allows a refusal only with a prescriber’s reason', () => {
    const result = combine(warn, refuse);
    expect(applyOverride(result, null)).toMatchObject({ allowed: false, needs: 'prescriber_override' });
    expect(applyOverride(result, { ...keyworker, reason: because })).toMatchObject({
      allowed: false,
      needs: 'prescriber_override',
      blockingRules: ['OST-METH-TITRATION-STEP'],
    });
    expect(applyOverride(result, { ...prescriber, reason: because })).toMatchObject({
      allowed: true,
      overriddenRules: ['OST-METH-MAINTENANCE-RANGE', 'OST-METH-TITRATION-STEP'],
    });
  });

  it('never allows a refusal that is not overridable, even for a prescriber', () => {
    expect(applyOverride(combine(refuse, never), { ...prescriber, reason: because })).toMatchObject({
      allowed: false,
      needs: 'not_overridable',
      blockingRules: ['OST-PRB-NEVER-TAKE-HOME'],
    });
  });

  it('refuses an empty or throwaway reason (zod)', () => {
    expect(() => applyOverride(combine(warn), { ...prescriber, reason: '   ok   ' })).toThrow();
    expect(() =>
      applyOverride(combine(warn), { ...prescriber, recordedBy: 'me', reason: because }),
    ).toThrow();
  });
});
