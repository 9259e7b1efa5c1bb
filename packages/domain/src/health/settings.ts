import { z } from 'zod';

const days = (max: number): z.ZodInt => z.int().min(0).max(max);
const months = z.int().min(1).max(60);
const calendarMonth = z.int().min(1).max(12);

/**
 * A service's health-need settings. The frequencies marked *configurable* in health-and-instruments.md are good
 * practice rather than national rules; every field defaults to the brief's value or, where the brief is silent,
 * to the safer choice recorded in docs/health-needs.md. Rules the brief fixes (same-day suicide risk review,
 * the 0/7/21-day and 12-month hepatitis B schedule, ECG above 100 mg methadone, SVR12 at 12 weeks) are not
 * settings.
 */
export const HealthSettings = z.strictObject({
  /** A routine need is "due" for this many days after its due date, then "overdue". */
  overdueGraceDays: days(365).default(28),
  /** A blood-borne virus test this many days before entry counts as the entry test. */
  entryTestLookbackDays: days(365).default(90),
  /** Hepatitis C test interval while injecting (injected in the last 12 months). */
  hcvRetestMonths: months.default(12),
  /** After a possible hepatitis C exposure, the test is due this many days later (so it can detect it). */
  hcvExposureTestAfterDays: days(365).default(42),
  /** Referral for hepatitis C treatment within this many days of a positive RNA result ("within 4 weeks"). */
  hcvReferralDays: days(365).default(28),
  /** Referral to a hepatitis B specialist within this many days of a positive HBsAg result. */
  hbvReferralDays: days(365).default(28),
  /** Referral to HIV care within this many days of a positive result. */
  hivReferralDays: days(365).default(14),
  /** A hepatitis B vaccine dose (first to third) is overdue this many days after it falls due. */
  hbvDoseGraceDays: days(90).default(7),
  /** HIV test interval while injecting. */
  hivRetestMonths: months.default(12),
  lftIntervalMonths: months.default(12),
  /** Before buprenorphine starts, liver function tests must be this recent. */
  lftBeforeBuprenorphineDays: days(365).default(90),
  respiratoryCheckIntervalMonths: months.default(12),
  /** The flu vaccine season runs from the first of this month… */
  fluSeasonStartMonth: calendarMonth.default(9),
  /** …to the end of this month. */
  fluSeasonEndMonth: calendarMonth.default(3),
  /** An unvaccinated smoker is overdue this many days after the season opens (default: from 1 December). */
  fluGraceDays: days(180).default(90),
  injectingSiteCheckIntervalMonths: months.default(3),
  ecgIntervalMonths: months.default(12),
  dentalIntervalMonths: months.default(12),
  nutritionIntervalMonths: months.default(12),
  sexualHealthIntervalMonths: months.default(12),
  mentalHealthScreenIntervalMonths: months.default(3),
  /** A decline is respected for this many days; then the need is offered again. */
  declineValidDays: days(730).default(90),
});
export type HealthSettings = z.infer<typeof HealthSettings>;
export type HealthSettingsInput = z.input<typeof HealthSettings>;

/** The defaults, for display and tests. */
export const defaultHealthSettings: HealthSettings = HealthSettings.parse({});
