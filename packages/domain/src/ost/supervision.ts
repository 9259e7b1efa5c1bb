import { z } from 'zod';
import { addDays } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { OstMedicine } from '../medicines.ts';
import { RiskTier } from '../risk/codes.ts';
import { OstPhase } from './common.ts';
import { combine, finding, type CheckResult, type Finding } from './outcome.ts';
import { OstSettings, defaultOstSettings } from './settings.ts';

/**
 * Supervised consumption vs take-home, decided by assessed need rather than a fixed period (ost.md
 * "Supervision"). Each decision records its mode, supervised days, reasons and review date.
 */
export const supervisionModes = ['daily_supervised', 'partly_supervised', 'take_home'] as const;
export const SupervisionMode = z.enum(supervisionModes);
export type SupervisionMode = z.infer<typeof SupervisionMode>;

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(weekdays);
export type Weekday = z.infer<typeof Weekday>;

/** The reasons ost.md lists for a supervision decision. */
export const supervisionReasons = [
  'stability',
  'missed_pickups',
  'intoxication',
  'benzodiazepine_or_alcohol_use',
  'children_in_home_safe_storage_confirmed',
  'mental_health',
  'diversion_concerns',
  'work_or_study',
] as const;
export const SupervisionReason = z.enum(supervisionReasons);
export type SupervisionReason = z.infer<typeof SupervisionReason>;

export const SupervisionDecision = z
  .strictObject({
    medicine: OstMedicine,
    mode: SupervisionMode,
    /**
     * Days of the week with a supervised dose. Any other day's dose is taken home, including a pharmacy's
     * closed days under "daily supervised".
     */
    supervisedDays: z.array(Weekday).max(7),
    reasons: z.array(SupervisionReason).min(1).max(supervisionReasons.length),
    decidedOn: CalendarDate,
    reviewOn: CalendarDate,
  })
  .refine((d) => new Set(d.supervisedDays).size === d.supervisedDays.length, {
    message: 'each supervised day is listed once',
    path: ['supervisedDays'],
  })
  .refine(
    (d) =>
      d.mode === 'take_home'
        ? d.supervisedDays.length === 0
        : d.mode === 'partly_supervised'
          ? d.supervisedDays.length >= 1 && d.supervisedDays.length <= 6
          : d.supervisedDays.length >= 1,
    {
      message: 'take-home has no supervised days; partly supervised has 1–6; daily supervised has at least 1',
      path: ['supervisedDays'],
    },
  )
  .refine((d) => d.reviewOn > d.decidedOn, {
    message: 'the review comes after the decision',
    path: ['reviewOn'],
  });
export type SupervisionDecision = z.infer<typeof SupervisionDecision>;

export const SupervisionContext = z.strictObject({
  phase: OstPhase,
  riskTier: RiskTier,
  /** The first supervision decision of this treatment (the first review has a default interval). */
  firstDecision: z.boolean(),
});
export type SupervisionContext = z.infer<typeof SupervisionContext>;

/** Days after a first decision its review falls due: 4 weeks methadone, 1 week buprenorphine by default. */
export function firstSupervisionReviewDays(
  medicine: OstMedicine,
  settings: OstSettings = defaultOstSettings,
): number {
  const { firstReviewDaysMethadone, firstReviewDaysBuprenorphine } = OstSettings.parse(settings).supervision;
  return OstMedicine.parse(medicine) === 'methadone'
    ? firstReviewDaysMethadone
    : firstReviewDaysBuprenorphine;
}

/** The default review date of a first supervision decision made on `decidedOn`. */
export function firstSupervisionReviewOn(
  medicine: OstMedicine,
  decidedOn: CalendarDate,
  settings: OstSettings = defaultOstSettings,
): CalendarDate {
  return addDays(CalendarDate.parse(decidedOn), firstSupervisionReviewDays(medicine, settings));
}

function takeHomeFindings(decision: SupervisionDecision, context: SupervisionContext): Finding[] {
  if (decision.medicine === 'buprenorphine_prolonged_release') {
    const never =
      decision.mode === 'daily_supervised'
        ? finding('OST-PRB-NEVER-TAKE-HOME', 'ok', 'The injection is given by a clinician.')
        : finding(
            'OST-PRB-NEVER-TAKE-HOME',
            'refused',
            'A prolonged-release injection is given by a clinician only: never partly supervised or take-home.',
            { overridable: false },
          );
    return [never];
  }
  const takeHomeDays = 7 - decision.supervisedDays.length;
  const induction =
    takeHomeDays > 0 && context.phase === 'induction'
      ? finding(
          'OST-SUP-TAKE-HOME-INDUCTION',
          'warning',
          `${takeHomeDays} take-home days a week during induction; record the reason.`,
        )
      : finding(
          'OST-SUP-TAKE-HOME-INDUCTION',
          'ok',
          `${takeHomeDays} take-home days in the ${context.phase} phase.`,
        );
  const highRisk = context.riskTier === 'high' || context.riskTier === 'very_high';
  const risk =
    takeHomeDays > 0 && highRisk
      ? finding(
          'OST-SUP-TAKE-HOME-RISK',
          'warning',
          `${takeHomeDays} take-home days a week at ${context.riskTier.replace('_', ' ')} risk; record the reason.`,
        )
      : finding(
          'OST-SUP-TAKE-HOME-RISK',
          'ok',
          `${takeHomeDays} take-home days at ${context.riskTier} risk.`,
        );
  return [induction, risk];
}

/**
 * Checks a supervision decision: take-home doses during induction or at high/very high risk warn (reason
 * required); a prolonged-release injection is never take-home (refused, not overridable); a first decision's
 * review later than the service default (4 weeks methadone, 1 week buprenorphine) warns.
 */
export function checkSupervisionDecision(
  decision: SupervisionDecision,
  context: SupervisionContext,
  settings: OstSettings = defaultOstSettings,
): CheckResult {
  const parsed = SupervisionDecision.parse(decision);
  const ctx = SupervisionContext.parse(context);
  const latest = firstSupervisionReviewOn(parsed.medicine, parsed.decidedOn, settings);
  const review =
    ctx.firstDecision && parsed.reviewOn > latest
      ? finding(
          'OST-SUP-FIRST-REVIEW',
          'warning',
          `The first review on ${parsed.reviewOn} is later than the usual ${latest}; record the reason.`,
        )
      : finding('OST-SUP-FIRST-REVIEW', 'ok', `Review on ${parsed.reviewOn}.`);
  return combine(...takeHomeFindings(parsed, ctx), review);
}
