import { z } from 'zod';
import type { DomainTotal } from './assessment.ts';

/**
 * Domains group correlated factors so they do not double count (drd-risk.md "Combining"): a domain's points are
 * capped, and the score is the sum of the capped domain totals. Every factor belongs to exactly one domain (its
 * `domain` in `catalogue.ts`; a test checks the membership against the brief's table).
 */
export const riskDomains = [
  'transitions',
  'overdose_history',
  'substances',
  'treatment',
  'mental_health',
  'physical_health',
  'social',
  'demographics',
  'environment',
] as const;
export const RiskDomain = z.enum(riskDomains);
export type RiskDomain = z.infer<typeof RiskDomain>;

/** A domain's plain-English label and its cap in points (`null`: no cap). */
export interface RiskDomainDefinition {
  readonly domain: RiskDomain;
  readonly label: string;
  readonly cap: number | null;
}

/** The domains and caps (unchanged since model version 2026.1), in the brief's order. */
export const riskDomainDefinitions: Readonly<Record<RiskDomain, RiskDomainDefinition>> = {
  transitions: { domain: 'transitions', label: 'Transitions', cap: 30 },
  overdose_history: { domain: 'overdose_history', label: 'Overdose history', cap: 20 },
  substances: { domain: 'substances', label: 'Substances', cap: 25 },
  treatment: { domain: 'treatment', label: 'Treatment', cap: null },
  mental_health: { domain: 'mental_health', label: 'Mental health', cap: null },
  physical_health: { domain: 'physical_health', label: 'Physical health', cap: 10 },
  social: { domain: 'social', label: 'Social', cap: 6 },
  demographics: { domain: 'demographics', label: 'Demographics', cap: null },
  environment: { domain: 'environment', label: 'Environment', cap: null },
};

/** A domain total after its cap: `min(points, cap)`. */
export function cappedPoints(domain: RiskDomain, points: number): number {
  const cap = riskDomainDefinitions[domain].cap;
  return cap === null ? points : Math.min(points, cap);
}

// The domains in order, looked up once rather than on every assessment.
const domainRows = riskDomains.map((domain) => riskDomainDefinitions[domain]);

/**
 * Each domain's total from the factors that score today, in the domains' order: the factors' points, their sum
 * capped (`counted`). What `assessRisk` reports, and what a stored assessment's totals are made again from.
 */
export function domainTotals(factors: readonly { domain: RiskDomain; points: number }[]): DomainTotal[] {
  const points: Record<RiskDomain, number> = {
    transitions: 0,
    overdose_history: 0,
    substances: 0,
    treatment: 0,
    mental_health: 0,
    physical_health: 0,
    social: 0,
    demographics: 0,
    environment: 0,
  };
  for (const factor of factors) points[factor.domain] += factor.points;
  return domainRows.map(({ domain, label, cap }) => ({
    domain,
    label,
    points: points[domain],
    cap,
    counted: cappedPoints(domain, points[domain]),
  }));
}
