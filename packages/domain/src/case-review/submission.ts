import { z } from 'zod';
import { addDays } from '../dates.ts';
import { CalendarDate, Id } from '../ids.ts';
import { RiskFactorCode, RiskTier } from '../risk/codes.ts';
import { CaseReviewAction, ReviewedMitigation } from './details.ts';
import type { ReportPeriod } from './completion.ts';
import { RecordCaseReviewInput } from './template.ts';

/**
 * What the review page sends: the review without its signer. The member of staff who sends it signs it off (the
 * service checks their competency), so a client cannot name someone else as the signer.
 */
export const CaseReviewSubmission = z.strictObject({
  personId: Id,
  idempotencyKey: Id,
  reviewedOn: CalendarDate,
  tier: RiskTier,
  factors: z.array(RiskFactorCode).max(30),
  mitigations: z.array(ReviewedMitigation).max(7),
  actions: z.array(CaseReviewAction).max(50),
});
export type CaseReviewSubmission = z.infer<typeof CaseReviewSubmission>;

/** The review as the template records it, signed off by `signerId` (refused as `INVALID_INPUT` when invalid). */
export function caseReviewInputFor(
  submission: CaseReviewSubmission,
  signerId: string,
): z.ZodSafeParseResult<RecordCaseReviewInput> {
  const { idempotencyKey: _key, ...review } = submission;
  return RecordCaseReviewInput.safeParse({ ...review, signedOffBy: signerId });
}

/**
 * The periods of the completion rate over time (drd-risk.md: "a headline figure for managers"): the last
 * `months` calendar months, oldest first, the current one ending on `today`.
 */
export function monthlyPeriods(today: CalendarDate, months = 6): ReportPeriod[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const periods: ReportPeriod[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const index = year * 12 + (month - 1) - back;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    const from = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
    const nextIndex = index + 1;
    const nextFrom = `${String(Math.floor(nextIndex / 12)).padStart(4, '0')}-${String((nextIndex % 12) + 1).padStart(2, '0')}-01`;
    const to = back === 0 ? today : addDays(nextFrom, -1);
    periods.push({ from, to });
  }
  return periods;
}
