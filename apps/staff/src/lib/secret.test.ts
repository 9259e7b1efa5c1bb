import { describe, expect, it } from 'vitest';
import { groupSecret, normaliseCode, secretOfOtpauthUri } from './secret.ts';

describe('groupSecret', () => {
  it('writes a base32 secret in groups of four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });

  it('ignores padding, spaces and case', () => {
    expect(groupSecret('abcd efgh ij==')).toBe('ABCD EFGH IJ');
    expect(groupSecret('')).toBe('');
  });
});

describe('secretOfOtpauthUri', () => {
  const uri = 'otpauth://totp/Harbour:sam%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Harbour&period=30';

  it('finds the secret of a TOTP set-up address', () => {
    expect(secretOfOtpauthUri(uri)).toBe('JBSWY3DPEHPK3PXP');
  });

  it.each([
    ['https://evil.example/?secret=JBSWY3DPEHPK3PXP'],
    ['otpauth://hotp/Harbour?secret=JBSWY3DPEHPK3PXP'],
    ['otpauth://totp/Harbour?issuer=Harbour'],
    ['otpauth://totp/Harbour?secret=not-base32!'],
    ['otpauth://totp/Harbour?secret=ABC'],
    [`otpauth://totp/Harbour?secret=${'A'.repeat(600)}`],
  ])('refuses anything else: %s', (value) => {
    expect(secretOfOtpauthUri(value)).toBeNull();
  });
});

describe('normaliseCode', () => {
  it.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['123-456', '123456'],
    ['abcd-efgh-jklm', 'ABCD-EFGH-JKLM'],
    ['ABCDEFGHJKLM', 'ABCD-EFGH-JKLM'],
    [' abcd efgh jklm ', 'ABCD-EFGH-JKLM'],
    ['12345', '12345'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(normaliseCode(value)).toBe(expected);
  });
});
