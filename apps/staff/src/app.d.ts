// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Api } from '#lib/server/api.ts';

declare global {
  namespace App {
    interface Error {
      status: number;
      message: string;
    }
    interface Locals {
      /** The API client for this request, acting as the member of staff who made it. */
      api: Api;
    }
  }
}

export {};
