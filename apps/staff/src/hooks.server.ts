import type { Handle } from '@sveltejs/kit/hooks';
import { apiFor } from '#lib/server/api.ts';

/**
 * Builds the API client for the request (the one place that will read the session once sign-in exists),
 * then secures the response. Every page of the staff portal shows personal or clinical data, so none may be
 * kept by the browser or a proxy (no-store), framed by another site, or leak its address to another site.
 * Static assets are served before this hook runs and keep their own caching.
 */
export const handle: Handle = async ({ event, resolve }) => {
  event.locals.api = apiFor(crypto.randomUUID());
  const response = await resolve(event);
  response.headers.set('cache-control', 'no-store');
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'no-referrer');
  return response;
};
