import type { Handle, ServerInit } from '@sveltejs/kit/hooks';
import { HARBOUR_PORTAL_SECRET, NODE_ENV } from '$app/env/private';
import { checkedPortalSecret } from '#lib/server/portal-secret.ts';
import { crossSiteRefusal } from '#lib/cross-site.ts';
import { isSignedInArea, signInHref } from '#lib/redirects.ts';
import { apiFor } from '#lib/server/api.ts';
import { apiProblemOf } from '#lib/server/api-error.ts';
import { SESSION_COOKIE, sessionCookieOptions, sessionToken } from '#lib/server/session.ts';

/** At start-up: a production portal without the secret shared with the API refuses to start (portal-secret.ts). */
export const init: ServerInit = () => {
  checkedPortalSecret(HARBOUR_PORTAL_SECRET, NODE_ENV);
};

/**
 * Pages may not be kept by the browser or a proxy (they hold a person's codes and who has looked at their
 * record, and a shared phone is common), framed by another site, sniffed as another type, or leak their address
 * to other sites. Over HTTPS the browser is also told to use nothing else for this site from now on.
 */
function secure(response: Response, url: URL): Response {
  response.headers.set('cache-control', 'no-store');
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('x-content-type-options', 'nosniff');
  // Not `no-referrer`: with it, Chromium sends `Origin: null` with a form post even to this site, which the
  // cross-site checks (SvelteKit's and ours) rightly refuse. `same-origin` still tells no other site anything.
  response.headers.set('referrer-policy', 'same-origin');
  if (url.protocol === 'https:')
    response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
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
