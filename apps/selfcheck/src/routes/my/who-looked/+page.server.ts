import { error } from '@sveltejs/kit';
import { describeAccess } from '#lib/access-entry.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { sessionEnded } from '#lib/server/session.ts';
import type { PageServerLoad } from './$types';

/** "Who has looked at my record": the API's list (newest first), put into plain words here. */
export const load: PageServerLoad = async ({ locals, cookies, url }) => {
  const entries = await locals.api.selfcheck.whoLooked.query().catch((cause: unknown) => {
    const problem = apiProblemOf(cause);
    if (problem.status === 401) sessionEnded(cookies, url.pathname);
    error(problem.status, problem.message);
  });
  return { entries: entries.map(describeAccess) };
};
