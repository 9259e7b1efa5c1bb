import type { FollowUp } from '@harbour/domain/follow-ups';
import type { Transaction } from '@harbour/db/client';

/**
 * THE SEAM between the self-check portal and the task store (issue 9, branch `tasks`), in one place.
 *
 * Every same-day contact the self-check asks for is opened here, inside the transaction that stores what asked
 * for it: an urgent self-assessment answer (PHQ-9 question 9 above 0; an overdose in the last 7 days or
 * suicidal thoughts on the overdose-risk self-check) and an anonymous "ask someone to contact me".
 *
 * Until the task store is merged, nothing can be lost: the urgent flag and the domain's task (`urgentTask`) are
 * stored on the submission itself (`self_assessment.urgent`, `.urgent_task`) and the request is its own row
 * (`contact_request`), and `urgent_task_opened_at` / `task_opened_at` stay null, so those rows ARE the queue
 * (`pendingUrgentContacts` lists them; hazard HAZ-HLT-019). When the task store reaches main, these two
 * functions open the tasks through it (and set the opened-at columns), and nothing else changes.
 */
export interface UrgentContactRequest {
  organisationId: string;
  personId: string;
  selfAssessmentId: string;
  /** The domain's same-day task (`assessSubmission(...).sameDayTask`). */
  task: Extract<FollowUp, { type: 'task' }>;
}

/** Opens the same-day contact task for an urgent self-assessment answer. Returns when it was opened, or null. */
export async function openUrgentContactTask(
  _tx: Transaction,
  _request: UrgentContactRequest,
): Promise<string | null> {
  // Task store not merged yet: the submission row already holds the urgent flag and the task (see above).
  return null;
}

export interface DutyContactRequest {
  organisationId: string;
  contactRequestId: string;
  urgent: boolean;
  dueOn: string;
}

/** Opens the duty team's task for an anonymous "ask someone to contact me". Returns when, or null. */
export async function openDutyContactTask(
  _tx: Transaction,
  _request: DutyContactRequest,
): Promise<string | null> {
  // Task store not merged yet: the contact_request row is the duty queue until it is (see above).
  return null;
}
