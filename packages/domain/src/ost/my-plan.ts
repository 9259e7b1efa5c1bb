import { z } from 'zod';
import { addDays } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { formatLongDate } from '../risk/day-number.ts';
import { singleLine } from '../text.ts';
import { injectionIntervalDays } from './injection-schedule.ts';
import { onDays } from './instalment-wording.ts';
import { OstPlan } from './plan.ts';
import { weekdays } from './supervision.ts';
import type { KitOnDate } from '../naloxone/kits.ts';

/**
 * "My plan" in the self-check portal (workflows.md "The self-check portal"): the person's medicine and dose,
 * pharmacy and supervision days, next review, naloxone expiry and upcoming appointments, in plain English for a
 * reading age of about 9: short sentences, "you", everyday words (no "supervised", "instalment" or "OST").
 * Names of pharmacies and places come from the caller.
 */
export const MyPlanInput = z.strictObject({
  plan: OstPlan,
  today: CalendarDate,
  /** How the pharmacy is named to the person, e.g. "Boots, High Street"; null if not known. */
  pharmacyName: singleLine({ min: 1, max: 120 }).nullable(),
  /** The expiry of the naloxone kit they hold, or null if none is on record. */
  naloxoneExpiresOn: CalendarDate.nullable(),
  appointments: z
    .array(
      z.strictObject({
        on: CalendarDate,
        /** 24-hour `HH:MM`, London time; null when only the day is set. */
        time: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 09:30')
          .nullable(),
        /** What it is, in plain words from the caller: "health check", "review with your keyworker". */
        what: singleLine({ min: 1, max: 80 }),
        where: singleLine({ min: 1, max: 120 }).nullable(),
      }),
    )
    .max(50),
});
export type MyPlanInput = z.infer<typeof MyPlanInput>;

export interface MyPlanSection {
  heading: string;
  sentences: string[];
}

/** Naloxone within this many days of running out gets a reminder to ask for a new kit. */
const NALOXONE_SOON_DAYS = 30;
/** At most this many upcoming appointments are listed. */
const MAX_APPOINTMENTS = 5;

const medicineWords = {
  methadone: 'methadone',
  buprenorphine: 'buprenorphine',
  buprenorphine_naloxone: 'buprenorphine with naloxone',
} as const;

const mg = (dose: number): string => `${Math.round(dose * 100) / 100} mg`;

/** A time as the NHS writes it: 9am, 10:30am, 2pm, midday. */
export function plainTime(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  if (m === 0 && h === 12) return 'midday';
  if (m === 0 && h === 0) return 'midnight';
  const hour = h % 12 === 0 ? 12 : h % 12;
  const minutes = m === 0 ? '' : `:${String(m).padStart(2, '0')}`;
  return `${hour}${minutes}${h < 12 ? 'am' : 'pm'}`;
}

function medicine(plan: OstPlan, today: CalendarDate): string[] {
  const lines: string[] = [];
  if (plan.medicine === 'buprenorphine_prolonged_release') {
    const every =
      plan.injection?.interval === 'weekly'
        ? 'every week'
        : `every ${injectionIntervalDays.monthly / 7} weeks`;
    lines.push(`You have a ${mg(plan.doseMg)} buprenorphine injection ${every}.`);
    lines.push('A nurse or doctor gives you the injection.');
    const next = plan.injection?.nextDueOn;
    if (next !== undefined && next >= today) lines.push(`Your next injection is on ${formatLongDate(next)}.`);
  } else {
    lines.push(`You take ${mg(plan.doseMg)} of ${medicineWords[plan.medicine]} every day.`);
  }
  if (plan.phase === 'induction')
    lines.push('Your dose may change in the first weeks, while we find the right dose for you.');
  if (plan.phase === 'reduction')
    lines.push('Your dose is going down slowly. You can ask to pause this at any time.');
  return lines;
}

