import { z } from 'zod';
import { Id } from '../ids.ts';
import { RiskFactorCode } from '../risk/codes.ts';
import { StaffRole } from '../staff.ts';
import { multiLine } from '../text.ts';
import { RuleId, RuleSource, ostRules } from './rules.ts';

/**
 * What a rule says about a proposal. Ordered from least to most severe: combining takes the worst.
 * - `ok`: nothing to record.
 * - `warning`: allowed once a reason is recorded (by whoever makes the decision).
 * - `refused`: blocked; allowed only when a prescriber records an override reason, and never for a finding
 *   marked `overridable: false` (the law or the product makes it impossible, or another step lifts it).
 */
export const ruleOutcomes = ['ok', 'warning', 'refused'] as const;
export const RuleOutcome = z.enum(ruleOutcomes);
export type RuleOutcome = z.infer<typeof RuleOutcome>;

/** Prompts attached to a finding: an action the prescriber is asked to take, beyond recording a reason. */
export const findingPrompts = ['ecg_qtc_check', 're_induction'] as const;
export const FindingPrompt = z.enum(findingPrompts);
export type FindingPrompt = z.infer<typeof FindingPrompt>;

/** One rule applied to one proposal: which rule, what it found, where the rule comes from, in plain English. */
export const Finding = z.strictObject({
  ruleId: RuleId,
  outcome: RuleOutcome,
  source: RuleSource,
  message: z.string().min(1),
  overridable: z.boolean(),
  /** The risk factor this finding is about (co-prescribed sedatives), with its evidence from drd-risk.md. */
  riskFactor: RiskFactorCode.nullable(),
  evidence: z.string().nullable(),
  prompt: FindingPrompt.nullable(),
});
export type Finding = z.infer<typeof Finding>;

/** The combined result of several rules: the worst outcome, and every finding (including the `ok` ones). */
export interface CheckResult {
  outcome: RuleOutcome;
  findings: Finding[];
}

interface FindingExtras {
  overridable?: boolean;
  riskFactor?: RiskFactorCode;
  evidence?: string;
  prompt?: FindingPrompt;
}

/**
 * Builds a finding for `ruleId`, taking its source from the rule catalogue so a rule cannot cite two sources.
 * Refusals are overridable by a prescriber unless `overridable: false` is passed.
 */
export function finding(
  ruleId: RuleId,
  outcome: RuleOutcome,
  message: string,
  extras: FindingExtras = {},
): Finding {
  return {
    ruleId,
    outcome,
    source: ostRules[ruleId].source,
    message,
    overridable: extras.overridable ?? true,
    riskFactor: extras.riskFactor ?? null,
    evidence: extras.evidence ?? null,
    prompt: extras.prompt ?? null,
  };
}

/** The more severe of two outcomes. */
export function worstOutcome(a: RuleOutcome, b: RuleOutcome): RuleOutcome {
  return ruleOutcomes.indexOf(a) >= ruleOutcomes.indexOf(b) ? a : b;
}

/** Combines findings and earlier results into one result: the worst outcome wins and every finding is kept. */
export function combine(...parts: (Finding | CheckResult)[]): CheckResult {
  const findings = parts.flatMap((part) => ('findings' in part ? part.findings : [part]));
  const outcome = findings.reduce<RuleOutcome>((worst, f) => worstOutcome(worst, f.outcome), 'ok');
  return { outcome, findings };
}

/** The findings of a result that are not `ok`: what a prescriber must see. */
export function concerns(result: CheckResult): Finding[] {
  return result.findings.filter((f) => f.outcome !== 'ok');
}

/** A reason recorded against a warning or refusal, kept with the decision in the audit trail. */
export const OverrideReason = z.strictObject({
  reason: multiLine({ min: 10, max: 2000, tooShort: 'say why, in at least a short sentence' }),
  recordedBy: Id,
  role: StaffRole,
});
export type OverrideReason = z.infer<typeof OverrideReason>;

/** What is still needed before a result allows the proposal to go ahead. */
export const overrideNeeds = ['reason', 'prescriber_override', 'not_overridable'] as const;
export type OverrideNeed = (typeof overrideNeeds)[number];

/** The decision after any override: allowed (with the reason recorded, if one was needed) or still blocked. */
export type OverrideDecision =
  | {
      allowed: true;
      outcome: RuleOutcome;
      /** The recorded reason (null when the result was `ok` and none was needed). */
      override: OverrideReason | null;
      /** The rules the reason was recorded against (warnings and refusals). */
      overriddenRules: RuleId[];
      findings: Finding[];
    }
  | {
      allowed: false;
      outcome: RuleOutcome;
      needs: OverrideNeed;
      blockingRules: RuleId[];
      findings: Finding[];
    };

/**
 * Applies an override reason to a result. `ok` is allowed as it stands; a `warning` is allowed once any member
 * of staff records a reason; a `refused` result is allowed only with a reason recorded by a prescriber, and
 * never when a refused finding is not overridable. The reason is validated (zod) before it counts.
 */
export function applyOverride(result: CheckResult, override: OverrideReason | null): OverrideDecision {
  const { outcome, findings } = result;
  const flagged = concerns(result).map((f) => f.ruleId);
  if (outcome === 'ok') return { allowed: true, outcome, override: null, overriddenRules: [], findings };
  const fixed = findings.filter((f) => f.outcome === 'refused' && !f.overridable).map((f) => f.ruleId);
  if (fixed.length > 0) {
    return { allowed: false, outcome, needs: 'not_overridable', blockingRules: fixed, findings };
  }
  const reason = override === null ? null : OverrideReason.parse(override);
  if (outcome === 'refused' && reason?.role !== 'prescriber') {
    const refused = findings.filter((f) => f.outcome === 'refused').map((f) => f.ruleId);
    return { allowed: false, outcome, needs: 'prescriber_override', blockingRules: refused, findings };
  }
  if (reason === null) return { allowed: false, outcome, needs: 'reason', blockingRules: flagged, findings };
  return { allowed: true, outcome, override: reason, overriddenRules: flagged, findings };
}
