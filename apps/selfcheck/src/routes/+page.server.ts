import { sessionToken } from '#lib/server/session.ts';
import type { PageServerLoad } from './$types';

/**
 * Whether the person is signed in, so that the home page offers them their own page rather than "Sign in"
 * again. The API is asked only when the browser holds a session cookie: for anyone else the home page needs
 * nothing from Harbour, and it still shows the crisis numbers while Harbour is down. A session that is still
 * signing in (the code not yet given), or one that has ended, is not signed in.
 */
export const load: PageServerLoad = async ({ cookies, locals }) => {
  if (sessionToken(cookies) === null) return { signedIn: false };
  const me = await locals.api.selfcheck.me.query().catch(() => null);
  return { signedIn: me !== null };
};
