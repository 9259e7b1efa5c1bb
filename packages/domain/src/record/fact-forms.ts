import { z } from 'zod';
import { HealthCondition, HousingStatus, riskSubstances, type RiskSubstance } from '../risk/facts.ts';
import { RiskFlag } from '../risk/flags.ts';
import type { CalendarDate } from '../ids.ts';
import type { FormValues } from './event-forms.ts';
import { DrugRoute, StreetSubstance, type FactKind, type FactPayload } from './facts.ts';

/**
 * The staff portal's form for each kind of current fact (record/facts.ts): flat fields in a member of staff's
 * words, and the mapping to and from the stored details. Like the event forms, the API checks the result again.
 */

const recordedOn = { recordedOn: z.iso.date({ error: 'Enter the date this was found out' }) };
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message });
const list = <T extends z.ZodType<string>>(item: T) =>
  z.array(item, { error: 'Select only from the options shown' });

/** How a sedative or other medicine the model weighs is used: as prescribed, not prescribed, both, or not at all. */
export const medicineUses = ['none', 'prescribed', 'illicit', 'both'] as const;
const medicineUse = z.enum(medicineUses, { error: 'Select one answer' });

/** The parts a safety plan can cover (drd-risk.md "Mitigations"). */
export const safetyPlanParts = ['whoToCall', 'whereTheyUse', 'emergencyWishes'] as const;

interface FactForm<K extends FactKind, S extends z.ZodType> {
  schema: S;
  toFact: (values: z.output<S>) => Extract<FactPayload, { kind: K }>;
  fromFact: (details: Extract<FactPayload, { kind: K }>['details']) => FormValues;
}

function form<K extends FactKind, S extends z.ZodType>(definition: FactForm<K, S>): FactForm<K, S> {
  return definition;
}

const medicineFields = Object.fromEntries(riskSubstances.map((s) => [s, medicineUse])) as Record<
  RiskSubstance,
  typeof medicineUse
>;

