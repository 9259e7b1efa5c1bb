import { DomainError, notFound } from '@harbour/domain/errors';
import type { CalendarDate } from '@harbour/domain/ids';
import type { Assignee } from '@harbour/domain/tasks/assignee';
import { closuresForDay, closuresForEvent, type TaskClosureToApply } from '@harbour/domain/tasks/closures';
import { tasksForEvent } from '@harbour/domain/tasks/for-event';
import { escalationsForDay, type EscalationToApply } from '@harbour/domain/tasks/overdue';
import type { OpenTask, TaskClosure, TaskEvent, TaskToOpen } from '@harbour/domain/tasks/task';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { clinicalEvent } from '../schema/clinical-event.ts';
import { treatmentEpisode } from '../schema/episode.ts';
import { team } from '../schema/organisation.ts';
import { staff, teamMembership } from '../schema/staff.ts';
import { task } from '../schema/task.ts';

/**
 * The task store: what the rules in @harbour/domain/tasks return, written in the caller's transaction (the
 * event's, or the daily job's). Nothing here decides what is due: `tasksForEvent`, `closuresForEvent`,
 * `closuresForDay` and `escalationsForDay` do; this resolves the role a rule names to a member of staff and
 * stores the result.
 */

export type TaskRow = typeof task.$inferSelect;
export type TaskInsert = typeof task.$inferInsert;

/** Who the roles a rule can name are for one person: from their open episode (null when there is none). */
export interface AssigneeContext {
  teamId: string | null;
  keyworkerId: string | null;
  prescriberId: string | null;
  teamLeadId: string | null;
}

export const noAssignees: AssigneeContext = {
  teamId: null,
  keyworkerId: null,
  prescriberId: null,
  teamLeadId: null,
};

/** The member of staff a role resolves to; null leaves the task on the team's list (nobody holds the role). */
export function resolveAssignee(assignee: Assignee, context: AssigneeContext): string | null {
  switch (assignee.kind) {
    case 'keyworker':
      return context.keyworkerId;
    case 'prescriber':
      return context.prescriberId;
    case 'team_lead':
      return context.teamLeadId;
    case 'team':
      return null;
    case 'staff':
      return assignee.staffId;
  }
}

/** The row for a task a rule opened, on `openedOn`. */
export function taskInsert(
  open: TaskToOpen,
  organisationId: string,
  openedOn: CalendarDate,
  context: AssigneeContext,
): TaskInsert {
  return {
    organisationId,
    personId: open.personId,
    kind: open.kind,
    why: open.why,
    note: open.note,
    dueOn: open.dueOn,
    sameDay: open.sameDay,
    priority: open.priority,
    assigneeKind: open.assignee.kind,
    assigneeStaffId: resolveAssignee(open.assignee, context),
    teamId: context.teamId,
    sourceEventId: open.source.eventId,
    sourceEventType: open.source.eventType,
    sourceEventOn: open.source.eventOn,
    ruleId: open.source.ruleId,
    sourceCause: open.source.cause ?? null,
    windowEndsOn: open.windowEndsOn,
    escalatedTo: open.escalation?.to ?? null,
    escalationReason: open.escalation?.reason ?? null,
    escalatedOn: open.escalation?.on ?? null,
    openedOn,
  };
}

/** A stored row as the rules read an open task. */
export function openTaskOf(row: TaskRow): OpenTask {
  const assignee: Assignee =
    row.assigneeKind === 'staff'
      ? { kind: 'staff', staffId: row.assigneeStaffId ?? '' }
      : { kind: row.assigneeKind };
  return {
    id: row.id,
    personId: row.personId,
    kind: row.kind,
    dueOn: row.dueOn,
    sameDay: row.sameDay,
    priority: row.priority,
    assignee,
    source: {
      eventId: row.sourceEventId,
      eventType: row.sourceEventType as OpenTask['source']['eventType'],
      eventOn: row.sourceEventOn,
      ruleId: row.ruleId as OpenTask['source']['ruleId'],
      ...(row.sourceCause === null ? {} : { cause: row.sourceCause }),
    },
    windowEndsOn: row.windowEndsOn,
    escalation:
      row.escalatedTo !== null && row.escalationReason !== null && row.escalatedOn !== null
        ? { to: row.escalatedTo, reason: row.escalationReason, on: row.escalatedOn }
        : null,
  };
}

