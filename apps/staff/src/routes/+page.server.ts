import { redirect } from '@sveltejs/kit';
import { homePathFor } from '#lib/home.ts';
import type { PageServerLoad } from './$types';

/**
 * The home page: the first page the member of staff may use (caseload, alerts or accounts). A role with none
 * of them yet sees what they can do instead.
 */
export const load: PageServerLoad = ({ locals }) => {
  const home = homePathFor(locals.staff?.permissions ?? []);
  if (home !== null) redirect(303, home);
  return {};
};
