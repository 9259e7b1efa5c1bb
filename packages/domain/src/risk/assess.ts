import { DomainError } from '../errors.ts';
import type { CalendarDate } from '../ids.ts';
import type { RiskAssessment } from './assessment.ts';
import { RISK_MODEL_VERSION } from './codes.ts';
import { fromDayNumber } from './day-number.ts';
import { domainTotals } from './domains.ts';
import { issuesAfter, latestEventDate } from './facts-checks.ts';
import type { RiskFacts } from './facts.ts';
import {
  healthAndSocialFactors,
  notInOstFactor,
  personAndAreaFactors,
  substanceFactors,
  useFactors,
} from './factors-current.ts';
import { overdoseFactors, suicidalityFactor, transitionFactors } from './factors-events.ts';
import { riskFlagLabels } from './flags.ts';
import { assessMitigations } from './mitigations.ts';
import { tierForScore, tierWithOverrides } from './tiers.ts';
import { startWorking } from './working.ts';

/**
 * Assesses drug-related-death risk for one person on `asOf` (a Europe/London calendar date) from facts already
 * parsed with `parseRiskFacts` or the `RiskFacts` schema: this function trusts their shape, so a caseload can be
 * scored without zod on the hot path. It still refuses facts dated after `asOf` (a cheap string comparison),
 * because a window counted from a future event would be silently wrong.
 *
 * Pure and deterministic: the same facts and `asOf` always give the same assessment. The score is the sum of the
 * capped domain totals; every point is traceable to a factor, its window and the facts it came from.
 *
 * @throws DomainError `INVALID_INPUT`, with one issue per fact dated after `asOf`.
 */
export function assessRisk(facts: RiskFacts, asOf: CalendarDate): RiskAssessment {
  if (latestEventDate(facts) > asOf) {
    throw new DomainError(
      'INVALID_INPUT',
      `risk facts are dated after the assessment date ${asOf}`,
      issuesAfter(facts, asOf),
    );
  }
  const w = startWorking(asOf);
  // Catalogue order, which is also the order factors and overrides are shown in.
  transitionFactors(facts, w);
  overdoseFactors(facts, w);
  notInOstFactor(facts, w);
  substanceFactors(facts, w);
  useFactors(facts, w);
  suicidalityFactor(facts, w);
  healthAndSocialFactors(facts, w);
  personAndAreaFactors(facts, w);

  const domains = domainTotals(w.factors);
  let score = 0;
  for (const total of domains) score += total.counted;

  const scoreTier = tierForScore(score);
  const tier = tierWithOverrides(scoreTier, w.overrides.length);
  const mitigations = assessMitigations(facts, w, tier);
  return {
    modelVersion: RISK_MODEL_VERSION,
    asOf,
    score,
    scoreTier,
    tier,
    factors: w.factors,
    domains,
    overrides: w.overrides,
    flags: facts.flags.map((flag) => ({ flag, label: riskFlagLabels[flag] })),
    mitigations,
    dataGaps: w.dataGaps,
    nextChangeAt: Number.isFinite(w.nextChangeDay) ? fromDayNumber(w.nextChangeDay) : null,
  };
}
