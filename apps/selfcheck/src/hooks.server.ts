import type { Handle, ServerInit } from '@sveltejs/kit/hooks';
import { HARBOUR_PORTAL_SECRET, NODE_ENV } from '$app/env/private';
import { checkedPortalSecret } from '@harbour/portal/portal-secret';
import { crossSiteRefusal } from '#lib/cross-site.ts';
import { isSignedInArea, signInHref } from '#lib/redirects.ts';
import { apiFor } from '#lib/server/api.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { securityHeaders } from '#lib/server/security-headers.ts';
import { SESSION_COOKIE, sessionCookieOptions, sessionToken } from '#lib/server/session.ts';

/** At start-up: a production portal without the secret shared with the API refuses to start (portal-secret.ts). */
export const init: ServerInit = () => {
  checkedPortalSecret(HARBOUR_PORTAL_SECRET, NODE_ENV);
};

/** The security headers (security-headers.ts) on a response the portal makes. */
function secure(response: Response, url: URL): Response {
  for (const [name, value] of Object.entries(securityHeaders(url.protocol)))
    response.headers.set(name, value);
  return response;
}

/**
 * For every request: refuse a cross-site change, build the API client (carrying the session token from the
 * cookie), and keep the signed-in area (/my) for people with an active session. No session there, or one the
 * API has ended: the cookie goes and the person is sent to sign in (told why, if they had one).
 */
export const handle: Handle = async ({ event, resolve }) => {
  const { url, cookies } = event;
  const refusal = crossSiteRefusal(event.request, url.origin);
  if (refusal !== null) return secure(new Response('Forbidden', { status: 403 }), url);

  event.locals.api = apiFor({
    token: () => sessionToken(cookies),
    clientAddress: event.getClientAddress(),
    requestId: crypto.randomUUID(),
  });
  event.locals.me = null;

  if (isSignedInArea(url.pathname)) {
    const hadSession = cookies.get(SESSION_COOKIE) !== undefined;
    const toSignIn = (ended: boolean): Response => {
      const headers = new Headers({ location: signInHref({ ended, next: url.pathname }) });
      // Not `cookies.delete`: cookies set through `event.cookies` only reach responses made by `resolve`.
      if (hadSession)
        headers.append(
          'set-cookie',
          cookies.serialize(SESSION_COOKIE, '', { ...sessionCookieOptions, maxAge: 0 }),
        );
      return secure(new Response(null, { status: 303, headers }), url);
    };
    if (sessionToken(cookies) === null) return toSignIn(hadSession);
    try {
      event.locals.me = await event.locals.api.selfcheck.me.query();
    } catch (cause) {
      const problem = apiProblemOf(cause);
      if (problem.status === 401) return toSignIn(true);
      // Harbour is down or failed: the page says so (src/routes/my/+layout.server.ts); nothing may change.
      if (event.request.method !== 'GET' && event.request.method !== 'HEAD')
        return secure(new Response(problem.message, { status: problem.status }), url);
      event.locals.meProblem = problem;
    }
  }

  return secure(await resolve(event), url);
};
