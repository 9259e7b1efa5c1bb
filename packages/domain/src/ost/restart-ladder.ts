import { z } from 'zod';
import { DoseMg } from './common.ts';
import { DispensingState } from './dispensing-types.ts';
import { combine, finding, type CheckResult } from './outcome.ts';
import { OstSettings, defaultOstSettings } from './settings.ts';

/**
 * The optional methadone restart ladder (ost.md, from Australian guidance), for a service that enables it and a
 * prescriber who approves each use at the review that lifts a block: 3 days missed → half the dose; 4 days →
 * the lower of 40 mg or half; 5 or more → restart as a new induction.
 */
export const restartLadderSteps = {
  halfDoseAfterDays: 3,
  cappedAfterDays: 4,
  capMg: 40,
  newInductionAfterDays: 5,
} as const;

export type RestartSuggestion =
  | { kind: 'not_in_use'; reason: 'ladder_disabled' | 'not_methadone' }
  | { kind: 'same_dose'; doseMg: number }
  | { kind: 'reduced'; doseMg: number }
  | { kind: 'new_induction' };

/** The ladder's suggested restart after `daysWithoutDose` consecutive days without methadone. */
export function restartLadder(
  state: DispensingState,
  settings: OstSettings = defaultOstSettings,
): RestartSuggestion {
  const { medicine, doseMg, daysWithoutDose } = DispensingState.parse(state);
  if (!OstSettings.parse(settings).restartLadderEnabled)
    return { kind: 'not_in_use', reason: 'ladder_disabled' };
  if (medicine !== 'methadone') return { kind: 'not_in_use', reason: 'not_methadone' };
  const { halfDoseAfterDays, cappedAfterDays, capMg, newInductionAfterDays } = restartLadderSteps;
  if (daysWithoutDose >= newInductionAfterDays) return { kind: 'new_induction' };
  if (daysWithoutDose >= cappedAfterDays) return { kind: 'reduced', doseMg: Math.min(capMg, doseMg / 2) };
  if (daysWithoutDose >= halfDoseAfterDays) return { kind: 'reduced', doseMg: doseMg / 2 };
  return { kind: 'same_dose', doseMg };
}

export const RestartProposal = z.strictObject({ doseMg: DoseMg, newInduction: z.boolean() });
export type RestartProposal = z.infer<typeof RestartProposal>;

/**
 * Checks the dose a prescriber proposes at the review that lifts a block, against the ladder when the service
 * uses it: above the ladder's dose (whether or not it is called a new induction), or not restarting as a new
 * induction after 5 or more days, is refused (a prescriber may override with a reason). A new induction then
 * also follows the methadone start rules.
 */
export function checkRestartDose(
  state: DispensingState,
  proposal: RestartProposal,
  settings: OstSettings = defaultOstSettings,
): CheckResult {
  const { doseMg, newInduction } = RestartProposal.parse(proposal);
  const { daysWithoutDose } = DispensingState.parse(state);
  const suggestion = restartLadder(state, settings);
  const id = 'OST-DISP-RESTART-LADDER';
  if (suggestion.kind === 'not_in_use') {
    return combine(
      finding(id, 'ok', 'The restart ladder is not in use: the prescriber decides the restart.'),
    );
  }
  if (suggestion.kind === 'new_induction') {
    return combine(
      newInduction
        ? finding(id, 'ok', 'Restarting as a new induction.')
        : finding(id, 'refused', '5 or more days without methadone: restart as a new induction.'),
    );
  }
  return combine(
    doseMg > suggestion.doseMg
      ? finding(
          id,
          'refused',
          `${doseMg} mg is above the ladder's restart dose of ${suggestion.doseMg} mg after ` +
            `${daysWithoutDose} days without a dose.`,
        )
      : finding(id, 'ok', `Restart within the ladder (at most ${suggestion.doseMg} mg).`),
  );
}
