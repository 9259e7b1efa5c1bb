import { describe, expect, it } from 'vitest';
import { digest, normaliseCode, randomToken, readableCode } from './secrets.ts';

describe('secrets', () => {
  it('makes 256-bit URL-safe tokens, different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[\w-]{43}$/);
  });

  it('stores digests, never the secret', () => {
    expect(digest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('makes readable codes without look-alike characters, and reads them back however typed', () => {
    const code = readableCode(3);
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(normaliseCode(code.toLowerCase().replaceAll('-', ' '))).toBe(code);
    expect(normaliseCode(` ${code.replaceAll('-', '')} `)).toBe(code);
  });
});
