import { z } from 'zod';
import { addDays } from '../dates.ts';
import { CalendarDate, Id } from '../ids.ts';
import { RiskTier } from '../risk/codes.ts';
import type { CaseReviewSettings } from './settings.ts';

/**
 * Case review obligations, from a person's tier history and their reviews. An obligation arises when someone has
 * been in a reviewed tier (very high, or high when the service reviews it) for the qualifying days, unless a
 * review still counts; it is met by a review within the target, and a met review counts for `validForDays`, after
 * which the next one is due if they are still in the tier. The two tiers' rules are separate: a spell in very
 * high and a spell in high are different spells, so one person never owes two reviews for one day.
 */

/** A tier as assessed from `on` until the next change (the tier after overrides, as stored with each score). */
export const TierChange = z.strictObject({ on: CalendarDate, tier: RiskTier });
export type TierChange = z.infer<typeof TierChange>;

export const CaseReviewCandidate = z.strictObject({
  personId: Id,
  /** Any order; repeats of the same tier merge. Before the first change the tier is unknown (not reviewed). */
  tierHistory: z.array(TierChange).max(5000),
  /** The days of the person's case reviews (`case_review` events). */
  reviews: z.array(CalendarDate).max(1000),
});
export type CaseReviewCandidate = z.infer<typeof CaseReviewCandidate>;

export type ReviewedTier = 'very_high' | 'high';

/**
 * `met`: reviewed by the deadline. `missed`: the deadline passed without one (a later review is late, still
 * missed). `left_tier`: the person left the tier by the deadline without one (not counted either way).
 * `pending`: not yet reviewed, deadline not passed.
 */
export type ObligationStatus = 'met' | 'missed' | 'left_tier' | 'pending';

export interface CaseReviewObligation {
  personId: string;
  tier: ReviewedTier;
  /** The first day of the unbroken spell in the tier. */
  inTierSince: CalendarDate;
  /** The first day after the spell, or `null` while it lasts. */
  spellEndedOn: CalendarDate | null;
  dueFrom: CalendarDate;
  /** The last day a review meets it. */
  dueBy: CalendarDate;
  reviewedOn: CalendarDate | null;
  status: ObligationStatus;
}

interface Spell {
  start: CalendarDate;
  end: CalendarDate | null;
}

/** Unbroken runs of `tier`, in date order. */
export function spellsIn(history: readonly TierChange[], tier: RiskTier): Spell[] {
  const sorted = [...history].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const spells: Spell[] = [];
  let current: Spell | null = null;
  for (const change of sorted) {
    if (change.tier === tier && current === null) current = { start: change.on, end: null };
    else if (change.tier !== tier && current !== null) {
      spells.push({ start: current.start, end: change.on });
      current = null;
    }
  }
  if (current !== null) spells.push(current);
  return spells;
}

function statusOf(o: Omit<CaseReviewObligation, 'status'>, asOf: CalendarDate): ObligationStatus {
  if (o.reviewedOn !== null && o.reviewedOn <= o.dueBy) return 'met';
  if (o.spellEndedOn !== null && o.spellEndedOn <= o.dueBy) return 'left_tier';
  return o.dueBy < asOf ? 'missed' : 'pending';
}

function rulesFor(settings: CaseReviewSettings): [ReviewedTier, CaseReviewSettings['veryHigh']][] {
  const rules: [ReviewedTier, CaseReviewSettings['veryHigh']][] = [['very_high', settings.veryHigh]];
  if (settings.high.enabled) rules.push(['high', settings.high]);
  return rules;
}

/** Every obligation of one person that has arisen by `asOf` (reviews and changes after it are not known yet). */
export function caseReviewObligations(
  candidate: CaseReviewCandidate,
  asOf: CalendarDate,
  settings: CaseReviewSettings,
): CaseReviewObligation[] {
  const reviews = candidate.reviews.filter((r) => r <= asOf).sort();
  const history = candidate.tierHistory.filter((c) => c.on <= asOf);
  const result: CaseReviewObligation[] = [];
  for (const [tier, rule] of rulesFor(settings)) {
    for (const spell of spellsIn(history, tier)) {
      let next = addDays(spell.start, rule.qualifyAfterDays);
      while ((spell.end === null || next < spell.end) && next <= asOf) {
        const from = next;
        const covering = reviews.findLast((r) => r <= from);
        if (covering !== undefined && addDays(covering, rule.validForDays) >= from) {
          next = addDays(covering, rule.validForDays + 1);
          continue;
        }
        const reviewedOn = reviews.find((r) => r >= from) ?? null;
        const obligation = {
          personId: candidate.personId,
          tier,
          inTierSince: spell.start,
          spellEndedOn: spell.end,
          dueFrom: from,
          dueBy: addDays(from, rule.reviewWithinDays),
          reviewedOn,
        };
        result.push({ ...obligation, status: statusOf(obligation, asOf) });
        if (reviewedOn === null) break;
        next = addDays(reviewedOn, rule.validForDays + 1);
      }
    }
  }
  return result;
}
