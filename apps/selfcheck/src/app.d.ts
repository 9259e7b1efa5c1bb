// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Api } from '#lib/server/api.ts';
import type { ApiProblem } from '#lib/server/api-error.ts';

declare global {
  namespace App {
    interface Error {
      status: number;
      message: string;
    }
    interface Locals {
      /** The API client for this request, carrying the session token from the cookie (if any). */
      api: Api;
      /** In the signed-in area (/my): the person signed in (hooks.server.ts checks it on every request). */
      me: Awaited<ReturnType<Api['selfcheck']['me']['query']>> | null;
      /** In the signed-in area: why `me` could not be read, when Harbour is down (not a signed-out session). */
      meProblem?: ApiProblem;
    }
  }
}

export {};
