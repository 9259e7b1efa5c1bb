import { describe, expect, it } from 'vitest';
import { inGroupsOfFour, normaliseCode, normaliseSignInCode, secretOfOtpauthUri } from './codes.ts';

describe('normaliseCode', () => {
  it('forgives capitals, spaces and dashes', () => {
    expect(normaliseCode('abcd-efgh-jkmn')).toBe('ABCD-EFGH-JKMN');
    expect(normaliseCode(' abcd efgh jkmn ')).toBe('ABCD-EFGH-JKMN');
    expect(normaliseCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(normaliseCode('ab cd-ef—gh_jk.mn')).toBe('ABCD-EFGH-JKMN');
  });

  it('gives nothing for nothing, and keeps a short code short', () => {
    expect(normaliseCode('')).toBe('');
    expect(normaliseCode(' - ')).toBe('');
    expect(normaliseCode('abc')).toBe('ABC');
    expect(normaliseCode('abcdef')).toBe('ABCD-EF');
  });
});

describe('normaliseSignInCode', () => {
  it('keeps the 6 digits of an app code, however they were spaced', () => {
    expect(normaliseSignInCode('123456')).toBe('123456');
    expect(normaliseSignInCode(' 123 456 ')).toBe('123456');
    expect(normaliseSignInCode('123-456')).toBe('123456');
  });

  it('writes a printed code the way it is printed', () => {
    expect(normaliseSignInCode('abcd efgh jkmn')).toBe('ABCD-EFGH-JKMN');
    expect(normaliseSignInCode('')).toBe('');
  });
});

describe('inGroupsOfFour', () => {
  it('splits a setup key into groups of 4 to copy by hand', () => {
    expect(inGroupsOfFour('JBSWY3DPEHPK3PXP')).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP']);
    expect(inGroupsOfFour('jbswy3dpehpk3pxpab')).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP', 'AB']);
    expect(inGroupsOfFour('')).toEqual([]);
  });
});

describe('secretOfOtpauthUri', () => {
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('finds the key in a link the API makes', () => {
    expect(secretOfOtpauthUri(`otpauth://totp/Harbour:dean.demo?secret=${secret}&issuer=Harbour`)).toBe(
      secret,
    );
    expect(secretOfOtpauthUri(`otpauth://totp/Harbour?issuer=Harbour&secret=${secret.toLowerCase()}`)).toBe(
      secret,
    );
  });

  it('refuses anything else, so nothing else becomes a QR code', () => {
    expect(secretOfOtpauthUri('')).toBeNull();
    expect(secretOfOtpauthUri(`https://evil.example/?secret=${secret}`)).toBeNull();
    expect(secretOfOtpauthUri(`otpauth://hotp/Harbour?secret=${secret}`)).toBeNull();
    expect(secretOfOtpauthUri('otpauth://totp/Harbour?secret=not-base32!')).toBeNull();
    expect(secretOfOtpauthUri('otpauth://totp/Harbour?secret=SHORT')).toBeNull();
    expect(secretOfOtpauthUri(`otpauth://totp/Harbour?secret=${secret}&x=${'a'.repeat(600)}`)).toBeNull();
  });
});
