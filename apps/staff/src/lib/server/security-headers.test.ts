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
      'max-age=31536000; includeSubDomains',
    );
    expect(securityHeaders('http:')).not.toHaveProperty('strict-transport-security');
  });

  it('never sends no-referrer, which would make the portal refuse its own forms', () => {
    expect(securityHeaders('https:')['referrer-policy']).not.toBe('no-referrer');
  });
});
