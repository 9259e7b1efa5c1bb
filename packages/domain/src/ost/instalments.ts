import { z } from 'zod';
import { daysBetween } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { DoseMg } from './common.ts';
import { combine, finding, type CheckResult } from './outcome.ts';

/**
 * Instalment prescriptions (FP10MDA in England, WP10MDA in Wales; ost.md "Instalment prescriptions"). These
 * limits are law and Home Office guidance, not service settings, and a prescriber override cannot make an
 * unlawful prescription lawful: their refusals are not overridable.
 */
export const instalmentLimits = {
  maxDaysPerForm: 14,
  /** The first instalment must be dispensed within 28 days of the issue date (day 28 is the last valid day). */
  maxDaysIssueToFirstInstalment: 28,
} as const;

export const instalmentForms = ['FP10MDA', 'WP10MDA'] as const;
export const InstalmentForm = z.enum(instalmentForms);
export type InstalmentForm = z.infer<typeof InstalmentForm>;

/** The medicines dispensed in instalments (an injection is given by a clinician, never by instalment). */
export const InstalmentMedicine = z.enum(['methadone', 'buprenorphine', 'buprenorphine_naloxone']);
export type InstalmentMedicine = z.infer<typeof InstalmentMedicine>;

/** The standard Home Office wording a prescription can carry. */
export const homeOfficeWordings = [
  'closed_days_dispensed_on_prior_day',
  'missed_collection_does_not_forfeit_rest',
  'consult_prescriber_after_3_missed_days',
  'supervise_on_collection_days',
  'daily_doses_in_separate_containers',
] as const;
export const HomeOfficeWording = z.enum(homeOfficeWordings);
export type HomeOfficeWording = z.infer<typeof HomeOfficeWording>;

export const InstalmentPrescription = z
  .strictObject({
    form: InstalmentForm,
    medicine: InstalmentMedicine,
    issuedOn: CalendarDate,
    /** The day of the first instalment. */
    startsOn: CalendarDate,
    /** The last day the prescription covers (inclusive). */
    endsOn: CalendarDate,
    /** The amount (mg) of each instalment; null when the prescription does not state it. */
    instalmentAmountMg: DoseMg.nullable(),
    /** Days between instalments (1 = daily); null when the prescription does not state it. */
    intervalDays: z.int().min(1).max(14).nullable(),
    wording: z.array(HomeOfficeWording).max(homeOfficeWordings.length),
  })
  .refine((p) => p.startsOn >= p.issuedOn, {
    message: 'the first instalment cannot come before the issue date',
    path: ['startsOn'],
  })
  .refine((p) => p.endsOn >= p.startsOn, {
    message: 'a prescription ends on or after it starts',
    path: ['endsOn'],
  });
export type InstalmentPrescription = z.infer<typeof InstalmentPrescription>;

/** Calendar days a prescription covers, first and last day included. */
export function instalmentDaysCovered(prescription: InstalmentPrescription): number {
  const { startsOn, endsOn } = InstalmentPrescription.parse(prescription);
  return daysBetween(startsOn, endsOn) + 1;
}

/**
 * Checks an instalment prescription: at most 14 days per form, the instalment amount and interval stated, the
 * first instalment within 28 days of issue (each refused, not overridable, otherwise), and a warning when it
 * does not carry "consult the prescriber after 3 or more consecutive missed days".
 */
export function checkInstalmentPrescription(prescription: InstalmentPrescription): CheckResult {
  const p = InstalmentPrescription.parse(prescription);
  const { maxDaysPerForm, maxDaysIssueToFirstInstalment } = instalmentLimits;
  const days = instalmentDaysCovered(p);
  const toFirst = daysBetween(p.issuedOn, p.startsOn);
  const missing = [
    p.instalmentAmountMg === null ? 'the instalment amount' : null,
    p.intervalDays === null ? 'the interval' : null,
  ].filter((m): m is string => m !== null);
  return combine(
    days > maxDaysPerForm
      ? finding(
          'OST-INST-MAX-DAYS',
          'refused',
          `The form covers ${days} days; at most ${maxDaysPerForm} days per form.`,
          { overridable: false },
        )
      : finding('OST-INST-MAX-DAYS', 'ok', `The form covers ${days} days.`),
    missing.length > 0
      ? finding('OST-INST-AMOUNT-INTERVAL', 'refused', `State ${missing.join(' and ')} of the instalments.`, {
          overridable: false,
        })
      : finding('OST-INST-AMOUNT-INTERVAL', 'ok', 'Instalment amount and interval stated.'),
    toFirst > maxDaysIssueToFirstInstalment
      ? finding(
          'OST-INST-FIRST-WITHIN-28',
          'refused',
          `The first instalment is ${toFirst} days after issue; it must be within ${maxDaysIssueToFirstInstalment}.`,
          { overridable: false },
        )
      : finding('OST-INST-FIRST-WITHIN-28', 'ok', `The first instalment is ${toFirst} days after issue.`),
    p.wording.includes('consult_prescriber_after_3_missed_days')
      ? finding('OST-INST-CONSULT-WORDING', 'ok', 'Carries the wording to consult after 3 missed days.')
      : finding(
          'OST-INST-CONSULT-WORDING',
          'warning',
          'Add "consult the prescriber after 3 or more consecutive missed days", or record why not.',
        ),
  );
}
