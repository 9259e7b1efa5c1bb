import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { FollowUp } from '../follow-ups.ts';
import { type CalendarDate } from '../ids.ts';
import { multiLine } from '../text.ts';
import { applyDispensingEvent } from './dispensing.ts';
import { DispensingState, type DispensingEvent } from './dispensing-types.ts';
import type { AlertReason, OstEffect, SupervisionReviewReason } from './effects.ts';
import { pharmacyDueOn, type PharmacyDue } from './pharmacy-day.ts';
import { OstPlan } from './plan.ts';
import { restartLadderSteps } from './restart-ladder.ts';

/**
 * What a pharmacist records for one person on one day (issue 10: one tap or keypress each), and what follows:
 * the loop's new state, consecutive days without a dose, whether dispensing is now blocked, whether this miss
 * alerts, and the tasks and alerts to open as plain data. The rules are the loop's (dispensing.ts); this is
 * the entry point the pharmacy service calls.
 */
export const PharmacyOutcome = z.discriminatedUnion('kind', [
  /** Taken in front of the pharmacist; the collection's other days' doses handed over as take-home. */
  z.strictObject({ kind: z.literal('supervised_consumed') }),
  /** Collected to take home: `days` days' doses from today. */
  z.strictObject({ kind: z.literal('collected_take_home'), days: z.int().min(1).max(14) }),
  z.strictObject({ kind: z.literal('missed') }),
  /** Presented intoxicated: withheld, with the pharmacist's reason. */
  z.strictObject({
    kind: z.literal('withheld_intoxicated'),
    why: multiLine({ min: 3, max: 500, tooShort: 'say what you saw' }),
  }),
  /** Presented while dispensing is blocked, and turned away until the prescriber reviews. */
  z.strictObject({ kind: z.literal('withheld_blocked') }),
  /** Nothing due today (a take-home day): recorded so the list is complete; changes nothing. */
  z.strictObject({ kind: z.literal('not_due') }),
]);
export type PharmacyOutcome = z.infer<typeof PharmacyOutcome>;

export interface PharmacyRecording {
  /** The event to store and apply to the loop; null for `not_due`. */
  event: DispensingEvent | null;
  state: DispensingState;
  effects: OstEffect[];
  consecutiveMissedDays: number;
  /** Dispensing is blocked until a prescriber reviews (3 or more consecutive days without a dose). */
  blocked: boolean;
  /** This recording raised the one-miss alert (induction, or within 7 days of an increase). */
  missAlerted: boolean;
  /** 5 or more days without a dose: the prescriber should restart as a new induction. */
  reInductionDue: boolean;
  followUps: FollowUp[];
}

const alertWords: Record<AlertReason, string> = {
  missed_in_induction: 'Missed a dose during induction',
  missed_after_dose_increase: 'Missed a dose within 7 days of a dose increase',
  consecutive_missed_doses:
    '3 or more days in a row without a dose: dispensing is blocked until a prescriber reviews',
  intoxicated: 'Presented intoxicated: the dose was withheld',
  presented_while_blocked:
    'Came to the pharmacy while dispensing is blocked: turned away until a prescriber reviews',
  injection_due: 'The injection is due: book it',
  injection_overdue: 'The injection is overdue',
};

const reviewWords: Record<SupervisionReviewReason, string> = {
  dose_change: 'the dose changed',
  missed_doses: 'a dose was missed',
  intoxication: 'they presented intoxicated',
  restart: 'they restarted as a new induction',
};

