import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { finding, OverrideReason, type Finding } from './outcome.ts';
import type { PlanChangeCheck } from './plan-check.ts';
import { RuleId, ostRules } from './rules.ts';

/**
 * Acknowledging a plan check (issue 10): every warning needs a recorded reason, and so does every refusal a
 * prescriber overrides; a refusal that is not overridable cannot be acknowledged at all. One reason per rule
 * covers all of that rule's findings (two co-prescribed sedatives are one decision to review them with the GP).
 */
export const Acknowledgement = z.strictObject({ ruleId: RuleId, reason: OverrideReason.shape.reason });
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export interface RecordedAcknowledgement {
  ruleId: RuleId;
  reason: string;
  /** The findings the reason answers, for the audit trail. */
  findings: Finding[];
}

export type AcknowledgementDecision =
  | { allowed: true; acknowledged: RecordedAcknowledgement[] }
  | {
      allowed: false;
      /** Why the change is not saved, one finding per problem, in the prescriber's words. */
      refusals: Finding[];
      /** Rules that still need a reason (empty when only non-overridable refusals block). */
      missing: RuleId[];
    };

/**
 * Decides whether a checked change may be saved with these acknowledgements. Not saved while any refusal is not
 * overridable, or any warning or overridable refusal has no reason (each reported as `OST-PLAN-ACKNOWLEDGED`).
 * An acknowledgement for a rule that raised nothing, or two for one rule, is a mistake in the caller and throws
 * DomainError('INVALID_INPUT'): a reason must never be recorded against something nobody was shown.
 */
export function checkAcknowledgements(
  check: PlanChangeCheck,
  acknowledgements: readonly Acknowledgement[],
): AcknowledgementDecision {
  const acks = z.array(Acknowledgement).max(100).parse(acknowledgements);
  const concerns = [...check.refusals, ...check.warnings];
  const seen = new Set<RuleId>();
  for (const ack of acks) {
    if (seen.has(ack.ruleId)) throw new DomainError('INVALID_INPUT', `${ack.ruleId} is acknowledged twice`);
    seen.add(ack.ruleId);
    if (!concerns.some((f) => f.ruleId === ack.ruleId)) {
      throw new DomainError('INVALID_INPUT', `${ack.ruleId} raised no warning or refusal to acknowledge`);
    }
  }
  const fixed = check.refusals.filter((f) => !f.overridable);
  const missing = [
    ...new Set(concerns.filter((f) => f.overridable && !seen.has(f.ruleId)).map((f) => f.ruleId)),
  ];
  if (fixed.length > 0 || missing.length > 0) {
    const unanswered = missing.map((ruleId) =>
      finding(
        'OST-PLAN-ACKNOWLEDGED',
        'refused',
        `Record a reason for "${ostRules[ruleId].title}" (${ruleId}) before saving.`,
        { overridable: false },
      ),
    );
    return { allowed: false, refusals: [...fixed, ...unanswered], missing };
  }
  const acknowledged = acks.map((ack) => ({
    ruleId: ack.ruleId,
    reason: ack.reason,
    findings: concerns.filter((f) => f.ruleId === ack.ruleId),
  }));
  return { allowed: true, acknowledged };
}
