import { z } from 'zod';
import { CalendarDate } from '../ids.ts';
import { parseInput } from '../tasks/input.ts';
import { CaseReviewCandidate, caseReviewObligations } from './obligations.ts';
import { CaseReviewSettings, type CaseReviewSettingsInput } from './settings.ts';

export const ReportPeriod = z
  .strictObject({ from: CalendarDate, to: CalendarDate })
  .refine((p) => p.from <= p.to, { message: 'a period ends on or after it starts', path: ['to'] });
export type ReportPeriod = z.infer<typeof ReportPeriod>;

export interface CaseReviewCompletion {
  period: ReportPeriod;
  /** Reviews held by their deadline. */
  numerator: number;
  /** Reviews whose deadline fell in the period and has been decided: held in time, or missed. */
  denominator: number;
  /** numerator ÷ denominator, or `null` when none were due. */
  share: number | null;
  /** Due in the period but still within their deadline on `asOf`: not counted yet. */
  pending: number;
  /** The service's target, to show beside the share. */
  targetShare: number;
}

/**
 * The completion rate (drd-risk.md "Case review": a headline figure for managers) for each period: of the
 * reviews whose deadline fell in it, the share held by the deadline. A person who left the tier before their
 * deadline is not counted; a late review counts as missed. Pass one team's people for a team's figure.
 */
export function caseReviewCompletion(
  candidates: readonly CaseReviewCandidate[],
  periods: readonly ReportPeriod[],
  asOf: CalendarDate,
  settingsInput: CaseReviewSettingsInput = {},
): CaseReviewCompletion[] {
  const people = parseInput(z.array(CaseReviewCandidate), candidates, ['candidates']);
  const ranges = parseInput(z.array(ReportPeriod), periods, ['periods']);
  const on = parseInput(CalendarDate, asOf, ['asOf']);
  const settings = parseInput(CaseReviewSettings, settingsInput, ['settings']);
  const obligations = people.flatMap((p) => caseReviewObligations(p, on, settings));
  return ranges.map((period) => {
    let met = 0;
    let missed = 0;
    let pending = 0;
    for (const o of obligations) {
      if (o.dueBy < period.from || o.dueBy > period.to) continue;
      if (o.status === 'met') met++;
      else if (o.status === 'missed') missed++;
      else if (o.status === 'pending') pending++;
    }
    const denominator = met + missed;
    return {
      period,
      numerator: met,
      denominator,
      share: denominator === 0 ? null : met / denominator,
      pending,
      targetShare: settings.targetShare,
    };
  });
}
