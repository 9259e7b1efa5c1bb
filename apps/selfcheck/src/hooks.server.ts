import type { Handle } from '@sveltejs/kit/hooks';

/**
 * Pages may not be kept by the browser or a proxy (they will hold a person's answers and plan, and a shared
 * phone is common), framed by another site, sniffed as another type, or leak their address to other sites.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('cache-control', 'no-store');
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'no-referrer');
  return response;
};
