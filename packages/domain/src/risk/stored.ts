import type { CalendarDate } from '../ids.ts';
import type { ContributingFactor, MitigationResult, RiskAssessment, WindowShown } from './assessment.ts';
import { catalogueByCode } from './catalogue.ts';
import type { RiskFactorCode } from './codes.ts';
import { fromDayNumber, toDayNumber } from './day-number.ts';
import { domainTotals } from './domains.ts';
import { riskFlagLabels, type RiskFlag } from './flags.ts';
import { mitigationLabels } from './mitigations.ts';
import { windowLabel } from './working.ts';

/**
 * An assessment as Harbour shows it from the `person_state` projection: the whole assessment except each
 * factor's evidence and grade, which are the catalogue's and are looked up by code when shown
 * (`catalogueByCode`), so the evidence never goes stale in a stored row.
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
 * What the projection's `risk_assessment` column holds (form 2, December 2026): the stored assessment without
 * anything the model's own tables give back by code (each factor's and window's words, the flags' and
 * mitigations' labels) and without the domain totals, which are the factors' points summed and capped. About
 * half the size (1.8 KB of JSON a person instead of 3.1 KB; 1.4 KB stored, compressed, against 1.9 KB), so a
 * re-score of a whole organisation sends, parses and writes less (docs/performance.md, issue 8).
 * `expandAssessment` gives back exactly `storedAssessment` (properties.test.ts checks it over random valid
 * facts), and reads rows written before this form as they are.
 */
export interface CompactAssessment extends Omit<
  StoredAssessment,
  'factors' | 'domains' | 'flags' | 'mitigations'
> {
  form: 2;
  factors: (Omit<StoredFactor, 'label' | 'window'> & { window: Omit<WindowShown, 'label'> })[];
  flags: RiskFlag[];
  mitigations: Omit<MitigationResult, 'label'>[];
}

/** What the column may hold: the compact form, or the whole stored form written before it. */
export type StoredAssessmentColumn = CompactAssessment | StoredAssessment;

export function compactAssessment(assessment: RiskAssessment): CompactAssessment {
  const { domains: _domains, factors, flags, mitigations, ...rest } = assessment;
  return {
    form: 2,
    ...rest,
    factors: factors.map(
      ({
        evidence: _evidence,
        grade: _grade,
        label: _label,
        window: { label: _words, ...window },
        ...f
      }) => ({
        ...f,
        window,
      }),
    ),
    flags: flags.map((shown) => shown.flag),
    mitigations: mitigations.map(({ label: _label, ...m }) => m),
  };
}

/**
 * A label from one of the model's tables, or the code itself for one the table no longer has (a row scored by an
 * older model version, shown until the sweep re-scores it), so such a row is still shown, never an error.
 */
function labelOf(table: Readonly<Record<string, { label: string } | string>>, code: string): string {
  const entry = (table as Partial<Record<string, { label: string } | string>>)[code];
  return entry === undefined ? code : typeof entry === 'string' ? entry : entry.label;
}

/** The stored assessment of a `risk_assessment` value, in either form. */
export function expandAssessment(column: StoredAssessmentColumn): StoredAssessment {
  if (!('form' in column)) return column;
  const { form: _form, factors, flags, mitigations, ...rest } = column;
  const shownFactors: StoredFactor[] = factors.map((f) => ({
    code: f.code,
    label: labelOf(catalogueByCode, f.code),
    domain: f.domain,
    points: f.points,
    detail: f.detail,
    window: { ...f.window, label: windowLabel(f.window) },
    facts: f.facts,
  }));
  return {
    ...rest,
    factors: shownFactors,
    domains: domainTotals(factors),
    flags: flags.map((flag) => ({ flag, label: labelOf(riskFlagLabels, flag) })),
    mitigations: mitigations.map((m) => ({
      code: m.code,
      label: labelOf(mitigationLabels, m.code),
      status: m.status,
      detail: m.detail,
    })),
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