function whereAndWhen(plan: OstPlan, pharmacy: string): string[] {
  const pickups = plan.instalments?.pickupDays;
  if (pickups === undefined) return [];
  const watched = plan.supervision.supervisedDays;
  const homeCollections = pickups.filter((d) => !watched.includes(d));
  if (watched.length === 0) {
    return [`You collect it from ${pharmacy} ${onDays(pickups)}.`, 'You take it at home.'];
  }
  const lines = [`You take it at ${pharmacy}, in front of the pharmacist ${onDays(watched)}.`];
  if (watched.length < weekdays.length) lines.push('On the other days, you take it at home.');
  if (homeCollections.length > 0) lines.push(`You collect doses to take home ${onDays(homeCollections)}.`);
  return lines;
}

function review(plan: OstPlan, today: CalendarDate): string[] {
  return plan.reviewOn >= today
    ? [`Your next review is on ${formatLongDate(plan.reviewOn)}.`]
    : [`Your review was due on ${formatLongDate(plan.reviewOn)}.`, 'Ask your keyworker to book it.'];
}

function naloxone(expiresOn: CalendarDate | null, today: CalendarDate): string[] {
  if (expiresOn === null) {
    return ['We have no naloxone kit on record for you.', 'Ask your keyworker for one. It can save a life.'];
  }
  if (expiresOn < today) {
    return [
      `Your naloxone kit ran out on ${formatLongDate(expiresOn)}.`,
      'Ask your keyworker for a new one.',
    ];
  }
  const lines = [`Your naloxone kit runs out on ${formatLongDate(expiresOn)}.`];
  if (expiresOn <= addDays(today, NALOXONE_SOON_DAYS)) lines.push('Ask your keyworker for a new one soon.');
  return lines;
}

function appointments(list: MyPlanInput['appointments'], today: CalendarDate): string[] {
  const upcoming = list
    .filter((a) => a.on >= today)
    .sort((a, b) => (a.on + (a.time ?? '')).localeCompare(b.on + (b.time ?? '')))
    .slice(0, MAX_APPOINTMENTS);
  if (upcoming.length === 0) return ['You have no appointments booked.'];
  return upcoming.map((a) => {
    const at = a.time === null ? '' : ` at ${plainTime(a.time)}`;
    const where = a.where === null ? '' : `, at ${a.where}`;
    return `You have a ${a.what} on ${formatLongDate(a.on)}${at}${where}.`;
  });
}

/** The person's plan as short, plain sentences, in sections. */
export function myPlan(input: MyPlanInput): MyPlanSection[] {
  const { plan, today, pharmacyName, naloxoneExpiresOn, appointments: booked } = MyPlanInput.parse(input);
  const sections: MyPlanSection[] = [
    { heading: 'Your medicine', sentences: medicine(plan, today) },
    { heading: 'Where and when', sentences: whereAndWhen(plan, pharmacyName ?? 'your pharmacy') },
    { heading: 'Your next review', sentences: review(plan, today) },
    { heading: 'Naloxone', sentences: naloxone(naloxoneExpiresOn, today) },
    { heading: 'Your appointments', sentences: appointments(booked, today) },
  ];
  return sections.filter((s) => s.sentences.length > 0);
}

/**
 * The naloxone expiry "My plan" shows: of the person's kits on `today` (`kitsOn`), the in-date one that lasts
 * longest; with none in date, the latest that ran out without being reported (so they are told it ran out);
 * null when they hold none (never supplied, or every kit reported used, lost or taken away).
 */
export function naloxoneExpiryForMyPlan(
  kits: readonly Pick<KitOnDate, 'status' | 'expiresOn'>[],
): CalendarDate | null {
  const latest = (statuses: readonly string[]) =>
    kits
      .filter((k) => statuses.includes(k.status))
      .map((k) => k.expiresOn)
      .sort()
      .at(-1) ?? null;
  return latest(['held', 'expiring']) ?? latest(['expired']);
}
