import { z } from 'zod';

/**
 * Flags with no points (drd-risk.md "Flags with no points"): shown beside the score, never scored. They are
 * things a clinician should know when reading the tier, without evidence enough to weigh them. The keyworker
 * sets and clears them; "recent" is the keyworker's judgement.
 */
export const riskFlags = [
  'bereavement_or_relationship_breakdown',
  'new_dealer_or_batch',
  'pregnancy',
  'children_in_home',
] as const;
export const RiskFlag = z.enum(riskFlags);
export type RiskFlag = z.infer<typeof RiskFlag>;

export const riskFlagLabels: Readonly<Record<RiskFlag, string>> = {
  bereavement_or_relationship_breakdown: 'Recent bereavement or relationship breakdown',
  new_dealer_or_batch: 'New dealer or batch',
  pregnancy: 'Pregnancy',
  children_in_home: 'Children in the home',
};
