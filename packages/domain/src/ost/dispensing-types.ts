import { z } from 'zod';
import { CalendarDate } from '../ids.ts';
import { DoseMg, OstPhase } from './common.ts';

/**
 * The pharmacy dispensing loop for daily OST (ost.md "Dispensing and missed doses"): its state and the events
 * a pharmacy or prescriber records. Prolonged-release injections are not dispensed daily; their due and
 * overdue alerts come from the due window (injection-schedule.ts).
 */
export const DailyOstMedicine = z.enum(['methadone', 'buprenorphine', 'buprenorphine_naloxone']);
export type DailyOstMedicine = z.infer<typeof DailyOstMedicine>;

/** Consecutive days without a dose that block dispensing until a prescriber reviews (tolerance may be lost). */
export const blockAfterConsecutiveMissedDays = 3;
/** Days after a dose increase (the increase day is day 0) in which one missed pick-up alerts. */
export const alertDaysAfterIncrease = 7;

export const DispensingState = z.strictObject({
  medicine: DailyOstMedicine,
  phase: OstPhase,
  /** Current daily dose (mg). */
  doseMg: DoseMg,
  /** The first day whose dose is not yet accounted for (taken, collected, missed or withheld). */
  nextDoseOn: CalendarDate,
  /** The date of the latest event applied: events are applied in date order. */
  lastEventOn: CalendarDate.nullable(),
  lastDoseIncreaseOn: CalendarDate.nullable(),
  /** Consecutive days without a dose (missed or withheld), counted up to the last accounted day. */
  daysWithoutDose: z.int().min(0),
  /** Dispensing blocked after 3 or more consecutive days without a dose, until a prescriber reviews. */
  blocked: z.boolean(),
  /** The MISSED_DOSES risk fact is current (until the next dose is taken). */
  missedDosesFact: z.boolean(),
  /** A re-engagement task is open for the current run of missed days. */
  reengagementOpen: z.boolean(),
});
export type DispensingState = z.infer<typeof DispensingState>;

const on = CalendarDate;

/** Events recorded against the loop. Dose events account for a day; the others change the plan. */
export const DispensingEvent = z.discriminatedUnion('type', [
  /** Taken in front of the pharmacist on `on`, with `takeHomeDays` further days' doses handed over (default 0). */
  z.strictObject({
    type: z.literal('supervised_consumed'),
    on,
    takeHomeDays: z.int().min(0).max(13).optional(),
  }),
  /** Take-home doses collected on `on` for `days` days, from `on`. */
  z.strictObject({ type: z.literal('collected_take_home'), on, days: z.int().min(1).max(14) }),
  z.strictObject({ type: z.literal('missed'), on }),
  z.strictObject({ type: z.literal('withheld_intoxicated'), on }),
  /** The person presented while dispensing was blocked, and the dose was withheld. */
  z.strictObject({ type: z.literal('withheld_blocked'), on }),
  /** A prescriber reviewed: unblocks, with the dose to give next and whether it restarts as a new induction. */
  z.strictObject({ type: z.literal('prescriber_review'), on, doseMg: DoseMg, newInduction: z.boolean() }),
  z.strictObject({ type: z.literal('dose_increase'), on, toMg: DoseMg }),
  z.strictObject({ type: z.literal('dose_decrease'), on, toMg: DoseMg }),
  z.strictObject({ type: z.literal('phase_change'), on, phase: OstPhase }),
]);
export type DispensingEvent = z.infer<typeof DispensingEvent>;

export const doseEventTypes = [
  'supervised_consumed',
  'collected_take_home',
  'missed',
  'withheld_intoxicated',
  'withheld_blocked',
] as const;
export type DoseEventType = (typeof doseEventTypes)[number];

export const StartDispensingInput = z.strictObject({
  medicine: DailyOstMedicine,
  phase: OstPhase,
  doseMg: DoseMg,
  firstDoseOn: CalendarDate,
  lastDoseIncreaseOn: CalendarDate.nullable(),
});
export type StartDispensingInput = z.infer<typeof StartDispensingInput>;

/** The loop's state before the first dose of a prescription is due. */
export function startDispensing(input: StartDispensingInput): DispensingState {
  const { medicine, phase, doseMg, firstDoseOn, lastDoseIncreaseOn } = StartDispensingInput.parse(input);
  return {
    medicine,
    phase,
    doseMg,
    nextDoseOn: firstDoseOn,
    lastEventOn: null,
    lastDoseIncreaseOn,
    daysWithoutDose: 0,
    blocked: false,
    missedDosesFact: false,
    reengagementOpen: false,
  };
}
