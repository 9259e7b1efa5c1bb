import { error } from '@sveltejs/kit';
import { Id } from '@harbour/domain/ids';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { requirePermission } from '#lib/server/permission.ts';
import { sessionEnded } from '#lib/server/signed-in.ts';
import type { PageServerLoad } from './$types';

const EXPLANATION = 'Only members of a team see its case review queue.';

/**
 * "Case reviews": a team's people due a STORM-style review, oldest first, with the team's completion rate over
 * time at the top (the team lead's view). `?team=` picks one of the member's teams (a GET form).
 */
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
  const saved = event.url.searchParams.get('saved') === 'review';
  if (team === undefined) return { teams, team: null, queue: null, unknownTeam, saved };
  const queue = await event.locals.api.reviews.queue.query({ teamId: team.id }).catch(failed);
  return { teams, team, queue, unknownTeam, saved };
};
