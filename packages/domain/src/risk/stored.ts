import type { CalendarDate } from '../ids.ts';
import type { ContributingFactor, RiskAssessment } from './assessment.ts';
import type { RiskFactorCode } from './codes.ts';
import { fromDayNumber, toDayNumber } from './day-number.ts';

/**
 * What Harbour stores of an assessment (the `person_state` projection, beside the facts it came from): the whole
 * assessment except each factor's evidence and grade, which are the catalogue's and are looked up by code when
 * shown (`catalogueByCode`), so a stored row is small and the evidence never goes stale in it.
 */
export type StoredFactor = Omit<ContributingFactor, 'evidence' | 'grade'>;
export type StoredAssessment = Omit<RiskAssessment, 'factors'> & { factors: StoredFactor[] };

export function storedAssessment(assessment: RiskAssessment): StoredAssessment {
  return {
    ...assessment,
    factors: assessment.factors.map(({ evidence: _evidence, grade: _grade, ...factor }) => factor),
  };
}

/**
 * A reason shown beside a name on the caseload: a factor's code, its points and, for a factor that follows an
 * event, the day of that event (so the row can say "released from prison 6 days ago" on whatever day it is read).
 */
export interface RiskReason {
  code: RiskFactorCode;
  points: number;
  eventOn: CalendarDate | null;
}

/** How many reasons a caseload row shows. */
export const ROW_REASONS = 3;

/**
 * The reasons a caseload row shows: the factors with the most points (catalogue order breaks ties), leaving out
 * sex and age, which are true of most of a caseload and say nothing a keyworker can act on; the full list is on
 * the person's record.
 */
export function topReasons(assessment: Pick<RiskAssessment, 'factors'>, count = ROW_REASONS): RiskReason[] {
  return assessment.factors
    .filter((factor) => factor.domain !== 'demographics')
    .map((factor, order) => ({ factor, order }))
    .sort((a, b) => b.factor.points - a.factor.points || a.order - b.order)
    .slice(0, count)
    .map(({ factor }) => ({ code: factor.code, points: factor.points, eventOn: eventDayOf(factor) }));
}

/** The day of the event a day-windowed factor follows (its window starts `fromDay` days after it). */
export function eventDayOf(factor: Pick<ContributingFactor, 'window'>): CalendarDate | null {
  const { window } = factor;
  if (window.kind !== 'days' || window.startsOn === null || window.fromDay === null) return null;
  return fromDayNumber(toDayNumber(window.startsOn) - window.fromDay);
}
