import { z } from 'zod';
import { CoMedication, DoseMg, OstPhase, coPrescriptionFindings, ecgFinding } from './common.ts';
import { combine, finding, type CheckResult, type Finding } from './outcome.ts';
import { OstSettings, defaultOstSettings } from './settings.ts';

/**
 * Sublingual buprenorphine rules (ost.md "Medicines"; Orange Book 2017). Doses are mg/day. The thresholds here
 * are guideline limits; the heroin interval and the upper licensed dose are service settings.
 */
export const buprenorphineLimits = {
  /** Objective withdrawal: COWS strictly above 12. */
  minCowsExclusive: 12,
  fromMethadoneMaxMg: 30,
  fromMethadoneMinHours: 24,
  maintenanceMinMg: 12,
  maintenanceMaxMg: 16,
} as const;

/** The sublingual products (tablet or oral lyophilisate, with or without naloxone). */
export const SublingualBuprenorphine = z.enum(['buprenorphine', 'buprenorphine_naloxone']);
export type SublingualBuprenorphine = z.infer<typeof SublingualBuprenorphine>;

/** When heroin was last used: hours ago, not used recently, or not known (which cannot be assumed safe). */
export const LastHeroinUse = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hours_ago'), hours: z.number().min(0).max(100_000) }),
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('unknown') }),
]);
export type LastHeroinUse = z.infer<typeof LastHeroinUse>;

export const BuprenorphineDoseInput = z.strictObject({
  medicine: SublingualBuprenorphine,
  doseMg: DoseMg,
  phase: OstPhase,
  /** The product's licence allows the higher upper dose (e.g. 32 mg). */
  productAllowsHigherDose: z.boolean(),
  coMedication: CoMedication,
});
export type BuprenorphineDoseInput = z.infer<typeof BuprenorphineDoseInput>;

export const BuprenorphineFirstDoseInput = z.strictObject({
  medicine: SublingualBuprenorphine,
  doseMg: DoseMg,
  /** Clinical Opiate Withdrawal Scale score, 0–48. */
  cows: z.int().min(0).max(48),
  lastHeroin: LastHeroinUse,
  /** Set when transferring from methadone: the last methadone dose (mg) and hours since it was taken. */
  fromMethadone: z
    .strictObject({ lastDoseMg: DoseMg, hoursSinceLastDose: z.number().min(0).max(100_000) })
    .nullable(),
  productAllowsHigherDose: z.boolean(),
  coMedication: CoMedication,
});
export type BuprenorphineFirstDoseInput = z.infer<typeof BuprenorphineFirstDoseInput>;

function licensedMaxFinding(
  doseMg: number,
  productAllowsHigherDose: boolean,
  settings: OstSettings,
): Finding {
  const { upperLicensedMg, upperLicensedMgWhereProductAllows } = settings.buprenorphine;
  const max = productAllowsHigherDose ? upperLicensedMgWhereProductAllows : upperLicensedMg;
  return doseMg > max
    ? finding(
        'OST-BUP-LICENSED-MAX',
        'refused',
        `${doseMg} mg is above the upper licensed dose of ${max} mg for this product.`,
      )
    : finding('OST-BUP-LICENSED-MAX', 'ok', `${doseMg} mg is within the licensed ${max} mg.`);
}

function maintenanceFinding(doseMg: number, phase: OstPhase): Finding {
  const { maintenanceMinMg: min, maintenanceMaxMg: max } = buprenorphineLimits;
  if (doseMg > max) {
    return finding(
      'OST-BUP-MAINTENANCE-RANGE',
      'warning',
      `${doseMg} mg is above the usual maintenance range of ${min}–${max} mg; record the reason.`,
    );
  }
  if (doseMg < min && phase === 'maintenance') {
    return finding(
      'OST-BUP-MAINTENANCE-RANGE',
      'warning',
      `${doseMg} mg is below the usual maintenance range of ${min}–${max} mg; record the reason.`,
    );
  }
  return finding('OST-BUP-MAINTENANCE-RANGE', 'ok', `${doseMg} mg in the ${phase} phase.`);
}

/**
 * Checks a sublingual buprenorphine dose: the usual maintenance range, the upper licensed dose (refused above
 * it), the ECG prompt for QT-prolonging co-medication and co-prescribed sedatives.
 */
