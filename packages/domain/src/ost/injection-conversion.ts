import { DoseMg } from './common.ts';
import type { MonthlyInjectionDose, WeeklyInjectionDose } from './injection.ts';
import { combine, finding, type CheckResult } from './outcome.ts';

/**
 * Conversion from a daily sublingual buprenorphine dose (mg) to prolonged-release injection (ost.md; Buvidal
 * SmPC). Each band is inclusive. A dose in a gap between bands (e.g. 7, 11, 17 or 25 mg) takes the band below
 * with a warning: the lower strength cannot overshoot the current dose, and the product allows extra doses if
 * withdrawal follows. Below 2 mg or above 32 mg there is no conversion (refused).
 */
export const conversionBands = [
  { fromMg: 2, toMg: 6, weeklyMg: 8, monthlyMg: null },
  { fromMg: 8, toMg: 10, weeklyMg: 16, monthlyMg: 64 },
  { fromMg: 12, toMg: 16, weeklyMg: 24, monthlyMg: 96 },
  { fromMg: 18, toMg: 24, weeklyMg: 32, monthlyMg: 128 },
  { fromMg: 26, toMg: 32, weeklyMg: null, monthlyMg: 160 },
] as const satisfies readonly {
  fromMg: number;
  toMg: number;
  weeklyMg: WeeklyInjectionDose | null;
  monthlyMg: MonthlyInjectionDose | null;
}[];
export type ConversionBand = (typeof conversionBands)[number];

/** The highest weekly strength, used to bridge 26–32 mg (the table gives only monthly 160 mg). */
const highestWeeklyMg: WeeklyInjectionDose = 32;

/** A suggested injection dose with the findings behind it; null where the table gives none. */
export interface InjectionConversion {
  weeklyMg: WeeklyInjectionDose | null;
  monthlyMg: MonthlyInjectionDose | null;
  result: CheckResult;
}

const DailySublingualMg = DoseMg.max(64);

/**
 * Converts a daily sublingual buprenorphine dose (mg) to the weekly and monthly injection doses from the table.
 * Doses in a gap take the lower band with a warning; 26–32 mg also gets a 32 mg weekly bridge (a warning),
 * because monthly needs at least 4 weeks of weekly injections first.
 */
export function convertSublingualToInjection(dailyMg: number): InjectionConversion {
  const mg = DailySublingualMg.parse(dailyMg);
  const [first, , , , last] = conversionBands;
  if (mg < first.fromMg || mg > last.toMg) {
    return {
      weeklyMg: null,
      monthlyMg: null,
      result: combine(
        finding(
          'OST-PRB-CONVERSION',
          'refused',
          `${mg} mg a day is outside the conversion table (${first.fromMg}–${last.toMg} mg); the prescriber ` +
            'decides the injection dose.',
        ),
      ),
    };
  }
  // The highest band starting at or below the dose: its own band, or the one beneath a gap.
  const lower = conversionBands.reduce<ConversionBand>((acc, b) => (b.fromMg <= mg ? b : acc), first);
  const findings = [
    mg > lower.toMg
      ? finding(
          'OST-PRB-CONVERSION',
          'warning',
          `${mg} mg a day falls between the table's bands; the lower band (${lower.fromMg}–${lower.toMg} mg) ` +
            'is suggested. Record the reason for the dose chosen.',
        )
      : finding(
          'OST-PRB-CONVERSION',
          'ok',
          `${mg} mg a day is in the ${lower.fromMg}–${lower.toMg} mg band.`,
        ),
  ];
  let weeklyMg: WeeklyInjectionDose | null = lower.weeklyMg;
  if (weeklyMg === null) {
    weeklyMg = highestWeeklyMg;
    findings.push(
      finding(
        'OST-PRB-CONVERSION',
        'warning',
        `The table has no weekly dose for ${lower.fromMg}–${lower.toMg} mg; ${highestWeeklyMg} mg weekly ` +
          `bridges the weeks of weekly injections before monthly ${lower.monthlyMg} mg. Record the reason.`,
      ),
    );
  }
  return { weeklyMg, monthlyMg: lower.monthlyMg, result: combine(...findings) };
}
