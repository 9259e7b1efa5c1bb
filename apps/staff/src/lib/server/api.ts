import type { AppRouter } from '@harbour/api/root';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { HARBOUR_API_URL, HARBOUR_DEV_ACTOR } from '$app/env/private';

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

/**
 * A typed client for apps/server, made per request so that each call carries this request's identity.
 * Server-only (this folder): the browser never talks to the API, only to the portal.
 *
 * Until staff sign-in exists the portal identifies itself with the development header, which the API
 * honours only when it runs with HARBOUR_DEV_IDENTITY=1; the session token will replace it.
 */
export function apiFor(requestId: string, timeoutMs = API_TIMEOUT_MS): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${HARBOUR_API_URL}/trpc`,
        headers: () => ({ 'x-harbour-dev-actor': HARBOUR_DEV_ACTOR, 'x-request-id': requestId }),
        fetch: fetchWithTimeout(timeoutMs),
      }),
    ],
  });
}
