import { addDays, daysBetween } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { CalendarDate } from '../ids.ts';
import type { HomeOfficeWording, InstalmentMedicine, InstalmentPrescription } from './instalments.ts';
import { numberInWords } from './number-words.ts';
import { daysCoveredFrom, inWeekOrder, longestInterval, weekdayOf } from './pickups.ts';
import { OstPlan } from './plan.ts';
import type { Weekday } from './supervision.ts';

/**
 * The instalment directions printed on a form, produced from the plan and never typed (issue 10): the
 * medicine and daily dose, each instalment's day, days and amount, the supervised days, the Home Office
 * wording the plan carries (ost.md "Instalment prescriptions"), and the total in words and figures. The
 * sentences follow ost.md's list of the standard wording; the clinical safety officer should check them
 * against the Home Office's current approved text before they are printed.
 */
export const homeOfficeWordingText: Record<HomeOfficeWording, string> = {
  closed_days_dispensed_on_prior_day:
    'Instalments due on days when the pharmacy is closed should be dispensed on the day before.',
  missed_collection_does_not_forfeit_rest:
    'If a collection is missed, still dispense the rest of that instalment.',
  consult_prescriber_after_3_missed_days: 'Consult the prescriber after 3 or more consecutive missed days.',
  supervise_on_collection_days: 'Supervised consumption of the daily dose on collection days.',
  daily_doses_in_separate_containers: 'Dispense daily doses in separate containers.',
};

const medicineText: Record<InstalmentMedicine, string> = {
  methadone: 'Methadone 1 mg/ml oral solution',
  buprenorphine: 'Buprenorphine sublingual',
  buprenorphine_naloxone: 'Buprenorphine with naloxone sublingual',
};

const dayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** Weekday names in week order, joined as people write them: "Monday, Wednesday and Friday". */
export function dayList(days: readonly Weekday[]): string {
  const names = inWeekOrder(days).map((d) => dayNames[d]);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${String(names.at(-1))}`;
}

/** "every day", or "on Monday and Thursday". */
export function onDays(days: readonly Weekday[]): string {
  return new Set(days).size === 7 ? 'every day' : `on ${dayList(days)}`;
}

/** The Home Office wording a plan should carry: all of it, less what does not apply. */
export function recommendedHomeOfficeWording(plan: OstPlan): HomeOfficeWording[] {
  const supervised = plan.supervision.supervisedDays.length > 0;
  const takeHome = plan.supervision.supervisedDays.length < 7;
  return [
    'closed_days_dispensed_on_prior_day',
    'missed_collection_does_not_forfeit_rest',
    'consult_prescriber_after_3_missed_days',
    ...(supervised ? (['supervise_on_collection_days'] as const) : []),
    ...(takeHome ? (['daily_doses_in_separate_containers'] as const) : []),
  ];
}

/** One instalment: the day it is collected, the days it covers and its amount (mg). */
export interface Instalment {
  on: CalendarDate;
  days: number;
  amountMg: number;
  /** The first day's dose is taken in front of the pharmacist. */
  supervised: boolean;
}

export interface InstalmentDirections {
  medicine: InstalmentMedicine;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  instalments: Instalment[];
  totalMg: number;
  /** The lines to print, in order. */
  lines: string[];
  /** The form as instalments.ts checks it (the amount is the daily dose; the interval the longest gap). */
  prescription: InstalmentPrescription;
}

const mg = (value: number): string => `${Math.round(value * 100) / 100} mg`;

/**
 * The directions for the form that starts on `startsOn` (the issue date) and covers the plan's days per form.
 * The first instalment is collected on `startsOn`; each later one on a collection day. Throws INVALID_INPUT
 * for an injection plan (an injection is never dispensed by instalment).
 */
export function instalmentDirections(plan: OstPlan, startsOn: CalendarDate): InstalmentDirections {
  const p = OstPlan.parse(plan);
  const from = CalendarDate.parse(startsOn);
  const instalments = p.instalments;
  if (instalments === null || p.medicine === 'buprenorphine_prolonged_release') {
    throw new DomainError(
      'INVALID_INPUT',
      'an injection is given by a clinician, never dispensed by instalment',
    );
  }
  const endsOn = addDays(from, instalments.daysPerForm - 1);
  const list: Instalment[] = [];
  for (let day = from; day <= endsOn;) {
    const days = Math.min(daysCoveredFrom(instalments.pickupDays, day), daysBetween(day, endsOn) + 1);
    const supervised = p.supervision.supervisedDays.includes(weekdayOf(day));
    list.push({ on: day, days, amountMg: p.doseMg * days, supervised });
    day = addDays(day, days);
  }
  const totalMg = p.doseMg * instalments.daysPerForm;
  const unit = p.medicine === 'methadone' ? ` (${Math.round(p.doseMg * 100) / 100} ml)` : '';
  const supervisedDays = p.supervision.supervisedDays;
  const lines = [
    `${medicineText[p.medicine]}: ${mg(p.doseMg)}${unit} once a day.`,
    `Dispense in instalments from ${from} to ${endsOn}, collected ${onDays(instalments.pickupDays)}.`,
    ...list.map(
      (i) =>
        `${i.on} (${dayNames[weekdayOf(i.on)]}): ${i.days} ${i.days === 1 ? 'day' : 'days'}, ${mg(i.amountMg)}` +
        `${i.supervised ? ', first dose supervised' : ''}.`,
    ),
    supervisedDays.length === 0
      ? 'All doses are take-home.'
      : `Supervised consumption ${onDays(supervisedDays)}.`,
    ...instalments.wording.map((w) => homeOfficeWordingText[w]),
    `Total: ${mg(totalMg)} (${numberInWords(totalMg)} milligrams) for ${instalments.daysPerForm} days.`,
  ];
  const prescription: InstalmentPrescription = {
    form: instalments.form,
    medicine: p.medicine,
    issuedOn: from,
    startsOn: from,
    endsOn,
    instalmentAmountMg: p.doseMg,
    intervalDays: longestInterval(instalments.pickupDays),
    wording: instalments.wording,
  };
  return { medicine: p.medicine, startsOn: from, endsOn, instalments: list, totalMg, lines, prescription };
}
