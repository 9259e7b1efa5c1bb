import { redirect } from '@sveltejs/kit';
import type { Handle, ServerInit } from '@sveltejs/kit/hooks';
import { HARBOUR_PORTAL_SECRET, NODE_ENV } from '$app/env/private';
import { checkedPortalSecret } from '@harbour/portal/portal-secret';
import { apiFor } from '#lib/server/api.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { securityHeaders } from '#lib/server/security-headers.ts';
import { SESSION_COOKIE } from '#lib/server/session.ts';
import { returnPathOf, sessionEnded } from '#lib/server/signed-in.ts';
import { signInHref } from '#lib/sign-in-paths.ts';

/** At start-up: a production portal without the secret shared with the API refuses to start (portal-secret.ts). */
export const init: ServerInit = () => {
  checkedPortalSecret(HARBOUR_PORTAL_SECRET, NODE_ENV);
};

/** Pages anyone may open: the steps of signing in. Every other route needs a signed-in member of staff. */
const publicRoutes = new Set(['/sign-in', '/sign-in/code', '/sign-in/set-up']);

/**
 * Reads the session, makes the API client for the request and checks who is signed in, then secures the
 * response. Every page but the sign-in pages needs a signed-in member of staff: without a session, or when the
 * API says it has ended (idle 30 minutes, 12 hours old, signed out elsewhere, the account disabled), the cookie
 * is deleted and the person is sent to sign in and brought back afterwards. The API checks the session again on
 * every call; this check decides what the portal shows.
 *
 * The security headers go on every answer (securityHeaders). Static assets are served before this hook runs and
 * keep their own caching. Cross-site form posts are refused by SvelteKit before this hook runs
 * (its CSRF check: `Origin` must be this portal's; vite.config.ts trusts no other origin).
 */
export const handle: Handle = async ({ event, resolve }) => {
  const token = event.cookies.get(SESSION_COOKIE) ?? null;
  event.locals.caller = { requestId: crypto.randomUUID(), token, clientAddress: event.getClientAddress() };
  event.locals.api = apiFor(event.locals.caller);
  event.locals.staff = null;
  event.locals.staffProblem = null;
  event.locals.refused = false;
  event.locals.enrolment = null;

  if (!publicRoutes.has(event.route.id ?? '')) {
    if (token === null) redirect(303, signInHref('/sign-in', { next: returnPathOf(event) }));
    try {
      event.locals.staff = await event.locals.api.account.me.query();
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) sessionEnded(event);
      // The API is down or failing: the root layout shows the error page (an error thrown here would not).
      event.locals.staffProblem = problem;
    }
  }

  let response = await resolve(event);
  if (event.locals.refused && response.status === 200 && !event.isDataRequest) {
    response = new Response(response.body, { status: 403, headers: response.headers });
  }
  for (const [name, value] of Object.entries(securityHeaders(event.url.protocol)))
    response.headers.set(name, value);
  return response;
};
