import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { EventPayload } from '../events.ts';
import type { FollowUp } from '../follow-ups.ts';
import { CalendarDate } from '../ids.ts';
import type { CrisisContact } from './crisis.ts';
import { Administrator, InstrumentId } from './definition.ts';
import { instruments } from './registry.ts';
import {
  ScoringContext,
  scoreInstrument,
  type InstrumentAlert,
  type InstrumentResult,
  type ProposedFact,
} from './score.ts';

/**
 * One entry point for a submitted self-assessment or staff-administered instrument (issue 11): score it, and
 * say what must happen now. Urgent answers (PHQ-9 question 9 above 0; on the overdose-risk self-check, an
 * overdose in the last 7 days or thoughts of suicide: health-and-instruments.md) open a same-day contact task
 * and show crisis contacts at once. The overdose-risk self-check has no total by design (it is not validated),
 * so "a high self-check" means its urgent answers. Facts from validated instruments enter the risk model at
 * once; the others wait for the keyworker to confirm them.
 */
export const Submission = z.strictObject({
  instrumentId: InstrumentId,
  answers: z.unknown(),
  context: ScoringContext.optional(),
  submittedOn: CalendarDate,
  /** `self` in the self-check portal; `staff` for a keyworker or clinician. */
  by: Administrator,
});
export type Submission = z.infer<typeof Submission>;

/** What the risk model takes from the submission now, without waiting for anyone. */
export interface RiskModelUpdate {
  /** Events to record, dated the day of the submission (PHQ-9 question 9 → `suicidality`). */
  events: EventPayload[];
  /** The latest alcohol screening scores, to store as the person's current ones. */
  alcohol: { auditScore?: number; auditCScore?: number } | null;
}

export interface SubmissionOutcome {
  result: InstrumentResult;
  urgent: boolean;
  /** The same-day contact task, for an urgent answer; null otherwise. */
  sameDayTask: FollowUp | null;
  /** Show these to the person at once (all of them when urgent). */
  crisisContacts: readonly CrisisContact[];
  /** Facts that enter the risk model at once (validated instruments). */
  factsNow: ProposedFact[];
  /** Facts that wait for the keyworker to confirm them. */
  factsToConfirm: ProposedFact[];
  riskModelUpdate: RiskModelUpdate;
  /** The non-urgent alerts that ask for a task (complete the full AUDIT; keyworker review). */
  actions: InstrumentAlert[];
}

function riskModelUpdate(result: InstrumentResult, factsNow: readonly ProposedFact[]): RiskModelUpdate {
  const events: EventPayload[] = factsNow.some((f) => f.code === 'SUICIDALITY' && f.instrumentId === 'phq9')
    ? [{ type: 'suicidality', details: { source: 'phq9_item9' } }]
    : [];
  const total = result.total;
  let alcohol: RiskModelUpdate['alcohol'] = null;
  if (total !== null && result.instrumentId === 'audit') alcohol = { auditScore: total };
  if (total !== null && result.instrumentId === 'audit_c') alcohol = { auditCScore: total };
  return { events, alcohol };
}

/**
 * Scores a submission and returns what to do now. Throws DomainError('INVALID_INPUT') for answers that are
 * incomplete or invalid (nothing is scored from a partial set), and for an instrument the person may not
 * complete themselves (TOP is done with the keyworker).
 */
export function assessSubmission(submission: Submission): SubmissionOutcome {
  const s = Submission.parse(submission);
  const definition = instruments[s.instrumentId];
  if (!definition.administeredBy.includes(s.by)) {
    throw new DomainError(
      'INVALID_INPUT',
      `${definition.name} is not completed by ${s.by === 'self' ? 'the person themselves' : 'staff'}.`,
    );
  }
  const result = scoreInstrument(definition, s.answers, s.context ?? {});
  const urgentAlerts = result.alerts.filter((a) => a.level === 'urgent');
  const sameDayTask: FollowUp | null =
    urgentAlerts.length === 0
      ? null
      : {
          type: 'task',
          kind: 'urgent_contact',
          assignee: 'keyworker',
          dueOn: s.submittedOn,
          reason: `Make contact today. ${urgentAlerts.map((a) => a.forStaff).join(' ')}`,
          source: urgentAlerts.map((a) => `${definition.id}:${a.id}`).join(', '),
        };
  const factsNow = result.proposedFacts.filter((f) => f.use === 'in_risk_model');
  return {
    result,
    urgent: result.urgent,
    sameDayTask,
    crisisContacts: result.crisisContacts,
    factsNow,
    factsToConfirm: result.proposedFacts.filter((f) => f.use === 'keyworker_confirms'),
    riskModelUpdate: riskModelUpdate(result, factsNow),
    actions: result.alerts.filter((a) => a.level === 'action'),
  };
}
