import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { ClinicalEventType, EventPayload } from '../events.ts';
import { CalendarDate, Id } from '../ids.ts';
import { multiLine, singleLine } from '../text.ts';
import { Assignee } from './assignee.ts';
import { outcomeAllowed, TaskKind, taskKindDefinition, taskKindLabels } from './kinds.ts';
import { TaskRuleId } from './rules.ts';
import {
  CancelReason,
  cancelReasonLabels,
  EscalationReason,
  EscalationTarget,
  MISSED_REASON,
  TaskOutcome,
  taskOutcomeCatalogue,
  TaskPriority,
  type TaskStatus,
} from './vocabulary.ts';

/**
 * The task model. Rules return `TaskToOpen`s; the service stores them as `Task`s (adding the id and the day it
 * opened them), shows them, and closes them with a `TaskClosure`: by a recorded event (closures.ts), by the
 * end of the risk window (missed), or by a member of staff (`completeTask`, `cancelTask`).
 */

/** An event as the task rules read it: any stored clinical event fits (its other fields are ignored). */
export const TaskEvent = z.intersection(
  z.object({ id: Id, personId: Id, occurredOn: CalendarDate }),
  EventPayload,
);
export type TaskEvent = z.infer<typeof TaskEvent>;

/** What opened a task: the event (when there is one), its day (day 0) and the stable id of the rule. */
export const TaskSource = z.strictObject({
  eventId: Id.nullable(),
  eventType: ClinicalEventType.nullable(),
  /** Day 0. Only an event on or after this day can close the task. */
  eventOn: CalendarDate,
  ruleId: TaskRuleId,
  /** For a follow-up from another rule set: the rule or alert that asked for it (an OST rule id), for the audit. */
  cause: singleLine({ min: 1, max: 200 }).optional(),
});
export type TaskSource = z.infer<typeof TaskSource>;

export const TaskEscalation = z.strictObject({
  to: EscalationTarget,
  reason: EscalationReason,
  on: CalendarDate,
});
export type TaskEscalation = z.infer<typeof TaskEscalation>;

const taskFields = {
  /** `null` only for an anonymous request (a kind whose subject is `anonymous`). */
  personId: Id.nullable(),
  kind: TaskKind,
  /** Always a working day (due.ts). */
  dueOn: CalendarDate,
  sameDay: z.boolean(),
  assignee: Assignee,
  priority: TaskPriority,
  /** Shown on lists (which may shorten it): plain English from a rule, never a name or clinical free text. */
  why: singleLine({ min: 1, max: 500 }),
  /** Free text agreed by staff (a case review action's detail): shown inside the person's record only. */
  note: multiLine({ max: 500 }).nullable(),
  source: TaskSource,
  /** The last day of the risk window the task serves; still open after it, it is closed as missed. */
  windowEndsOn: CalendarDate.nullable(),
  /** Set when the task was opened already escalated, or later by `escalationsForDay`. */
  escalation: TaskEscalation.nullable(),
};

const subjectMatches = (t: { personId: string | null; kind: TaskKind }): boolean =>
  (t.personId === null) === (taskKindDefinition(t.kind).subject !== 'person');
const subjectMessage = {
  message: 'a task is about a person unless it is an anonymous request or about a member of staff',
  path: ['personId'],
};

export const TaskToOpen = z.strictObject(taskFields).refine(subjectMatches, subjectMessage);
export type TaskToOpen = z.infer<typeof TaskToOpen>;

const closedOn = CalendarDate;

/** How a task ended. `byEventId`: the recorded event that closed it by itself, `null` when staff did. */
export const TaskClosure = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('done'), outcome: TaskOutcome, closedOn, byEventId: Id.nullable() }),
  z.strictObject({ status: z.literal('missed'), reason: z.literal(MISSED_REASON), closedOn }),
  z.strictObject({
    status: z.literal('cancelled'),
    reason: CancelReason,
    closedOn,
    byEventId: Id.nullable(),
  }),
]);
export type TaskClosure = z.infer<typeof TaskClosure>;

/** A stored task. `closure` is `null` while it is open. */
export const Task = z
  .strictObject({ ...taskFields, id: Id, openedOn: CalendarDate, closure: TaskClosure.nullable() })
  .refine(subjectMatches, subjectMessage);
export type Task = z.infer<typeof Task>;

/** What the closing, overdue and escalation rules read of an open task (a stored row fits). */
export type OpenTask = Pick<
  Task,
  | 'id'
  | 'personId'
  | 'kind'
  | 'dueOn'
  | 'sameDay'
  | 'priority'
  | 'assignee'
  | 'source'
  | 'windowEndsOn'
  | 'escalation'
>;

export function taskStatus(task: Pick<Task, 'closure'>): TaskStatus {
  return task.closure?.status ?? 'open';
}

/** True when the task's purpose was met: done with an outcome that meets it (trying and failing does not). */
export function taskMet(task: Pick<Task, 'closure'>): boolean {
  return task.closure?.status === 'done' && taskOutcomeCatalogue[task.closure.outcome].met;
}

export const CompleteTaskInput = z.strictObject({ taskId: Id, outcome: TaskOutcome });
export type CompleteTaskInput = z.infer<typeof CompleteTaskInput>;

/** Reasons staff may give; `ost_ended` is Harbour's own. */
export const StaffCancelReason = CancelReason.exclude(['ost_ended']);
export const CancelTaskInput = z.strictObject({ taskId: Id, reason: StaffCancelReason });
export type CancelTaskInput = z.infer<typeof CancelTaskInput>;

export const ReassignTaskInput = z.strictObject({ taskId: Id, assignee: Assignee });
export type ReassignTaskInput = z.infer<typeof ReassignTaskInput>;

function refuseClosed(task: Pick<Task, 'kind' | 'closure'>): void {
  if (task.closure !== null)
    throw new DomainError('CONFLICT', `This task is already ${task.closure.status}; reload to see it`);
}

/** The closure when staff complete `task` with `outcome` on `today`; refused if the kind does not allow it. */
export function completeTask(
  task: Pick<Task, 'kind' | 'closure'>,
  outcome: TaskOutcome,
  today: CalendarDate,
): TaskClosure {
  refuseClosed(task);
  if (!outcomeAllowed(task.kind, outcome)) {
    const allowed = taskKindDefinition(task.kind)
      .outcomes.map((o) => `"${taskOutcomeCatalogue[o].label}"`)
      .join(' or ');
    throw new DomainError(
      'RULE_REFUSED',
      `A "${taskKindLabels[task.kind]}" task is completed as ${allowed}, not "${taskOutcomeCatalogue[outcome].label}"`,
      [{ path: ['outcome'], message: `Choose ${allowed}` }],
    );
  }
  return { status: 'done', outcome, closedOn: today, byEventId: null };
}

/** The closure when staff cancel `task` on `today` for `reason`. */
export function cancelTask(
  task: Pick<Task, 'kind' | 'closure'>,
  reason: CancelReason,
  today: CalendarDate,
): TaskClosure {
  refuseClosed(task);
  if (!StaffCancelReason.safeParse(reason).success)
    throw new DomainError(
      'INVALID_INPUT',
      `"${cancelReasonLabels[reason]}" is recorded by Harbour, not by staff`,
    );
  return { status: 'cancelled', reason, closedOn: today, byEventId: null };
}
