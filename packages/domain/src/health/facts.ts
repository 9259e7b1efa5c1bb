import { z } from 'zod';
import { CalendarDate } from '../ids.ts';
import { HealthNeedCode } from './catalogue.ts';

/**
 * What the health-needs rules read about one person: a snapshot of their record. Lists are full histories
 * (every test, dose and check with its date), so the needs can be computed "as of" any date: anything dated
 * after that date is ignored (factsAsOf). Every list defaults to empty, so a caller passes only what it has.
 */
const dates = z.array(CalendarDate).max(500).default([]);
const mg = z.number().min(0).max(2000);
const posNeg = z.enum(['positive', 'negative']);

export const HcvAntibodyTest = z.strictObject({ on: CalendarDate, result: posNeg });
export const HcvRnaTest = z.strictObject({ on: CalendarDate, result: z.enum(['detected', 'not_detected']) });
/**
 * A hepatitis B test. `antiHbs` is `immune` at 10 mIU/mL or more. An unrecorded marker is null. Only anti-HBs
 * (or recorded immunity) counts as immunity: isolated anti-HBc does not (docs/health-needs.md).
 */
export const HbvTest = z.strictObject({
  on: CalendarDate,
  hbsag: posNeg,
  antiHbc: posNeg.nullable().default(null),
  antiHbs: z.enum(['immune', 'not_immune']).nullable().default(null),
});
export const HivTest = z.strictObject({ on: CalendarDate, result: posNeg });

export const HealthFacts = z.strictObject({
  /** Start of the current treatment episode, or first contact for someone not in treatment. */
  entryDate: CalendarDate,
  /** Needed for spirometry (age 35 or over); unknown counts as eligible. */
  dateOfBirth: CalendarDate.nullable().default(null),
  injecting: z
    .strictObject({
      /** Injecting now (self-report or staff record). */
      current: z.boolean().default(false),
      /** The last day the person is known to have injected. */
      lastInjectedOn: CalendarDate.nullable().default(null),
    })
    .default({ current: false, lastInjectedOn: null }),
  /** Smokes anything: tobacco, cannabis, crack or heroin. */
  smokes: z.boolean().default(false),
  /** A cough or breathlessness recorded since this date. */
  respiratorySymptomsSince: CalendarDate.nullable().default(null),
  buprenorphine: z.enum(['none', 'planned', 'current']).default('none'),
  /** Methadone mg a day now, and any planned dose; null when not on methadone. */
  methadone: z
    .strictObject({ currentDoseMg: mg, plannedDoseMg: mg.nullable().default(null) })
    .nullable()
    .default(null),
  /** A co-prescribed medicine that prolongs the QT interval. */
  qtProlongingCoMedication: z.boolean().default(false),
  hcv: z
    .strictObject({
      antibodyTests: z.array(HcvAntibodyTest).max(200).default([]),
      rnaTests: z.array(HcvRnaTest).max(200).default([]),
      /** Possible exposures: a shared needle or equipment, a needle-stick. */
      exposures: dates,
      referrals: dates,
      /** The day hepatitis C treatment ended, if it has. */
      treatmentCompletedOn: CalendarDate.nullable().default(null),
    })
    .prefault({}),
  hbv: z
    .strictObject({
      tests: z.array(HbvTest).max(200).default([]),
      /** Immunity recorded elsewhere (e.g. the GP record). */
      immunityRecordedOn: CalendarDate.nullable().default(null),
      vaccineDoses: dates,
      referrals: dates,
    })
    .prefault({}),
  hiv: z.strictObject({ tests: z.array(HivTest).max(200).default([]), referrals: dates }).prefault({}),
  /** Every date each routine check, test or vaccine was done. */
  done: z
    .strictObject({
      liverFunctionTests: dates,
      respiratoryCheck: dates,
      spirometry: dates,
      fluVaccine: dates,
      pneumococcalVaccine: dates,
      injectingSiteCheck: dates,
      ecg: dates,
      dental: dates,
      nutrition: dates,
      sexualHealth: dates,
      phq9: dates,
      gad7: dates,
      suicideRiskReview: dates,
    })
    .prefault({}),
  /** PHQ-9 question 9 above 0, or a concern about suicide raised by anyone: each needs a same-day review. */
  suicideConcerns: z
    .array(z.strictObject({ on: CalendarDate, source: z.enum(['phq9_item9', 'concern_raised']) }))
    .max(200)
    .default([]),
  declines: z
    .array(z.strictObject({ need: HealthNeedCode, on: CalendarDate, reason: z.string().min(1).max(500) }))
    .max(500)
    .default([]),
  /** Booked appointments (clinic slots) for a need. */
  bookings: z
    .array(z.strictObject({ need: HealthNeedCode, on: CalendarDate }))
    .max(500)
    .default([]),
});
export type HealthFacts = z.infer<typeof HealthFacts>;
export type HealthFactsInput = z.input<typeof HealthFacts>;

interface Dated {
  on: CalendarDate;
}
const upTo = <T extends Dated>(list: readonly T[], asOf: CalendarDate): T[] =>
  list.filter((x) => x.on <= asOf);
const datesUpTo = (list: readonly CalendarDate[], asOf: CalendarDate): CalendarDate[] =>
  list.filter((d) => d <= asOf);
const dateUpTo = (date: CalendarDate | null, asOf: CalendarDate): CalendarDate | null =>
  date !== null && date <= asOf ? date : null;

/**
 * The facts as they stood on `asOf`: every test, dose, check, concern and decline dated after it is dropped,
 * so a need can never be met by something that had not yet happened. Bookings are kept: they are in the future
 * by nature.
 */
export function factsAsOf(facts: HealthFacts, asOf: CalendarDate): HealthFacts {
  const done = Object.fromEntries(
    Object.entries(facts.done).map(([key, list]) => [key, datesUpTo(list, asOf)]),
  ) as HealthFacts['done'];
  return {
    ...facts,
    injecting: { ...facts.injecting, lastInjectedOn: dateUpTo(facts.injecting.lastInjectedOn, asOf) },
    respiratorySymptomsSince: dateUpTo(facts.respiratorySymptomsSince, asOf),
    hcv: {
      antibodyTests: upTo(facts.hcv.antibodyTests, asOf),
      rnaTests: upTo(facts.hcv.rnaTests, asOf),
      exposures: datesUpTo(facts.hcv.exposures, asOf),
      referrals: datesUpTo(facts.hcv.referrals, asOf),
      treatmentCompletedOn: dateUpTo(facts.hcv.treatmentCompletedOn, asOf),
    },
    hbv: {
      tests: upTo(facts.hbv.tests, asOf),
      immunityRecordedOn: dateUpTo(facts.hbv.immunityRecordedOn, asOf),
      vaccineDoses: datesUpTo(facts.hbv.vaccineDoses, asOf),
      referrals: datesUpTo(facts.hbv.referrals, asOf),
    },
    hiv: { tests: upTo(facts.hiv.tests, asOf), referrals: datesUpTo(facts.hiv.referrals, asOf) },
    done,
    suicideConcerns: upTo(facts.suicideConcerns, asOf),
    declines: upTo(facts.declines, asOf),
  };
}
