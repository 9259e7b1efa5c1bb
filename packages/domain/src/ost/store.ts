import { z } from 'zod';
import { followUpRecipients } from '../follow-ups.ts';
import { CalendarDate, Id } from '../ids.ts';
import { multiLine } from '../text.ts';
import type { FactDetails } from '../record/facts.ts';
import type { RiskSubstance } from '../risk/facts.ts';
import { HARMFUL_AUDIT, HARMFUL_AUDIT_C } from '../risk/factors-current.ts';
import { DoseMg, OstPhase, type CoMedication, type SedativeFactor } from './common.ts';
import { recommendedHomeOfficeWording } from './instalment-wording.ts';
import { Acknowledgement } from './plan-acknowledge.ts';
import { BuprenorphineFirstDoseAssessment } from './plan-dose.ts';
import { OstPlanShape, type OstPlan } from './plan.ts';
import { PharmacyOutcome } from './pharmacy-record.ts';
import { PlannedReductionInput } from './reduction-change.ts';
import { SupervisionMode, SupervisionReason, supervisionReasons, Weekday, weekdays } from './supervision.ts';

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
  /** A transfer in: the day of the last dose at the previous service (the restart rules count the days since). */
  lastDoseElsewhereOn: CalendarDate.nullable().optional(),
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
  /** Required when the change is a planned reduction (a lower dose in the reduction phase): the agreement. */
  reduction: PlannedReductionInput.nullable().optional(),
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

export const ostPhaseLabels: Record<OstPhase, string> = {
  induction: 'Induction',
  stabilisation: 'Stabilisation',
  maintenance: 'Maintenance',
  reduction: 'Reduction',
  ended: 'Ended',
};

export const supervisionModeLabels: Record<SupervisionMode, string> = {
  daily_supervised: 'Supervised every collection day',
  partly_supervised: 'Partly supervised',
  take_home: 'All take-home',
};

/** Why the supervision is as it is (ost.md "Supervision"), in the prescriber's words. */
export const supervisionReasonLabels: Record<SupervisionReason, string> = {
  stability: 'Stable: the dose and attendance are settled',
  missed_pickups: 'Missed collections',
  intoxication: 'Presented intoxicated',
  benzodiazepine_or_alcohol_use: 'Benzodiazepine or alcohol use',
  children_in_home_safe_storage_confirmed: 'Children at home: safe storage confirmed',
  mental_health: 'Mental health',
  diversion_concerns: 'Concerns about diversion',
  work_or_study: 'Work or study',
};

export const weekdayLabels: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/**
 * The prescriber's change form on the staff portal: the parts of the plan a change usually touches. The rest of
 * the plan (medicine, instalment form, injection schedule) is carried over from the current version; the
 * instalment wording is the domain's, never typed.
 */
export const PlanChangeForm = z.strictObject({
  expectedVersion: z.int().positive(),
  doseMg: DoseMg.refine((n) => Math.round(n * 100) === n * 100, 'Give the dose to at most 2 decimal places'),
  phase: z.enum(OstPhase.options, { error: 'Choose the phase' }),
  /** Restart as a new induction: a new course from the day the change takes effect. */
  newCourse: z.boolean(),
  effectiveFrom: CalendarDate,
  reviewOn: CalendarDate,
  supervisionMode: z.enum(SupervisionMode.options, { error: 'Choose how the dose is supervised' }),
  supervisedDays: z.array(Weekday).max(7),
  supervisionReasons: z
    .array(SupervisionReason)
    .min(1, 'Choose at least one reason for the supervision decision')
    .max(supervisionReasons.length),
  pickupDays: z.array(Weekday).min(1, 'Choose at least one collection day').max(7),
  supervisionReviewOn: CalendarDate,
  pharmacyId: z.uuid({ error: 'Choose the dispensing pharmacy' }),
  qtProlonging: z.boolean(),
  toleranceUncertain: z.boolean(),
  /** Notes for the pharmacy: optional; empty clears them. */
  pharmacyNotes: multiLine({ max: 500, tooLong: 'Use no more than 500 characters' }).optional(),
  reason: multiLine({ min: 10, max: 2000, tooShort: 'Say why, in at least a short sentence' }),
});
export type PlanChangeForm = z.infer<typeof PlanChangeForm>;

