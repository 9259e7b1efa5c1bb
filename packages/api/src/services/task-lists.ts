import {
  canReadTeamCaseload,
  canWorkTeamQueue,
  clinicalRoles,
  type Actor,
} from '@harbour/domain/access/policy';
import { assigneeKindLabels, namedAssignment, type AssigneeKind } from '@harbour/domain/tasks/assignee';
import { londonDate } from '@harbour/domain/dates';
import { DomainError, notFound } from '@harbour/domain/errors';
import type { CalendarDate } from '@harbour/domain/ids';
import { staffRoleLabels } from '@harbour/domain/staff';
import { taskKindDefinition, taskKindLabels, type TaskKind } from '@harbour/domain/tasks/kinds';
import { compareForList, taskTiming, type TaskTiming } from '@harbour/domain/tasks/overdue';
import type {
  CancelStoredTask,
  CompleteDutyTask,
  CompleteStoredTask,
  ReassignStoredTask,
} from '@harbour/domain/tasks/requests';
import { cancelTask, completeTask } from '@harbour/domain/tasks/task';
import {
  escalationReasonLabels,
  taskOutcomeCatalogue,
  taskPriorityLabels,
  type EscalationReason,
  type EscalationTarget,
  type TaskOutcome,
  type TaskPriority,
} from '@harbour/domain/tasks/vocabulary';
import type { Database, Transaction } from '@harbour/db/client';
import { person } from '@harbour/db/schema/person';
import { contactRequest } from '@harbour/db/schema/self-assessment';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { task } from '@harbour/db/schema/task';
import {
  assigneeContext,
  changeTask,
  closureValues,
  resolveAssignee,
  type TaskRow,
} from '@harbour/db/tasks/store';
import { withTenant } from '@harbour/db/tenant';
import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { writeAudit, type TaskChanges } from '../audit/write-audit.ts';
import { personAccess } from './person-access.ts';
import { refusedEntry, settle, type Outcome, type WriteContext } from './record-event.ts';

/**
 * Staff's task lists ("My tasks", "Team tasks", the person's record) and what staff do to a task: complete it
 * with an outcome its kind allows, cancel it with a reason, reassign it. Lists are audited as one `list` row
 * (like the caseload); anything done to a task is audited on the person's record, refusals included.
 */

export interface TaskListItem {
  id: string;
  version: number;
  personId: string | null;
  personName: string | null;
  personReference: string | null;
  kind: TaskKind;
  kindLabel: string;
  why: string;
  dueOn: CalendarDate;
  sameDay: boolean;
  timing: TaskTiming;
  priority: TaskPriority;
  priorityLabel: string;
  assigneeKind: AssigneeKind;
  assigneeLabel: string;
  assigneeStaffId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  escalation: {
    to: EscalationTarget;
    reason: EscalationReason;
    reasonLabel: string;
    on: CalendarDate;
  } | null;
  /** The outcomes staff may complete it with, with their labels (the form's choices). */
  outcomes: { value: TaskOutcome; label: string }[];
  /**
   * For a duty queue task (an anonymous "contact me" from the self-check): whom to call, as they gave it. On the
   * team's list only: the task itself never holds the name or number.
   */
  callBack: { name: string; phone: string } | null;
}

/** A list as the pages show it: the day its timings are for, and the tasks earliest due first. */
export interface TaskList {
  today: CalendarDate;
  rows: TaskListItem[];
}

/** A member of the team a team lead may give a task to by name. */
export interface TeamMember {
  staffId: string;
  displayName: string;
  roleLabel: string;
}

export interface PersonTaskItem extends TaskListItem {
  /** Shown inside the person's record only. */
  note: string | null;
}

const assigneeStaff = alias(staff, 'assignee_staff');

