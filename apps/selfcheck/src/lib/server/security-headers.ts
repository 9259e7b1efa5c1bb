/**
 * The headers every answer of the self-check portal carries. Pages may not be kept by the browser or a proxy
 * (they hold a person's codes and who has looked at their record, and a shared phone is common), framed by
 * another site, sniffed as another type, or leak their address to other sites. Over HTTPS the browser is also
 * told to use nothing else for this site from now on. The content security policy is SvelteKit's
 * (vite.config.ts).
 */
export function securityHeaders(protocol: string): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Not `no-referrer`: with it, Chromium sends `Origin: null` with a form post even to this site, which the
    // cross-site checks (SvelteKit's and ours) rightly refuse. `same-origin` still tells no other site anything.
    'referrer-policy': 'same-origin',
  };
  if (protocol === 'https:') headers['strict-transport-security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}
