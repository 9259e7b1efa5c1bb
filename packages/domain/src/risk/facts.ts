import { z } from 'zod';
import { eventDetails } from '../events.ts';
import { CalendarDate } from '../ids.ts';
import { OstMedicine } from '../medicines.ts';
import { Sex } from '../person.ts';
import { crossCheckRiskFacts } from './facts-checks.ts';
import { RiskFlag } from './flags.ts';

/**
 * `RiskFacts`: everything the risk model reads about one person, and nothing else. Dates are Europe/London
 * calendar dates (`YYYY-MM-DD`); doses are mg. Facts must be true on the assessment date: nothing may be dated
 * after it (`parseRiskFacts` checks this against `asOf`; `assessRisk` refuses such facts too). Bad facts are
 * errors, never silently ignored: unknown keys, unknown codes, negative doses, impossible dates, a discharge
 * before its admission and the other contradictions in `facts-checks.ts`.
 */

/** Where the person is with treatment. Used in the explanation and the OST mitigation; scoring reads OST. */
export const treatmentStatuses = ['in_treatment', 'referred', 'not_in_treatment'] as const;
export const TreatmentStatus = z.enum(treatmentStatuses);
export type TreatmentStatus = z.infer<typeof TreatmentStatus>;

/** Co-prescribed or illicit medicines the model weighs (BENZODIAZEPINE, GABAPENTINOID, Z_DRUG, ANTIPSYCHOTIC). */
export const riskSubstances = [
  'benzodiazepine',
  'pregabalin',
  'gabapentin',
  'z_drug',
  'antipsychotic',
] as const;
export const RiskSubstance = z.enum(riskSubstances);
export type RiskSubstance = z.infer<typeof RiskSubstance>;
export const riskSubstanceLabels: Readonly<Record<RiskSubstance, string>> = {
  benzodiazepine: 'benzodiazepine',
  pregabalin: 'pregabalin',
  gabapentin: 'gabapentin',
  z_drug: 'Z-drug',
  antipsychotic: 'antipsychotic',
};

/** One current substance: what, whether prescribed, and the total dose in mg/day when known. */
export const SubstanceUse = z.strictObject({
  substance: RiskSubstance,
  source: z.enum(['prescribed', 'illicit']),
  /** Total mg per day; `null` when not known (common for illicit use). Read for pregabalin's > 300 mg/day. */
  dailyDoseMg: z.number().positive().max(10_000).nullable(),
});
export type SubstanceUse = z.infer<typeof SubstanceUse>;

/** Long-term conditions the model weighs (CHRONIC_LUNG_DISEASE, LIVER_DISEASE). */
export const healthConditions = [
  'copd',
  'asthma_needing_treatment',
  'cirrhosis',
  'chronic_hepatitis',
] as const;
export const HealthCondition = z.enum(healthConditions);
export type HealthCondition = z.infer<typeof HealthCondition>;

/** Housing as last recorded. `not_recorded` scores nothing and is shown as a data gap. */
export const housingStatuses = [
  'settled',
  'no_stable_accommodation',
  'rough_sleeping',
  'not_recorded',
] as const;
export const HousingStatus = z.enum(housingStatuses);
export type HousingStatus = z.infer<typeof HousingStatus>;

/** Current OST: medicine, dose (mg/day, or the prolonged-release injection dose) and the day this medicine started. */
export const CurrentOst = z.strictObject({
  medicine: OstMedicine,
  doseMg: z.number().positive().max(2000),
  startedOn: CalendarDate,
});
export type CurrentOst = z.infer<typeof CurrentOst>;

export const HospitalDischargeFact = z.strictObject({
  dischargedOn: CalendarDate,
  /** `null` when the admission date is not known. */
  admittedOn: CalendarDate.nullable(),
  /** Left against medical advice (SELF_DISCHARGE). */
  selfDischarged: z.boolean(),
});
export type HospitalDischargeFact = z.infer<typeof HospitalDischargeFact>;

export const OstExitFact = z
  .strictObject({
    exitedOn: CalendarDate,
    reason: eventDetails.ost_exit.shape.reason,
    /**
     * A transfer whose receiving service continues the prescription with no gap: not an exit while the person
     * is on OST (no OST_EXIT, no override, no NOT_IN_OST). Absent or false: an exit, as before 2026.2.
     */
    continuity: z.boolean().optional(),
  })
  .refine((e) => e.continuity !== true || e.reason === 'transferred', {
    message: 'only a transfer to another service can have continuity',
    path: ['continuity'],
  });
export type OstExitFact = z.infer<typeof OstExitFact>;

