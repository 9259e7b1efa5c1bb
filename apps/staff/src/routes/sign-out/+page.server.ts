import { redirect } from '@sveltejs/kit';
import { forgetSession } from '#lib/server/signed-in.ts';
import { signInHref } from '#lib/sign-in-paths.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  /** Ends the session at the API (so the token is worthless even if copied), then forgets it here. */
  default: async (event) => {
    // Signed out either way: if the API cannot be reached, the cookie still goes and the session ends by itself.
    await event.locals.api.auth.signOut.mutate().catch(() => undefined);
    forgetSession(event);
    redirect(303, signInHref('/sign-in', { signedOut: true }));
  },
};