function listSelect(tx: Transaction, where: SQL | undefined) {
  return tx
    .select({
      task,
      personName: sql<string | null>`${person.familyName} || ', ' || ${person.givenName}`,
      personReference: person.reference,
      assigneeName: assigneeStaff.displayName,
      callBackName: contactRequest.name,
      callBackPhone: contactRequest.phone,
    })
    .from(task)
    .leftJoin(person, and(eq(person.id, task.personId), eq(person.organisationId, task.organisationId)))
    .leftJoin(
      contactRequest,
      and(
        eq(contactRequest.id, task.contactRequestId),
        eq(contactRequest.organisationId, task.organisationId),
      ),
    )
    .leftJoin(
      assigneeStaff,
      and(eq(assigneeStaff.id, task.assigneeStaffId), eq(assigneeStaff.organisationId, task.organisationId)),
    )
    .where(where)
    .orderBy(task.dueOn, task.id)
    .limit(500);
}

function toItem(
  row: {
    task: TaskRow;
    personName: string | null;
    personReference: string | null;
    assigneeName: string | null;
    callBackName: string | null;
    callBackPhone: string | null;
  },
  today: CalendarDate,
): PersonTaskItem {
  const t = row.task;
  return {
    id: t.id,
    version: t.version,
    personId: t.personId,
    personName: row.personName,
    personReference: row.personReference,
    kind: t.kind,
    kindLabel: taskKindLabels[t.kind],
    why: t.why,
    dueOn: t.dueOn,
    sameDay: t.sameDay,
    timing: taskTiming(t, today),
    priority: t.priority,
    priorityLabel: taskPriorityLabels[t.priority],
    assigneeKind: t.assigneeKind,
    assigneeLabel: assigneeKindLabels[t.assigneeKind],
    assigneeStaffId: t.assigneeStaffId,
    assigneeName: row.assigneeName,
    teamId: t.teamId,
    escalation:
      t.escalatedTo && t.escalationReason && t.escalatedOn
        ? {
            to: t.escalatedTo,
            reason: t.escalationReason,
            reasonLabel: escalationReasonLabels[t.escalationReason],
            on: t.escalatedOn,
          }
        : null,
    outcomes: taskKindDefinition(t.kind).outcomes.map((value) => ({
      value,
      label: taskOutcomeCatalogue[value].label,
    })),
    callBack:
      row.callBackName !== null && row.callBackPhone !== null
        ? { name: row.callBackName, phone: row.callBackPhone }
        : null,
    note: t.note,
  };
}

const sorted = <T extends { dueOn: string; priority: TaskPriority }>(items: T[]): T[] =>
  items.sort(compareForList);

const tenantOf = (actor: Actor) => ({ organisationId: actor.organisationId, actorId: actor.staffId });

/**
 * The caller's open tasks: those assigned to them, and those escalated to their role: for a team lead, to the
 * team lead in their teams; for a service manager, lapsed competencies escalated to the service manager anywhere
 * in the organisation (never a task about a person). Only tasks on their teams' lists or assigned to them by name. One audit row (a list, no person).
 */
export async function listMyTasks(db: Database, actor: Actor, context: WriteContext): Promise<TaskList> {
  const today = londonDate(context.now);
  return withTenant(db, tenantOf(actor), async (tx) => {
    const mine = eq(task.assigneeStaffId, actor.staffId);
    // A renewal task is on no team's list: escalated, it goes to the team lead of its member of staff's teams.
    const teamMembers = tx
      .select({ id: teamMembership.staffId })
      .from(teamMembership)
      .where(inArray(teamMembership.teamId, [...actor.teamIds]));
    const escalated =
      actor.role === 'team_lead' && actor.teamIds.length > 0
        ? and(
            eq(task.escalatedTo, 'team_lead'),
            or(
              inArray(task.teamId, [...actor.teamIds]),
              and(eq(task.kind, 'competency_renewal'), inArray(task.assigneeStaffId, teamMembers)),
            ),
          )
        : // A service manager: the lapsed competencies that escalate past the team leads (a lead's, or a member of
          // no team's), for the whole organisation. Never a task about a person: managers see no names.
          actor.role === 'service_manager'
          ? and(eq(task.escalatedTo, 'service_manager'), eq(task.kind, 'competency_renewal'))
          : undefined;
    const rows = await listSelect(
      tx,
      and(eq(task.organisationId, actor.organisationId), eq(task.status, 'open'), or(mine, escalated)),
    );
    await writeAudit(tx, {
      actor,
      personId: null,
      action: 'list',
      procedure: 'tasks.mine',
      requestId: context.requestId,
      basis: 'caseload',
      outcome: 'allowed',
    });
    return { today, rows: sorted(rows.map((r) => withoutNote(toItem(r, today)))) };
  });
}

