import type { Cookies } from '@sveltejs/kit';

/**
 * The staff portal's session cookie (security.md promise 6). `__Host-` makes the browser insist on Secure, path
 * '/' and no Domain, so no other host or path can set or read it; HttpOnly keeps it from scripts; SameSite=Lax
 * keeps it off cross-site form posts. Browsers treat http://127.0.0.1 and http://localhost as secure, so it works
 * in development and the browser tests too. The self-check portal's cookie has a different name: a session of
 * one portal is never sent to the other.
 */
export const SESSION_COOKIE = '__Host-harbour-staff';

/** The API's absolute session limit (12 hours): the browser forgets the token by then at the latest. */
export const SESSION_COOKIE_MAX_AGE_S = 12 * 60 * 60;

export interface SessionCookieOptions {
  path: '/';
  httpOnly: true;
  secure: true;
  sameSite: 'lax';
  maxAge?: number;
}

/** The cookie's attributes. No `domain`: a `__Host-` cookie must not have one. */
export function sessionCookieOptions(maxAge: number | null = SESSION_COOKIE_MAX_AGE_S): SessionCookieOptions {
  const options: SessionCookieOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' };
  if (maxAge !== null) options.maxAge = maxAge;
  return options;
}

/** Keeps the token the API returned (every step of signing in returns a new one: the old one is then dead). */
export function setSessionCookie(cookies: Pick<Cookies, 'set'>, token: string): void {
  cookies.set(SESSION_COOKIE, token, sessionCookieOptions());
}

/** Forgets the token (signed out, or the session has ended). Same attributes, or the browser ignores it. */
export function clearSessionCookie(cookies: Pick<Cookies, 'delete'>): void {
  cookies.delete(SESSION_COOKIE, sessionCookieOptions(null));
}
