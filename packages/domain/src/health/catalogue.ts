import { z } from 'zod';
import type { HealthSettings } from './settings.ts';

/**
 * The health needs catalogue (health-and-instruments.md "Health needs catalogue") as data: what each need is,
 * who it applies to, when it falls due, how it is met, and which settings set its intervals. The rules that
 * compute a need's status live beside it, one evaluator per code (bbv.ts, hbv-vaccine.ts, checks.ts); this
 * table is what staff see and what docs/health-needs.md describes.
 */
export const healthNeedCodes = [
  'hcv_antibody_test',
  'hcv_rna_test',
  'hcv_treatment_referral',
  'hcv_cure_check',
  'hbv_test',
  'hbv_referral',
  'hbv_vaccination',
  'hiv_test',
  'hiv_referral',
  'liver_function_tests',
  'respiratory_check',
  'spirometry',
  'flu_vaccine',
  'pneumococcal_vaccine',
  'injecting_site_check',
  'ecg',
  'dental_check',
  'nutrition_check',
  'sexual_health_check',
  'phq9_screen',
  'gad7_screen',
  'suicide_risk_review',
] as const;
export const HealthNeedCode = z.enum(healthNeedCodes);
export type HealthNeedCode = z.infer<typeof HealthNeedCode>;

/** How a need is met. */
export const metByKinds = ['test', 'vaccine', 'referral', 'treatment', 'check', 'review'] as const;
export type MetBy = (typeof metByKinds)[number];

export interface HealthNeedDefinition {
  code: HealthNeedCode;
  /** Plain-English name, for staff and for the person's own plan. */
  name: string;
  appliesTo: string;
  due: string;
  metBy: MetBy;
  /** The settings that change this need's intervals (empty when its timing is fixed). */
  settings: readonly (keyof HealthSettings)[];
  /** False where declining must not stop the need (a same-day suicide risk review). */
  declinable: boolean;
}

const ROUTINE = 'overdueGraceDays';

