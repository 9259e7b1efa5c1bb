import type { AppRouter } from '@harbour/api/root';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { HARBOUR_API_URL, HARBOUR_PORTAL_SECRET } from '$app/env/private';
import { PORTAL_SECRET_HEADER } from '@harbour/portal/portal-secret';

export type Api = TRPCClient<AppRouter>;

/**
 * How long a page waits for an API call, its whole answer included, before giving up: a hung API or database
 * then shows the "Sorry, there is a problem" page instead of leaving the phone waiting.
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

/** Who a request to the API comes from. */
export interface Caller {
  /** The session token (the cookie's value), or null before signing in. */
  token: () => string | null;
  /** The address the person connects from, as the portal sees it: the API uses it only to slow down guessing. */
  clientAddress: string;
  /** Correlates the portal's request with the API's logs and audit rows. */
  requestId: string;
}

/** The headers every API call carries (api-contract.md "Transport"). */
export function headersFor(caller: Caller): Record<string, string> {
  const token = caller.token();
  return {
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    'x-harbour-client-address': caller.clientAddress,
    'x-request-id': caller.requestId,
    // Without it the API ignores the address above (it cannot tell this portal from anyone else).
    ...(HARBOUR_PORTAL_SECRET === undefined ? {} : { [PORTAL_SECRET_HEADER]: HARBOUR_PORTAL_SECRET }),
  };
}

/**
 * A typed client for apps/server, made per request. Server-only (this folder): the browser never talks to the
 * API, only to the portal. The token is read at each call, so a call made after a sign-in step (which gives a
 * new token) carries the new one.
 */
export function apiFor(caller: Caller, timeoutMs = API_TIMEOUT_MS): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${HARBOUR_API_URL}/trpc`,
        headers: () => headersFor(caller),
        fetch: fetchWithTimeout(timeoutMs),
      }),
    ],
  });
}
