import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { CalendarDate, Id } from '../ids.ts';
import { RiskTier } from '../risk/codes.ts';
import { StaffRole } from '../staff.ts';
import { CoMedication } from './common.ts';
import { accountForUnrecordedDays } from './dispensing.ts';
import { DispensingState, blockAfterConsecutiveMissedDays } from './dispensing-types.ts';
import { DoseHistoryEntry } from './dose-history.ts';
import { instalmentDirections } from './instalment-wording.ts';
import { checkInstalmentPrescription } from './instalments.ts';
import { combine, finding, type CheckResult, type Finding, type RuleOutcome } from './outcome.ts';
import { OstPlan, supervisionDecisionOf } from './plan.ts';
import { BuprenorphineFirstDoseAssessment, doseFindings, startsCourse } from './plan-dose.ts';
import { checkRestartDose, restartLadderSteps } from './restart-ladder.ts';
import { checkPrescribingReview } from './review.ts';
import { OstSettings, defaultOstSettings } from './settings.ts';
import { checkSupervisionDecision } from './supervision.ts';
import { transferInDispensing } from './transfer-in.ts';

/** What a plan change is checked against, besides the two versions. */
export const PlanChangeContext = z.strictObject({
  today: CalendarDate,
  /** Who is making the change: only a prescriber may. */
  author: z.strictObject({ id: Id, role: StaffRole }),
  /** Doses of the current course before this change (from the stored versions), oldest first. */
  doseHistory: z.array(DoseHistoryEntry).max(1000),
  coMedication: CoMedication,
  /** Also using sedatives (prescribed or not) or alcohol: the cautious methadone start limit. */
  usesSedativesOrAlcohol: z.boolean(),
  toleranceUncertain: z.boolean(),
  riskTier: RiskTier,
  /** The pharmacy loop for the current plan (days without a dose, block), or null when there is none yet. */
  dispensing: DispensingState.nullable(),
  /** Weekly injections given in the current course (for the switch to monthly). */
  weeklyInjectionsGiven: z.int().min(0).max(10_000),
  /** Needed when the change starts sublingual buprenorphine. */
  buprenorphineFirstDose: BuprenorphineFirstDoseAssessment.nullable(),
  /**
   * A transfer in (a first plan continuing a course begun elsewhere): the day of the last dose at the previous
   * service, so the days without a dose since count for the restart rules (transfer-in.ts). Absent otherwise.
   */
  lastDoseElsewhereOn: CalendarDate.nullable().optional(),
});
export type PlanChangeContext = z.infer<typeof PlanChangeContext>;

/** The result of checking a plan change: every finding, and the refusals and warnings the prescriber sees. */
export interface PlanChangeCheck {
  outcome: RuleOutcome;
  findings: Finding[];
  /** Blocked: `overridable` says whether a prescriber's recorded reason can lift each one. */
  refusals: Finding[];
  /** Allowed once acknowledged with a recorded reason. */
  warnings: Finding[];
}

function sameOrder(previous: OstPlan | null, proposed: OstPlan): void {
  const problem =
    previous === null
      ? proposed.version === 1
        ? null
        : 'a new plan is version 1'
      : previous.personId !== proposed.personId || previous.episodeId !== proposed.episodeId
        ? 'a change belongs to the same person and episode as the plan it changes'
        : proposed.version !== previous.version + 1
          ? `the change must be version ${previous.version + 1}`
          : proposed.effectiveFrom < previous.effectiveFrom
            ? 'a change cannot take effect before the version it replaces'
            : previous.medicine !== proposed.medicine && !startsCourse(proposed)
              ? 'a change of medicine starts a new course: set the course start to the day it takes effect'
              : null;
  if (problem !== null) throw new DomainError('INVALID_INPUT', problem);
}

