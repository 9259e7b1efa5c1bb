import { z } from 'zod';

/**
 * The words of a task's life: its status, the outcome it was done with, why it was cancelled, its priority and
 * its escalation. Every label is plain English, for lists and for the person's record.
 */

/**
 * `open` → `done` (with an outcome), `missed` (closed by Harbour when the risk window it served ended before it
 * was done: it still counts as missed in reports) or `cancelled` (with a reason: it was no longer needed).
 */
export const taskStatuses = ['open', 'done', 'missed', 'cancelled'] as const;
export const TaskStatus = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const taskStatusLabels: Readonly<Record<TaskStatus, string>> = {
  open: 'Open',
  done: 'Done',
  missed: 'Missed',
  cancelled: 'Cancelled',
};

interface OutcomeEntry {
  label: string;
  /** Whether the task's purpose was met (for reports: "contacted within 2 days"); trying is not meeting. */
  met: boolean;
}

/** What a done task achieved. Each task kind allows some of these (kinds.ts). */
export const taskOutcomeCatalogue = {
  contacted: { label: 'Contacted', met: true },
  could_not_reach: { label: 'Tried and could not reach', met: false },
  naloxone_supplied: { label: 'Naloxone supplied', met: true },
  naloxone_already_held: { label: 'Already holds an in-date kit', met: true },
  naloxone_declined: { label: 'Offered naloxone: declined', met: false },
  prescribing_started: { label: 'Prescribing started or continued', met: true },
  appointment_declined: { label: 'Offered an appointment: declined', met: false },
  reviewed_no_change: { label: 'Reviewed: no change needed', met: true },
  dose_changed: { label: 'Reviewed: dose or co-prescription changed', met: true },
  supervision_changed: { label: 'Reviewed: supervision changed', met: true },
  gp_informed: { label: 'GP informed', met: true },
  case_reviewed: { label: 'Reviewed at a team case review', met: true },
  action_done: { label: 'Done', met: true },
} as const satisfies Record<string, OutcomeEntry>;

export type TaskOutcome = keyof typeof taskOutcomeCatalogue;
export const taskOutcomes = Object.keys(taskOutcomeCatalogue) as [TaskOutcome, ...TaskOutcome[]];
export const TaskOutcome = z.enum(taskOutcomes);

/** The one reason Harbour closes a task as missed, and how it reads. */
export const MISSED_REASON = 'risk_window_ended';
export const missedLabel = 'Risk window ended: not done in time';

/** Why an open task was cancelled. `ost_ended` is recorded by Harbour (an induction review after an OST exit). */
export const cancelReasons = [
  'opened_in_error',
  'duplicate',
  'no_longer_needed',
  'person_died',
  'left_service',
  'in_custody',
  'ost_ended',
] as const;
export const CancelReason = z.enum(cancelReasons);
export type CancelReason = z.infer<typeof CancelReason>;

export const cancelReasonLabels: Readonly<Record<CancelReason, string>> = {
  opened_in_error: 'Opened in error',
  duplicate: 'A duplicate of another task',
  no_longer_needed: 'No longer needed',
  person_died: 'The person died',
  left_service: 'Left the service or moved to another',
  in_custody: 'In custody',
  ost_ended: 'No longer on OST',
};

/** `urgent`: in an acute risk window, where a day matters. Urgent tasks sort first and escalate sooner. */
export const taskPriorities = ['urgent', 'routine'] as const;
export const TaskPriority = z.enum(taskPriorities);
export type TaskPriority = z.infer<typeof TaskPriority>;

export const taskPriorityLabels: Readonly<Record<TaskPriority, string>> = {
  urgent: 'Urgent',
  routine: 'Routine',
};

/** Why a task was brought to a senior's attention. */
export const escalationReasons = ['repeat_overdose', 'overdue', 'competency_expired'] as const;
export const EscalationReason = z.enum(escalationReasons);
export type EscalationReason = z.infer<typeof EscalationReason>;

export const escalationReasonLabels: Readonly<Record<EscalationReason, string>> = {
  repeat_overdose: 'A second overdose within 90 days',
  overdue: 'Overdue',
  competency_expired: 'A competency expired before it was renewed',
};

/** The senior a task is escalated to: the team lead, or the service manager when it is the team lead's own. */
export const escalationTargets = ['team_lead', 'service_manager'] as const;
export const EscalationTarget = z.enum(escalationTargets);
export type EscalationTarget = z.infer<typeof EscalationTarget>;
