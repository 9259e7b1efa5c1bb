import { z } from 'zod';
import { daysBetween, addDays } from '../dates.ts';
import { EventPayload } from '../events.ts';
import { CalendarDate, Id } from '../ids.ts';
import { RiskTier } from '../risk/codes.ts';
import { StaffRole } from '../staff.ts';
import { DoseMg } from './common.ts';
import { DailyOstMedicine } from './dispensing-types.ts';
import { combine, finding, type CheckResult, type Finding } from './outcome.ts';
import { OstSettings, defaultOstSettings } from './settings.ts';

/**
 * Reductions and exits (ost.md "Reductions and exits": no forced reductions, no silent discharge). A plan says
 * who proposed it and whether the person agrees; without agreement, or at high/very high risk, it needs a
 * second senior clinician's sign-off and counts as a "reduction without agreement" for managers.
 */
export const reductionProposers = ['person', 'clinician', 'jointly'] as const;
export const ReductionProposer = z.enum(reductionProposers);
export type ReductionProposer = z.infer<typeof ReductionProposer>;

/** A plan can be paused or reversed at any time. */
export const reductionStatuses = ['active', 'paused', 'reversed', 'completed'] as const;
export const ReductionStatus = z.enum(reductionStatuses);
export type ReductionStatus = z.infer<typeof ReductionStatus>;

/** Roles that count as a senior clinician for a second sign-off. */
export const seniorClinicianRoles = ['prescriber', 'team_lead'] as const satisfies readonly StaffRole[];

export const SignOff = z.strictObject({ by: Id, role: StaffRole, on: CalendarDate });
export type SignOff = z.infer<typeof SignOff>;

export const ReductionPlan = z.strictObject({
  medicine: DailyOstMedicine,
  proposedBy: ReductionProposer,
  personAgrees: z.boolean(),
  /** The clinician responsible for the plan; a second sign-off must come from someone else. */
  responsibleClinicianId: Id,
  /** The reduction at each step (mg/day). */
  stepMg: DoseMg,
  daysBetweenSteps: z.int().min(1).max(365),
  reviewPoints: z.array(CalendarDate).min(1).max(100),
  status: ReductionStatus,
  secondSignOff: SignOff.nullable(),
});
export type ReductionPlan = z.infer<typeof ReductionPlan>;

export const ReductionContext = z.strictObject({ riskTier: RiskTier, currentDoseMg: DoseMg });
export type ReductionContext = z.infer<typeof ReductionContext>;

/** A reduction check: the findings, and whether a second sign-off is needed and the plan counts for managers. */
export interface ReductionCheck extends CheckResult {
  secondSeniorSignOffRequired: boolean;
  withoutAgreement: boolean;
  /**
   * Reported to managers (ost.md: a reduction without agreement, or while high or very high risk, "is reported
   * to managers as a count"): true whenever the second sign-off is required.
   */
  reportedToManagers: boolean;
}

/** The person agrees, or asked for the reduction themselves (which is their agreement). */
export function personAgreesTo(plan: Pick<ReductionPlan, 'personAgrees' | 'proposedBy'>): boolean {
  return plan.personAgrees || plan.proposedBy === 'person';
}

function signOffProblem(plan: ReductionPlan): string | null {
  const signOff = plan.secondSignOff;
  if (signOff === null) return 'no second sign-off is recorded';
  if (signOff.by === plan.responsibleClinicianId) return 'the sign-off must come from a second clinician';
  if (!(seniorClinicianRoles as readonly StaffRole[]).includes(signOff.role)) {
    return `a ${signOff.role.replace('_', ' ')} is not a senior clinician for this sign-off`;
  }
  return null;
}

function needsSignOffFinding(
  id: 'OST-RED-AGREEMENT' | 'OST-RED-RISK',
  why: string,
  problem: string | null,
): Finding {
  return problem === null
    ? finding(id, 'warning', `${why}: second senior sign-off recorded; record the reason.`)
    : finding(id, 'refused', `${why}: needs a second senior clinician's sign-off.`, { overridable: false });
}

/**
 * Checks a reduction plan: without the person's agreement, or at high/very high risk, it needs a valid second
 * senior sign-off (refused, not overridable, until there is one; a warning after); steps larger than usual
 * (smaller at low doses) or more often than every week warn.
 */
