import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import {
  assigneeFromChoice,
  CompleteDutyTask,
  CompleteStoredTask,
  ReassignTaskForm,
} from '@harbour/domain/tasks/requests';
import type { ShownValues } from '@harbour/ui/form/problems';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';

/**
 * The two things staff do to a task from a list ("My tasks", "Team tasks", the person's record): complete it with
 * an outcome, or give it to someone else (a task about no one, the duty queue's call back, is only completed). Plain form posts (they work without JavaScript); each task's form has
 * ids starting `task-<id>-`, so the answer to a refused post shows against the task it was for. The API decides
 * everything (which outcomes a kind allows, who may act, whether someone got there first).
 */

/** What the ids of one task's fields start with (TaskList.svelte gives its fields the same ids). */
export const taskFieldPrefix = (taskId: string): string => `task-${taskId}-`;

/** Back to the page the form was on, saying what was done (a reload does not send the form again). */
function back(event: RequestEvent, done: 'completed' | 'reassigned'): never {
  const team = event.url.searchParams.get('team');
  const query = new URLSearchParams({ done });
  if (team !== null && Id.safeParse(team).success) query.set('team', team);
  redirect(303, `${event.url.pathname}?${query.toString()}`);
}

function refused(event: RequestEvent, cause: unknown, taskId: string, values: ShownValues, field: string) {
  const problem = apiProblemOf(cause);
  if (problem.status === 401) sessionEnded(event);
  const answer = (status: number, message: string, fieldId: string | null) =>
    fail(status, { task: { taskId, values, problems: [{ field: fieldId, message }] } });
  if (problem.status === 409 || problem.status === 404)
    return answer(409, problem.apiMessage ?? 'Someone else has changed this task. Reload the page.', null);
  if (problem.status === 400 || problem.status === 422)
    return answer(
      problem.status,
      problem.apiMessage ?? problem.message,
      `${taskFieldPrefix(taskId)}${field}`,
    );
  if (problem.status === 403) return answer(403, problem.apiMessage ?? problem.message, null);
  error(problem.status, problem.message);
}

const hidden = ['personId', 'taskId', 'expectedVersion'] as const;

export const taskActions = {
  complete: async (event: RequestEvent) => {
    const submitted = await event.request.formData();
    const taskId = textOf(submitted, 'taskId');
    const prefix = Id.safeParse(taskId).success ? taskFieldPrefix(taskId) : '';
    const read = readForm(submitted, CompleteStoredTask, { hidden, idPrefix: prefix });
    if (!read.ok) return fail(400, { task: { taskId, ...read.failure } });
    try {
      await event.locals.api.tasks.complete.mutate(read.data);
    } catch (cause) {
      return refused(event, cause, taskId, read.values, 'outcome');
    }
    back(event, 'completed');
  },
  /** A task about no one (the duty queue's call back): no person, the team is the task's own. */
  completeDuty: async (event: RequestEvent) => {
    const submitted = await event.request.formData();
    const taskId = textOf(submitted, 'taskId');
    const prefix = Id.safeParse(taskId).success ? taskFieldPrefix(taskId) : '';
    const read = readForm(submitted, CompleteDutyTask, {
      hidden: ['taskId', 'expectedVersion'],
      idPrefix: prefix,
    });
    if (!read.ok) return fail(400, { task: { taskId, ...read.failure } });
    try {
      await event.locals.api.tasks.completeDuty.mutate(read.data);
    } catch (cause) {
      return refused(event, cause, taskId, read.values, 'outcome');
    }
    back(event, 'completed');
  },
  reassign: async (event: RequestEvent) => {
    const submitted = await event.request.formData();
    const taskId = textOf(submitted, 'taskId');
    const prefix = Id.safeParse(taskId).success ? taskFieldPrefix(taskId) : '';
    const read = readForm(submitted, ReassignTaskForm, { hidden, idPrefix: prefix });
    if (!read.ok) return fail(400, { task: { taskId, ...read.failure } });
    const { assignee, ...rest } = read.data;
    try {
      await event.locals.api.tasks.reassign.mutate({ ...rest, assignee: assigneeFromChoice(assignee) });
    } catch (cause) {
      return refused(event, cause, taskId, read.values, 'assignee');
    }
    back(event, 'reassigned');
  },
};

/** The banner after a change, from the `done` the redirect names (never anything typed). */
export function doneNotice(done: string | null): string | null {
  if (done === 'completed') return 'The task is done, and has left the open tasks.';
  if (done === 'reassigned') return 'The task has been given to someone else.';
  return null;
}
