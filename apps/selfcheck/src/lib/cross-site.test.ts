import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './cross-site.ts';

const self = 'https://selfcheck.example';

function request(method: string, headers: Record<string, string> = {}): Request {
  return new Request(`${self}/activate`, { method, headers });
}

describe('crossSiteRefusal', () => {
  it('lets reading through, from anywhere', () => {
    expect(crossSiteRefusal(request('GET', { origin: 'https://evil.example' }), self)).toBeNull();
    expect(crossSiteRefusal(request('HEAD'), self)).toBeNull();
  });

  it("lets a change through only from this portal's own pages", () => {
    expect(
      crossSiteRefusal(request('POST', { origin: self, 'sec-fetch-site': 'same-origin' }), self),
    ).toBeNull();
    expect(crossSiteRefusal(request('POST', { origin: self }), self)).toBeNull();
  });

  it('refuses a change from another site, a hidden origin or no origin, whatever the content type', () => {
    for (const type of [
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'text/plain',
      'application/json',
    ]) {
      const headers = { 'content-type': type };
      expect(crossSiteRefusal(request('POST', { ...headers, origin: 'https://evil.example' }), self)).toBe(
        'cross-origin request',
      );
      expect(crossSiteRefusal(request('POST', { ...headers, origin: 'null' }), self)).toBe(
        'cross-origin request',
      );
      expect(crossSiteRefusal(request('POST', headers), self)).toBe('no Origin');
    }
    expect(crossSiteRefusal(request('DELETE', { origin: 'http://selfcheck.example' }), self)).toBe(
      'cross-origin request',
    );
  });

  it('refuses a same-origin header that a sibling site sent', () => {
    expect(crossSiteRefusal(request('POST', { origin: self, 'sec-fetch-site': 'same-site' }), self)).toBe(
      'cross-site request',
    );
    expect(crossSiteRefusal(request('POST', { origin: self, 'sec-fetch-site': 'cross-site' }), self)).toBe(
      'cross-site request',
    );
  });
});
