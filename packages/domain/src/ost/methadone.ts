import { z } from 'zod';
import { addDays, daysBetween } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { CoMedication, DoseMg, OstPhase, coPrescriptionFindings, ecgFinding } from './common.ts';
import { methadoneLimits } from './methadone-limits.ts';
import { DoseHistoryEntry, increasesSince, previousDayDose } from './dose-history.ts';
import { postInductionIncreaseFinding } from './methadone-increase.ts';
import { combine, finding, type CheckResult, type Finding } from './outcome.ts';
import { OstSettings, defaultOstSettings } from './settings.ts';

/**
 * Methadone dose rules (ost.md "Medicines" and "Dose changes"; Orange Book 2017). The limits are in
 * methadone-limits.ts. Doses are mg/day of oral solution.
 */

export const MethadoneStartInput = z.strictObject({
  doseMg: DoseMg,
  /** Also using sedatives (prescribed or not) or alcohol. */
  usesSedativesOrAlcohol: z.boolean(),
  toleranceUncertain: z.boolean(),
  coMedication: CoMedication,
});
export type MethadoneStartInput = z.infer<typeof MethadoneStartInput>;

/**
 * Checks a methadone start dose: 10–30 mg, at most 20 mg with sedatives, alcohol or uncertain tolerance (a
 * co-prescribed sedative counts as sedative use), plus the ECG and co-prescription rules that apply to any dose.
 */
export function checkMethadoneStart(
  input: MethadoneStartInput,
  settings: OstSettings = defaultOstSettings,
): CheckResult {
  const { doseMg, usesSedativesOrAlcohol, toleranceUncertain, coMedication } =
    MethadoneStartInput.parse(input);
  const { ecgAboveMethadoneMg } = OstSettings.parse(settings);
  const { startMinMg, startMaxMg, cautiousStartMaxMg } = methadoneLimits;

  const range =
    doseMg < startMinMg || doseMg > startMaxMg
      ? finding(
          'OST-METH-START-RANGE',
          'refused',
          `A methadone start of ${doseMg} mg is outside ${startMinMg}–${startMaxMg} mg.`,
        )
      : finding(
          'OST-METH-START-RANGE',
          'ok',
          `Start dose ${doseMg} mg is within ${startMinMg}–${startMaxMg} mg.`,
        );

  const cautious = usesSedativesOrAlcohol || toleranceUncertain || coMedication.sedatives.length > 0;
  let sedatives: Finding;
  if (!cautious) {
    sedatives = finding(
      'OST-METH-START-SEDATIVES',
      'ok',
      'No sedatives, alcohol or uncertain tolerance recorded.',
    );
  } else if (doseMg > cautiousStartMaxMg) {
    sedatives = finding(
      'OST-METH-START-SEDATIVES',
      'refused',
      `With sedatives, alcohol or uncertain tolerance the start dose is at most ${cautiousStartMaxMg} mg; ` +
        `${doseMg} mg was proposed.`,
    );
  } else {
    sedatives = finding(
      'OST-METH-START-SEDATIVES',
      'ok',
      `Start dose ${doseMg} mg is within the cautious limit of ${cautiousStartMaxMg} mg.`,
    );
  }

  return combine(
    range,
    sedatives,
    ecgFinding(doseMg, coMedication.qtProlonging, ecgAboveMethadoneMg),
    ...coPrescriptionFindings(coMedication),
  );
}

export const MethadoneDoseChangeInput = z
  .strictObject({
    /** The date of the first dose of the current induction (day 0). */
    inductionStartedOn: CalendarDate,
    /** Every dose since (at least) the induction start, oldest first; the last entry is the current dose. */
    history: z.array(DoseHistoryEntry).min(1).max(1000),
    proposed: DoseHistoryEntry,
    phase: OstPhase,
    coMedication: CoMedication,
  })
  .refine(
    (i) =>
      i.history.map((e) => e.on).join() ===
      i.history
        .map((e) => e.on)
        .sort()
        .join(),
    {
      message: 'the dose history must be in date order',
      path: ['history'],
    },
  )
  .refine((i) => i.history.every((e) => e.on <= i.proposed.on), {
    message: 'a proposed change cannot be dated before a recorded one',
    path: ['proposed', 'on'],
  })
  .refine((i) => i.inductionStartedOn <= i.proposed.on, {
    message: 'a proposed change cannot be dated before the induction started',
    path: ['proposed', 'on'],
  });
export type MethadoneDoseChangeInput = z.infer<typeof MethadoneDoseChangeInput>;

