import type { FollowUp } from '@harbour/domain/follow-ups';
import type { CalendarDate } from '@harbour/domain/ids';
import { taskForContactRequest } from '@harbour/domain/tasks/contact-request';
import { tasksFromFollowUps } from '@harbour/domain/tasks/from-follow-up';
import type { Transaction } from '@harbour/db/client';
import { task } from '@harbour/db/schema/task';
import { assigneeContext, dutyTeamId, noAssignees, openTaskRows, taskInsert } from '@harbour/db/tasks/store';

/**
 * THE SEAM between the self-check portal and the task store, in one place.
 *
 * Every same-day contact the self-check asks for is opened here, inside the transaction that stores what asked
 * for it: an urgent self-assessment answer (PHQ-9 question 9 above 0; an overdose in the last 7 days or
 * suicidal thoughts on the overdose-risk self-check) and an anonymous "ask someone to contact me". If the task
 * cannot be stored, the error ends the whole transaction: the submission or the request is not stored either,
 * and the person is told it did not go through, so an urgent answer never sits stored with no task
 * (HAZ-HLT-019).
 *
 * - An urgent answer: the same-day contact task (`taskFromFollowUp`) for the person's keyworker, on their
 *   team's list (the team of their open episode: "Team tasks"). With no keyworker it is the team's; with no
 *   open episode it goes to the duty queue.
 * - The duty queue is the list of the organisation's duty team (`team.duty`; with none marked, the earliest team
 *   created: `dutyTeamId`). A "contact me" request becomes a task about no one on it (`taskForContactRequest`),
 *   naming the request, where the name and number stay.
 */
export interface UrgentContactRequest {
  organisationId: string;
  personId: string;
  selfAssessmentId: string;
  /** The domain's same-day task (`assessSubmission(...).sameDayTask`). */
  task: Extract<FollowUp, { type: 'task' }>;
  /** The day of the submission. */
  today: CalendarDate;
  now: Date;
}

/**
 * Opens the same-day contact task for an urgent self-assessment answer, and returns when it was handed to the
 * task store (for `self_assessment.urgent_task_opened_at`). A same-day contact task the person already has open,
 * due no later, covers it: nothing new is opened, and the answer is handed to that one.
 */
export async function openUrgentContactTask(tx: Transaction, request: UrgentContactRequest): Promise<string> {
  const open = await openTaskRows(tx, request.organisationId, request.personId);
  const toOpen = tasksFromFollowUps(
    [request.task],
    { personId: request.personId, raisedOn: request.today },
    { openTasks: open },
  );
  if (toOpen.length > 0) {
    const roles = await assigneeContext(tx, request.organisationId, request.personId);
    const context =
      roles.teamId === null
        ? { ...noAssignees, teamId: await requireDutyTeam(tx, request.organisationId) }
        : roles;
    await tx
      .insert(task)
      .values(toOpen.map((t) => taskInsert(t, request.organisationId, request.today, context)));
  }
  return request.now.toISOString();
}

export interface DutyContactRequest {
  organisationId: string;
  contactRequestId: string;
  urgent: boolean;
  /** The day the request arrived. */
  receivedOn: CalendarDate;
  now: Date;
}

/** Opens the duty queue's task for an anonymous "ask someone to contact me". Returns when it was opened. */
export async function openDutyContactTask(tx: Transaction, request: DutyContactRequest): Promise<string> {
  const open = taskForContactRequest({ receivedOn: request.receivedOn, urgent: request.urgent });
  const teamId = await requireDutyTeam(tx, request.organisationId);
  await tx.insert(task).values({
    ...taskInsert(open, request.organisationId, request.receivedOn, { ...noAssignees, teamId }),
    contactRequestId: request.contactRequestId,
  });
  return request.now.toISOString();
}

/** The duty team; an organisation with no team at all cannot take a request (the whole write fails). */
async function requireDutyTeam(tx: Transaction, organisationId: string): Promise<string> {
  const teamId = await dutyTeamId(tx, organisationId);
  if (teamId === null) throw new Error('the organisation has no team to take the duty queue');
  return teamId;
}
