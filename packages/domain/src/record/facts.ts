import { z } from 'zod';
import { CalendarDate } from '../ids.ts';
import { HealthCondition, HousingStatus, RiskSubstance } from '../risk/facts.ts';
import { RiskFlag } from '../risk/flags.ts';

/**
 * The current facts of a person's record that are not dated events: what they use and how, housing, sedatives
 * and other co-prescriptions, long-term conditions, the last alcohol screen, the safety plan and the risk flags.
 * The risk model reads them (drd-risk.md "Factor catalogue": NOT_IN_OST, BENZODIAZEPINE … HOMELESS; mitigations:
 * the safety plan and the sedative review). Each kind is one versioned record per person: a change is a new
 * version with a reason, never an overwrite (packages/db `person_fact` and `person_fact_version`).
 *
 * `recordedOn` on every fact is the day it was found to be true (the screen, the conversation): facts must not be
 * dated after today, like events.
 */

/** Street drugs and routes, as staff record them (shown in the record; the model reads `usesOpioids`). */
export const streetSubstances = [
  'heroin',
  'other_opioids',
  'crack_cocaine',
  'powder_cocaine',
  'amphetamine',
  'cannabis',
  'ketamine',
  'synthetic_cannabinoids',
  'other',
] as const;
export const StreetSubstance = z.enum(streetSubstances);
export type StreetSubstance = z.infer<typeof StreetSubstance>;
export const streetSubstanceLabels: Readonly<Record<StreetSubstance, string>> = {
  heroin: 'Heroin',
  other_opioids: 'Other opioids not as prescribed',
  crack_cocaine: 'Crack cocaine',
  powder_cocaine: 'Powder cocaine',
  amphetamine: 'Amphetamine',
  cannabis: 'Cannabis',
  ketamine: 'Ketamine',
  synthetic_cannabinoids: 'Synthetic cannabinoids (for example spice)',
  other: 'Something else',
};

export const drugRoutes = ['injecting', 'smoking', 'oral', 'snorting'] as const;
export const DrugRoute = z.enum(drugRoutes);
export type DrugRoute = z.infer<typeof DrugRoute>;
export const drugRouteLabels: Readonly<Record<DrugRoute, string>> = {
  injecting: 'Injecting',
  smoking: 'Smoking',
  oral: 'Swallowing',
  snorting: 'Snorting',
};

const unique = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'Each choice can be made once');

/** The kinds of current fact, each with its details schema. */
export const factDetails = {
  /** What the person uses and how (NOT_IN_OST reads `usesOpioids`; USING_ALONE reads `usesAlone`). */
  drug_use: z.strictObject({
    /** Heroin or other opioids not as prescribed OST, as last recorded. */
    usesOpioids: z.boolean(),
    substances: unique(StreetSubstance, streetSubstances.length),
    routes: unique(DrugRoute, drugRoutes.length),
    /** Usually uses alone (self-reported). */
    usesAlone: z.boolean(),
  }),
  /** The last day the person injected, or null if they never have (INJECTING: the last 28 days). */
  injecting: z.strictObject({ lastInjectedOn: CalendarDate.nullable() }),
  /**
   * Sedatives and other medicines the model weighs, prescribed or not (BENZODIAZEPINE, GABAPENTINOID, Z_DRUG,
   * ANTIPSYCHOTIC), and the last documented review of sedative co-prescribing with the GP (a mitigation).
   */
  co_prescriptions: z.strictObject({
    medicines: z
      .array(
        z.strictObject({
          substance: RiskSubstance,
          source: z.enum(['prescribed', 'illicit']),
          /** Total mg a day, when known (pregabalin above 300 mg/day adds points). */
          dailyDoseMg: z.number().positive().max(10_000).nullable(),
        }),
      )
      .max(10)
      .refine(
        (list) => new Set(list.map((m) => `${m.substance}/${m.source}`)).size === list.length,
        'Each medicine can be listed once as prescribed and once as not prescribed',
      ),
    gpReviewedOn: CalendarDate.nullable(),
  }),
  /** Long-term conditions (CHRONIC_LUNG_DISEASE, LIVER_DISEASE). */
  conditions: z.strictObject({ conditions: unique(HealthCondition, 4) }),
  /** Housing as last recorded (HOMELESS: rough sleeping or no stable accommodation). */
  housing: z.strictObject({ status: HousingStatus.exclude(['not_recorded']) }),
  /** The last alcohol screen (ALCOHOL: AUDIT ≥ 16, AUDIT-C ≥ 8, or a clinician's finding of harmful drinking). */
  alcohol: z
    .strictObject({
      auditScore: z.int().min(0).max(40).nullable(),
      auditCScore: z.int().min(0).max(12).nullable(),
      clinicianRecordedHarmful: z.boolean(),
    })
    .refine(
      (a) => a.auditScore !== null || a.auditCScore !== null || a.clinicianRecordedHarmful,
      'Give an AUDIT or AUDIT-C score, or record that drinking is harmful',
    ),
  /** The safety plan's parts (a mitigation: who to call, where they use, what they want in an emergency). */
  safety_plan: z.strictObject({
    whoToCall: z.boolean(),
    whereTheyUse: z.boolean(),
    emergencyWishes: z.boolean(),
  }),
  /** Flags shown beside the score and never scored (drd-risk.md "Flags with no points"). */
  flags: z.strictObject({ flags: unique(RiskFlag, 4) }),
} as const;

export const factKinds = Object.keys(factDetails) as (keyof typeof factDetails)[];
export const FactKind = z.enum(factKinds as [keyof typeof factDetails, ...(keyof typeof factDetails)[]]);
export type FactKind = z.infer<typeof FactKind>;
export type FactDetails<K extends FactKind> = z.infer<(typeof factDetails)[K]>;

export const factKindLabels: Readonly<Record<FactKind, string>> = {
  drug_use: 'Drug use',
  injecting: 'Injecting',
  co_prescriptions: 'Sedatives and co-prescriptions',
  conditions: 'Long-term conditions',
  housing: 'Housing',
  alcohol: 'Alcohol screen',
  safety_plan: 'Safety plan',
  flags: 'Flags',
};

/** The type-specific part of a fact: `{ kind, details }`, discriminated on `kind`. */
export const FactPayload = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('drug_use'), details: factDetails.drug_use }),
  z.strictObject({ kind: z.literal('injecting'), details: factDetails.injecting }),
  z.strictObject({ kind: z.literal('co_prescriptions'), details: factDetails.co_prescriptions }),
  z.strictObject({ kind: z.literal('conditions'), details: factDetails.conditions }),
  z.strictObject({ kind: z.literal('housing'), details: factDetails.housing }),
  z.strictObject({ kind: z.literal('alcohol'), details: factDetails.alcohol }),
  z.strictObject({ kind: z.literal('safety_plan'), details: factDetails.safety_plan }),
  z.strictObject({ kind: z.literal('flags'), details: factDetails.flags }),
]);
export type FactPayload = z.infer<typeof FactPayload>;

/** A stored current fact (the latest version). */
export type StoredFact = FactPayload & { id: string; recordedOn: CalendarDate; version: number };

/** A fact as the risk model's state builder needs it. */
export type RecordedFact = FactPayload & { recordedOn: CalendarDate };