export const DetoxCompletionFact = z.strictObject({
  completedOn: CalendarDate,
  setting: eventDetails.detox_completion.shape.setting,
});
export type DetoxCompletionFact = z.infer<typeof DetoxCompletionFact>;

/** A take-home naloxone kit: held from `suppliedOn` to `expiresOn` inclusive unless reported used, lost, etc. */
export const NaloxoneSupplyFact = z.strictObject({
  suppliedOn: CalendarDate,
  expiresOn: CalendarDate,
  /** The day the kit was reported used, lost, expired or confiscated; `null` while none is recorded. */
  reportedOn: CalendarDate.nullable(),
  reportedOutcome: eventDetails.naloxone_report.shape.outcome.nullable(),
});
export type NaloxoneSupplyFact = z.infer<typeof NaloxoneSupplyFact>;

/** Alcohol as last screened. Harmful drinking: AUDIT ≥ 16, or AUDIT-C ≥ 8, or recorded by a clinician. */
export const AlcoholFacts = z.strictObject({
  auditScore: z.int().min(0).max(40).nullable(),
  auditCScore: z.int().min(0).max(12).nullable(),
  clinicianRecordedHarmful: z.boolean(),
});
export type AlcoholFacts = z.infer<typeof AlcoholFacts>;

/** A safety plan: who to call, where they use, what they want to happen in an emergency. */
export const SafetyPlanFacts = z.strictObject({
  recordedOn: CalendarDate,
  whoToCall: z.boolean(),
  whereTheyUse: z.boolean(),
  emergencyWishes: z.boolean(),
});
export type SafetyPlanFacts = z.infer<typeof SafetyPlanFacts>;

/** A local drug alert covering the person's area, active from `issuedOn` to `endsOn` inclusive (`null`: open). */
export const DrugAlertFacts = z.strictObject({
  issuedOn: CalendarDate,
  endsOn: CalendarDate.nullable(),
  summary: z.string().min(1).max(200),
});
export type DrugAlertFacts = z.infer<typeof DrugAlertFacts>;

const dates = z.array(CalendarDate).max(500);

/** The facts' shape without the cross-field checks (the type comes from here). */
export const RiskFactsShape = z.strictObject({
  sex: Sex,
  dateOfBirth: CalendarDate,
  /** Uses opioids other than as prescribed OST (heroin, illicit or diverted opioids), as last recorded. */
  usesOpioids: z.boolean(),
  treatmentStatus: TreatmentStatus,
  /** `null`: not on OST now. */
  currentOst: CurrentOst.nullable(),
  /** Consecutive OST doses missed up to today; 0 once a dose is taken. Must be 0 when not on OST. */
  consecutiveMissedDoses: z.int().min(0).max(366),
  prisonReleases: dates,
  hospitalDischarges: z.array(HospitalDischargeFact).max(500),
  ostExits: z.array(OstExitFact).max(500),
  detoxCompletions: z.array(DetoxCompletionFact).max(500),
  /** One date per overdose; several reports of the same day count as one overdose. */
  nonFatalOverdoses: dates,
  /** Days suicidal thoughts were recorded, or PHQ-9 item 9 was above 0. */
  suicidalityRecordedOn: dates,
  substances: z.array(SubstanceUse).max(20),
  conditions: z.array(HealthCondition).max(healthConditions.length),
  housing: HousingStatus,
  /** The last day the person injected; `null` if never, or not known to have. */
  lastInjectedOn: CalendarDate.nullable(),
  alcohol: AlcoholFacts,
  /** Usually uses alone (self-reported). */
  usesAlone: z.boolean(),
  naloxoneSupplies: z.array(NaloxoneSupplyFact).max(500),
  /** The last attended contact of any kind (face to face, phone, video, outreach, home visit, text). */
  lastContactOn: CalendarDate.nullable(),
  lastCaseReviewOn: CalendarDate.nullable(),
  safetyPlan: SafetyPlanFacts.nullable(),
  /** The last documented review of sedative co-prescriptions with the GP. */
  sedativeReviewedOn: CalendarDate.nullable(),
  lastBbvTestOn: CalendarDate.nullable(),
  lastHealthCheckOn: CalendarDate.nullable(),
  /** An active local drug alert covering the person's area (the caller decides coverage). */
  drugAlert: DrugAlertFacts.nullable(),
  flags: z.array(RiskFlag).max(20),
});
export type RiskFacts = z.infer<typeof RiskFactsShape>;

/** The facts with their cross-field checks. Use `parseRiskFacts` to check dates against the assessment date too. */
export const RiskFacts = RiskFactsShape.superRefine((facts, ctx) => {
  for (const issue of crossCheckRiskFacts(facts)) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});
