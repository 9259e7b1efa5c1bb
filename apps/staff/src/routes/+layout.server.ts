import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/**
 * The signed-in member of staff for the header and navigation (hooks.server.ts asked the API), or null on the
 * sign-in pages. Only what the pages show goes to the browser: name, role and permissions.
 *
 * Read again at every navigation (it uses the path): signing in, or a session ending, changes it without a change
 * that SvelteKit could otherwise see, and a header still naming someone signed out would mislead. It costs
 * nothing: hooks.server.ts has already asked the API.
 */
export const load: LayoutServerLoad = ({ locals, url }) => {
  if (url.pathname.startsWith('/sign-in')) return { staff: null };
  const problem = locals.staffProblem;
  if (problem !== null) error(problem.status, problem.message);
  const staff = locals.staff;
  return {
    staff: staff && {
      displayName: staff.displayName,
      roleLabel: staff.roleLabel,
      permissions: staff.permissions,
    },
  };
};
