import { addDays } from '../dates.ts';
import type { CalendarDate } from '../ids.ts';
import type { RiskAssessment } from './assessment.ts';
import type { RiskFactorCode } from './codes.ts';
import type { RiskFacts } from './facts.ts';

/**
 * Builders for the risk model's tests. `blankFacts()` is a 30-year-old woman who does not use opioids, with
 * nothing recorded that scores: score 0, no data gaps. Tests add only the facts they are about.
 */

/** The assessment date of the examples and vignettes (a Monday). */
export const AS_OF = '2026-03-16';

/** The date `days` days before `asOf` (day `days` of a window that opened then). */
export function daysAgo(days: number, asOf: CalendarDate = AS_OF): CalendarDate {
  return addDays(asOf, -days);
}

/** Facts that score nothing, with `overrides` applied. */
export function blankFacts(overrides: Partial<RiskFacts> = {}): RiskFacts {
  return {
    sex: 'female',
    dateOfBirth: '1996-01-01',
    usesOpioids: false,
    treatmentStatus: 'in_treatment',
    currentOst: null,
    consecutiveMissedDoses: 0,
    prisonReleases: [],
    hospitalDischarges: [],
    ostExits: [],
    detoxCompletions: [],
    nonFatalOverdoses: [],
    suicidalityRecordedOn: [],
    substances: [],
    conditions: [],
    housing: 'settled',
    lastInjectedOn: null,
    alcohol: { auditScore: 3, auditCScore: null, clinicianRecordedHarmful: false },
    usesAlone: false,
    naloxoneSupplies: [],
    lastContactOn: null,
    lastCaseReviewOn: null,
    safetyPlan: null,
    sedativeReviewedOn: null,
    lastBbvTestOn: null,
    lastHealthCheckOn: null,
    drugAlert: null,
    flags: [],
    ...overrides,
  };
}

/** Total points of a factor in an assessment (0 when absent; NON_FATAL_OVERDOSE sums its counted events). */
export function pointsOf(assessment: RiskAssessment, code: RiskFactorCode): number {
  return assessment.factors.filter((f) => f.code === code).reduce((sum, f) => sum + f.points, 0);
}

/** The codes of the factors shown, in order. */
export function codesOf(assessment: RiskAssessment): RiskFactorCode[] {
  return assessment.factors.map((f) => f.code);
}

/** The assessment without the fields that name the day it was made, for comparing two days. */
export function withoutDay(assessment: RiskAssessment): Omit<RiskAssessment, 'asOf'> {
  const { asOf: _asOf, ...rest } = assessment;
  return rest;
}