/** The form's values for the current version (to show before the prescriber changes anything). */
export function planChangeFormValues(plan: PlanDraft & { version: number }) {
  return {
    expectedVersion: String(plan.version),
    doseMg: String(plan.doseMg),
    phase: plan.phase,
    effectiveFrom: plan.effectiveFrom,
    reviewOn: plan.reviewOn,
    supervisionMode: plan.supervision.mode,
    supervisedDays: [...plan.supervision.supervisedDays],
    supervisionReasons: [...plan.supervision.reasons],
    pickupDays: [...(plan.instalments?.pickupDays ?? [])],
    supervisionReviewOn: plan.supervision.reviewOn,
    pharmacyId: plan.pharmacyId ?? '',
    pharmacyNotes: plan.pharmacyNotes ?? '',
  };
}

const inWeekOrder = (days: readonly Weekday[]): Weekday[] => weekdays.filter((d) => days.includes(d));

/**
 * The next version's draft from the current one and the form, on `today`. A change is a prescribing review
 * (its last review is today); the supervision decision is dated today when its mode or days change; the
 * Home Office wording is the domain's recommendation for the new days.
 */
export function draftFromForm(current: PlanDraft, form: PlanChangeForm, today: CalendarDate): PlanDraft {
  const supervisedDays = inWeekOrder(form.supervisedDays);
  const pickupDays = inWeekOrder(form.pickupDays);
  const reasons = supervisionReasons.filter((r) => form.supervisionReasons.includes(r));
  const supervisionChanged =
    form.supervisionMode !== current.supervision.mode ||
    supervisedDays.join() !== current.supervision.supervisedDays.join() ||
    reasons.join() !== current.supervision.reasons.join();
  const draft: PlanDraft = {
    ...current,
    doseMg: form.doseMg,
    phase: form.newCourse ? 'induction' : form.phase,
    courseStartedOn: form.newCourse ? form.effectiveFrom : current.courseStartedOn,
    effectiveFrom: form.effectiveFrom,
    supervision: {
      mode: form.supervisionMode,
      supervisedDays,
      reasons,
      decidedOn: supervisionChanged ? today : current.supervision.decidedOn,
      reviewOn: form.supervisionReviewOn,
    },
    instalments: current.instalments && { ...current.instalments, pickupDays },
    pharmacyId: form.pharmacyId,
    pharmacyNotes: form.pharmacyNotes?.trim() || null,
    lastReviewOn: today,
    reviewOn: form.reviewOn,
    reason: form.reason,
  };
  return draft.instalments === null
    ? draft
    : {
        ...draft,
        instalments: {
          ...draft.instalments,
          // The recommendation reads the supervision only, which the draft has in full.
          wording: recommendedHomeOfficeWording(draft as OstPlan),
        },
      };
}

/** One row's submit on the pharmacy's "Today" page: the button pressed, and what goes with it. */
export const DispensingForm = z.strictObject({
  personId: Id,
  day: CalendarDate,
  outcome: z.enum(dispensingOutcomes, { error: 'Choose what happened' }),
  /** The days the collection covers (the page's own value, from the plan). */
  days: z.int().min(1).max(14).optional(),
  /** What the pharmacist saw, for a dose withheld for intoxication. */
  why: multiLine({ min: 0, max: 500 }).optional(),
});
export type DispensingForm = z.infer<typeof DispensingForm>;

/** The outcome to record from a row's submit. */
export function pharmacyOutcomeFromForm(form: DispensingForm): PharmacyOutcome {
  switch (form.outcome) {
    case 'collected_take_home':
      return { kind: 'collected_take_home', days: form.days ?? 1 };
    case 'withheld_intoxicated':
      return { kind: 'withheld_intoxicated', why: form.why ?? '' };
    default:
      return { kind: form.outcome };
  }
}
