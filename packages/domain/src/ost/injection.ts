import { z } from 'zod';
import { daysBetween } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { DoseMg } from './common.ts';
import { combine, finding, type CheckResult, type Finding } from './outcome.ts';

/**
 * Prolonged-release buprenorphine injection (e.g. Buvidal): strengths, the switch from weekly to monthly, the
 * first week for new starters and the conversion from daily sublingual doses (ost.md; Buvidal SmPC).
 */
export const injectionIntervals = ['weekly', 'monthly'] as const;
export const InjectionInterval = z.enum(injectionIntervals);
export type InjectionInterval = z.infer<typeof InjectionInterval>;

export const weeklyInjectionDoses = [8, 16, 24, 32] as const;
export const monthlyInjectionDoses = [64, 96, 128, 160] as const;
export type WeeklyInjectionDose = (typeof weeklyInjectionDoses)[number];
export type MonthlyInjectionDose = (typeof monthlyInjectionDoses)[number];

/** Weekly injections needed before a monthly one (each weekly injection covers a week). */
export const weeklyInjectionsBeforeMonthly = 4;

const validDoses: Record<InjectionInterval, readonly number[]> = {
  weekly: weeklyInjectionDoses,
  monthly: monthlyInjectionDoses,
};

export const InjectionDoseInput = z.strictObject({
  interval: InjectionInterval,
  doseMg: DoseMg,
  /** Weekly injections given in the current course, before this one. */
  weeklyInjectionsGiven: z.int().min(0).max(10_000),
});
export type InjectionDoseInput = z.infer<typeof InjectionDoseInput>;

/**
 * Checks an injection dose: a strength the product comes in (refused, not overridable, otherwise: no such
 * product exists), and a monthly dose only after at least 4 weekly injections (refused otherwise).
 */
export function checkInjectionDose(input: InjectionDoseInput): CheckResult {
  const { interval, doseMg, weeklyInjectionsGiven } = InjectionDoseInput.parse(input);
  const valid = validDoses[interval];
  const strength = valid.includes(doseMg)
    ? finding('OST-PRB-DOSE-STRENGTH', 'ok', `${doseMg} mg ${interval} is a product strength.`)
    : finding(
        'OST-PRB-DOSE-STRENGTH',
        'refused',
        `${doseMg} mg is not a ${interval} strength; ${interval} doses are ${valid.join(', ')} mg.`,
        { overridable: false },
      );
  let switchFinding: Finding;
  if (interval === 'weekly') {
    switchFinding = finding('OST-PRB-WEEKLY-BEFORE-MONTHLY', 'ok', 'A weekly injection.');
  } else if (weeklyInjectionsGiven < weeklyInjectionsBeforeMonthly) {
    switchFinding = finding(
      'OST-PRB-WEEKLY-BEFORE-MONTHLY',
      'refused',
      `Only ${weeklyInjectionsGiven} weekly injections given; monthly needs at least ` +
        `${weeklyInjectionsBeforeMonthly} weeks of weekly injections first.`,
    );
  } else {
    switchFinding = finding(
      'OST-PRB-WEEKLY-BEFORE-MONTHLY',
      'ok',
      `${weeklyInjectionsGiven} weekly injections given before monthly.`,
    );
  }
  return combine(strength, switchFinding);
}

/** New starters: a 4 mg sublingual test dose, then week one 16 mg plus up to two 8 mg doses a day or more apart. */
export const injectionWeekOne = {
  testDoseMg: 4,
  firstDoseMg: 16,
  extraDoseMg: 8,
  maxExtraDoses: 2,
  minDaysBetweenDoses: 1,
  /** Week one is days 0–6 from the first injection. */
  weekDays: 7,
} as const;

const InjectionGiven = z.strictObject({ on: CalendarDate, doseMg: DoseMg });

export const InjectionWeekOneInput = z
  .strictObject({
    /** New starters are not already established on sublingual buprenorphine (who convert by the table). */
    newStarter: z.boolean(),
    testDoseGiven: z.boolean(),
    /** Injections already given in week one, oldest first. */
    given: z.array(InjectionGiven).max(10),
    proposed: InjectionGiven,
  })
  .refine((i) => i.given.every((g, n) => g.on <= (i.given[n + 1]?.on ?? i.proposed.on)), {
    message: 'injections must be in date order, before the proposed one',
    path: ['given'],
  });
export type InjectionWeekOneInput = z.infer<typeof InjectionWeekOneInput>;

function weekOneDoseFinding(input: InjectionWeekOneInput): Finding {
  const { given, proposed } = input;
  const { firstDoseMg, extraDoseMg, maxExtraDoses, minDaysBetweenDoses, weekDays } = injectionWeekOne;
  const first = given[0];
  const last = given[given.length - 1];
  if (first === undefined || last === undefined) {
    return proposed.doseMg === firstDoseMg
      ? finding('OST-PRB-WEEK-ONE', 'ok', `First injection ${firstDoseMg} mg.`)
      : finding(
          'OST-PRB-WEEK-ONE',
          'refused',
          `The first injection for a new starter is ${firstDoseMg} mg, not ${proposed.doseMg} mg.`,
        );
  }
  const problems: string[] = [];
  if (proposed.doseMg !== extraDoseMg) problems.push(`an extra dose in week one is ${extraDoseMg} mg`);
  if (given.length > maxExtraDoses) problems.push(`at most ${maxExtraDoses} extra doses in week one`);
  if (daysBetween(last.on, proposed.on) < minDaysBetweenDoses)
    problems.push('doses must be a day or more apart');
  if (daysBetween(first.on, proposed.on) >= weekDays)
    problems.push('week one has ended: give the weekly dose');
  return problems.length > 0
    ? finding('OST-PRB-WEEK-ONE', 'refused', `Not allowed: ${problems.join('; ')}.`)
    : finding('OST-PRB-WEEK-ONE', 'ok', `Extra ${extraDoseMg} mg dose ${given.length} of ${maxExtraDoses}.`);
}

/**
 * Checks an injection in week one for a new starter: the 4 mg sublingual test dose first, then 16 mg, then up to
 * two 8 mg doses at least a day apart within the week. People already on sublingual buprenorphine convert by
 * the table instead, so the week-one rules report `ok` for them.
 */
export function checkInjectionWeekOne(input: InjectionWeekOneInput): CheckResult {
  const parsed = InjectionWeekOneInput.parse(input);
  if (!parsed.newStarter) {
    return combine(
      finding('OST-PRB-TEST-DOSE', 'ok', 'Already on sublingual buprenorphine: no test dose needed.'),
      finding('OST-PRB-WEEK-ONE', 'ok', 'Not a new starter: dose by the conversion table.'),
    );
  }
  const testDose = parsed.testDoseGiven
    ? finding('OST-PRB-TEST-DOSE', 'ok', `${injectionWeekOne.testDoseMg} mg sublingual test dose given.`)
    : finding(
        'OST-PRB-TEST-DOSE',
        'refused',
        `Give a ${injectionWeekOne.testDoseMg} mg sublingual test dose before the first injection.`,
      );
  return combine(testDose, weekOneDoseFinding(parsed));
}
