import { z } from 'zod';
import { CalendarDate } from '../ids.ts';
import { RuleId } from './rules.ts';

/**
 * Effects the OST rules ask the application to carry out (alerts, tasks, risk facts). The rules are pure: they
 * return effects, and the service that applies an event performs them in the same transaction. Each effect
 * names the rule that produced it and is dated on the calendar day it belongs to ("the same day").
 */
export const alertReasons = [
  'missed_in_induction',
  'missed_after_dose_increase',
  'consecutive_missed_doses',
  'intoxicated',
  'presented_while_blocked',
  'injection_due',
  'injection_overdue',
] as const;
export const AlertReason = z.enum(alertReasons);
export type AlertReason = z.infer<typeof AlertReason>;

/** Why a supervision decision should be looked at again (ost.md: relapse, dose change, missed doses, intoxication). */
export const supervisionReviewReasons = ['dose_change', 'missed_doses', 'intoxication', 'restart'] as const;
export const SupervisionReviewReason = z.enum(supervisionReviewReasons);
export type SupervisionReviewReason = z.infer<typeof SupervisionReviewReason>;

const base = { on: CalendarDate, ruleId: RuleId };

export const OstEffect = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('alert_prescriber'), reason: AlertReason, ...base }),
  z.strictObject({ type: z.literal('alert_keyworker'), reason: AlertReason, ...base }),
  z.strictObject({ type: z.literal('open_reengagement_task'), reason: AlertReason, ...base }),
  z.strictObject({ type: z.literal('add_risk_fact'), code: z.literal('MISSED_DOSES'), ...base }),
  z.strictObject({ type: z.literal('clear_risk_fact'), code: z.literal('MISSED_DOSES'), ...base }),
  z.strictObject({ type: z.literal('review_supervision'), reason: SupervisionReviewReason, ...base }),
]);
export type OstEffect = z.infer<typeof OstEffect>;

/** Alerts to both the prescriber and the keyworker, the same day. */
export function alertBoth(on: CalendarDate, reason: AlertReason, ruleId: RuleId): OstEffect[] {
  return [
    { type: 'alert_prescriber', on, reason, ruleId },
    { type: 'alert_keyworker', on, reason, ruleId },
  ];
}