/** The columns a closure sets. */
export function closureValues(closure: TaskClosure, closedBy: string | null, now: Date) {
  return {
    status: closure.status,
    outcome: closure.status === 'done' ? closure.outcome : null,
    cancelReason: closure.status === 'cancelled' ? closure.reason : null,
    closedOn: closure.closedOn,
    closedBy,
    closedByEventId: closure.status === 'missed' ? null : closure.byEventId,
    closedAt: now.toISOString(),
  };
}

/** The roles for a person, from their open episode: keyworker, team, its team lead, and their prescriber. */
export async function assigneeContext(
  db: Executor,
  organisationId: string,
  personId: string,
): Promise<AssigneeContext> {
  const [episode] = await db
    .select({ teamId: treatmentEpisode.teamId, keyworkerId: treatmentEpisode.keyworkerId })
    .from(treatmentEpisode)
    .where(
      and(
        eq(treatmentEpisode.organisationId, organisationId),
        eq(treatmentEpisode.personId, personId),
        inArray(treatmentEpisode.status, ['active', 'referred']),
      ),
    )
    .orderBy(desc(treatmentEpisode.referredOn), desc(treatmentEpisode.id))
    .limit(1);
  if (!episode) return noAssignees;
  // The team lead: the team's member in that role (the earliest account, so the choice never flips).
  const [lead] = await db
    .select({ id: staff.id })
    .from(teamMembership)
    .innerJoin(staff, and(eq(staff.id, teamMembership.staffId), eq(staff.organisationId, organisationId)))
    .where(
      and(
        eq(teamMembership.organisationId, organisationId),
        eq(teamMembership.teamId, episode.teamId),
        eq(staff.role, 'team_lead'),
        eq(staff.active, true),
      ),
    )
    .orderBy(staff.id)
    .limit(1);
  // The prescriber: whoever last started or changed the person's OST, if they are a prescriber still active.
  const [prescriber] = await db
    .select({ id: staff.id })
    .from(clinicalEvent)
    .innerJoin(staff, and(eq(staff.id, clinicalEvent.recordedBy), eq(staff.organisationId, organisationId)))
    .where(
      and(
        eq(clinicalEvent.organisationId, organisationId),
        eq(clinicalEvent.personId, personId),
        inArray(clinicalEvent.type, ['ost_start', 'ost_dose_change']),
        eq(clinicalEvent.status, 'active'),
        eq(staff.role, 'prescriber'),
        eq(staff.active, true),
      ),
    )
    .orderBy(desc(clinicalEvent.occurredOn), desc(clinicalEvent.id))
    .limit(1);
  return {
    teamId: episode.teamId,
    keyworkerId: episode.keyworkerId,
    prescriberId: prescriber?.id ?? null,
    teamLeadId: lead?.id ?? null,
  };
}

/** A person's open tasks, as stored. */
export async function openTaskRows(
  db: Executor,
  organisationId: string,
  personId: string,
): Promise<TaskRow[]> {
  return db
    .select()
    .from(task)
    .where(and(eq(task.organisationId, organisationId), eq(task.personId, personId), eq(task.status, 'open')))
    .orderBy(task.dueOn, task.id);
}

