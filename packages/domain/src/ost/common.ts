import { z } from 'zod';
import { finding, type Finding } from './outcome.ts';

/** Where an OST plan is (ost.md "The plan"). */
export const ostPhases = ['induction', 'stabilisation', 'maintenance', 'reduction', 'ended'] as const;
export const OstPhase = z.enum(ostPhases);
export type OstPhase = z.infer<typeof OstPhase>;

/** A daily dose in mg: positive and finite. 2000 mg is far beyond any real dose and catches typing slips. */
export const DoseMg = z.number().positive().max(2000);

/** Co-prescribed sedatives that drd-risk.md scores as DRD risk factors. */
export const sedativeFactors = ['BENZODIAZEPINE', 'GABAPENTINOID', 'Z_DRUG'] as const;
export const SedativeFactor = z.enum(sedativeFactors);
export type SedativeFactor = z.infer<typeof SedativeFactor>;

/** The evidence drd-risk.md gives for each sedative factor, named in every co-prescription warning. */
export const sedativeEvidence: Record<SedativeFactor, string> = {
  BENZODIAZEPINE: 'DRD aHR 2.96 (1.97–4.43) with OST, dose-response (Macleod 2019, UK)',
  GABAPENTINOID:
    'DRD aHR 2.18 (Glancy 2024, Scotland, 46,602 OST patients); pregabalin high dose aOR 2.51 (Gomes 2018)',
  Z_DRUG: 'DRD aHR 1.39 (Glancy 2024)',
};

const sedativeLabels: Record<SedativeFactor, string> = {
  BENZODIAZEPINE: 'a benzodiazepine',
  GABAPENTINOID: 'a gabapentinoid (pregabalin or gabapentin)',
  Z_DRUG: 'a Z-drug (zopiclone or zolpidem)',
};

/** What else the person takes that changes the safety of any OST dose. */
export const CoMedication = z.strictObject({
  /** Co-prescribed sedatives (each one listed once). */
  sedatives: z
    .array(SedativeFactor)
    .max(sedativeFactors.length)
    .refine((list) => new Set(list).size === list.length, 'list each sedative once'),
  /** Any QT-prolonging co-medication (e.g. some antipsychotics, antiarrhythmics, macrolides). */
  qtProlonging: z.boolean(),
});
export type CoMedication = z.infer<typeof CoMedication>;

/** One warning per co-prescribed sedative, naming the factor and its evidence, whatever the dose. */
export function coPrescriptionFindings(coMedication: CoMedication): Finding[] {
  const { sedatives } = CoMedication.parse(coMedication);
  if (sedatives.length === 0) {
    return [
      finding('OST-COPRESCRIBED-SEDATIVE', 'ok', 'No benzodiazepine, gabapentinoid or Z-drug co-prescribed.'),
    ];
  }
  return sedatives.map((factor) =>
    finding(
      'OST-COPRESCRIBED-SEDATIVE',
      'warning',
      `Co-prescribed ${sedativeLabels[factor]} with an opioid raises the risk of a drug-related death; ` +
        'record a reason and review the co-prescription with the GP.',
      { riskFactor: factor, evidence: sedativeEvidence[factor] },
    ),
  );
}

/**
 * The ECG (QTc) prompt: methadone above the service threshold (mg/day), or any OST dose with QT-prolonging
 * co-medication. A warning, so the prescriber records that an ECG is arranged or why not.
 */
export function ecgFinding(methadoneMg: number | null, qtProlonging: boolean, ecgAboveMg: number): Finding {
  const reasons: string[] = [];
  if (methadoneMg !== null && methadoneMg > ecgAboveMg) {
    reasons.push(`methadone ${methadoneMg} mg is above ${ecgAboveMg} mg`);
  }
  if (qtProlonging) reasons.push('QT-prolonging co-medication is prescribed');
  if (reasons.length === 0) {
    return finding(
      'OST-ECG-QTC',
      'ok',
      'No ECG prompt: dose at or below the threshold and no QT-prolonging co-medication.',
    );
  }
  return finding('OST-ECG-QTC', 'warning', `Arrange an ECG (QTc) check: ${reasons.join('; ')}.`, {
    prompt: 'ecg_qtc_check',
  });
}
