import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or a one-time code: 256 bits, URL-safe. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 (hex) of a high-entropy secret: how session tokens and one-time codes are stored. */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/**
 * A code a person types from paper or a screen: `groups` groups of 4 from 31 unambiguous characters (no 0/O,
 * 1/I/L). Three groups carry about 59 bits.
 */
export function readableCode(groups = 3): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let part = '';
    for (const byte of randomBytes(4)) part += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    parts.push(part);
  }
  return parts.join('-');
}

/** Normalises what a person typed for a readable code: case, spaces and dashes do not matter. */
export function normaliseCode(typed: string): string {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '');
  return bare.match(/.{1,4}/g)?.join('-') ?? '';
}
