import type { RiskTier } from './codes.ts';

/** The lowest score of each tier above low (drd-risk.md "Tiers"): moderate 15–24 · high 25–39 · very high ≥ 40. */
export const TIER_FLOORS = { moderate: 15, high: 25, very_high: 40 } as const;

/** The tier a score alone puts someone in. */
export function tierForScore(score: number): RiskTier {
  if (score >= TIER_FLOORS.very_high) return 'very_high';
  if (score >= TIER_FLOORS.high) return 'high';
  if (score >= TIER_FLOORS.moderate) return 'moderate';
  return 'low';
}

/** Overrides never leave the tier below high; two or more at once make it very high. */
export function tierWithOverrides(scoreTier: RiskTier, overrideCount: number): RiskTier {
  if (overrideCount >= 2) return 'very_high';
  if (overrideCount === 1 && (scoreTier === 'low' || scoreTier === 'moderate')) return 'high';
  return scoreTier;
}

/** Days within which the last contact must fall, by tier (drd-risk.md "Mitigations"): 7, 14, else 28. */
export function contactDaysForTier(tier: RiskTier): number {
  if (tier === 'very_high') return 7;
  return tier === 'high' ? 14 : 28;
}
