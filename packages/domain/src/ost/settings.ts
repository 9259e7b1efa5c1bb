import { z } from 'zod';

/**
 * Per-service OST settings: only the values ost.md marks *configurable*. Each default is the safe reading of
 * the brief, and each bound stops a service loosening a rule beyond what the brief allows (a service may be
 * stricter, never looser). Who changed a setting, and when, is recorded by the service that stores it.
 * The guideline limits that are not configurable (methadone start and titration, COWS > 12, the methadone
 * transfer limits, injection strengths, instalment law) are constants beside their rules.
 */
export const OstSettings = z.strictObject({
  /** Methadone above this daily dose (mg) prompts an ECG (QTc) check. */
  ecgAboveMethadoneMg: z.number().min(30).max(100).default(100),
  buprenorphine: z
    .strictObject({
      /** Hours since heroin before a first dose: the brief says 6–12 h; 8 h by default. */
      minHoursAfterHeroin: z.number().min(6).max(12).default(8),
      /** Upper licensed daily dose (mg) for most sublingual products. */
      upperLicensedMg: z.number().min(24).max(32).default(24),
      /** Upper licensed daily dose (mg) for products whose licence allows more. */
      upperLicensedMgWhereProductAllows: z.number().min(24).max(32).default(32),
    })
    .prefault({}),
  /** Longest interval between prescribing reviews, in calendar months (at least every 3 months). */
  reviewIntervalMonths: z.int().min(1).max(3).default(3),
  injection: z
    .strictObject({
      /** Days either side of the due date a weekly injection may be given. */
      weeklyWindowDays: z.int().min(0).max(2).default(2),
      /** Days either side of the due date a monthly injection may be given. */
      monthlyWindowDays: z.int().min(0).max(7).default(7),
    })
    .prefault({}),
  supervision: z
    .strictObject({
      /** First review of a supervision decision, days after it is made. */
      firstReviewDaysMethadone: z.int().min(1).max(28).default(28),
      firstReviewDaysBuprenorphine: z.int().min(1).max(28).default(7),
    })
    .prefault({}),
  reduction: z
    .strictObject({
      /** Largest usual methadone reduction step (mg); larger steps warn. */
      methadoneMaxStepMg: z.number().positive().max(10).default(10),
      /** Below this methadone dose (mg) the smaller low-dose step applies. */
      methadoneLowDoseBelowMg: z.number().min(0).max(60).default(30),
      methadoneLowDoseMaxStepMg: z.number().positive().max(10).default(5),
      /** Largest usual buprenorphine reduction step (mg). */
      buprenorphineMaxStepMg: z.number().positive().max(2).default(2),
      buprenorphineLowDoseBelowMg: z.number().min(0).max(12).default(4),
      buprenorphineLowDoseMaxStepMg: z.number().positive().max(2).default(1),
      /** Shortest interval between reduction steps (days): every 1–2 weeks, so at least 7. */
      minDaysBetweenSteps: z.int().min(7).max(28).default(7),
    })
    .prefault({}),
  /** The prescriber-approved methadone restart ladder after missed days (off unless a service enables it). */
  restartLadderEnabled: z.boolean().default(false),
});
export type OstSettings = z.infer<typeof OstSettings>;

/** The safe defaults, for a service that has changed nothing. */
export const defaultOstSettings: OstSettings = OstSettings.parse({});
