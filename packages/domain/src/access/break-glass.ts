import { z } from 'zod';
import { multiLine } from '../text.ts';

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

/** The stated reason: a code and free text (at least a sentence, so the reviewer has something to judge). */
export const BreakGlassRequest = z.strictObject({
  reasonCode: BreakGlassReason,
  reasonText: multiLine({
    min: 10,
    max: 500,
    tooShort: 'Say in a sentence why you need to open this record',
    tooLong: 'Use no more than 500 characters',
  }),
});
