import { z } from 'zod';
import { daysBetween } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { parseInput } from '../tasks/input.ts';
import { CaseReviewCandidate, caseReviewObligations, type ReviewedTier } from './obligations.ts';
import { CaseReviewSettings, type CaseReviewSettingsInput } from './settings.ts';

/** One person waiting for a case review. */
export interface CaseReviewQueueItem {
  personId: string;
  tier: ReviewedTier;
  inTierSince: CalendarDate;
  dueFrom: CalendarDate;
  dueBy: CalendarDate;
  /** Past `dueBy` with no review. */
  overdue: boolean;
  /** Days since the review became due (0 on the day). */
  daysWaiting: number;
}

/**
 * A team's review queue on `today` (drd-risk.md "Case review"): the people still in a reviewed tier who are due
 * a review and have not had it, oldest first (the longest waiting at the top), very high before high on the same
 * day. Pass the team's people; invalid input is refused (`INVALID_INPUT`).
 */
export function caseReviewQueue(
  candidates: readonly CaseReviewCandidate[],
  today: CalendarDate,
  settingsInput: CaseReviewSettingsInput = {},
): CaseReviewQueueItem[] {
  const people = parseInput(z.array(CaseReviewCandidate), candidates, ['candidates']);
  const on = parseInput(CalendarDate, today, ['today']);
  const settings = parseInput(CaseReviewSettings, settingsInput, ['settings']);
  const queue: CaseReviewQueueItem[] = [];
  for (const person of people) {
    for (const o of caseReviewObligations(person, on, settings)) {
      if (o.spellEndedOn !== null || o.reviewedOn !== null) continue;
      queue.push({
        personId: o.personId,
        tier: o.tier,
        inTierSince: o.inTierSince,
        dueFrom: o.dueFrom,
        dueBy: o.dueBy,
        overdue: o.dueBy < on,
        daysWaiting: daysBetween(o.dueFrom, on),
      });
    }
  }
  return queue.sort(
    (a, b) =>
      a.dueFrom.localeCompare(b.dueFrom) ||
      (a.tier === b.tier ? 0 : a.tier === 'very_high' ? -1 : 1) ||
      a.personId.localeCompare(b.personId),
  );
}
