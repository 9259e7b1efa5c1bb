import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  it('keeps every page out of caches and frames, and its address from other sites', () => {
    expect(securityHeaders('http:')).toEqual({
      'cache-control': 'no-store',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    });
  });

  it('asks for HTTPS from now on (HSTS) only when the page came over HTTPS', () => {
    expect(securityHeaders('https:')['strict-transport-security']).toBe(
      'max-age=63072000; includeSubDomains',
    );
    expect(securityHeaders('http:')).not.toHaveProperty('strict-transport-security');
  });
});
