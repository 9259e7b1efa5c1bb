import { error } from '@sveltejs/kit';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded } from '#lib/server/session.ts';
import type { PageServerLoad } from './$types';

/** "My plan": the person's own medicine plan, in the plain sentences the domain wrote (issue 10). */
export const load: PageServerLoad = async ({ locals, cookies, url }) => {
  const view = await locals.api.selfcheck.myPlan.query().catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(cookies, url.pathname);
    error(problem.status, problem.message);
  });
  return { sections: view.sections };
};