function withoutNote(item: PersonTaskItem): TaskListItem {
  const { note: _note, ...rest } = item;
  return rest;
}

/** A team's open tasks, for a member of that team (as its caseload is). One audit row; a refusal is audited. */
export async function listTeamTasks(
  db: Database,
  actor: Actor,
  teamId: string,
  context: WriteContext,
): Promise<TaskList & { members: TeamMember[] }> {
  const today = londonDate(context.now);
  const audit = {
    actor,
    personId: null,
    action: 'list',
    procedure: 'tasks.team',
    requestId: context.requestId,
  } as const;
  const result = await withTenant(db, tenantOf(actor), async (tx) => {
    const decision = canReadTeamCaseload(actor, teamId);
    if (!decision.allowed) {
      await writeAudit(tx, { ...audit, basis: null, outcome: 'denied', reason: decision.reason });
      return null;
    }
    const rows = await listSelect(
      tx,
      and(eq(task.organisationId, actor.organisationId), eq(task.status, 'open'), eq(task.teamId, teamId)),
    );
    await writeAudit(tx, { ...audit, basis: decision.basis, outcome: 'allowed' });
    // The team lead allocates the team's work: the team's active members who can open records, to give a task
    // to by name (`namedAssignment` refuses anyone else).
    const members =
      actor.role === 'team_lead' && actor.teamIds.includes(teamId)
        ? await tx
            .select({ staffId: staff.id, displayName: staff.displayName, role: staff.role })
            .from(teamMembership)
            .innerJoin(staff, eq(staff.id, teamMembership.staffId))
            .where(
              and(
                eq(teamMembership.teamId, teamId),
                eq(staff.organisationId, actor.organisationId),
                eq(staff.active, true),
                inArray(staff.role, [...clinicalRoles]),
              ),
            )
            .orderBy(staff.displayName)
        : [];
    return {
      rows: rows.map((r) => withoutNote(toItem(r, today))),
      members: members.map((m) => ({
        staffId: m.staffId,
        displayName: m.displayName,
        roleLabel: staffRoleLabels[m.role],
      })),
    };
  });
  if (result === null)
    throw new DomainError('FORBIDDEN', 'You can only see the tasks of teams you belong to');
  return { today, rows: sorted(result.rows), members: result.members };
}

