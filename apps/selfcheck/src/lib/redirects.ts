/**
 * Where the portal may send someone after they sign in: only back to a page of the signed-in area. A `next`
 * value comes from the address bar, so it is never trusted: anything that is not exactly a plain path under
 * /my ("//evil.example", "/my/../x", "https://…", "/my?x", "/my\\evil") gives the default.
 */
export const SIGNED_IN_HOME = '/my';

const SIGNED_IN_PATH = /^\/my(?:\/[a-z0-9-]+)*$/;

export function safeNext(value: string | null | undefined): string {
  if (typeof value !== 'string' || value.length > 200) return SIGNED_IN_HOME;
  return SIGNED_IN_PATH.test(value) ? value : SIGNED_IN_HOME;
}

/** The signed-in area: these pages need an active session. */
export function isSignedInArea(pathname: string): boolean {
  return pathname === '/my' || pathname.startsWith('/my/');
}

/** The sign-in page's address, with where to go afterwards when that is not the default. */
export function signInHref(options: { ended?: boolean; next?: string } = {}): string {
  const query = new URLSearchParams();
  if (options.ended) query.set('ended', '1');
  const next = safeNext(options.next);
  if (next !== SIGNED_IN_HOME) query.set('next', next);
  const search = query.toString();
  return search ? `/sign-in?${search}` : '/sign-in';
}

/** Adds `?next=` to a sign-in step's address when it is not the default. */
export function withNext(path: string, next: string): string {
  const safe = safeNext(next);
  return safe === SIGNED_IN_HOME ? path : `${path}?${new URLSearchParams({ next: safe }).toString()}`;
}
