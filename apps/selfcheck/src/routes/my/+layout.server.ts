import { error } from '@sveltejs/kit';
import { UNAVAILABLE } from '#lib/server/api-error.ts';
import type { LayoutServerLoad } from './$types';

/**
 * The signed-in area. hooks.server.ts has already checked the session with the API (and sent anyone without
 * one to sign in); here only a failure of Harbour itself is left to show.
 */
export const load: LayoutServerLoad = ({ locals }) => {
  if (locals.me === null) {
    const problem = locals.meProblem;
    error(problem?.status ?? 503, problem?.message ?? UNAVAILABLE);
  }
  return { me: locals.me };
};
