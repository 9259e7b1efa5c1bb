// Where sign-in sends people, and back. Pure, so the rules are tested as tables (sign-in-paths.test.ts).

/** The longest `next` path kept: anything longer is dropped rather than cut (a cut path could mean another page). */
const MAX_NEXT_LENGTH = 512;

/**
 * `value` if it is a safe place to return to after signing in, else null. Only a path on this portal: it starts
 * with exactly one '/', so `//evil.example` and `/\evil.example` (which browsers read as another host) are
 * refused, as are full addresses, control characters, over-long paths and the sign-in pages themselves (which
 * would loop). Resolving it against a dummy origin must keep that origin and the same path.
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NEXT_LENGTH) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: browsers strip tabs and newlines from a URL and turn '\' into '/'
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://portal.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://portal.invalid') return null;
  // Dot segments can turn a path into `//host` once resolved (`/.//evil.example`), which a browser reads as
  // another site: the resolved path must itself start with exactly one '/'.
  if (url.pathname.startsWith('//')) return null;
  if (url.pathname === '/sign-in' || url.pathname.startsWith('/sign-in/')) return null;
  if (url.pathname === '/sign-out') return null;
  return `${url.pathname}${url.search}`;
}

export interface SignInNotice {
  /** Where to go once signed in (a safe path; '/' is left out). */
  next?: string | null;
  /** The person had a session and it has ended ("Your session has ended. Sign in again."). */
  ended?: boolean;
  /** The person has just signed out ("You have signed out."). */
  signedOut?: boolean;
}

/** The address of a sign-in page (`/sign-in`, `/sign-in/code`, `/sign-in/set-up`) with its flags. */
export function signInHref(
  page: '/sign-in' | '/sign-in/code' | '/sign-in/set-up' = '/sign-in',
  notice: SignInNotice = {},
): string {
  const search = new URLSearchParams();
  if (notice.ended) search.set('ended', '1');
  if (notice.signedOut) search.set('signedOut', '1');
  const next = safeNextPath(notice.next);
  if (next !== null && next !== '/') search.set('next', next);
  const query = search.toString();
  return query === '' ? page : `${page}?${query}`;
}

/** Where to go once signed in: the safe `next` of the address, else the home page (which picks the first page). */
export function afterSignIn(search: URLSearchParams): string {
  return safeNextPath(search.get('next')) ?? '/';
}
