import type { Handle } from '@sveltejs/kit/hooks';

/** Pages may not be framed by another site, sniffed as another type, or leak their address to other sites. */
export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'no-referrer');
  return response;
};
