import type { AppRouter } from '@harbour/api/root';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { HARBOUR_API_URL, HARBOUR_PORTAL_SECRET } from '$app/env/private';
import { PORTAL_SECRET_HEADER } from '@harbour/portal/portal-secret';

export type Api = TRPCClient<AppRouter>;

/**
 * How long a page waits for an API call, its whole answer included, before giving up: a hung API or database
 * then shows the 503 page ("Harbour is unavailable") instead of leaving the browser waiting.
 */
export const API_TIMEOUT_MS = 15_000;

/** `fetch` that also gives up after `timeoutMs` (with a `TimeoutError`), as well as on the caller's own signal. */
export function fetchWithTimeout(timeoutMs: number, fetchImpl: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetchImpl(input, { ...init, signal });
  };
}

/** Who a request to the portal comes from, as the API needs to know it. */
export interface Caller {
  /** Correlates the portal's and the API's logs for one request. */
  requestId: string;
  /** The session token from the cookie, or null (signing in, or not signed in). */
  token: string | null;
  /** The address the browser connects from: the API uses it only to slow down sign-in guessing. */
  clientAddress: string;
}

/** The headers every API call of this request carries. */
export function apiHeaders(caller: Caller): Record<string, string> {
  const headers: Record<string, string> = {
    'x-request-id': caller.requestId,
    'x-harbour-client-address': caller.clientAddress,
  };
  if (caller.token !== null) headers.authorization = `Bearer ${caller.token}`;
  // Without it the API ignores the address above (it cannot tell this portal from anyone else).
  if (HARBOUR_PORTAL_SECRET !== undefined) headers[PORTAL_SECRET_HEADER] = HARBOUR_PORTAL_SECRET;
  return headers;
}

/**
 * A typed client for apps/server, made per request so that each call carries this request's session.
 * Server-only (this folder): the browser never talks to the API, only to the portal, and never sees the token
 * outside its HttpOnly cookie. `token` may change during the request (each sign-in step returns a new one), so
 * the headers are read at each call.
 */
export function apiFor(caller: Caller, timeoutMs = API_TIMEOUT_MS): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${HARBOUR_API_URL}/trpc`,
        headers: () => apiHeaders(caller),
        fetch: fetchWithTimeout(timeoutMs),
      }),
    ],
  });
}
