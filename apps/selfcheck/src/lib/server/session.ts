import { redirect, type Cookies } from '@sveltejs/kit';
import { SIGNED_IN_HOME, signInHref } from '#lib/redirects.ts';
import type { Api } from './api.ts';

/**
 * The session cookie: the API's session token and nothing else. `__Host-` means the browser only accepts it
 * over HTTPS, for this host alone (no Domain) and the whole site (path '/'). HttpOnly: no script can read it.
 * SameSite=Lax: another site cannot make the browser send it with a form post. No expiry date: it goes when the
 * browser closes (a shared phone), and the API ends it sooner (30 minutes idle, 12 hours at most).
 */
export const SESSION_COOKIE = '__Host-harbour-selfcheck';

export const sessionCookieOptions = {
  path: '/',
  httpOnly: true,
  secure: true,
  sameSite: 'lax',
} as const;

export function sessionToken(cookies: Cookies): string | null {
  const value = cookies.get(SESSION_COOKIE);
  return value && value.length <= 512 ? value : null;
}

/** Keeps the token of a new session (each sign-in step gives a new one: the old one is already dead). */
export function keepSession(cookies: Cookies, token: string): void {
  cookies.set(SESSION_COOKIE, token, sessionCookieOptions);
}

export function forgetSession(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, sessionCookieOptions);
}

/**
 * The API no longer knows the session (it expired, or the account was stopped): forget it and send the person
 * to sign in again, with the message that says so. Never returns.
 */
export function sessionEnded(cookies: Cookies, next?: string): never {
  forgetSession(cookies);
  redirect(303, signInHref({ ended: true, next }));
}

/**
 * Starts a new session from nothing (activation, or the first step of signing in). If the browser still held
 * another one (someone else on a shared phone, or the same person half-way through), that one is ended at the
 * API first: only one session per browser, and none left behind to be picked up.
 */
export async function startSession(cookies: Cookies, api: Api, token: string): Promise<void> {
  if (sessionToken(cookies) !== null) await api.auth.signOut.mutate().catch(() => undefined);
  keepSession(cookies, token);
}

/**
 * A sign-in step was refused because the session is not at that step. If it is in fact signed in already (the
 * form was sent twice, or the page reloaded after it worked), carry on to their page; otherwise it has ended.
 */
export async function signedInOrEnded(cookies: Cookies, api: Api, next = SIGNED_IN_HOME): Promise<never> {
  const me = await api.selfcheck.me.query().catch(() => null);
  if (me !== null) redirect(303, next);
  sessionEnded(cookies, next);
}