/** A person's events that count, as the task rules read them. */
export async function personTaskEvents(
  db: Executor,
  organisationId: string,
  personId: string,
): Promise<TaskEvent[]> {
  const rows = await db
    .select({
      id: clinicalEvent.id,
      personId: clinicalEvent.personId,
      occurredOn: clinicalEvent.occurredOn,
      type: clinicalEvent.type,
      details: clinicalEvent.details,
    })
    .from(clinicalEvent)
    .where(
      and(
        eq(clinicalEvent.organisationId, organisationId),
        eq(clinicalEvent.personId, personId),
        eq(clinicalEvent.status, 'active'),
      ),
    );
  return rows as TaskEvent[];
}

/**
 * Closes tasks that are still open, each with its closure; a task someone else closed meanwhile is left as it
 * is (the event or the job found it open, but it is not theirs to overwrite). Returns the ids it closed.
 */
export async function applyClosures(
  db: Executor,
  organisationId: string,
  closures: readonly TaskClosureToApply[],
  closedBy: string | null,
  now: Date,
): Promise<string[]> {
  const closed: string[] = [];
  for (const { taskId, closure } of closures) {
    const rows = await db
      .update(task)
      .set({
        ...closureValues(closure, closedBy, now),
        version: sql`${task.version} + 1`,
        updatedAt: now.toISOString(),
      })
      .where(and(eq(task.id, taskId), eq(task.organisationId, organisationId), eq(task.status, 'open')))
      .returning({ id: task.id });
    if (rows[0]) closed.push(rows[0].id);
  }
  return closed;
}

/** Marks open tasks escalated (those already escalated are left). Returns the ids it escalated. */
export async function applyEscalations(
  db: Executor,
  organisationId: string,
  escalations: readonly EscalationToApply[],
  now: Date,
): Promise<string[]> {
  const done: string[] = [];
  for (const { taskId, escalation } of escalations) {
    const rows = await db
      .update(task)
      .set({
        escalatedTo: escalation.to,
        escalationReason: escalation.reason,
        escalatedOn: escalation.on,
        version: sql`${task.version} + 1`,
        updatedAt: now.toISOString(),
      })
      .where(
        and(
          eq(task.id, taskId),
          eq(task.organisationId, organisationId),
          eq(task.status, 'open'),
          sql`${task.escalatedTo} is null`,
        ),
      )
      .returning({ id: task.id });
    if (rows[0]) done.push(rows[0].id);
  }
  return done;
}

export interface TasksForEventOutcome {
  opened: string[];
  closed: string[];
}

/**
 * A recorded event's effect on the person's tasks, in the event's transaction: the open tasks it completes are
 * closed (`closuresForEvent`), then the tasks it starts are opened (`tasksForEvent`), assigned from the episode.
 */
export async function storeTasksForEvent(
  db: Executor,
  organisationId: string,
  event: TaskEvent,
  today: CalendarDate,
  now: Date,
  /** Rules not to open again (an amended event's tasks already closed by someone or something). */
  skipRules: readonly string[] = [],
): Promise<TasksForEventOutcome> {
  const open = (await openTaskRows(db, organisationId, event.personId)).map(openTaskOf);
  const closures = closuresForEvent(event, open);
  const closed = await applyClosures(db, organisationId, closures, null, now);
  const stillOpen = open.filter((t) => !closed.includes(t.id));
  const events = await personTaskEvents(db, organisationId, event.personId);
  const toOpen = tasksForEvent(event, { today, events, openTasks: stillOpen }).filter(
    (t) => !skipRules.includes(t.source.ruleId),
  );
  if (toOpen.length === 0) return { opened: [], closed };
  const context = await assigneeContext(db, organisationId, event.personId);
  const rows = await db
    .insert(task)
    .values(toOpen.map((t) => taskInsert(t, organisationId, today, context)))
    .returning({ id: task.id });
  return { opened: rows.map((r) => r.id), closed };
}

/**
 * When an event is amended or struck out, the open tasks it opened are cancelled (struck out: "opened in
 * error"; amended: "no longer needed") and, for an amendment, the amended event opens what it now asks.
 */
