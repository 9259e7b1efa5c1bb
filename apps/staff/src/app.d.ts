// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Api, Caller } from '#lib/server/api.ts';
import type { ApiProblem } from '#lib/server/api-error.ts';
import type { AppRouter } from '@harbour/api/root';
import type { inferRouterOutputs } from '@trpc/server';

declare global {
  namespace App {
    interface Error {
      status: number;
      message: string;
      /** What the 403 page says under its heading (else it explains record access). */
      explanation?: string;
    }
    interface Locals {
      /** Who the API calls of this request are made for: the session token may change during the request. */
      caller: Caller;
      /** The API client for this request, acting with the session in `caller`. */
      api: Api;
      /** The signed-in member of staff (`account.me`), or null on the sign-in pages. */
      staff: inferRouterOutputs<AppRouter>['account']['me'] | null;
      /** Why `account.me` could not be answered (the API is down): the layout shows the error page. */
      staffProblem: ApiProblem | null;
      /** Set by a page that refuses access but still renders (the care-relationship page): answered as 403. */
      refused: boolean;
      /**
       * Set by the authenticator set-up action for the page it renders: the set-up address to show again after a
       * wrong code (so the app need not be set up again), or that set-up is done (no new secret is wanted).
       */
      enrolment: { reshowUri: string } | 'done' | null;
    }
  }
}

export {};
