import { z } from 'zod';
import { type CalendarDate, Id } from '../ids.ts';
import { type RiskTier } from '../risk/codes.ts';
import { type StaffRole } from '../staff.ts';
import { multiLine } from '../text.ts';
import { DailyOstMedicine } from './dispensing-types.ts';
import { finding, type Finding } from './outcome.ts';
import type { OstPlan } from './plan.ts';
import { checkReductionPlan } from './reduction.ts';

/**
 * A plan change that lowers the dose as a planned reduction (issue 10, ost.md "Reductions and exits": no forced
 * reductions). The prescriber records the person's agreement: they agree, they asked for it, or they do not
 * agree. Without agreement (or at high or very high risk) the change is saved only with a second clinician's
 * sign-off — a different prescriber or team lead, with a reason — and is reported to managers.
 */
export const reductionAgreements = ['agreed', 'asked_for_it', 'not_agreed'] as const;
export const ReductionAgreement = z.enum(reductionAgreements);
export type ReductionAgreement = z.infer<typeof ReductionAgreement>;

export const reductionAgreementLabels: Record<ReductionAgreement, string> = {
  agreed: 'They agree to this reduction',
  asked_for_it: 'They asked for this reduction',
  not_agreed: 'They do not agree',
};

export const ReductionSignOffInput = z.strictObject({
  /** The second clinician (a prescriber or team lead other than the one making the change). */
  by: Id,
  reason: multiLine({ min: 10, max: 1000, tooShort: 'Say why the second clinician signs this off' }),
});
export type ReductionSignOffInput = z.infer<typeof ReductionSignOffInput>;

/** What the prescriber records with a planned reduction. */
export const PlannedReductionInput = z.strictObject({
  agreement: ReductionAgreement,
  secondSignOff: ReductionSignOffInput.nullable(),
});
export type PlannedReductionInput = z.infer<typeof PlannedReductionInput>;

/** A daily plan whose dose goes down, of the same medicine, in the reduction phase: a planned reduction. */
export function isPlannedReduction(previous: OstPlan | null, proposed: OstPlan): boolean {
  return (
    previous !== null &&
    previous.medicine === proposed.medicine &&
    proposed.medicine !== 'buprenorphine_prolonged_release' &&
    proposed.phase === 'reduction' &&
    proposed.doseMg < previous.doseMg
  );
}

export interface ReductionChangeContext {
  riskTier: RiskTier;
  today: CalendarDate;
  /** The prescriber making the change. */
  authorId: string;
  /** The second clinician's role as the record holds it (null: no sign-off, or nobody by that id). */
  signOffRole: StaffRole | null;
}

export interface ReductionChangeCheck {
  /** The agreement, risk and sign-off findings (refused until a valid sign-off when one is needed). */
  findings: Finding[];
  refusals: Finding[];
  withoutAgreement: boolean;
  /** Listed for service managers: the second sign-off was needed. */
  reportedToManagers: boolean;
}

/**
 * Checks the agreement and sign-off of a planned reduction with `checkReductionPlan`. The step and interval of
 * a reduction are left to the plan-change rules, which already check every dose change. A valid sign-off is
 * its own recorded reason, so its "record the reason" warning is satisfied by the sign-off's reason.
 */
export function checkReductionChange(
  previous: OstPlan,
  proposed: OstPlan,
  reduction: PlannedReductionInput | null,
  context: ReductionChangeContext,
): ReductionChangeCheck {
  if (reduction === null) {
    const missing = finding(
      'OST-RED-AGREEMENT',
      'refused',
      'This lowers the dose as a planned reduction: record whether the person agrees, asked for it, or does not agree.',
      { overridable: false },
    );
    return { findings: [missing], refusals: [missing], withoutAgreement: false, reportedToManagers: false };
  }
  const r = PlannedReductionInput.parse(reduction);
  if (r.secondSignOff !== null && context.signOffRole === null) {
    const unknown = finding(
      'OST-RED-SIGN-OFF',
      'refused',
      'Second sign-off: the clinician named is not a member of staff here.',
      { overridable: false },
    );
    return {
      findings: [unknown],
      refusals: [unknown],
      withoutAgreement: r.agreement === 'not_agreed',
      reportedToManagers: true,
    };
  }
  const result = checkReductionPlan(
    {
      medicine: DailyOstMedicine.parse(proposed.medicine),
      proposedBy: r.agreement === 'asked_for_it' ? 'person' : 'clinician',
      personAgrees: r.agreement !== 'not_agreed',
      responsibleClinicianId: context.authorId,
      stepMg: Math.round((previous.doseMg - proposed.doseMg) * 100) / 100,
      daysBetweenSteps: 7,
      reviewPoints: [proposed.reviewOn],
      status: 'active',
      secondSignOff:
        r.secondSignOff === null || context.signOffRole === null
          ? null
          : { by: r.secondSignOff.by, role: context.signOffRole, on: context.today },
    },
    { riskTier: context.riskTier, currentDoseMg: previous.doseMg },
  );
  const findings = result.findings
    .filter((f) => ['OST-RED-AGREEMENT', 'OST-RED-RISK', 'OST-RED-SIGN-OFF'].includes(f.ruleId))
    .map((f) => (f.outcome === 'warning' ? { ...f, outcome: 'ok' as const } : f));
  return {
    findings,
    refusals: findings.filter((f) => f.outcome === 'refused'),
    withoutAgreement: result.withoutAgreement,
    reportedToManagers: result.reportedToManagers,
  };
}