function authorFinding(proposed: OstPlan, author: PlanChangeContext['author']): Finding {
  if (author.role !== 'prescriber') {
    return finding('OST-PLAN-PRESCRIBER', 'refused', 'Only a prescriber can change an OST plan.', {
      overridable: false,
    });
  }
  if (author.id !== proposed.prescriberId) {
    throw new DomainError('INVALID_INPUT', 'the plan names its prescriber: the person making the change');
  }
  return finding('OST-PLAN-PRESCRIBER', 'ok', 'Made by a prescriber, with the reason recorded.');
}

/**
 * After 3 or more days without a dose the plan is a restart: the service's restart ladder applies, and after
 * 5 or more days (tolerance may be lost) the prescriber is prompted to restart as a new induction. Days up to
 * today with nothing recorded count as days without a dose.
 */
function restartFindings(
  proposed: OstPlan,
  ctx: PlanChangeContext,
  settings: OstSettings,
): CheckResult | null {
  if (ctx.dispensing === null) return null;
  // Days before today with nothing recorded count as missed, as at the pharmacy.
  const { state } = accountForUnrecordedDays(ctx.dispensing, ctx.today);
  if (state.daysWithoutDose < blockAfterConsecutiveMissedDays) return null;
  const newInduction = startsCourse(proposed) && proposed.phase === 'induction';
  const days = state.daysWithoutDose;
  const reinduction =
    days < restartLadderSteps.newInductionAfterDays || newInduction
      ? finding(
          'OST-DISP-REINDUCTION',
          'ok',
          `${days} days without a dose; ${newInduction ? 'a new induction' : 'not yet 5'}.`,
        )
      : finding(
          'OST-DISP-REINDUCTION',
          'warning',
          `${days} days without a dose: tolerance may be lost. Restart as a new induction (start dose rules ` +
            'apply), or record why not.',
          { prompt: 're_induction' },
        );
  return combine(checkRestartDose(state, { doseMg: proposed.doseMg, newInduction }, settings), reinduction);
}

/**
 * Checks a proposed plan version at write time, running every rule that applies: who makes the change; the
 * dose rules of its medicine (start ranges, titration, post-induction increases, maintenance range, ECG,
 * co-prescribed sedatives, buprenorphine first dose, injection strength, conversion, week one and due
 * window); supervision and take-home in induction or at high risk; the instalment form; the prescribing
 * review; and after missed days the restart ladder and re-induction. `previous` is null for a new plan.
 * Malformed input, or versions that do not follow each other, throw DomainError('INVALID_INPUT').
 */
export function checkPlanChange(
  previous: OstPlan | null,
  proposed: OstPlan,
  context: PlanChangeContext,
  settings: OstSettings = defaultOstSettings,
): PlanChangeCheck {
  const before = previous === null ? null : OstPlan.parse(previous);
  const plan = OstPlan.parse(proposed);
  const ctx = PlanChangeContext.parse(context);
  const s = OstSettings.parse(settings);
  sameOrder(before, plan);
  const parts: (Finding | CheckResult)[] = [
    authorFinding(plan, ctx.author),
    doseFindings(before, plan, ctx, s),
    checkSupervisionDecision(
      supervisionDecisionOf(plan),
      { phase: plan.phase, riskTier: ctx.riskTier, firstDecision: before === null },
      s,
    ),
    checkPrescribingReview(
      { lastReviewOn: plan.lastReviewOn, nextReviewOn: plan.reviewOn, on: ctx.today },
      s,
    ),
  ];
  if (plan.instalments !== null) {
    parts.push(checkInstalmentPrescription(instalmentDirections(plan, plan.effectiveFrom).prescription));
  }
  const arriving = transferInDispensing(before, plan, ctx.lastDoseElsewhereOn ?? null);
  const restart = restartFindings(plan, { ...ctx, dispensing: ctx.dispensing ?? arriving }, s);
  if (restart !== null) parts.push(restart);
  const { outcome, findings } = combine(...parts);
  return {
    outcome,
    findings,
    refusals: findings.filter((f) => f.outcome === 'refused'),
    warnings: findings.filter((f) => f.outcome === 'warning'),
  };
}