export async function retractTasksOfEvent(
  db: Executor,
  organisationId: string,
  eventId: string,
  reason: 'opened_in_error' | 'no_longer_needed',
  on: CalendarDate,
  now: Date,
): Promise<string[]> {
  const rows = await db
    .update(task)
    .set({
      ...closureValues({ status: 'cancelled', reason, closedOn: on, byEventId: eventId }, null, now),
      version: sql`${task.version} + 1`,
      updatedAt: now.toISOString(),
    })
    .where(
      and(eq(task.organisationId, organisationId), eq(task.sourceEventId, eventId), eq(task.status, 'open')),
    )
    .returning({ id: task.id });
  return rows.map((r) => r.id);
}

/** The rules whose tasks from `eventId` are already closed (done, missed or cancelled). */
export async function closedRulesOfEvent(
  db: Executor,
  organisationId: string,
  eventId: string,
): Promise<string[]> {
  const rows = await db
    .select({ ruleId: task.ruleId })
    .from(task)
    .where(
      and(eq(task.organisationId, organisationId), eq(task.sourceEventId, eventId), ne(task.status, 'open')),
    );
  return rows.map((r) => r.ruleId);
}

/** The daily closures and escalations for one organisation's open tasks on `today`. */
export async function sweepTasks(
  db: Executor,
  organisationId: string,
  today: CalendarDate,
  now: Date,
): Promise<{ missed: number; escalated: number }> {
  const rows = await db
    .select()
    .from(task)
    .where(
      and(
        eq(task.organisationId, organisationId),
        eq(task.status, 'open'),
        // A competency renewal is about a member of staff: it has no risk window, and its own run closes it.
        ne(task.kind, 'competency_renewal'),
      ),
    );
  const open = rows.map(openTaskOf);
  const missed = await applyClosures(db, organisationId, closuresForDay(open, today), null, now);
  const remaining = open.filter((t) => !missed.includes(t.id));
  const escalated = await applyEscalations(db, organisationId, escalationsForDay(remaining, today), now);
  return { missed: missed.length, escalated: escalated.length };
}

/**
 * Versioned change of one task by a member of staff: applied only if nobody has changed it since they read
 * `expectedVersion`. A stale version is a CONFLICT with a clear message, never a silent overwrite.
 */
export async function changeTask(
  db: Executor,
  where: { id: string; organisationId: string; expectedVersion: number },
  values: Partial<TaskInsert>,
  now: Date,
): Promise<{ version: number }> {
  const [row] = await db
    .update(task)
    .set({ ...values, version: sql`${task.version} + 1`, updatedAt: now.toISOString() })
    .where(
      and(
        eq(task.id, where.id),
        eq(task.organisationId, where.organisationId),
        eq(task.version, where.expectedVersion),
        eq(task.status, 'open'),
      ),
    )
    .returning({ version: task.version });
  if (row) return row;
  const [now_] = await db
    .select({ version: task.version, status: task.status })
    .from(task)
    .where(and(eq(task.id, where.id), eq(task.organisationId, where.organisationId)));
  if (!now_) throw notFound('Task');
  if (now_.status !== 'open')
    throw new DomainError(
      'CONFLICT',
      `Someone else has already closed this task (it is now ${now_.status}): nothing was changed`,
    );
  throw new DomainError(
    'CONFLICT',
    'Someone else changed this task after you opened it: nothing was changed. Reload it to see what they did',
  );
}

/**
 * The organisation's duty team, whose list is the duty queue: the team marked `duty`, or with none marked the
 * earliest team created (then the lowest id, so the choice never flips). Null only for an organisation with no
 * team at all.
 */
export async function dutyTeamId(db: Executor, organisationId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: team.id })
    .from(team)
    .where(eq(team.organisationId, organisationId))
    .orderBy(desc(team.duty), team.createdAt, team.id)
    .limit(1);
  return row?.id ?? null;
}
