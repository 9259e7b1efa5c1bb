import { z } from 'zod';
import { followUpRecipients } from '../follow-ups.ts';
import { CalendarDate, Id } from '../ids.ts';
import type { FactDetails } from '../record/facts.ts';
import type { RiskSubstance } from '../risk/facts.ts';
import { HARMFUL_AUDIT, HARMFUL_AUDIT_C } from '../risk/factors-current.ts';
import type { CoMedication, SedativeFactor } from './common.ts';
import { Acknowledgement } from './plan-acknowledge.ts';
import { BuprenorphineFirstDoseAssessment } from './plan-dose.ts';
import { OstPlanShape } from './plan.ts';
import { PharmacyOutcome } from './pharmacy-record.ts';

/**
 * What the services that store OST plans and dispensing take and keep (issue 10): the inputs of the `ost`
 * procedures and the values of the stored enums. The rules stay in plan-check.ts, plan-acknowledge.ts and
 * pharmacy-record.ts; these only say what a caller may send.
 */

/** What a pharmacy can record for a person on a day (pharmacy-record.ts `PharmacyOutcome` kinds). */
export const dispensingOutcomes = [
  'supervised_consumed',
  'collected_take_home',
  'missed',
  'withheld_intoxicated',
  'withheld_blocked',
  'not_due',
] as const satisfies readonly PharmacyOutcome['kind'][];
export type DispensingOutcome = (typeof dispensingOutcomes)[number];

export const dispensingOutcomeLabels: Record<DispensingOutcome, string> = {
  supervised_consumed: 'Supervised and consumed',
  collected_take_home: 'Collected take-home',
  missed: 'Missed',
  withheld_intoxicated: 'Withheld: intoxicated',
  withheld_blocked: 'Withheld: blocked until the prescriber reviews',
  not_due: 'Not due today',
};

/** The loop's follow-ups as stored until the task store takes the tasks over: an alert, or a task. */
export const ostAlertKinds = ['alert', 'task'] as const;
export type OstAlertKind = (typeof ostAlertKinds)[number];
export const ostAlertRecipients = followUpRecipients;

/** A plan version as the prescriber sends it: the service adds the person, episode, version and prescriber. */
export const PlanDraft = OstPlanShape.omit({
  personId: true,
  episodeId: true,
  version: true,
  prescriberId: true,
});
export type PlanDraft = z.infer<typeof PlanDraft>;

/**
 * What the prescriber states about the change beyond the plan. Co-prescribed sedatives, alcohol, the risk tier,
 * the dose history and the pharmacy loop come from the record; these the record does not hold.
 */
export const PlanDraftContext = z.strictObject({
  /** QT-prolonging co-medication (e.g. some antipsychotics, antiarrhythmics, macrolides). */
  qtProlonging: z.boolean(),
  toleranceUncertain: z.boolean(),
  /** Needed when the change starts sublingual buprenorphine. */
  buprenorphineFirstDose: BuprenorphineFirstDoseAssessment.nullable(),
});
export type PlanDraftContext = z.infer<typeof PlanDraftContext>;

/** `ost.plan.propose` (check only, nothing stored) and `ost.plan.save` (check, acknowledge and store). */
export const PlanChangeInput = z.strictObject({
  personId: Id,
  /** The version the prescriber changed; null for a person's first plan in this episode. */
  expectedVersion: z.int().positive().nullable(),
  plan: PlanDraft,
  context: PlanDraftContext,
  /** One reason per rule that warned, or whose refusal the prescriber overrides. */
  acknowledgements: z.array(Acknowledgement).max(50),
});
export type PlanChangeInput = z.infer<typeof PlanChangeInput>;

export const PersonPlanInput = z.strictObject({ personId: Id });
export type PersonPlanInput = z.infer<typeof PersonPlanInput>;

/**
 * `ost.pharmacy.record`: one person's outcome for one day. `day` is the day the pharmacist's list was for: a page
 * left open overnight is refused rather than recorded against the wrong day.
 */
export const RecordDispensingInput = z.strictObject({
  personId: Id,
  day: CalendarDate,
  outcome: PharmacyOutcome,
});
export type RecordDispensingInput = z.infer<typeof RecordDispensingInput>;

export const CloseOstAlertInput = z.strictObject({ alertId: Id });
export type CloseOstAlertInput = z.infer<typeof CloseOstAlertInput>;

const sedativeOf: Partial<Record<RiskSubstance, SedativeFactor>> = {
  benzodiazepine: 'BENZODIAZEPINE',
  pregabalin: 'GABAPENTINOID',
  gabapentin: 'GABAPENTINOID',
  z_drug: 'Z_DRUG',
};

/** What the record says about a plan change: its co-prescriptions and alcohol screen, as the checks read them. */
export interface RecordForPlan {
  coPrescriptions: FactDetails<'co_prescriptions'> | null;
  alcohol: FactDetails<'alcohol'> | null;
}

/**
 * The co-medication and sedative use a plan change is checked against, from the record's current facts and
 * what the prescriber states. Prescribed sedatives are co-prescriptions (each warns, naming its evidence);
 * sedatives from any source, or harmful drinking, call for the cautious methadone start (decision 4).
 */
export function planFactsFromRecord(
  record: RecordForPlan,
  stated: PlanDraftContext,
): { coMedication: CoMedication; usesSedativesOrAlcohol: boolean } {
  const medicines = record.coPrescriptions?.medicines ?? [];
  const prescribed = medicines.flatMap((m) => {
    const factor = sedativeOf[m.substance];
    return m.source === 'prescribed' && factor !== undefined ? [factor] : [];
  });
  const anySedative = medicines.some((m) => sedativeOf[m.substance] !== undefined);
  const a = record.alcohol;
  const harmfulDrinking =
    a !== null &&
    (a.clinicianRecordedHarmful ||
      (a.auditScore ?? 0) >= HARMFUL_AUDIT ||
      (a.auditCScore ?? 0) >= HARMFUL_AUDIT_C);
  return {
    coMedication: { sedatives: [...new Set(prescribed)], qtProlonging: stated.qtProlonging },
    usesSedativesOrAlcohol: anySedative || harmfulDrinking,
  };
}
