import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, fromPortal } from './portal-secret.ts';

const SECRET = 'a-portal-secret-of-at-least-32-characters';

function requestWith(headers: Record<string, string>): IncomingMessage {
  return { headers, socket: { remoteAddress: '10.0.0.5' } } as unknown as IncomingMessage;
}

describe('the portals’ shared secret', () => {
  it('is recognised only when it is exactly the secret', () => {
    expect(fromPortal(requestWith({ 'x-harbour-portal-secret': SECRET }), SECRET)).toBe(true);
    for (const given of ['', SECRET.slice(1), `${SECRET} `, SECRET.toUpperCase(), `${SECRET}${SECRET}`])
      expect(fromPortal(requestWith({ 'x-harbour-portal-secret': given }), SECRET)).toBe(false);
    expect(fromPortal(requestWith({}), SECRET)).toBe(false);
  });

  it('is never recognised when none is configured', () => {
    expect(fromPortal(requestWith({ 'x-harbour-portal-secret': '' }), null)).toBe(false);
  });
});

describe('the client address', () => {
  it("is the portal's header from a portal, and the connection's address from anyone else", () => {
    const header = { 'x-harbour-client-address': '203.0.113.9' };
    expect(clientAddressOf(requestWith({ ...header, 'x-harbour-portal-secret': SECRET }), SECRET)).toBe(
      '203.0.113.9',
    );
    expect(clientAddressOf(requestWith(header), SECRET)).toBe('10.0.0.5');
    expect(clientAddressOf(requestWith({ ...header, 'x-harbour-portal-secret': SECRET }), null)).toBe(
      '10.0.0.5',
    );
  });

  it('is never a header that is not an address, even from a portal', () => {
    const portal = { 'x-harbour-portal-secret': SECRET };
    for (const given of ['not an address', '1.2.3.4, 5.6.7.8', ''])
      expect(clientAddressOf(requestWith({ ...portal, 'x-harbour-client-address': given }), SECRET)).toBe(
        '10.0.0.5',
      );
  });
});
