import { error } from '@sveltejs/kit';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { doneNotice, taskActions } from '#lib/server/task-actions.ts';
import { reassignOptions } from '#lib/server/task-lists.ts';
import type { Actions, PageServerLoad } from './$types';

const EXPLANATION = 'Tasks are for staff who work with a caseload, and for service managers.';

/** "My tasks": the open tasks assigned to the signed-in member of staff, and escalations to their role. */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'tasks:mine', EXPLANATION);
  const [list, protocol] = await Promise.all([
    event.locals.api.tasks.mine.query(),
    event.locals.api.protocol.inForce.query(),
  ]).catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.message, { explanation: EXPLANATION });
  });
  return { list, protocol, reassignOptions, done: doneNotice(event.url.searchParams.get('done')) };
};

export const actions: Actions = taskActions;