export function checkReductionPlan(
  plan: ReductionPlan,
  context: ReductionContext,
  settings: OstSettings = defaultOstSettings,
): ReductionCheck {
  const p = ReductionPlan.parse(plan);
  const { riskTier, currentDoseMg } = ReductionContext.parse(context);
  const r = OstSettings.parse(settings).reduction;
  const withoutAgreement = !personAgreesTo(p);
  const highRisk = riskTier === 'high' || riskTier === 'very_high';
  const required = withoutAgreement || highRisk;
  const problem = signOffProblem(p);

  const methadone = p.medicine === 'methadone';
  const lowBelow = methadone ? r.methadoneLowDoseBelowMg : r.buprenorphineLowDoseBelowMg;
  const maxStep =
    currentDoseMg < lowBelow
      ? methadone
        ? r.methadoneLowDoseMaxStepMg
        : r.buprenorphineLowDoseMaxStepMg
      : methadone
        ? r.methadoneMaxStepMg
        : r.buprenorphineMaxStepMg;

  const findings: Finding[] = [
    withoutAgreement
      ? needsSignOffFinding('OST-RED-AGREEMENT', 'The person does not agree to this reduction', problem)
      : finding(
          'OST-RED-AGREEMENT',
          'ok',
          p.proposedBy === 'person'
            ? 'The person asked for this reduction.'
            : `The person agrees (proposed by ${p.proposedBy}).`,
        ),
    highRisk
      ? needsSignOffFinding('OST-RED-RISK', `Reducing at ${riskTier.replace('_', ' ')} risk`, problem)
      : finding('OST-RED-RISK', 'ok', `Risk tier ${riskTier}.`),
    required && problem !== null
      ? finding('OST-RED-SIGN-OFF', 'refused', `Second sign-off: ${problem}.`, { overridable: false })
      : finding(
          'OST-RED-SIGN-OFF',
          'ok',
          required ? 'Valid second senior sign-off.' : 'No second sign-off needed.',
        ),
    p.stepMg > maxStep
      ? finding(
          'OST-RED-STEP',
          'warning',
          `A step of ${p.stepMg} mg from ${currentDoseMg} mg is larger than the usual ${maxStep} mg; record why.`,
        )
      : finding('OST-RED-STEP', 'ok', `Step ${p.stepMg} mg (usual at most ${maxStep} mg).`),
    p.daysBetweenSteps < r.minDaysBetweenSteps
      ? finding(
          'OST-RED-INTERVAL',
          'warning',
          `Steps every ${p.daysBetweenSteps} days are faster than every ${r.minDaysBetweenSteps} days; record why.`,
        )
      : finding('OST-RED-INTERVAL', 'ok', `Steps every ${p.daysBetweenSteps} days.`),
  ];
  return {
    ...combine(...findings),
    secondSeniorSignOffRequired: required,
    withoutAgreement,
    reportedToManagers: required,
  };
}

/** The exit checklist that reaching zero (or any exit) starts, with the 4-week OST_EXIT high-risk window. */
export const ostExitChecklist = [
  'naloxone_supplied_and_in_date',
  'contact_plan_for_4_weeks',
  'how_to_come_back_quickly',
  'gp_informed',
] as const;
export type OstExitChecklistItem = (typeof ostExitChecklist)[number];

export type ReductionStep =
  | { kind: 'not_active'; status: ReductionStatus }
  | { kind: 'blocked'; result: ReductionCheck }
  | { kind: 'not_due'; dueOn: CalendarDate }
  | { kind: 'step'; doseMg: number; event: EventPayload; result: ReductionCheck }
  | { kind: 'exit'; event: EventPayload; checklist: readonly OstExitChecklistItem[]; result: ReductionCheck };

export const ReductionStepInput = z.strictObject({
  riskTier: RiskTier,
  currentDoseMg: DoseMg,
  on: CalendarDate,
  /** The date of the last step, or null for the first. */
  lastStepOn: CalendarDate.nullable(),
});
export type ReductionStepInput = z.infer<typeof ReductionStepInput>;

/**
 * The next step of a reduction plan on `on`: nothing while paused, reversed or completed; nothing while the plan
 * is refused (e.g. no sign-off) or the step is not yet due; otherwise the new dose as an `ost_dose_change`
 * event, or, on reaching zero, an `ost_exit` event (reason `reduction_completed`) and the exit checklist.
 * Any warnings in `result` still need their reason recorded before the step is made.
 */
export function nextReductionStep(
  plan: ReductionPlan,
  input: ReductionStepInput,
  settings: OstSettings = defaultOstSettings,
): ReductionStep {
  const p = ReductionPlan.parse(plan);
  const { riskTier, currentDoseMg, on, lastStepOn } = ReductionStepInput.parse(input);
  if (p.status !== 'active') return { kind: 'not_active', status: p.status };
  const result = checkReductionPlan(p, { riskTier, currentDoseMg }, settings);
  if (result.outcome === 'refused') return { kind: 'blocked', result };
  if (lastStepOn !== null && daysBetween(lastStepOn, on) < p.daysBetweenSteps) {
    return { kind: 'not_due', dueOn: addDays(lastStepOn, p.daysBetweenSteps) };
  }
  // Round to 0.01 mg so repeated steps do not drift through floating-point error.
  const toMg = Math.round((currentDoseMg - p.stepMg) * 100) / 100;
  if (toMg <= 0) {
    const event = EventPayload.parse({ type: 'ost_exit', details: { reason: 'reduction_completed' } });
    return { kind: 'exit', event, checklist: ostExitChecklist, result };
  }
  const event = EventPayload.parse({
    type: 'ost_dose_change',
    details: { medicine: p.medicine, fromMg: currentDoseMg, toMg, reason: 'reduction plan step' },
  });
  return { kind: 'step', doseMg: toMg, event, result };
}

/** The managers' count of reduction plans made without the person's agreement (ost.md). */
export function countReductionsWithoutAgreement(plans: ReductionPlan[]): number {
  return plans.filter((plan) => !personAgreesTo(ReductionPlan.parse(plan))).length;
}
