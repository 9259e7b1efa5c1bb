import { DomainError } from '../errors.ts';
import type { CalendarDate } from '../ids.ts';
import { formatLongDate } from '../risk/day-number.ts';
import { type CompetencyLike, competencyOn } from './competencies.ts';

export type SignOffDecision =
  { allowed: true; inDateUntil: CalendarDate } | { allowed: false; reason: string };

/**
 * Whether a member of staff may sign off a case review on `on` (the issue: "only staff with an in-date
 * risk-assessment competency can sign off a case review"), from their own competency records. An expiring one
 * is still in date. The refusal says why in plain words and what to do.
 */
export function maySignOffCaseReview(
  competencies: readonly CompetencyLike[],
  on: CalendarDate,
): SignOffDecision {
  const staff = new Set(competencies.map((c) => c.staffId));
  if (staff.size > 1) throw new DomainError('INVALID_INPUT', 'Pass the competencies of one member of staff');
  const { status, record } = competencyOn(competencies, 'risk_assessment', on);
  if (record !== null && status !== 'expired') return { allowed: true, inDateUntil: record.expiresOn };
  const rule = 'Only staff with an in-date risk assessment competency can sign off a case review';
  if (record === null)
    return {
      allowed: false,
      reason: `${rule}, and none is recorded for you. An administrator can record it.`,
    };
  return {
    allowed: false,
    reason: `${rule}. Yours expired on ${formatLongDate(record.expiresOn)}; an administrator can record a renewal.`,
  };
}

/** For the service: refuses (`RULE_REFUSED`, with the plain reason) unless the signer may sign off. */
export function assertMaySignOffCaseReview(competencies: readonly CompetencyLike[], on: CalendarDate): void {
  const decision = maySignOffCaseReview(competencies, on);
  if (!decision.allowed)
    throw new DomainError('RULE_REFUSED', decision.reason, [
      { path: ['signedOffBy'], message: decision.reason },
    ]);
}
