import { ostMedicineLabels, type OstMedicine } from '@harbour/domain/medicines';
import { formatDose } from './format.ts';

// The medicine labels live beside the domain's zod schemas: use this on the server (in `load`), so that the
// schemas stay out of the browser's bundle.

/** An opioid substitution medicine and its daily dose: "Methadone 60 mg". Not on OST → `fallback`. */
export function formatOst(medicine: OstMedicine | null, doseMg: number | null, fallback = 'None'): string {
  if (medicine === null) return fallback;
  const label = ostMedicineLabels[medicine];
  return doseMg === null ? label : `${label} ${formatDose(doseMg)}`;
}
