import type { AppRouter } from '@harbour/api/root';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { HARBOUR_API_URL, HARBOUR_DEV_ACTOR } from '$app/env/private';

export type Api = TRPCClient<AppRouter>;

/**
 * A typed client for apps/server, made per request so that each call carries this request's identity.
 * Server-only (this folder): the browser never talks to the API, only to the portal.
 *
 * Until staff sign-in exists the portal identifies itself with the development header, which the API
 * honours only when it runs with HARBOUR_DEV_IDENTITY=1; the session token will replace it.
 */
export function apiFor(requestId: string): Api {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${HARBOUR_API_URL}/trpc`,
        headers: () => ({ 'x-harbour-dev-actor': HARBOUR_DEV_ACTOR, 'x-request-id': requestId }),
      }),
    ],
  });
}
