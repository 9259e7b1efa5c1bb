import { z } from 'zod';

/**
 * Risk model version, stored with every stored score. 2026.1 is drd-risk.md's "Factor catalogue (model version
 * 2026.1)"; 2026.2 reads a transfer between services with continuity as no OST exit (docs/risk-model.md
 * "Changes"; hazard HAZ-RSK-012).
 */
export const RISK_MODEL_VERSION = '2026.2';

/** Stable factor codes, exactly as drd-risk.md names them. */
export const riskFactorCodes = [
  'PRISON_RELEASE',
  'HOSPITAL_DISCHARGE',
  'SELF_DISCHARGE',
  'OST_EXIT',
  'TOLERANCE_LOSS',
  'METHADONE_INDUCTION',
  'MISSED_DOSES',
  'NON_FATAL_OVERDOSE',
  'NOT_IN_OST',
  'BENZODIAZEPINE',
  'GABAPENTINOID',
  'Z_DRUG',
  'ANTIPSYCHOTIC',
  'ALCOHOL',
  'INJECTING',
  'USING_ALONE',
  'SUICIDALITY',
  'CHRONIC_LUNG_DISEASE',
  'LIVER_DISEASE',
  'HOMELESS',
  'MALE',
  'AGE_40_PLUS',
  'DRUG_ALERT',
] as const;
export const RiskFactorCode = z.enum(riskFactorCodes);
export type RiskFactorCode = z.infer<typeof RiskFactorCode>;

/** Risk tiers: low < 15 · moderate 15–24 · high 25–39 · very high ≥ 40 (drd-risk.md "Combining"). */
export const riskTiers = ['low', 'moderate', 'high', 'very_high'] as const;
export const RiskTier = z.enum(riskTiers);
export type RiskTier = z.infer<typeof RiskTier>;

export const riskTierLabels: Record<RiskTier, string> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  very_high: 'Very high',
};