export const factForms = {
  drug_use: form({
    schema: z.strictObject({
      ...recordedOn,
      usesOpioids: yesNo('Say whether they use heroin or other opioids that are not prescribed to them'),
      substances: list(StreetSubstance),
      routes: list(DrugRoute),
      usesAlone: yesNo('Say whether they usually use alone'),
    }),
    toFact: (v) => ({
      kind: 'drug_use',
      details: {
        usesOpioids: v.usesOpioids === 'yes',
        substances: v.substances,
        routes: v.routes,
        usesAlone: v.usesAlone === 'yes',
      },
    }),
    fromFact: (d) => ({
      usesOpioids: d.usesOpioids ? 'yes' : 'no',
      substances: [...d.substances],
      routes: [...d.routes],
      usesAlone: d.usesAlone ? 'yes' : 'no',
    }),
  }),
  injecting: form({
    schema: z
      .strictObject({
        ...recordedOn,
        injected: z.enum(['never', 'on'], { error: 'Say whether they have ever injected' }),
        lastInjectedOn: z.iso.date({ error: 'Enter the date they last injected' }).optional(),
      })
      .refine((v) => v.injected !== 'on' || v.lastInjectedOn !== undefined, {
        message: 'Enter the date they last injected',
        path: ['lastInjectedOn'],
        when: () => true,
      }),
    toFact: (v) => ({
      kind: 'injecting',
      details: { lastInjectedOn: v.injected === 'on' ? (v.lastInjectedOn ?? null) : null },
    }),
    fromFact: (d) => ({
      injected: d.lastInjectedOn === null ? 'never' : 'on',
      lastInjectedOn: d.lastInjectedOn ?? '',
    }),
  }),
  co_prescriptions: form({
    schema: z.strictObject({
      ...recordedOn,
      ...medicineFields,
      pregabalinDoseMg: z
        .number({ error: 'Enter the daily dose of pregabalin in mg, using digits' })
        .positive('Enter a dose above 0 mg')
        .max(10_000, 'Enter a dose of 10,000 mg or less')
        .optional(),
      gpReviewedOn: z.iso
        .date({ error: 'Enter a real date for the GP review, or leave it empty' })
        .optional(),
    }),
    toFact: (v) => ({
      kind: 'co_prescriptions',
      details: {
        medicines: riskSubstances.flatMap((substance) => {
          const use = v[substance];
          const dose = substance === 'pregabalin' ? (v.pregabalinDoseMg ?? null) : null;
          const sources = use === 'both' ? (['prescribed', 'illicit'] as const) : use === 'none' ? [] : [use];
          return sources.map((source) => ({
            substance,
            source,
            dailyDoseMg: source === 'prescribed' ? dose : null,
          }));
        }),
        gpReviewedOn: v.gpReviewedOn ?? null,
      },
    }),
    fromFact: (d) => {
      const values: FormValues = { gpReviewedOn: d.gpReviewedOn ?? '', pregabalinDoseMg: '' };
      for (const substance of riskSubstances) {
        const sources = d.medicines.filter((m) => m.substance === substance).map((m) => m.source);
        values[substance] =
          sources.length === 2 ? 'both' : sources.length === 1 ? (sources[0] ?? 'none') : 'none';
      }
      const dose = d.medicines.find(
        (m) => m.substance === 'pregabalin' && m.dailyDoseMg !== null,
      )?.dailyDoseMg;
      if (dose !== undefined && dose !== null) values.pregabalinDoseMg = String(dose);
      return values;
    },
  }),
  conditions: form({
    schema: z.strictObject({ ...recordedOn, conditions: list(HealthCondition) }),
    toFact: (v) => ({ kind: 'conditions', details: { conditions: v.conditions } }),
    fromFact: (d) => ({ conditions: [...d.conditions] }),
  }),
  housing: form({
    schema: z.strictObject({
      ...recordedOn,
      status: z.enum(HousingStatus.exclude(['not_recorded']).enum, { error: 'Select where they live now' }),
    }),
    toFact: (v) => ({ kind: 'housing', details: { status: v.status } }),
    fromFact: (d) => ({ status: d.status }),
  }),
  alcohol: form({
    schema: z
      .strictObject({
        ...recordedOn,
        auditScore: z
          .int({ error: 'Enter the AUDIT score as a whole number' })
          .min(0, 'An AUDIT score is 0 to 40')
          .max(40, 'An AUDIT score is 0 to 40')
          .optional(),
        auditCScore: z
          .int({ error: 'Enter the AUDIT-C score as a whole number' })
          .min(0, 'An AUDIT-C score is 0 to 12')
          .max(12, 'An AUDIT-C score is 0 to 12')
          .optional(),
        clinicianRecordedHarmful: z.boolean(),
      })
      .refine(
        (v) => v.auditScore !== undefined || v.auditCScore !== undefined || v.clinicianRecordedHarmful,
        {
          message: 'Give an AUDIT or AUDIT-C score, or record that their drinking is harmful',
          path: ['auditCScore'],
          when: () => true,
        },
      ),
    toFact: (v) => ({
      kind: 'alcohol',
      details: {
        auditScore: v.auditScore ?? null,
        auditCScore: v.auditCScore ?? null,
        clinicianRecordedHarmful: v.clinicianRecordedHarmful,
      },
    }),
    fromFact: (d) => ({
      auditScore: d.auditScore === null ? '' : String(d.auditScore),
      auditCScore: d.auditCScore === null ? '' : String(d.auditCScore),
      clinicianRecordedHarmful: d.clinicianRecordedHarmful ? 'yes' : '',
    }),
  }),
  safety_plan: form({
    schema: z.strictObject({ ...recordedOn, covers: list(z.enum(safetyPlanParts)) }),
    toFact: (v) => ({
      kind: 'safety_plan',
      details: {
        whoToCall: v.covers.includes('whoToCall'),
        whereTheyUse: v.covers.includes('whereTheyUse'),
        emergencyWishes: v.covers.includes('emergencyWishes'),
      },
    }),
    fromFact: (d) => ({ covers: safetyPlanParts.filter((part) => d[part]) }),
  }),
  flags: form({
    schema: z.strictObject({ ...recordedOn, flags: list(RiskFlag) }),
    toFact: (v) => ({ kind: 'flags', details: { flags: v.flags } }),
    fromFact: (d) => ({ flags: [...d.flags] }),
  }),
} as const satisfies { [K in FactKind]: FactForm<K, z.ZodType> };

/** The fact a form's values describe, with the day it was found out. */
export function factFromForm<K extends FactKind>(
  kind: K,
  values: z.output<(typeof factForms)[K]['schema']>,
): { recordedOn: CalendarDate; fact: FactPayload } {
  const definition = factForms[kind] as unknown as FactForm<K, z.ZodType>;
  const { recordedOn: on } = values as { recordedOn: CalendarDate };
  return { recordedOn: on, fact: definition.toFact(values) };
}

/** A stored fact as the values of its form (to change it). */
export function formFromFact(fact: FactPayload, on: CalendarDate): FormValues {
  const definition = factForms[fact.kind] as unknown as FactForm<typeof fact.kind, z.ZodType>;
  return { recordedOn: on, ...definition.fromFact(fact.details as never) };
}
