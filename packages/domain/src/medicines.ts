import { z } from 'zod';

/** OST medicines (ost.md "Medicines"). */
export const ostMedicines = [
  'methadone',
  'buprenorphine',
  'buprenorphine_naloxone',
  'buprenorphine_prolonged_release',
] as const;
export const OstMedicine = z.enum(ostMedicines);
export type OstMedicine = z.infer<typeof OstMedicine>;

export const ostMedicineLabels: Record<OstMedicine, string> = {
  methadone: 'Methadone',
  buprenorphine: 'Buprenorphine',
  buprenorphine_naloxone: 'Buprenorphine with naloxone',
  buprenorphine_prolonged_release: 'Prolonged-release buprenorphine injection',
};

/** Take-home naloxone products (workflows.md "Naloxone"). */
export const naloxoneProducts = ['prenoxad', 'nyxoid'] as const;
export const NaloxoneProduct = z.enum(naloxoneProducts);
export type NaloxoneProduct = z.infer<typeof NaloxoneProduct>;
