import { redirect } from '@sveltejs/kit';
import { forgetSession, sessionToken } from '#lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

/** Opened as a page (a bookmark, a typed address): nothing to sign out of without a session. */
export const load: PageServerLoad = ({ cookies }) => {
  if (sessionToken(cookies) === null) redirect(303, '/sign-in');
  return {};
};

export const actions: Actions = {
  /**
   * Ends the session at the API, then forgets the cookie. The cookie goes even if the API cannot be reached:
   * the person asked to leave, and the API ends an unused session by itself.
   */
  default: async ({ locals, cookies }) => {
    if (sessionToken(cookies) !== null) {
      await locals.api.auth.signOut.mutate().catch(() => undefined);
      forgetSession(cookies);
    }
    redirect(303, '/sign-in?signedOut=1');
  },
};
