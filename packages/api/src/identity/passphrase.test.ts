import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMETERS, hashPassphrase, passphraseProblem, verifyPassphrase } from './passphrase.ts';

describe('passphrase rules', () => {
  it.each([
    ['short', /at least 12/],
    ['password1234', /too common/],
    ['Password1234', /too common/],
    ['aaaaaaaaaaaaaaaa', /too (common|easy)/],
    ['abababababababab', /too easy/],
    ['x'.repeat(129), /no more than 128/],
  ])('refuses %j', (passphrase, problem) => {
    expect(passphraseProblem(passphrase)).toMatch(problem);
  });

  it("refuses one built from the person's own sign-in name", () => {
    expect(passphraseProblem('samcarter-likes-tea', ['samcarter@example.org'])).toMatch(/name/);
  });

  it('accepts three random words', () => {
    expect(passphraseProblem('copper-window-marmalade')).toBeNull();
  });
});

describe('argon2id hashing', () => {
  it('uses at least the OWASP ASVS parameters (m = 19 MiB, t = 2, p = 1) and a fresh salt each time', async () => {
    expect(ARGON2_PARAMETERS.memory).toBeGreaterThanOrEqual(19_456);
    expect(ARGON2_PARAMETERS.passes).toBeGreaterThanOrEqual(2);
    expect(ARGON2_PARAMETERS.parallelism).toBe(1);
    const one = await hashPassphrase('copper-window-marmalade');
    const two = await hashPassphrase('copper-window-marmalade');
    expect(one).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[\w-]{22}\$[\w-]{43}$/);
    expect(one).not.toBe(two);
  });

  it('verifies the right passphrase only', async () => {
    const stored = await hashPassphrase('copper-window-marmalade');
    expect(await verifyPassphrase('copper-window-marmalade', stored)).toBe(true);
    expect(await verifyPassphrase('copper-window-marmalad', stored)).toBe(false);
    expect(await verifyPassphrase('copper-window-marmalade', 'not a hash')).toBe(false);
  });
});