/** A person's open tasks, for whoever may open their record (audited on it as a view). */
export async function listPersonTasks(
  db: Database,
  actor: Actor,
  personId: string,
  context: WriteContext,
): Promise<PersonTaskItem[]> {
  const today = londonDate(context.now);
  const outcome = await withTenant(db, tenantOf(actor), async (tx): Promise<Outcome<PersonTaskItem[]>> => {
    const access = await personAccess(tx, {
      actor,
      personId,
      mode: 'read',
      action: 'view',
      procedure: 'tasks.forPerson',
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const rows = await listSelect(
      tx,
      and(
        eq(task.organisationId, actor.organisationId),
        eq(task.personId, personId),
        eq(task.status, 'open'),
      ),
    );
    await writeAudit(tx, {
      actor,
      personId,
      action: 'view',
      procedure: 'tasks.forPerson',
      requestId: context.requestId,
      basis: access.basis,
      outcome: 'allowed',
    });
    return { kind: 'ok', value: rows.map((r) => toItem(r, today)) };
  });
  return sorted(settle(outcome));
}

export interface TaskChanged {
  id: string;
  version: number;
}

type Change =
  | { kind: 'complete'; outcome: TaskOutcome }
  | { kind: 'cancel'; reason: CancelStoredTask['reason'] }
  | { kind: 'reassign'; assignee: ReassignStoredTask['assignee'] };

const changeProcedures = { complete: 'tasks.complete', cancel: 'tasks.cancel', reassign: 'tasks.reassign' };

/**
 * One change to a task by a member of staff who may write to the person's record. Refused (with a clear
 * message, nothing changed, the attempt audited): a task of someone else, an outcome its kind does not allow, a
 * closed task, or a version someone else has changed since (CONFLICT).
 */
async function changeStoredTask(
  db: Database,
  actor: Actor,
  request: { personId: string; taskId: string; expectedVersion: number },
  change: Change,
  context: WriteContext,
): Promise<TaskChanged> {
  const procedure = changeProcedures[change.kind];
  let refusal: DomainError | null = null;
  const outcome = await withTenant(db, tenantOf(actor), async (tx): Promise<Outcome<TaskChanged>> => {
    const access = await personAccess(tx, {
      actor,
      personId: request.personId,
      mode: 'write',
      action: 'amend',
      procedure,
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const audit = {
      actor,
      personId: request.personId,
      action: 'amend',
      procedure,
      requestId: context.requestId,
      basis: access.basis,
    } as const;
    const [row] = await tx
      .select()
      .from(task)
      .where(
        and(
          eq(task.id, request.taskId),
          eq(task.organisationId, actor.organisationId),
          eq(task.personId, request.personId),
        ),
      );
    try {
      if (!row) throw notFound('Task');
      if (row.status !== 'open')
        throw new DomainError(
          'CONFLICT',
          `Someone else has already closed this task (it is now ${row.status}): nothing was changed. Reload to see it`,
        );
      if (row.version !== request.expectedVersion)
        throw new DomainError(
          'CONFLICT',
          'Someone else changed this task after you opened it: nothing was changed. Reload it to see what they did',
        );
      const today = londonDate(context.now);
      // Open here (checked above): the domain's own check of a closed task is for other callers.
      const closure = { closure: null };
      let values: Partial<TaskRow>;
      // A task given to a named member of staff: who, in the audit row (an id, never a name).
      let changes: TaskChanges | null = null;
      if (change.kind === 'complete') {
        values = closureValues(
          completeTask({ kind: row.kind, ...closure }, change.outcome, today),
          actor.staffId,
          context.now,
        );
      } else if (change.kind === 'cancel') {
        values = closureValues(
          cancelTask({ kind: row.kind, ...closure }, change.reason, today),
          actor.staffId,
          context.now,
        );
      } else {
        values = await reassignment(tx, actor, request.personId, row.teamId, change.assignee);
        if (change.assignee.kind === 'staff')
          changes = { assignee: { kind: 'staff', staffId: change.assignee.staffId } };
      }
      const written = await changeTask(
        tx,
        { id: row.id, organisationId: actor.organisationId, expectedVersion: request.expectedVersion },
        values,
        context.now,
      );
      await writeAudit(tx, { ...audit, outcome: 'allowed', changes });
      return { kind: 'ok', value: { id: row.id, version: written.version } };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Nothing was changed; the look at the record is kept, then the refusal is reported.
      await writeAudit(tx, {
        ...refusedEntry(audit),
        reason: `task not changed: ${error.code.toLowerCase()}`,
      });
      refusal = error;
      return { kind: 'ok', value: { id: request.taskId, version: request.expectedVersion } };
    }
  });
  const value = settle(outcome);
  if (refusal) throw refusal;
  return value;
}

/**
 * The columns for a new assignee: a role resolved from the person's episode, or a named member of the task's
 * team, given by the team lead of that team (`namedAssignment`; refused in its words, nothing changed).
 */
async function reassignment(
  tx: Transaction,
  actor: Actor,
  personId: string,
  taskTeamId: string | null,
  assignee: ReassignStoredTask['assignee'],
): Promise<Partial<TaskRow>> {
  if (assignee.kind === 'staff') {
    const rows = await tx
      .select({ active: staff.active, role: staff.role, teamId: teamMembership.teamId })
      .from(staff)
      .leftJoin(teamMembership, eq(teamMembership.staffId, staff.id))
      .where(and(eq(staff.id, assignee.staffId), eq(staff.organisationId, actor.organisationId)));
    const member =
      rows[0] === undefined
        ? null
        : {
            active: rows[0].active,
            role: rows[0].role,
            teamIds: rows.flatMap((r) => (r.teamId === null ? [] : [r.teamId])),
          };
    const decision = namedAssignment(actor, taskTeamId, member);
    if (!decision.allowed)
      throw new DomainError(decision.code, decision.reason, [
        { path: ['assignee', 'staffId'], message: decision.reason },
      ]);
    return { assigneeKind: 'staff', assigneeStaffId: assignee.staffId };
  }
  const context = await assigneeContext(tx, actor.organisationId, personId);
  return { assigneeKind: assignee.kind, assigneeStaffId: resolveAssignee(assignee, context) };
}

export const completeStoredTask = (
  db: Database,
  actor: Actor,
  input: CompleteStoredTask,
  context: WriteContext,
) => changeStoredTask(db, actor, input, { kind: 'complete', outcome: input.outcome }, context);

export const cancelStoredTask = (
  db: Database,
  actor: Actor,
  input: CancelStoredTask,
  context: WriteContext,
) => changeStoredTask(db, actor, input, { kind: 'cancel', reason: input.reason }, context);

export const reassignStoredTask = (
  db: Database,
  actor: Actor,
  input: ReassignStoredTask,
  context: WriteContext,
) => changeStoredTask(db, actor, input, { kind: 'reassign', assignee: input.assignee }, context);

/**
 * Completes a task about no one (the duty queue's call back for an anonymous "contact me") with an outcome its
 * kind allows, for a member of the task's team who may record (`canWorkTeamQueue`); its request leaves the duty
 * queue (`contact_request.status` done) in the same transaction. A task that is not one, or not on one of the
 * caller's teams, is not found; a closed or changed task is a CONFLICT. One audit row (no person), refusals
 * included.
 */
export async function completeDutyTask(
  db: Database,
  actor: Actor,
  input: CompleteDutyTask,
  context: WriteContext,
): Promise<TaskChanged> {
  let refusal: DomainError | null = null;
  const audit = {
    actor,
    personId: null,
    action: 'amend',
    procedure: 'tasks.completeDuty',
    requestId: context.requestId,
  } as const;
  const result = await withTenant(db, tenantOf(actor), async (tx): Promise<TaskChanged | null> => {
    const [row] = await tx
      .select()
      .from(task)
      .where(
        and(eq(task.id, input.taskId), eq(task.organisationId, actor.organisationId), isNull(task.personId)),
      );
    const decision = canWorkTeamQueue(actor, row?.teamId ?? null);
    if (!row || !decision.allowed) {
      await writeAudit(tx, {
        ...audit,
        basis: null,
        outcome: 'denied',
        reason: !row ? 'no such task about no one' : decision.allowed ? '' : decision.reason,
      });
      return null;
    }
    try {
      if (row.status !== 'open')
        throw new DomainError(
          'CONFLICT',
          `Someone else has already closed this task (it is now ${row.status}): nothing was changed. Reload to see it`,
        );
      if (row.version !== input.expectedVersion)
        throw new DomainError(
          'CONFLICT',
          'Someone else changed this task after you opened it: nothing was changed. Reload it to see what they did',
        );
      const closure = completeTask({ kind: row.kind, closure: null }, input.outcome, londonDate(context.now));
      const written = await changeTask(
        tx,
        { id: row.id, organisationId: actor.organisationId, expectedVersion: input.expectedVersion },
        closureValues(closure, actor.staffId, context.now),
        context.now,
      );
      if (row.contactRequestId !== null)
        await tx
          .update(contactRequest)
          .set({ status: 'done' })
          .where(
            and(
              eq(contactRequest.id, row.contactRequestId),
              eq(contactRequest.organisationId, actor.organisationId),
            ),
          );
      await writeAudit(tx, { ...audit, basis: decision.basis, outcome: 'allowed' });
      return { id: row.id, version: written.version };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await writeAudit(tx, {
        ...audit,
        basis: decision.basis,
        outcome: 'denied',
        reason: `task not changed: ${error.code.toLowerCase()}`,
      });
      refusal = error;
      return { id: row.id, version: row.version };
    }
  });
  if (result === null) throw notFound('Task');
  if (refusal) throw refusal;
  return result;
}
