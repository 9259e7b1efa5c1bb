import type { z } from 'zod';
import { addDays, daysBetween } from '../dates.ts';
import { DomainError, type Issue } from '../errors.ts';
import { CalendarDate } from '../ids.ts';
import {
  hbvReferral,
  hbvTest,
  hcvAntibodyTest,
  hcvCureCheck,
  hcvRnaTest,
  hcvTreatmentReferral,
  hivReferral,
  hivTest,
} from './bbv.ts';
import {
  healthNeedCatalogue,
  type HealthNeedCode,
  type HealthNeedDefinition,
  type MetBy,
} from './catalogue.ts';
import {
  dentalCheck,
  ecg,
  fluVaccine,
  gad7Screen,
  injectingSiteCheck,
  liverFunctionTests,
  nutritionCheck,
  phq9Screen,
  pneumococcalVaccine,
  respiratoryCheck,
  sexualHealthCheck,
  spirometry,
  suicideRiskReview,
} from './checks.ts';
import type { Evaluation, EvaluationContext } from './evaluation.ts';
import { factsAsOf, HealthFacts, type HealthFactsInput } from './facts.ts';
import { hbvVaccination } from './hbv-vaccine.ts';
import { HealthSettings, type HealthSettingsInput } from './settings.ts';

/**
 * A need's status on a date:
 * - `met`: done and in date; `dueDate` is when it is next needed (null: never again);
 * - `upcoming`: applies and is not done, but is not due yet (the next hepatitis B dose, a cure check);
 * - `booked`: due or upcoming, with an appointment before it becomes overdue;
 * - `due`: due now, within its grace period;
 * - `overdue`: past its grace period: chase it;
 * - `declined`: the person said no, recently enough to respect (`declined.reofferOn` says when to ask again);
 * - `not_applicable`: does not apply to this person.
 */
export const healthNeedStatuses = [
  'met',
  'upcoming',
  'booked',
  'due',
  'overdue',
  'declined',
  'not_applicable',
] as const;
export type HealthNeedStatus = (typeof healthNeedStatuses)[number];

export interface HealthNeed {
  code: HealthNeedCode;
  name: string;
  metBy: MetBy;
  status: HealthNeedStatus;
  /** When it is (or was) due; for `met`, when it is next due. Null when nothing more is due. */
  dueDate: CalendarDate | null;
  /** The first overdue day, while it is needed. */
  overdueFrom: CalendarDate | null;
  lastDone: CalendarDate | null;
  /** The next booked appointment for it, if any (shown even when it is still overdue). */
  bookedFor: CalendarDate | null;
  declined: { on: CalendarDate; reason: string; reofferOn: CalendarDate } | null;
  /** Why, in plain English, for staff. */
  reason: string;
}

const evaluators: Record<HealthNeedCode, (ctx: EvaluationContext) => Evaluation> = {
  hcv_antibody_test: hcvAntibodyTest,
  hcv_rna_test: hcvRnaTest,
  hcv_treatment_referral: hcvTreatmentReferral,
  hcv_cure_check: hcvCureCheck,
  hbv_test: hbvTest,
  hbv_referral: hbvReferral,
  hbv_vaccination: hbvVaccination,
  hiv_test: hivTest,
  hiv_referral: hivReferral,
  liver_function_tests: liverFunctionTests,
  respiratory_check: respiratoryCheck,
  spirometry,
  flu_vaccine: fluVaccine,
  pneumococcal_vaccine: pneumococcalVaccine,
  injecting_site_check: injectingSiteCheck,
  ecg,
  dental_check: dentalCheck,
  nutrition_check: nutritionCheck,
  sexual_health_check: sexualHealthCheck,
  phq9_screen: phq9Screen,
  gad7_screen: gad7Screen,
  suicide_risk_review: suicideRiskReview,
};

function status(need: HealthNeedDefinition, evaluation: Evaluation, ctx: EvaluationContext): HealthNeed {
  const base = { code: need.code, name: need.name, metBy: need.metBy, bookedFor: null, declined: null };
  if (evaluation.kind === 'not_applicable') {
    return {
      ...base,
      status: 'not_applicable',
      dueDate: null,
      overdueFrom: null,
      lastDone: null,
      reason: evaluation.reason,
    };
  }
  const { asOf, facts, settings } = ctx;
  const booking = facts.bookings
    .filter((b) => b.need === need.code && b.on >= asOf)
    .reduce<CalendarDate | null>((min, b) => (min === null || b.on < min ? b.on : min), null);
  if (evaluation.kind === 'met') {
    const { lastDone, nextDue, reason } = evaluation;
    return {
      ...base,
      status: 'met',
      dueDate: nextDue,
      overdueFrom: null,
      lastDone,
      bookedFor: booking,
      reason,
    };
  }
  const { dueDate, overdueFrom, lastDone, reason } = evaluation;
  const result: HealthNeed = {
    ...base,
    status: 'due',
    dueDate,
    overdueFrom,
    lastDone,
    bookedFor: booking,
    reason,
  };
  if (asOf >= overdueFrom) result.status = 'overdue';
  else if (asOf < dueDate) result.status = 'upcoming';
  // A booking counts only if it comes before the need is overdue: a late booking must not hide a chase.
  if (result.status !== 'overdue' && booking !== null && booking < overdueFrom)
    return { ...result, status: 'booked' };
  const decline = need.declinable
    ? facts.declines
        .filter((d) => d.need === need.code && (lastDone === null || d.on >= lastDone))
        .filter((d) => daysBetween(d.on, asOf) < settings.declineValidDays)
        .reduce<(typeof facts.declines)[number] | null>(
          (last, d) => (last === null || d.on > last.on ? d : last),
          null,
        )
    : null;
  if (decline === null) return result;
  const reofferOn = addDays(decline.on, settings.declineValidDays);
  return { ...result, status: 'declined', declined: { on: decline.on, reason: decline.reason, reofferOn } };
}

function zodIssues(prefix: string, error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)], message: issue.message }));
}

/**
 * Every need in the catalogue for one person on `asOf`: met, upcoming, booked, due, overdue, declined or not
 * applicable, with its due date and the reason. Deterministic for the same facts, date and settings; anything
 * recorded after `asOf` is ignored. Invalid facts or settings throw DomainError('INVALID_INPUT').
 */
export function healthNeeds(
  facts: HealthFactsInput,
  asOf: CalendarDate,
  settings: HealthSettingsInput = {},
): HealthNeed[] {
  const parsedFacts = HealthFacts.safeParse(facts);
  const parsedSettings = HealthSettings.safeParse(settings);
  const parsedDate = CalendarDate.safeParse(asOf);
  const issues = [
    ...(parsedFacts.success ? [] : zodIssues('facts', parsedFacts.error)),
    ...(parsedSettings.success ? [] : zodIssues('settings', parsedSettings.error)),
    ...(parsedDate.success ? [] : zodIssues('asOf', parsedDate.error)),
  ];
  if (!parsedFacts.success || !parsedSettings.success || issues.length > 0) {
    throw new DomainError('INVALID_INPUT', 'Health facts or settings are not valid.', issues);
  }
  const ctx: EvaluationContext = {
    facts: factsAsOf(parsedFacts.data, asOf),
    asOf,
    settings: parsedSettings.data,
  };
  if (parsedFacts.data.entryDate > asOf) {
    const reason = 'Not yet started: the entry date is after this date.';
    return healthNeedCatalogue.map((need) => status(need, { kind: 'not_applicable', reason }, ctx));
  }
  return healthNeedCatalogue.map((need) => status(need, evaluators[need.code](ctx), ctx));
}
