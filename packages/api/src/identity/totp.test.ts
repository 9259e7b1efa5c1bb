import { base32Encode } from '@harbour/domain/base32';
import { describe, expect, it } from 'vitest';
import { matchTotp, otpauthUri, stepAt, totpCode } from './totp.ts';

// RFC 6238 appendix B, SHA-1 seed "12345678901234567890": 8-digit codes; ours are their last 6 digits.
const SEED = base32Encode(new TextEncoder().encode('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '287082'],
    [1_111_111_109, '081804'],
    [1_111_111_111, '050471'],
    [1_234_567_890, '005924'],
    [2_000_000_000, '279037'],
    [20_000_000_000, '353130'],
  ])('at %i s the code is %s', (seconds, code) => {
    expect(totpCode(SEED, stepAt(seconds * 1000))).toBe(code);
  });

  const now = 1_234_567_890_000;
  const step = stepAt(now);

  it('accepts the current code, and the codes one step either side (clock drift)', () => {
    expect(matchTotp(SEED, totpCode(SEED, step), now, null)).toBe(step);
    expect(matchTotp(SEED, totpCode(SEED, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(SEED, totpCode(SEED, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(SEED, totpCode(SEED, step - 2), now, null)).toBeNull();
    expect(matchTotp(SEED, totpCode(SEED, step + 2), now, null)).toBeNull();
  });

  it('never accepts a code for a step at or before the last one used (replay)', () => {
    expect(matchTotp(SEED, totpCode(SEED, step), now, step)).toBeNull();
    expect(matchTotp(SEED, totpCode(SEED, step - 1), now, step - 1)).toBeNull();
    expect(matchTotp(SEED, totpCode(SEED, step + 1), now, step)).toBe(step + 1);
  });

  it('ignores spaces, and refuses anything but six digits', () => {
    const code = totpCode(SEED, step);
    expect(matchTotp(SEED, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toBe(step);
    for (const typed of ['', '12345', '1234567', 'abcdef', `${code}0`])
      expect(matchTotp(SEED, typed, now, null)).toBeNull();
  });

  it('builds the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('ABC', 'sam@example.org')).toBe(
      'otpauth://totp/Harbour%3Asam%40example.org?secret=ABC&issuer=Harbour&algorithm=SHA1&digits=6&period=30',
    );
  });
});