const catalogue: Record<HealthNeedCode, Omit<HealthNeedDefinition, 'code'>> = {
  hcv_antibody_test: {
    name: 'Hepatitis C test',
    appliesTo: 'Everyone, until a test is positive',
    due: 'At entry; every 12 months while injecting; after any exposure',
    metBy: 'test',
    settings: ['entryTestLookbackDays', 'hcvRetestMonths', 'hcvExposureTestAfterDays', ROUTINE],
    declinable: true,
  },
  hcv_rna_test: {
    name: 'Hepatitis C virus (RNA) test',
    appliesTo: 'Anyone with a positive hepatitis C antibody test',
    due: 'After a positive antibody test; every 12 months while injecting, and after any exposure, to check for reinfection',
    metBy: 'test',
    settings: ['hcvRetestMonths', 'hcvExposureTestAfterDays', ROUTINE],
    declinable: true,
  },
  hcv_treatment_referral: {
    name: 'Referral for hepatitis C treatment',
    appliesTo: 'Anyone whose latest hepatitis C RNA test is positive',
    due: 'Within 4 weeks of the positive result',
    metBy: 'referral',
    settings: ['hcvReferralDays'],
    declinable: true,
  },
  hcv_cure_check: {
    name: 'Hepatitis C cure check (SVR12)',
    appliesTo: 'Anyone who has finished hepatitis C treatment',
    due: '12 weeks after treatment ends',
    metBy: 'test',
    settings: [ROUTINE],
    declinable: true,
  },
  hbv_test: {
    name: 'Hepatitis B test',
    appliesTo: 'Everyone',
    due: 'At entry (not needed once immunity is recorded)',
    metBy: 'test',
    settings: ['entryTestLookbackDays', ROUTINE],
    declinable: true,
  },
  hbv_referral: {
    name: 'Referral for hepatitis B care',
    appliesTo: 'Anyone whose latest hepatitis B surface antigen (HBsAg) is positive',
    due: 'Within 4 weeks of the positive result',
    metBy: 'referral',
    settings: ['hbvReferralDays'],
    declinable: true,
  },
  hbv_vaccination: {
    name: 'Hepatitis B vaccine course',
    appliesTo: 'Anyone not known to be immune and not infected',
    due: 'Accelerated course: day 0, 7 and 21, booster at 12 months; overdue doses chased',
    metBy: 'vaccine',
    settings: ['hbvDoseGraceDays', ROUTINE],
    declinable: true,
  },
  hiv_test: {
    name: 'HIV test',
    appliesTo: 'Everyone, until a test is positive',
    due: 'At entry; every 12 months while injecting',
    metBy: 'test',
    settings: ['entryTestLookbackDays', 'hivRetestMonths', ROUTINE],
    declinable: true,
  },
  hiv_referral: {
    name: 'Referral for HIV care',
    appliesTo: 'Anyone with a positive HIV test',
    due: 'Within 2 weeks of the positive result',
    metBy: 'referral',
    settings: ['hivReferralDays'],
    declinable: true,
  },
  liver_function_tests: {
    name: 'Liver function tests',
    appliesTo: 'Everyone; needed before buprenorphine',
    due: 'At entry, then yearly; within 90 days before buprenorphine starts',
    metBy: 'test',
    settings: ['lftIntervalMonths', 'lftBeforeBuprenorphineDays', ROUTINE],
    declinable: true,
  },
  respiratory_check: {
    name: 'Breathing and chest check',
    appliesTo: 'Everyone who smokes anything',
    due: 'At entry, then yearly',
    metBy: 'check',
    settings: ['respiratoryCheckIntervalMonths', ROUTINE],
    declinable: true,
  },
  spirometry: {
    name: 'Spirometry (breathing test)',
    appliesTo: 'Smokers aged 35 or over with a cough or breathlessness',
    due: 'Once the symptoms are recorded',
    metBy: 'test',
    settings: [ROUTINE],
    declinable: true,
  },
  flu_vaccine: {
    name: 'Flu vaccine',
    appliesTo: 'Everyone who smokes anything',
    due: 'Each autumn, when the flu season opens',
    metBy: 'vaccine',
    settings: ['fluSeasonStartMonth', 'fluSeasonEndMonth', 'fluGraceDays'],
    declinable: true,
  },
  pneumococcal_vaccine: {
    name: 'Pneumococcal vaccine',
    appliesTo: 'Everyone who smokes anything',
    due: 'Once, at entry',
    metBy: 'vaccine',
    settings: [ROUTINE],
    declinable: true,
  },
  injecting_site_check: {
    name: 'Injecting site, wound and DVT check',
    appliesTo: 'Anyone who has injected in the last 12 months',
    due: 'At entry, then every 3 months',
    metBy: 'check',
    settings: ['injectingSiteCheckIntervalMonths', ROUTINE],
    declinable: true,
  },
  ecg: {
    name: 'ECG (heart rhythm, QTc)',
    appliesTo: 'Methadone above 100 mg a day (or planned), or a medicine that prolongs the QT interval',
    due: 'Before the dose goes above 100 mg, then yearly',
    metBy: 'test',
    settings: ['ecgIntervalMonths', ROUTINE],
    declinable: true,
  },
  dental_check: {
    name: 'Dental check',
    appliesTo: 'Everyone',
    due: 'At entry, then yearly',
    metBy: 'check',
    settings: ['dentalIntervalMonths', ROUTINE],
    declinable: true,
  },
  nutrition_check: {
    name: 'Nutrition and weight (BMI) check',
    appliesTo: 'Everyone',
    due: 'At entry, then yearly',
    metBy: 'check',
    settings: ['nutritionIntervalMonths', ROUTINE],
    declinable: true,
  },
  sexual_health_check: {
    name: 'Sexual health check',
    appliesTo: 'Everyone',
    due: 'At entry, then yearly',
    metBy: 'check',
    settings: ['sexualHealthIntervalMonths', ROUTINE],
    declinable: true,
  },
  phq9_screen: {
    name: 'Depression screen (PHQ-9)',
    appliesTo: 'Everyone',
    due: 'At entry, then every 3 months',
    metBy: 'check',
    settings: ['mentalHealthScreenIntervalMonths', ROUTINE],
    declinable: true,
  },
  gad7_screen: {
    name: 'Anxiety screen (GAD-7)',
    appliesTo: 'Everyone',
    due: 'At entry, then every 3 months',
    metBy: 'check',
    settings: ['mentalHealthScreenIntervalMonths', ROUTINE],
    declinable: true,
  },
  suicide_risk_review: {
    name: 'Suicide risk review',
    appliesTo: 'PHQ-9 question 9 above 0, or a concern raised',
    due: 'The same day',
    metBy: 'review',
    settings: [],
    declinable: false,
  },
};

/** The catalogue in display order. */
export const healthNeedCatalogue: readonly HealthNeedDefinition[] = healthNeedCodes.map((code) => ({
  code,
  ...catalogue[code],
}));

/** The catalogue entry for a code. */
export function healthNeedDefinition(code: HealthNeedCode): HealthNeedDefinition {
  return { code, ...catalogue[code] };
}