export function checkBuprenorphineDose(
  input: BuprenorphineDoseInput,
  settings: OstSettings = defaultOstSettings,
): CheckResult {
  const { doseMg, phase, productAllowsHigherDose, coMedication } = BuprenorphineDoseInput.parse(input);
  const parsedSettings = OstSettings.parse(settings);
  return combine(
    maintenanceFinding(doseMg, phase),
    licensedMaxFinding(doseMg, productAllowsHigherDose, parsedSettings),
    ecgFinding(null, coMedication.qtProlonging, parsedSettings.ecgAboveMethadoneMg),
    ...coPrescriptionFindings(coMedication),
  );
}

function heroinFinding(lastHeroin: LastHeroinUse, minHours: number): Finding {
  if (lastHeroin.kind === 'none') {
    return finding('OST-BUP-FIRST-DOSE-HEROIN-INTERVAL', 'ok', 'No recent heroin use recorded.');
  }
  if (lastHeroin.kind === 'unknown') {
    return finding(
      'OST-BUP-FIRST-DOSE-HEROIN-INTERVAL',
      'refused',
      `When heroin was last used is not known; the first dose needs at least ${minHours} hours since.`,
    );
  }
  return lastHeroin.hours < minHours
    ? finding(
        'OST-BUP-FIRST-DOSE-HEROIN-INTERVAL',
        'refused',
        `Heroin ${lastHeroin.hours} hours ago: wait at least ${minHours} hours to avoid precipitated withdrawal.`,
      )
    : finding('OST-BUP-FIRST-DOSE-HEROIN-INTERVAL', 'ok', `Heroin ${lastHeroin.hours} hours ago.`);
}

function fromMethadoneFindings(fromMethadone: BuprenorphineFirstDoseInput['fromMethadone']): Finding[] {
  const { fromMethadoneMaxMg, fromMethadoneMinHours } = buprenorphineLimits;
  if (fromMethadone === null) {
    return [
      finding('OST-BUP-FIRST-DOSE-FROM-METHADONE-DOSE', 'ok', 'Not a transfer from methadone.'),
      finding('OST-BUP-FIRST-DOSE-FROM-METHADONE-INTERVAL', 'ok', 'Not a transfer from methadone.'),
    ];
  }
  const { lastDoseMg, hoursSinceLastDose } = fromMethadone;
  return [
    lastDoseMg > fromMethadoneMaxMg
      ? finding(
          'OST-BUP-FIRST-DOSE-FROM-METHADONE-DOSE',
          'refused',
          `Methadone ${lastDoseMg} mg: reduce to ${fromMethadoneMaxMg} mg or less before transferring.`,
        )
      : finding('OST-BUP-FIRST-DOSE-FROM-METHADONE-DOSE', 'ok', `Methadone ${lastDoseMg} mg.`),
    hoursSinceLastDose < fromMethadoneMinHours
      ? finding(
          'OST-BUP-FIRST-DOSE-FROM-METHADONE-INTERVAL',
          'refused',
          `Last methadone ${hoursSinceLastDose} hours ago: wait at least ${fromMethadoneMinHours} hours.`,
        )
      : finding(
          'OST-BUP-FIRST-DOSE-FROM-METHADONE-INTERVAL',
          'ok',
          `Last methadone ${hoursSinceLastDose} hours ago.`,
        ),
  ];
}

/**
 * Checks a first buprenorphine dose: only in objective withdrawal (COWS > 12), at least the service's interval
 * after heroin (8 h by default), and from methadone only at 30 mg or less and 24 h or more since the last dose.
 * The upper licensed dose, ECG prompt and co-prescription rules apply as to any dose.
 */
export function checkBuprenorphineFirstDose(
  input: BuprenorphineFirstDoseInput,
  settings: OstSettings = defaultOstSettings,
): CheckResult {
  const parsed = BuprenorphineFirstDoseInput.parse(input);
  const parsedSettings = OstSettings.parse(settings);
  const { cows, lastHeroin, fromMethadone, doseMg, productAllowsHigherDose, coMedication } = parsed;
  const { minCowsExclusive } = buprenorphineLimits;
  return combine(
    cows > minCowsExclusive
      ? finding('OST-BUP-FIRST-DOSE-COWS', 'ok', `COWS ${cows}: in objective withdrawal.`)
      : finding(
          'OST-BUP-FIRST-DOSE-COWS',
          'refused',
          `COWS ${cows} is not above ${minCowsExclusive}: wait for objective withdrawal before the first dose.`,
        ),
    heroinFinding(lastHeroin, parsedSettings.buprenorphine.minHoursAfterHeroin),
    ...fromMethadoneFindings(fromMethadone),
    licensedMaxFinding(doseMg, productAllowsHigherDose, parsedSettings),
    ecgFinding(null, coMedication.qtProlonging, parsedSettings.ecgAboveMethadoneMg),
    ...coPrescriptionFindings(coMedication),
  );
}
