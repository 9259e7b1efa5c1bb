import { error } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { namedChoice } from '@harbour/domain/tasks/requests';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import { doneNotice, taskActions } from '#lib/server/task-actions.ts';
import { reassignOptions } from '#lib/server/task-lists.ts';
import type { Actions, PageServerLoad } from './$types';

const EXPLANATION = 'Only members of a team see its tasks.';

/** "Team tasks": a team's open tasks, for its members (`?team=` picks one of theirs: a GET form). */
export const load: PageServerLoad = async (event) => {
  requirePermission(event.locals.staff, 'caseload:read', EXPLANATION);
  const failed = (cause: unknown): never => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(event);
    error(problem.status, problem.status === 403 ? EXPLANATION : problem.message, {
      explanation: EXPLANATION,
    });
  };
  const teams = await event.locals.api.caseload.myTeams.query().catch(failed);
  const asked = event.url.searchParams.get('team');
  const team = teams.find((t) => t.id === asked) ?? teams[0];
  const unknownTeam = asked !== null && (!Id.safeParse(asked).success || !teams.some((t) => t.id === asked));
  const done = doneNotice(event.url.searchParams.get('done'));
  if (team === undefined)
    return { teams, team: null, list: null, protocol: null, unknownTeam, reassignOptions, done };
  const [list, protocol] = await Promise.all([
    event.locals.api.tasks.team.query({ teamId: team.id }),
    event.locals.api.protocol.inForce.query(),
  ]).catch(failed);
  // The team lead may also give a task to a named member of the team (the API offers them only to the lead).
  const options = [
    ...reassignOptions,
    ...list.members.map((m) => ({
      value: namedChoice(m.staffId),
      label: `${m.displayName} (${m.roleLabel})`,
    })),
  ];
  return { teams, team, list, protocol, unknownTeam, reassignOptions: options, done };
};

export const actions: Actions = taskActions;
