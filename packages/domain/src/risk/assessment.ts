import type { CalendarDate } from '../ids.ts';
import type { Evidence, EvidenceGrade } from './catalogue-schema.ts';
import type { RISK_MODEL_VERSION, RiskFactorCode, RiskTier } from './codes.ts';
import type { RiskDomain } from './domains.ts';
import type { RiskFlag } from './flags.ts';

/**
 * What `assessRisk` returns. Everything in it is stable from one day to the next until `nextChangeAt`: dates are
 * absolute (never "3 days ago"), so an unchanged assessment means nothing a clinician reads has changed.
 */

/** A fact a factor came from: its path in `RiskFacts` and its value. */
export interface FactRef {
  path: string;
  value: string | number | boolean;
}

/** The window a factor is in on the assessment date. */
export interface WindowShown {
  kind: 'days' | 'while_current' | 'always';
  /** `days 0–14`, `day 366 onwards`, `while current`, `always`. */
  label: string;
  /** Day range after the event (day 0 = the event day), inclusive; `null` for while-current and always. */
  fromDay: number | null;
  toDay: number | null;
  /** First and last calendar day of the window; `null` when unknown or open-ended. */
  startsOn: CalendarDate | null;
  endsOn: CalendarDate | null;
}

/** One factor that scores points today. */
export interface ContributingFactor {
  code: RiskFactorCode;
  label: string;
  domain: RiskDomain;
  /** Points before the domain cap. */
  points: number;
  /** Plain English: what in the record put it here. */
  detail: string;
  window: WindowShown;
  facts: FactRef[];
  evidence: readonly Evidence[];
  grade: EvidenceGrade;
}

/** A domain's points, its cap, and what counts towards the score after the cap. */
export interface DomainTotal {
  domain: RiskDomain;
  label: string;
  points: number;
  cap: number | null;
  counted: number;
}

/** A reason the tier is at least high, shown as a reason in its own right. */
export interface RiskOverride {
  code: RiskFactorCode;
  reason: string;
  startsOn: CalendarDate | null;
  /** The last day the override holds; `null` while a current state lasts. */
  endsOn: CalendarDate | null;
}

export interface FlagShown {
  flag: RiskFlag;
  label: string;
}

/** The STORM-style mitigation checklist (drd-risk.md "Mitigations"). Mitigations never change the score. */
export const mitigationCodes = [
  'naloxone',
  'adequate_ost_dose',
  'sedative_review',
  'recent_contact',
  'safety_plan',
  'bbv_and_health_check',
  'case_review',
] as const;
export type MitigationCode = (typeof mitigationCodes)[number];
export const mitigationStatuses = ['met', 'unmet', 'not_applicable'] as const;
export type MitigationStatus = (typeof mitigationStatuses)[number];

export interface MitigationResult {
  code: MitigationCode;
  label: string;
  status: MitigationStatus;
  detail: string;
}

/** A fact the model needed and did not have; the score may be too low because of it. */
export interface DataGap {
  code: 'PREGABALIN_DOSE_NOT_RECORDED' | 'HOUSING_NOT_RECORDED' | 'ALCOHOL_NOT_SCREENED';
  message: string;
}

export interface RiskAssessment {
  modelVersion: typeof RISK_MODEL_VERSION;
  asOf: CalendarDate;
  /** Sum of the capped domain totals. A ranking score on a log-hazard scale, never a probability of death. */
  score: number;
  /** The tier from the score alone (low < 15 · moderate 15–24 · high 25–39 · very high ≥ 40). */
  scoreTier: RiskTier;
  /** The tier after overrides: never below high with one override, very high with two or more. */
  tier: RiskTier;
  factors: ContributingFactor[];
  domains: DomainTotal[];
  overrides: RiskOverride[];
  flags: FlagShown[];
  mitigations: MitigationResult[];
  dataGaps: DataGap[];
  /** The first day on which this assessment changes with no new facts; `null` if it never will. */
  nextChangeAt: CalendarDate | null;
}
