import { assigneeKinds } from '@harbour/domain/tasks/assignee';
import { taskKinds } from '@harbour/domain/tasks/kinds';
import {
  cancelReasons,
  escalationReasons,
  escalationTargets,
  taskOutcomes,
  taskPriorities,
  taskStatuses,
} from '@harbour/domain/tasks/vocabulary';
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clinicalEvent, clinicalEventType } from './clinical-event.ts';
import { createdAt, id, instant, version } from './columns.ts';
import { organisation, team } from './organisation.ts';
import { person } from './person.ts';
import { contactRequest } from './self-assessment.ts';
import { staff } from './staff.ts';

export const taskKind = pgEnum('task_kind', taskKinds);
export const taskStatus = pgEnum('task_status', taskStatuses);
export const taskOutcome = pgEnum('task_outcome', taskOutcomes);
export const taskCancelReason = pgEnum('task_cancel_reason', cancelReasons);
export const taskPriority = pgEnum('task_priority', taskPriorities);
export const taskAssigneeKind = pgEnum('task_assignee_kind', assigneeKinds);
export const taskEscalationTarget = pgEnum('task_escalation_target', escalationTargets);
export const taskEscalationReason = pgEnum('task_escalation_reason', escalationReasons);

/**
 * A task opened by a rule in @harbour/domain/tasks (an event in, tasks out) and stored in the event's
 * transaction: what it asks, by when, for whom, why, and how it ended. The rule names a role (keyworker,
 * prescriber, team, team lead); the service resolves it from the person's episode when it stores the task
 * (`assigneeStaffId`, null for the team), and keeps the role so a list can say "their keyworker".
 *
 * Closing or reassigning bumps `version` only if nobody has since the writer read it (optimistic concurrency):
 * two people completing one task, one wins and the other is told.
 */
export const task = pgTable(
  'task',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    /** Null only for an anonymous request (a kind about no one). */
    personId: uuid().references(() => person.id),
    kind: taskKind().notNull(),
    /** One plain line from the rule: never a name or clinical free text. */
    why: text().notNull(),
    /** Free text agreed by staff: shown inside the person's record only. */
    note: text(),
    dueOn: date({ mode: 'string' }).notNull(),
    sameDay: boolean().notNull(),
    priority: taskPriority().notNull(),
    /** The role the rule named, or `staff` once someone named a member of staff. */
    assigneeKind: taskAssigneeKind().notNull(),
    /** The member of staff it is for, resolved from the role; null when it is for the whole team. */
    assigneeStaffId: uuid().references(() => staff.id),
    /** The team whose list it is on (the person's team when it was opened). */
    teamId: uuid().references(() => team.id),
    sourceEventId: uuid().references(() => clinicalEvent.id),
    sourceEventType: clinicalEventType(),
    /** Day 0: only an event on or after it can close the task. */
    sourceEventOn: date({ mode: 'string' }).notNull(),
    ruleId: text().notNull(),
    /** The anonymous "contact me" request a duty queue task is for (its name and number stay on the request). */
    contactRequestId: uuid().references(() => contactRequest.id),
    sourceCause: text(),
    /** The last day of the risk window the task serves: still open after it, the daily job closes it as missed. */
    windowEndsOn: date({ mode: 'string' }),
    escalatedTo: taskEscalationTarget(),
    escalationReason: taskEscalationReason(),
    escalatedOn: date({ mode: 'string' }),
    openedOn: date({ mode: 'string' }).notNull(),
    status: taskStatus().notNull().default('open'),
    outcome: taskOutcome(),
    cancelReason: taskCancelReason(),
    closedOn: date({ mode: 'string' }),
    /** The member of staff who closed it; null when an event or the end of its window did. */
    closedBy: uuid().references(() => staff.id),
    /** The recorded event that closed it by itself. */
    closedByEventId: uuid().references(() => clinicalEvent.id),
    closedAt: instant(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    // "My open tasks", "the team's open tasks" and "the person's open tasks", by due date: partial indexes hold
    // only the open ones, so they stay small however many tasks are closed.
    index('task_open_by_assignee')
      .on(t.assigneeStaffId, t.dueOn)
      .where(sql`${t.status} = 'open'`),
    index('task_open_by_team')
      .on(t.teamId, t.dueOn)
      .where(sql`${t.status} = 'open'`),
    index('task_open_by_person')
      .on(t.personId, t.dueOn)
      .where(sql`${t.status} = 'open'`),
    index().on(t.organisationId, t.status),
    index().on(t.sourceEventId),
    // A naloxone kit is reminded of once, whatever became of the reminder (done, cancelled): the daily job
    // skips kits it has reminded of, and this makes a second reminder for one kit impossible even so.
    uniqueIndex('task_naloxone_expiry_once_per_kit')
      .on(t.sourceEventId)
      .where(sql`${t.ruleId} = 'TSK-NALOXONE-EXPIRY'`),
    check(
      'task_closure_complete',
      sql`(${t.status} = 'open') = (${t.closedOn} is null)
        and (${t.status} <> 'done' or ${t.outcome} is not null)
        and (${t.status} <> 'cancelled' or ${t.cancelReason} is not null)`,
    ),
    // A duty queue task always names its "contact me" request, and only such a task does.
    check(
      'task_contact_request_named',
      sql`(${t.contactRequestId} is not null) = (${t.kind} = 'contact_request')`,
    ),
    check(
      'task_escalation_complete',
      sql`(${t.escalatedTo} is null) = (${t.escalationReason} is null) and (${t.escalatedTo} is null) = (${t.escalatedOn} is null)`,
    ),
  ],
);
