import { z } from 'zod';
import { multiLine } from '../text.ts';
import { typedCode, typedPassphrase } from './credentials.ts';

/**
 * Break-glass (security.md promise 4): why someone opened a record outside their relationship, and what the
 * Caldicott guardian found when reviewing it. The codes are stored; the labels are shown.
 */
export const breakGlassReasons = [
  'urgent_clinical_care',
  'safeguarding',
  'covering_colleague',
  'duty_worker',
  'other',
] as const;
export const BreakGlassReason = z.enum(breakGlassReasons);
export type BreakGlassReason = z.infer<typeof BreakGlassReason>;

export const breakGlassReasonLabels: Record<BreakGlassReason, string> = {
  urgent_clinical_care: 'Urgent clinical care (for example, an overdose or a crisis)',
  safeguarding: 'Safeguarding concern',
  covering_colleague: 'Covering for an absent colleague',
  duty_worker: 'Duty worker responding to contact',
  other: 'Other (explain below)',
};

/**
 * What a Caldicott alert is about: a break-glass access, or a burst of refused requests by one member of staff
 * (someone trying records, accounts or alerts they may not see: a stolen session, a script, or curiosity).
 */
export const alertKinds = ['break_glass', 'refusal_burst'] as const;
export const AlertKind = z.enum(alertKinds);
export type AlertKind = z.infer<typeof AlertKind>;

export const alertOutcomes = ['appropriate', 'inappropriate_referred', 'inappropriate_advice_given'] as const;
export const AlertOutcome = z.enum(alertOutcomes);
export type AlertOutcome = z.infer<typeof AlertOutcome>;

export const alertOutcomeLabels: Record<AlertOutcome, string> = {
  appropriate: 'Appropriate: the reason justified the access',
  inappropriate_advice_given: 'Not appropriate: advice given to the member of staff',
  inappropriate_referred: 'Not appropriate: referred for investigation',
};

/** The stated reason's length, in characters: at least a sentence, so the reviewer has something to judge. */
export const BREAK_GLASS_REASON_MIN = 10;
export const BREAK_GLASS_REASON_MAX = 500;

/** The stated reason: a code and free text. */
export const BreakGlassRequest = z.strictObject({
  reasonCode: BreakGlassReason,
  reasonText: multiLine({
    min: BREAK_GLASS_REASON_MIN,
    max: BREAK_GLASS_REASON_MAX,
    tooShort: 'Say in a sentence why you need to open this record',
    tooLong: `Use no more than ${BREAK_GLASS_REASON_MAX} characters`,
  }),
});

/**
 * The staff portal's break-glass form: the reason, and the passphrase and a new authenticator code to confirm
 * it is really them (step-up).
 */
export const BreakGlassForm = z.strictObject({
  reasonCode: z.enum(breakGlassReasons, { error: 'Choose why you need to open this record' }),
  reasonText: multiLine({
    min: BREAK_GLASS_REASON_MIN,
    max: BREAK_GLASS_REASON_MAX,
    tooShort: `Say in a sentence why you need to open this record (at least ${BREAK_GLASS_REASON_MIN} characters)`,
  }),
  passphrase: typedPassphrase('Enter your passphrase'),
  code: typedCode('Enter the code from your authenticator app'),
});

/** What a page says when a field the person cannot see (an id, a version) is not what the page sent. */
const RELOAD = 'Reload the page and try again.';

/** A review note's length, in characters. */
export const ALERT_NOTE_MAX = 1000;

/**
 * The Caldicott guardian's review of one alert: the outcome and a note, with the alert and the version the page
 * showed (so that a review of an alert someone else has changed is refused, not silently overwritten).
 */
export const AlertReviewForm = z.strictObject({
  alertId: z.uuid({ error: RELOAD }),
  version: z.int({ error: RELOAD }).min(1, RELOAD),
  outcome: z.enum(alertOutcomes, { error: 'Choose an outcome' }),
  note: multiLine({ max: ALERT_NOTE_MAX, tooLong: 'Use no more than 1,000 characters' }),
});