/** The follow-ups an effect asks for (risk facts are applied to the record, not sent to anyone). */
export function followUpsOf(effects: readonly OstEffect[]): FollowUp[] {
  const out: FollowUp[] = [];
  for (const e of effects) {
    switch (e.type) {
      case 'alert_prescriber':
      case 'alert_keyworker':
        out.push({
          type: 'alert',
          to: e.type === 'alert_prescriber' ? 'prescriber' : 'keyworker',
          on: e.on,
          reason: `${alertWords[e.reason]} (${e.on}).`,
          source: e.ruleId,
        });
        if (e.type === 'alert_prescriber' && e.reason === 'consecutive_missed_doses') {
          out.push({
            type: 'task',
            kind: 'missed_dose_review',
            assignee: 'prescriber',
            dueOn: e.on,
            reason: 'Review before the next dose: tolerance may be lost after 3 or more days without a dose.',
            source: e.ruleId,
          });
        }
        break;
      case 'open_reengagement_task':
        out.push({
          type: 'task',
          kind: 're_engagement',
          assignee: 'keyworker',
          dueOn: e.on,
          reason: `${alertWords[e.reason]}: start the re-engagement cascade today (phone, text, pharmacy, home visit, nominated contact).`,
          source: e.ruleId,
        });
        break;
      case 'review_supervision':
        out.push({
          type: 'task',
          kind: 'supervision_review',
          assignee: 'prescriber',
          dueOn: e.on,
          reason: `Review the supervision decision: ${reviewWords[e.reason]}.`,
          source: e.ruleId,
        });
        break;
      case 'add_risk_fact':
      case 'clear_risk_fact':
        break;
    }
  }
  return out;
}

const refused = (message: string): DomainError => new DomainError('RULE_REFUSED', message);

function eventFor(outcome: PharmacyOutcome, due: PharmacyDue, on: CalendarDate): DispensingEvent | null {
  switch (outcome.kind) {
    case 'not_due':
      if (due.kind !== 'not_due') throw refused('A dose is due today: record what happened.');
      return null;
    case 'supervised_consumed':
    case 'collected_take_home': {
      if (due.kind === 'blocked') throw refused(`OST-DISP-BLOCKED: ${due.message}`);
      if (due.kind === 'not_due')
        throw refused('Nothing is due today: today’s dose is already supplied, or the plan has not started.');
      if (outcome.kind === 'supervised_consumed') {
        return { type: 'supervised_consumed', on, takeHomeDays: due.days - 1 };
      }
      if (due.supervised)
        throw refused('Today’s dose is supervised in the plan: record it as supervised and consumed.');
      if (outcome.days > due.days) {
        throw refused(
          `This collection covers ${due.days} ${due.days === 1 ? 'day' : 'days'}; ${outcome.days} were recorded.`,
        );
      }
      return { type: 'collected_take_home', on, days: outcome.days };
    }
    case 'missed':
      return { type: 'missed', on };
    case 'withheld_intoxicated':
      return { type: 'withheld_intoxicated', on };
    case 'withheld_blocked':
      return { type: 'withheld_blocked', on };
  }
}

/**
 * Records a pharmacist's outcome for `today` against the plan and the loop. Refuses (RULE_REFUSED, with the
 * reason in words) a dose while blocked, a take-home on a supervised day, more days than the collection covers,
 * a dose when nothing is due, and "not due" when a dose is due. Missed doses are never dispensed later: the
 * loop refuses a past day.
 */
export function recordPharmacyOutcome(
  plan: OstPlan,
  state: DispensingState,
  today: CalendarDate,
  outcome: PharmacyOutcome,
): PharmacyRecording {
  const p = OstPlan.parse(plan);
  const s = DispensingState.parse(state);
  const parsed = PharmacyOutcome.parse(outcome);
  const due = pharmacyDueOn(p, s, today);
  const event = eventFor(parsed, due, today);
  const { state: next, effects } =
    event === null ? { state: s, effects: [] } : applyDispensingEvent(s, event);
  return {
    event,
    state: next,
    effects,
    consecutiveMissedDays: next.daysWithoutDose,
    blocked: next.blocked,
    missAlerted: effects.some((e) => e.ruleId === 'OST-DISP-MISSED-ALERT'),
    reInductionDue: next.daysWithoutDose >= restartLadderSteps.newInductionAfterDays,
    followUps: followUpsOf(effects),
  };
}
