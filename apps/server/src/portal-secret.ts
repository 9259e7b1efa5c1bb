import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The portals are the API's only clients, and only they know the address a person connects from. They prove
 * who they are with a secret shared with the API (`HARBOUR_PORTAL_SECRET`, the same in all three), sent with
 * every call in this header. The address they send (`x-harbour-client-address`) counts only with it: anyone
 * else reaching the API could otherwise send a fresh address with each guess, and escape the per-address
 * sign-in throttle.
 */
export const PORTAL_SECRET_HEADER = 'x-harbour-portal-secret';
export const CLIENT_ADDRESS_HEADER = 'x-harbour-client-address';

/** The shortest secret accepted: 32 characters (`openssl rand -base64 32` gives 44). */
export const PORTAL_SECRET_MIN_LENGTH = 32;

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * True when the request carries the portals' secret. Compared in constant time, over digests so that the
 * lengths match too: how long the comparison takes tells a guesser nothing. False when no secret is set.
 */
export function fromPortal(req: IncomingMessage, secret: string | null): boolean {
  const given = req.headers[PORTAL_SECRET_HEADER];
  if (secret === null || typeof given !== 'string') return false;
  return timingSafeEqual(sha256(given), sha256(secret));
}

/**
 * The person's address, for sign-in throttling: the portal's header when the request proves it comes from a
 * portal, otherwise the connection's own address (a direct caller's header is ignored).
 */
export function clientAddressOf(req: IncomingMessage, secret: string | null): string {
  const forwarded = req.headers[CLIENT_ADDRESS_HEADER];
  if (typeof forwarded === 'string' && /^[0-9A-Fa-f:.]{2,45}$/.test(forwarded) && fromPortal(req, secret))
    return forwarded;
  return req.socket.remoteAddress ?? 'unknown';
}
