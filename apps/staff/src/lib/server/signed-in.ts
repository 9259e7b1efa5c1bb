import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { redirect } from '@sveltejs/kit';
import { signInHref } from '#lib/sign-in-paths.ts';
import { clearSessionCookie, setSessionCookie } from './session.ts';

type SessionEvent = Pick<RequestEvent, 'cookies' | 'locals' | 'url' | 'request'> & { cookies: Cookies };

/** Starts using a new session token: in the cookie for later requests, and for this request's API calls. */
export function useSessionToken(event: SessionEvent, token: string): void {
  setSessionCookie(event.cookies, token);
  event.locals.caller.token = token;
}

/** Forgets the session: the cookie goes, and this request's API calls go without a token. */
export function forgetSession(event: SessionEvent): void {
  clearSessionCookie(event.cookies);
  event.locals.caller.token = null;
}

/**
 * Where to come back to after signing in again: this page, with its query string for a GET (filters, sort),
 * without it for a POST (whose query string names a form action).
 */
export function returnPathOf(event: Pick<RequestEvent, 'url' | 'request'>): string {
  return event.request.method === 'GET' ? `${event.url.pathname}${event.url.search}` : event.url.pathname;
}

/**
 * The session has ended (expired, revoked, the account disabled): forget it and send the person to sign in,
 * saying so, and back here afterwards. Throws.
 */
export function sessionEnded(event: SessionEvent): never {
  forgetSession(event);
  redirect(303, signInHref('/sign-in', { ended: true, next: returnPathOf(event) }));
}
