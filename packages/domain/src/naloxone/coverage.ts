import type { RiskTier } from '../risk/codes.ts';
import { holdsInDateKit, type KitOnDate } from './kits.ts';

/**
 * Naloxone coverage (workflows.md "Naloxone", "Management information"): of the people in the high and very
 * high tiers, how many hold an in-date kit. Always the counts, never a percentage alone: 3 of 4 and 300 of 400
 * are not the same finding. Group the people by team (or not) before calling.
 */

export interface CoveragePerson {
  tier: RiskTier;
  /** Their kits with statuses on the day (`kitsOn`). */
  kits: readonly Pick<KitOnDate, 'status'>[];
}

export interface Share {
  /** People holding an in-date kit. */
  numerator: number;
  /** People counted. */
  denominator: number;
  /** numerator ÷ denominator, or `null` when nobody is counted (not 0%, not 100%). */
  share: number | null;
}

export interface NaloxoneCoverage extends Share {
  byTier: { high: Share; very_high: Share };
}

function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, share: denominator === 0 ? null : numerator / denominator };
}

export function naloxoneCoverage(people: readonly CoveragePerson[]): NaloxoneCoverage {
  const counts = { high: { held: 0, all: 0 }, very_high: { held: 0, all: 0 } };
  for (const person of people) {
    if (person.tier !== 'high' && person.tier !== 'very_high') continue;
    const tier = counts[person.tier];
    tier.all++;
    if (holdsInDateKit(person.kits)) tier.held++;
  }
  const { high, very_high: veryHigh } = counts;
  return {
    ...share(high.held + veryHigh.held, high.all + veryHigh.all),
    byTier: { high: share(high.held, high.all), very_high: share(veryHigh.held, veryHigh.all) },
  };
}
