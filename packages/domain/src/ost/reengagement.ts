import { z } from 'zod';
import { EventPayload, reEngagementModes } from '../events.ts';
import { CalendarDate, Id } from '../ids.ts';
import { StaffRole } from '../staff.ts';
import { multiLine } from '../text.ts';
import { finding, type Finding } from './outcome.ts';

/**
 * The re-engagement cascade (ost.md "Reductions and exits"): missed appointments and doses lead to phone, text,
 * pharmacy liaison, a home visit and the nominated contact, before any discharge. A discharge for
 * non-attendance is never automatic: it needs the cascade done and a team lead's sign-off.
 */
export const reEngagementSteps = reEngagementModes;
export const ReEngagementStep = z.enum(reEngagementSteps);
export type ReEngagementStep = z.infer<typeof ReEngagementStep>;

export const reEngagementStepLabels: Record<ReEngagementStep, string> = {
  phone: 'phone call',
  text: 'text message',
  pharmacy_liaison: 'pharmacy liaison',
  home_visit: 'home visit',
  nominated_contact: 'nominated contact',
};

/**
 * One attempt: `reached` (spoke to the person, or the contact passed a message and they replied), `no_reply`,
 * or `not_possible` with why (no phone number, no nominated contact, a home visit unsafe).
 */
export const ReEngagementAttempt = z.discriminatedUnion('result', [
  z.strictObject({ step: ReEngagementStep, on: CalendarDate, by: Id, result: z.literal('reached') }),
  z.strictObject({ step: ReEngagementStep, on: CalendarDate, by: Id, result: z.literal('no_reply') }),
  z.strictObject({
    step: ReEngagementStep,
    on: CalendarDate,
    by: Id,
    result: z.literal('not_possible'),
    why: multiLine({ min: 3, max: 500, tooShort: 'say why it was not possible' }),
  }),
]);
export type ReEngagementAttempt = z.infer<typeof ReEngagementAttempt>;

export const ReEngagementCascade = z.strictObject({
  /** The day the cascade started (the first missed dose or appointment it answers). */
  startedOn: CalendarDate,
  attempts: z.array(ReEngagementAttempt).max(200),
});
export type ReEngagementCascade = z.infer<typeof ReEngagementCascade>;

export interface CascadeStatus {
  /**
   * Every step tried without reaching them, or recorded as not possible with why; at least one of them actually
   * tried (not every step "not possible"); and nobody reached them.
   */
  done: boolean;
  /** Every step recorded, but each as not possible: nothing was actually tried, so the cascade is not done. */
  nothingTried: boolean;
  /** Each step's latest attempt since the cascade started, or null if not yet tried. */
  steps: { step: ReEngagementStep; latest: ReEngagementAttempt | null }[];
  /** The person was reached: re-engaged, so the cascade has done its job. */
  reached: ReEngagementAttempt | null;
  /** Steps not yet tried (or not yet recorded as not possible), in cascade order. */
  remaining: ReEngagementStep[];
  /** The next step to try, or null. */
  next: ReEngagementStep | null;
  /** The day of the last attempt, or null before the first. */
  lastAttemptOn: CalendarDate | null;
}

/**
 * Where a cascade stands: which steps are left, whether it is done, whether the person was reached. A step that
 * was not possible (no phone number on file, no nominated contact, no known address), recorded with why, counts
 * as tried: ost.md asks that every route be tried before a discharge, and a route that does not exist cannot be.
 * But a cascade in which every step was "not possible" tried nothing, and is not done (decided for issue 10;
 * docs/ost-rules.md, hazard HAZ-OST-038): the pharmacy at least can be asked while they have a plan.
 */
export function cascadeStatus(cascade: ReEngagementCascade): CascadeStatus {
  const { startedOn, attempts } = ReEngagementCascade.parse(cascade);
  const counted = attempts.filter((a) => a.on >= startedOn);
  const reached = counted.find((a) => a.result === 'reached') ?? null;
  const remaining = reEngagementSteps.filter((step) => !counted.some((a) => a.step === step));
  const lastAttemptOn = counted.reduce<CalendarDate | null>(
    (last, a) => (last === null || a.on > last ? a.on : last),
    null,
  );
  const nothingTried = remaining.length === 0 && !counted.some((a) => a.result !== 'not_possible');
  const latest = (step: ReEngagementStep) =>
    counted.reduce<ReEngagementAttempt | null>(
      (last, a) => (a.step === step && (last === null || a.on >= last.on) ? a : last),
      null,
    );
  return {
    done: reached === null && remaining.length === 0 && !nothingTried,
    nothingTried,
    steps: reEngagementSteps.map((step) => ({ step, latest: latest(step) })),
    reached,
    remaining,
    next: reached === null ? (remaining[0] ?? null) : null,
    lastAttemptOn,
  };
}

export const DischargeSignOff = z.strictObject({ by: Id, role: StaffRole, on: CalendarDate });
export type DischargeSignOff = z.infer<typeof DischargeSignOff>;

export type DischargeDecision =
  | { allowed: true; finding: Finding; event: EventPayload }
  | { allowed: false; finding: Finding; reasons: string[] };

const list = (steps: readonly ReEngagementStep[]): string => {
  const labels = steps.map((s) => reEngagementStepLabels[s]);
  return labels.length === 1
    ? String(labels[0])
    : `${labels.slice(0, -1).join(', ')} and ${String(labels.at(-1))}`;
};

/**
 * May a person be discharged for not attending? Only when the re-engagement cascade is done without reaching
 * them, and a team lead has signed it off on or after the last attempt. Otherwise refused, with every reason in
 * plain words (not overridable: the cascade and the sign-off are what lift it). Allowed returns the `ost_exit`
 * event (reason `unplanned`) that starts the 4-week OST_EXIT window and its exit checklist.
 */
export function mayDischargeForNonAttendance(
  cascade: ReEngagementCascade,
  signOff: DischargeSignOff | null,
): DischargeDecision {
  const status = cascadeStatus(cascade);
  const sign = signOff === null ? null : DischargeSignOff.parse(signOff);
  const reasons: string[] = [];
  if (status.reached !== null) {
    reasons.push(
      `They were reached by ${reEngagementStepLabels[status.reached.step]} on ${status.reached.on}: agree a plan ` +
        'with them. If they choose to leave, record a planned exit.',
    );
  } else if (status.remaining.length > 0) {
    reasons.push(`The re-engagement cascade is not finished: still to try ${list(status.remaining)}.`);
  } else if (status.nothingTried) {
    reasons.push(
      'Every step of the re-engagement cascade is recorded as not possible: at least one must actually be tried.',
    );
  }
  if (sign === null) {
    reasons.push('A team lead must sign off a discharge for non-attendance.');
  } else if (sign.role !== 'team_lead') {
    reasons.push(`A ${sign.role.replace('_', ' ')} cannot sign this off: a team lead must.`);
  } else if (status.lastAttemptOn !== null && sign.on < status.lastAttemptOn) {
    reasons.push(
      `The sign-off on ${sign.on} comes before the last attempt on ${status.lastAttemptOn}: sign off again.`,
    );
  }
  if (reasons.length > 0) {
    const message = `Not discharged: ${reasons.join(' ')}`;
    return {
      allowed: false,
      finding: finding('OST-EXIT-NON-ATTENDANCE', 'refused', message, { overridable: false }),
      reasons,
    };
  }
  return {
    allowed: true,
    finding: finding('OST-EXIT-NON-ATTENDANCE', 'ok', 'The cascade is done and a team lead has signed off.'),
    event: EventPayload.parse({ type: 'ost_exit', details: { reason: 'unplanned' } }),
  };
}
