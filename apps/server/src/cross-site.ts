import type { IncomingMessage } from 'node:http';

/**
 * Refuses state-changing requests that a browser could have sent cross-site (security.md promise 8).
 * The API is called by the portals' servers, which send JSON and no Origin; a browser's forged form post
 * carries `Origin` and `Sec-Fetch-Site`, and can only use simple content types (form, multipart, text).
 * Returns why the request is refused, or null to let it through.
 */
export function crossSiteRefusal(req: IncomingMessage, allowedOrigins: readonly string[]): string | null {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return null;
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins.includes(origin)) return 'cross-origin request';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request';
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return 'requests must be application/json';
  return null;
}
