/**
 * Refuses a request that changes something unless it plainly comes from this portal's own pages (security.md
 * promise 8). SvelteKit already refuses cross-site form posts (`csrf`, checked before any hook runs); this is
 * the second wall, for every other content type too: a non-GET request must carry this site's own Origin, and
 * a browser's Sec-Fetch-Site, when sent, must say same-origin. Returns why it is refused, or null.
 */
export function crossSiteRefusal(request: Request, selfOrigin: string): string | null {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return null;
  const origin = request.headers.get('origin');
  if (origin === null) return 'no Origin';
  if (origin !== selfOrigin) return 'cross-origin request';
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return 'cross-site request';
  return null;
}
