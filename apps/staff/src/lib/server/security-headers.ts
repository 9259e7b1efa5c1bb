/**
 * The headers every page of the staff portal is answered with. Every page shows personal or clinical data, so
 * none may be kept by the browser or a proxy (no-store), framed by another site, or leak its address to another
 * site. The content security policy is SvelteKit's (vite.config.ts), with a nonce per page.
 */
export function securityHeaders(protocol: string): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // The address goes to this portal only. Not `no-referrer`: under it browsers send `Origin: null` with the
    // portal's own form posts, and SvelteKit's CSRF check (rightly) refuses them.
    'referrer-policy': 'same-origin',
  };
  // Only over HTTPS (behind the TLS proxy): over plain HTTP the header means nothing and browsers ignore it.
  if (protocol === 'https:') headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