function titrationFindings(input: MethadoneDoseChangeInput): Finding[] {
  const { inductionStartedOn, history, proposed, coMedication } = input;
  const { inductionLastDay, maxSingleIncreaseMg, windowDays, maxIncreasesPerWindowMg } = methadoneLimits;
  const day = daysBetween(inductionStartedOn, proposed.on);

  let single: Finding;
  if (day > inductionLastDay) {
    single = finding('OST-METH-TITRATION-STEP', 'ok', `Day ${day} of treatment: past the first two weeks.`);
  } else if (day === 0) {
    // On the first day the whole day's dose is the start dose: the start limits apply to any change that day.
    const ceiling =
      coMedication.sedatives.length > 0 ? methadoneLimits.cautiousStartMaxMg : methadoneLimits.startMaxMg;
    single =
      proposed.doseMg > ceiling
        ? finding(
            'OST-METH-TITRATION-STEP',
            'refused',
            `On the first day of induction the dose is the start dose, at most ${ceiling} mg` +
              `${ceiling === methadoneLimits.cautiousStartMaxMg ? ' with sedatives' : ''}; ${proposed.doseMg} mg was proposed.`,
          )
        : finding(
            'OST-METH-TITRATION-STEP',
            'ok',
            `${proposed.doseMg} mg on the first day is within the start limit of ${ceiling} mg.`,
          );
  } else {
    const base = previousDayDose(history, proposed.on);
    const step = proposed.doseMg - base.doseMg;
    single =
      step > maxSingleIncreaseMg
        ? finding(
            'OST-METH-TITRATION-STEP',
            'refused',
            `An increase of ${step} mg on day ${day} of induction (from ${base.doseMg} mg, the dose in force ` +
              `before that day) is more than ${maxSingleIncreaseMg} mg.`,
          )
        : finding('OST-METH-TITRATION-STEP', 'ok', `Change of ${step} mg on day ${day} of induction.`);
  }

  // A 7-day window ending on the proposed date still contains induction days until day 14 + 6: methadone
  // accumulates over several days, so increases late in induction still count against the weekly limit.
  if (day > inductionLastDay + windowDays - 1) {
    return [
      single,
      finding('OST-METH-TITRATION-WEEK', 'ok', `Day ${day}: no 7-day window reaches induction.`),
    ];
  }
  const from = addDays(proposed.on, -(windowDays - 1));
  const total = increasesSince(inductionStartedOn, [...history, proposed])
    .filter((inc) => inc.on >= from)
    .reduce((sum, inc) => sum + inc.mg, 0);
  const week =
    total > maxIncreasesPerWindowMg
      ? finding(
          'OST-METH-TITRATION-WEEK',
          'refused',
          `Increases from ${from} to ${proposed.on} would total ${total} mg, more than ` +
            `${maxIncreasesPerWindowMg} mg in ${windowDays} days.`,
        )
      : finding(
          'OST-METH-TITRATION-WEEK',
          'ok',
          `Increases from ${from} to ${proposed.on} total ${total} mg (at most ${maxIncreasesPerWindowMg} mg).`,
        );
  return [single, week];
}

/** The usual maintenance range: above it always warns; below it warns only once in the maintenance phase. */
function maintenanceFinding(doseMg: number, phase: OstPhase): Finding {
  const { maintenanceMinMg: min, maintenanceMaxMg: max } = methadoneLimits;
  if (doseMg > max) {
    return finding(
      'OST-METH-MAINTENANCE-RANGE',
      'warning',
      `${doseMg} mg is above the usual maintenance range of ${min}–${max} mg; record the reason.`,
    );
  }
  if (doseMg < min && phase === 'maintenance') {
    return finding(
      'OST-METH-MAINTENANCE-RANGE',
      'warning',
      `${doseMg} mg is below the usual maintenance range of ${min}–${max} mg (an adequate dose protects ` +
        'against overdose); record the reason.',
    );
  }
  return finding('OST-METH-MAINTENANCE-RANGE', 'ok', `${doseMg} mg in the ${phase} phase.`);
}

/**
 * Checks a proposed methadone dose change against the dose history: the single-increase and 7-day limits in
 * induction (refused), the same limits after induction (a warning), the usual maintenance range, the ECG prompt and co-prescribed sedatives.
 */
export function checkMethadoneDoseChange(
  input: MethadoneDoseChangeInput,
  settings: OstSettings = defaultOstSettings,
): CheckResult {
  const parsed = MethadoneDoseChangeInput.parse(input);
  const { ecgAboveMethadoneMg } = OstSettings.parse(settings);
  const { proposed, phase, coMedication } = parsed;
  return combine(
    ...titrationFindings(parsed),
    postInductionIncreaseFinding(parsed),
    maintenanceFinding(proposed.doseMg, phase),
    ecgFinding(proposed.doseMg, coMedication.qtProlonging, ecgAboveMethadoneMg),
    ...coPrescriptionFindings(coMedication),
  );
}
