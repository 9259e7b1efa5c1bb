import {
  CancelStoredTask,
  CompleteDutyTask,
  CompleteStoredTask,
  PersonTasksQuery,
  ReassignStoredTask,
  TeamTasksQuery,
} from '@harbour/domain/tasks/requests';
import {
  cancelStoredTask,
  completeDutyTask,
  completeStoredTask,
  listMyTasks,
  listPersonTasks,
  listTeamTasks,
  reassignStoredTask,
} from '../services/task-lists.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * Tasks opened by the rules when events are recorded (packages/domain/src/tasks): staff's lists, and what staff
 * do to a task. Every call is audited; a change names the version it changes (a stale one is a CONFLICT).
 */
export const tasksRouter = createRouter({
  /**
   * The caller's open tasks (and those escalated to their role: a team lead's in their teams, a service
   * manager's in the organisation), earliest due first.
   */
  mine: authorised('tasks:mine').query(({ ctx }) =>
    listMyTasks(ctx.db, ctx.actor, { requestId: ctx.requestId, now: ctx.now() }),
  ),
  /** A team's open tasks, for a member of that team. */
  team: authorised('caseload:read')
    .input(TeamTasksQuery)
    .query(({ ctx, input }) =>
      listTeamTasks(ctx.db, ctx.actor, input.teamId, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** A person's open tasks, for whoever may open their record. */
  forPerson: authorised('person:read')
    .input(PersonTasksQuery)
    .query(({ ctx, input }) =>
      listPersonTasks(ctx.db, ctx.actor, input.personId, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Completes a task with an outcome its kind allows. */
  complete: authorised('record:write')
    .input(CompleteStoredTask)
    .mutation(({ ctx, input }) =>
      completeStoredTask(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Completes a task about no one (the duty queue's call back), for a member of its team. */
  completeDuty: authorised('record:write')
    .input(CompleteDutyTask)
    .mutation(({ ctx, input }) =>
      completeDutyTask(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Cancels a task with a reason. */
  cancel: authorised('record:write')
    .input(CancelStoredTask)
    .mutation(({ ctx, input }) =>
      cancelStoredTask(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Gives a task to a role (their keyworker, prescriber, the team or team lead) or a named colleague. */
  reassign: authorised('record:write')
    .input(ReassignStoredTask)
    .mutation(({ ctx, input }) =>
      reassignStoredTask(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
});
